"""Factories for the newsroom's pages, authors and images.

Pages are created under a parent (``SectionPageFactory(parent=home)``) the way
Wagtail's ``add_child`` creates them: live, without revisions. Tests that need
Wagtail's publishing workflow (signals, redirects, scheduling) call
``save_revision().publish()`` themselves.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale

from dateline.news.models import ArticlePage, ArticlePageAuthor, Author, HomePage, SectionPage

BASE_DATE = datetime(2024, 7, 22, 9, 30, tzinfo=UTC)


def home_page() -> HomePage:
    """The English edition's home page, created by migration news.0002."""
    return HomePage.objects.get(depth=2, locale=Locale.get_default())


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def words(count: int, word: str = "word") -> str:
    return " ".join([word] * count)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    description = factory.Sequence(lambda n: f"A harbour at dusk, picture {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=64, height=36, color="steelblue")


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name, allow_unicode=True))
    role = "Correspondent"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Author


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    show_in_menus = True

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A live article; ``tags=["Water"]`` and ``authors=[author]`` go in before saving."""

    title = factory.Sequence(lambda n: f"Story number {n}")
    kicker = ""
    summary = factory.LazyAttribute(lambda obj: f"What happened in {obj.title.lower()}.")
    date = factory.Sequence(lambda n: BASE_DATE - timedelta(hours=n))
    body = factory.LazyFunction(lambda: [paragraph("The first paragraph of the story.")])

    class Meta:
        model = ArticlePage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tags = kwargs.pop("tags", ())
        authors = kwargs.pop("authors", ())
        instance = model_class(**kwargs)
        if tags:
            instance.tags.add(*tags)
        instance.article_authors = [
            ArticlePageAuthor(author=author, sort_order=order)
            for order, author in enumerate(authors)
        ]
        parent.add_child(instance=instance)
        return instance
