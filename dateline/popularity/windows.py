"""Most Viewed windows: pre-aggregated, filtered to live stories, cached for a minute.

A page that shows the block costs one cache read (its rendered HTML); once a
minute one request recomputes: a ``top`` per window from the backend and one
query per story type (articles; galleries and videos together) for the stories.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.apps import apps
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from dateline.popularity.backends import get_backend
from dateline.popularity.conf import WINDOW_CACHE_SECONDS, WINDOWS

LIMIT = 10
# Stories fetched per window before unpublished ones are dropped and ties broken.
CANDIDATES = 50
LABELS = {"day": _("Day"), "week": _("Week"), "month": _("Month")}


# The story types that count and rank: each has a ``date``. One query per type when
# the windows are recomputed (galleries and videos share their base's table).
STORY_PAGE_TYPES = ["news.ArticlePage", "multimedia.MultimediaPage"]


def story_models() -> list:
    found = []
    for label in STORY_PAGE_TYPES:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue  # that story type's app is not installed
    return found


def _story_date(story) -> datetime:
    return story.date or story.first_published_at or datetime.min.replace(tzinfo=UTC)


def windows_compute(home_path: str, *, limit: int = LIMIT, now=None) -> dict[str, list[dict]]:
    """Each window's top live stories under an edition: most views first, then newest."""
    now = now or timezone.now()
    scores = {window: get_backend().top(window, CANDIDATES, now=now) for window in WINDOWS}
    ids = {page_id for rows in scores.values() for page_id, _views in rows}
    stories = {}
    for model in story_models() if ids else ():
        found = (
            model.objects.live()
            .filter(pk__in=ids, path__startswith=home_path)
            .defer_streamfields()
            .only("title", "url_path", "path", "depth", "date", "first_published_at", "locale")
        )
        stories.update((story.pk, story) for story in found)
    result = {}
    for window, rows in scores.items():
        ranked = sorted(
            ((views, stories[page_id]) for page_id, views in rows if page_id in stories),
            key=lambda row: (row[0], _story_date(row[1]), row[1].pk),
            reverse=True,
        )
        result[window] = [
            {"id": story.pk, "title": story.title, "url": story.get_url(), "views": views}
            for views, story in ranked[:limit]
        ]
    return result


def most_viewed(home_path: str) -> dict[str, list[dict]]:
    key = f"popularity:windows:{home_path}"
    found = cache.get(key)
    if found is None:
        found = windows_compute(home_path)
        cache.set(key, found, WINDOW_CACHE_SECONDS)
    return found


def block_html(home_path: str, *, selected: str = "day", heading: bool = True) -> str:
    """The block's HTML for an edition and language: one cache read when warm; "" when empty."""
    language = translation.get_language()
    key = f"popularity:block:{home_path}:{language}:{selected}:{int(heading)}"
    html = cache.get(key)
    if html is None:
        lists = most_viewed(home_path)
        html = ""
        if any(lists.values()):
            tabs = [
                {"key": w, "label": LABELS[w], "stories": lists[w], "selected": w == selected}
                for w in WINDOWS
            ]
            html = render_to_string(
                "popularity/most_viewed.html", {"tabs": tabs, "heading": heading}
            ).strip()
        cache.set(key, html, WINDOW_CACHE_SECONDS)
    return html


def edition_home_path(request) -> str | None:
    """The tree path of the current language's home page, for pages outside the tree."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    key = f"popularity:home-path:{site.pk}:{language}"
    path = cache.get(key)
    if path is None:
        path = (
            Page.objects.filter(
                translation_key=site.root_page.translation_key,
                locale__language_code=language,
            )
            .values_list("path", flat=True)
            .first()
        ) or ""
        cache.set(key, path, 3600)
    return path or None
