"""Cached reads that every story or the front page needs: no query when warm.

Each cache has a version key; publishing, unpublishing, deleting or moving what it
shows bumps the version (signal_handlers.py), so stale entries are never read again
and expire on their own. The glossary terms are kept per locale (an edition's
topics), the front page block per home page and language.
"""

from __future__ import annotations

import time

from django.apps import apps
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from dateline.topics.glossary import Term

GLOSSARY_VERSION_KEY = "topics:glossary-version"
HOME_BLOCK_VERSION_KEY = "topics:home-block-version"
TIMEOUT = 24 * 3600


def _version(key: str) -> int:
    return cache.get_or_set(key, time.time_ns, None)


def glossary_invalidate() -> None:
    cache.set(GLOSSARY_VERSION_KEY, time.time_ns(), None)


def home_block_invalidate() -> None:
    cache.set(HOME_BLOCK_VERSION_KEY, time.time_ns(), None)


def glossary_terms(locale_id: int) -> tuple[Term, ...]:
    """Every live topic of the locale, with its names, URL and short description."""
    key = f"topics:glossary:{locale_id}:{_version(GLOSSARY_VERSION_KEY)}"
    terms = cache.get(key)
    if terms is None:
        topics = (
            apps.get_model("topics", "TopicPage")
            .objects.live()
            .filter(locale_id=locale_id)
            .prefetch_related("other_names")
            .order_by("path")
        )
        terms = tuple(
            Term(
                key=topic.pk,
                names=(topic.title, *(alias.name for alias in topic.other_names.all())),
                url=topic.url or "",
                description=topic.description,
            )
            for topic in topics
        )
        cache.set(key, terms, TIMEOUT)
    return terms


def home_block(home) -> str:
    """The front page's In Focus block as HTML; empty when editors chose no live topic."""
    language = translation.get_language() or ""
    key = f"topics:home-block:{home.pk}:{language}:{_version(HOME_BLOCK_VERSION_KEY)}"
    html = cache.get(key)
    if html is None:
        links = (
            apps.get_model("topics", "HomeTopic")
            .objects.filter(page_id=home.pk, topic__live=True)
            .select_related("topic")
            .order_by("sort_order", "pk")
        )
        topics, seen = [], set()
        for topic in (link.topic for link in links):
            if topic.pk not in seen:
                seen.add(topic.pk)
                topics.append(
                    {"title": topic.title, "url": topic.url, "description": topic.description}
                )
        index = (
            apps.get_model("topics", "TopicIndexPage").objects.live().child_of(home).first()
            if topics
            else None
        )
        context = {"topics": topics, "index_url": index.url if index else ""}
        html = render_to_string("topics/home_block.html", context).strip() if topics else ""
        cache.set(key, html, TIMEOUT)
    return html
