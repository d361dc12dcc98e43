"""The Arabic and Persian editions of the demo newsroom, and one story in all three.

Each edition is a translation of the English home page (same ``translation_key``, its own
locale), as Wagtail's copy-for-translation makes them; its sections translate the English
ones, so the language switcher on a section lands on the same section. The edition's
stories are its own, apart from ``SHARED_STORY``. In Focus topics, Editor's Choice and
Most Viewed views are added per edition when those apps are installed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from html import escape

from django.apps import apps
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from dateline.news.demo.editions_text import EDITIONS, SECTION_SLUGS, SHARED_STORY
from dateline.news.models import ArticlePage, ArticlePageAuthor, Author, HomePage, SectionPage


def _publish(page) -> None:
    page.save_revision().publish(log_action=False)


def _paragraphs(paragraphs: list[str]) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in paragraphs]


def _story(*, words: dict, slug: str, date: datetime, image, authors, **extra) -> ArticlePage:
    story = ArticlePage(
        title=words["title"],
        slug=slug,
        summary=words["summary"],
        date=date,
        first_published_at=date,
        image=image,
        body=_paragraphs(words["body"]),
        **extra,
    )
    story.article_authors = [
        ArticlePageAuthor(author=author, sort_order=order) for order, author in enumerate(authors)
    ]
    return story


@transaction.atomic
def demo_editions(*, home: HomePage, seed: int, now: datetime) -> dict:
    """Add the Arabic and Persian editions beside ``home`` (the English one)."""
    rng = random.Random(seed)  # noqa: S311 - invented demo content, not security
    images = list(get_image_model().objects.order_by("pk")[:16])
    english_sections = {s.slug: s for s in SectionPage.objects.child_of(home)}
    english_authors = list(Author.objects.filter(locale=home.locale).order_by("pk")[:2])
    shared = _shared_english(home, english_sections, english_authors, images, now)
    made = {"editions": 0, "stories": 1}
    for language, words in EDITIONS.items():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        edition = _edition_home(home, locale, words)
        sections = {}
        for slug in SECTION_SLUGS:
            title, summary = words["sections"][slug]
            section = SectionPage(
                title=title,
                slug=slug,
                summary=summary,
                show_in_menus=True,
                locale=locale,
                translation_key=english_sections[slug].translation_key,
            )
            edition.add_child(instance=section)
            _publish(section)
            sections[slug] = section
        authors = [
            Author.objects.create(
                name=name,
                slug=english.slug,
                role=role,
                bio=bio,
                photo=english.photo,
                locale=locale,
                translation_key=english.translation_key,
            )
            for english, (name, role, bio) in zip(english_authors, words["authors"], strict=False)
        ]
        stories = []
        for number, story_words in enumerate(words["stories"]):
            story = _story(
                words=story_words,
                slug=f"story-{number + 1}",
                date=now - timedelta(hours=6 + 20 * number),
                image=images[rng.randrange(len(images))] if images else None,
                authors=[authors[number % len(authors)]],
            )
            sections[story_words["section"]].add_child(instance=story)
            _publish(story)
            stories.append(story)
        translated = _story(
            words=SHARED_STORY[language],
            slug=shared.slug,
            date=shared.date,
            image=shared.image,
            authors=authors[:1],
            locale=locale,
            translation_key=shared.translation_key,
        )
        sections[SHARED_STORY["section"]].add_child(instance=translated)
        _publish(translated)
        stories.append(translated)
        _edition_extras(edition, words, stories, seed=seed, now=now)
        made["editions"] += 1
        made["stories"] += len(stories)
    return made


def _shared_english(home, sections, authors, images, now) -> ArticlePage:
    story = _story(
        words=SHARED_STORY["en"],
        slug=SHARED_STORY["slug"],
        date=now - timedelta(hours=2),
        image=images[0] if images else None,
        authors=authors[:1],
    )
    sections[SHARED_STORY["section"]].add_child(instance=story)
    _publish(story)
    return story


def _edition_home(home: HomePage, locale: Locale, words: dict) -> HomePage:
    edition = HomePage(
        title=words["home"]["title"],
        slug=f"{home.slug}-{locale.language_code}",
        summary=words["home"]["summary"],
        locale=locale,
        translation_key=home.translation_key,
        stories_per_section=home.stories_per_section,
    )
    Page.get_first_root_node().add_child(instance=edition)
    _publish(edition)
    return edition


def _edition_extras(edition: HomePage, words: dict, stories: list, *, seed: int, now) -> None:
    """In Focus, Editor's Choice and Most Viewed for one edition, where installed."""
    if apps.is_installed("dateline.topics"):
        _edition_topics(edition, words, stories)
    if apps.is_installed("dateline.curation"):
        from dateline.curation.demo import demo_edition_picks

        demo_edition_picks(home=edition, stories=stories)
    if apps.is_installed("dateline.popularity"):
        from dateline.popularity.demo import demo_views

        demo_views(home=edition, seed=seed, now=now)


def _edition_topics(edition: HomePage, words: dict, stories: list) -> None:
    from dateline.topics.models import ArticleTopic, HomeTopic, TopicIndexPage, TopicPage

    english_index = TopicIndexPage.objects.filter(locale_id=Locale.get_default().pk).first()
    index = TopicIndexPage(
        show_in_menus=True,
        slug=english_index.slug if english_index else "in-focus",
        locale=edition.locale,
        **words["index"],
        **({"translation_key": english_index.translation_key} if english_index else {}),
    )
    edition.add_child(instance=index)
    _publish(index)
    topics = []
    for number, spec in enumerate(words["topics"]):
        topic = TopicPage(
            title=spec["name"],
            slug=f"topic-{number + 1}",
            description=spec["description"],
            background=f"<p>{escape(spec['background'])}</p>",
        )
        index.add_child(instance=topic)
        _publish(topic)
        topics.append(topic)
    for story in stories:
        mentioned = [t for t in topics if t.title in f"{story.title} {story.summary}"]
        if mentioned:
            story.article_topics = [
                ArticleTopic(topic=topic, sort_order=order) for order, topic in enumerate(mentioned)
            ]
            _publish(story)
    edition = HomePage.objects.get(pk=edition.pk)
    edition.focus_topics = [HomeTopic(topic=t, sort_order=n) for n, t in enumerate(topics)]
    _publish(edition)
