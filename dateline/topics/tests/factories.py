"""Factories for In Focus pages and the links to them.

Like the news factories, pages are created live under a parent without revisions;
``publish()`` goes through Wagtail's publishing (revisions and signals) when a test
needs it.
"""

from __future__ import annotations

import factory
import wagtail_factories

from dateline.topics.models import (
    ArticleTopic,
    HomeTopic,
    RelatedTopic,
    TopicAlias,
    TopicIndexPage,
    TopicPage,
)


def publish(page):
    """Publish through Wagtail (a revision, then the page_published signal); return it fresh."""
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "In Focus"
    slug = "in-focus"

    class Meta:
        model = TopicIndexPage


class TopicPageFactory(wagtail_factories.PageFactory):
    """A live topic; ``aliases=["..."]`` and ``related=[topic]`` go in before saving."""

    title = factory.Sequence(lambda n: f"Topic {n}")
    description = factory.LazyAttribute(lambda obj: f"What to know about {obj.title}.")
    background = "<p>Some background.</p>"

    class Meta:
        model = TopicPage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        aliases = kwargs.pop("aliases", ())
        related = kwargs.pop("related", ())
        instance = model_class(**kwargs)
        instance.other_names = [
            TopicAlias(name=name, sort_order=order) for order, name in enumerate(aliases)
        ]
        instance.related_topic_links = [
            RelatedTopic(topic=topic, sort_order=order) for order, topic in enumerate(related)
        ]
        parent.add_child(instance=instance)
        return instance


def file_under(article, *topics) -> None:
    """File ``article`` under ``topics`` (rows only, as a published article would have)."""
    start = ArticleTopic.objects.filter(page=article).count()
    ArticleTopic.objects.bulk_create(
        ArticleTopic(page=article, topic=topic, sort_order=start + order)
        for order, topic in enumerate(topics)
    )


def feature_on_home(home, *topics) -> None:
    HomeTopic.objects.bulk_create(
        HomeTopic(page=home, topic=topic, sort_order=order) for order, topic in enumerate(topics)
    )
