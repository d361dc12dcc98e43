"""Create the demo newsroom through Wagtail's API, as editors would."""

from __future__ import annotations

import os
import random
from datetime import datetime, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from wagtail.models import Locale, Site

from dateline.core.models import SiteSettings
from dateline.news.demo import content, text
from dateline.news.demo.editions import demo_editions
from dateline.news.demo.images import demo_images
from dateline.news.models import ArticlePage, ArticlePageAuthor, Author, HomePage, SectionPage

DEMO_EDITOR = ("editor", "dateline-demo")


def demo_extensions() -> list:
    """Each app's own demo content: the dotted path in its AppConfig's ``demo_content``.

    Apps run in INSTALLED_APPS order, after the news newsroom exists; each is called
    with ``home``, ``seed`` and ``now`` and must be deterministic for a seed.
    """
    paths = [getattr(config, "demo_content", "") for config in apps.get_app_configs()]
    return [import_string(path) for path in paths if path]


def demo_exists() -> bool:
    return SectionPage.objects.exists() or ArticlePage.objects.exists()


def home_page() -> HomePage:
    locale = Locale.get_default()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        raise RuntimeError("No home page: run 'dateline migrate' first.")
    return home


def _publish(page) -> None:
    page.save_revision().publish(log_action=False)


def _editor():
    username, password = DEMO_EDITOR
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "email": "editor@example.org",
            "first_name": "Demo",
            "last_name": "Editor",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(password)
        user.save()
    return user


@transaction.atomic
def demo_create(
    *,
    seed: int = 2024,
    articles: int = 120,
    days: int = 90,
    now: datetime | None = None,
    editions: bool = False,
) -> dict:
    """Build the demo newsroom on an empty site; return what was made.

    ``editions`` adds the Arabic and Persian editions (``dateline demo`` does); tests that
    need only the English newsroom leave them out and build faster.
    """
    if demo_exists():
        raise RuntimeError("The site already has sections or articles; the demo is not added.")
    rng = random.Random(seed)
    now = now or timezone.now()
    home = home_page()
    home.title = "Dateline"
    home.summary = "Independent news and analysis from a region we invented for this demo."
    _publish(home)
    site = Site.objects.get(root_page=home)
    # `make run` serves on 127.0.0.1:$PORT; canonical and feed URLs use the site's host.
    site.hostname, site.port = "127.0.0.1", int(os.environ.get("PORT", "8000"))
    site.site_name = "Dateline"
    site.save()
    SiteSettings.objects.update_or_create(
        site=site, defaults={"tagline": "News & Analysis", "dateline_prefix": "Dateline"}
    )

    images = demo_images(rng, 16)
    authors = [
        Author.objects.create(
            name=name,
            slug=slugify(name),
            role=role,
            bio=bio,
            photo=images[index % len(images)],
            locale=home.locale,
        )
        for index, (name, role, bio) in enumerate(content.AUTHORS)
    ]
    sections = []
    for title, slug, summary in content.SECTIONS:
        section = SectionPage(title=title, slug=slug, summary=summary, show_in_menus=True)
        home.add_child(instance=section)
        _publish(section)
        sections.append(section)

    slugs_used: set[tuple[int, str]] = set()
    titles_used: set[str] = set()
    for number in range(articles):
        section = sections[number % len(sections)]
        section_slug = content.SECTIONS[number % len(sections)][1]
        title, place, place2 = text.headline(rng, section_slug)
        for _ in range(50):  # readers should never see two stories with one headline
            if title not in titles_used:
                break
            title, place, place2 = text.headline(rng, section_slug)
        titles_used.add(title)
        slug = slugify(title)[:80]
        while (section.pk, slug) in slugs_used:
            slug = f"{slug[:76]}-{rng.randint(10, 99)}"
        slugs_used.add((section.pk, slug))
        # Oldest first, inside the window: half a slot's margin keeps the added
        # minutes from pushing the first story past `days` ago.
        date = now - timedelta(
            days=days * (articles - number - 0.5) / articles, minutes=rng.randint(0, 59)
        )
        image = images[rng.randrange(len(images))]
        article = ArticlePage(
            title=title,
            slug=slug,
            kicker=rng.choice(content.KICKERS),
            summary=text.summary(rng, place, place2),
            date=date,
            first_published_at=date,
            image=image,
            image_caption=f"A view over {place}.",
            image_credit="Dateline demo",
            body=text.body_stream(rng, place, place2, image=images[rng.randrange(len(images))]),
        )
        article.tags.add(*rng.sample(content.TAGS, rng.randint(2, 4)))
        article.article_authors = [
            ArticlePageAuthor(author=author, sort_order=order)
            for order, author in enumerate(rng.sample(authors, rng.choice([1, 1, 1, 2])))
        ]
        section.add_child(instance=article)
        _publish(article)

    _editor()
    for extend in demo_extensions():
        extend(home=home, seed=seed, now=now)
    made = demo_editions(home=home, seed=seed, now=now) if editions else {"editions": 0}
    return {
        "editions": 1 + made["editions"],
        "sections": len(sections),
        "articles": articles,
        "authors": len(authors),
        "images": len(images),
    }
