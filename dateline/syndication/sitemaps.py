"""Sitemaps for search engines: stories (paged, with their lead images), sections, In Focus
topics and every other page, plus the Google News sitemap of the last 48 hours.

Built for archives of 100,000+ stories: each sitemap page is one query of plain values
(no page objects, no ``.specific``), and each URL is string work on ``url_path``
(``Edition.url``). Django's ``Sitemap`` does the paging, lastmod and the index.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from datetime import timedelta
from functools import reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.core.files.storage import default_storage
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page, PageViewRestriction

from dateline.news.models import ArticlePage, SectionPage
from dateline.syndication import cache
from dateline.syndication.editions import Edition, edition_of

STORIES_PER_SITEMAP = 10_000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000


def restricted_paths() -> list[str]:
    """Tree paths of pages behind a password or login: they and their subpages stay out."""
    return cache.remember(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


class PageSitemap(Sitemap, ABC):
    """Live, public pages of a site's editions, as values; subclasses pick the pages."""

    limit = STORIES_PER_SITEMAP
    fields = ("url_path", "last_published_at", "translation_key")

    def __init__(self, editions: list[Edition]):
        self.editions = editions

    @abstractmethod
    def pages(self):
        """The page queryset this sitemap lists (live and public pages are kept)."""

    def items(self):
        if not self.editions:
            return Page.objects.none().values(*self.fields)
        in_editions = reduce(or_, (Q(path__startswith=e.path) for e in self.editions))
        queryset = self.pages().live().filter(in_editions)
        for path in restricted_paths():
            queryset = queryset.exclude(path__startswith=path)
        # pk order: a stable order for paging, served by the primary key
        return queryset.order_by("pk").values(*self.fields)

    def get_urls(self, page=1, site=None, protocol=None):
        # the Wagtail site's root URL, as in canonical links (not the request's host)
        root_url = self.editions[0].root_url if self.editions else ""
        scheme, _, domain = root_url.partition("://")
        return self._urls(page, protocol or scheme or "http", domain)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        self._add_alternates(urls, f"{protocol}://{domain}")
        return urls

    def _add_alternates(self, urls: list[dict], root_url: str) -> None:
        """Each URL's translations as ``hreflang`` alternates (one query per sitemap page):
        the page in every edition that has it, and ``x-default``, the first edition's."""
        keys = {url["item"]["translation_key"] for url in urls}
        found: dict = {}
        for key, url_path in self._translations():
            if key in keys:
                edition = edition_of(self.editions, url_path)
                if edition is not None:
                    found.setdefault(key, {})[edition.language] = edition.url(url_path)
        for url in urls:
            versions = found.get(url["item"]["translation_key"], {})
            if len(versions) < 2:
                continue
            url["alternates"] = [
                {"lang_code": language, "location": location}
                for language, location in versions.items()
            ]
            if settings.LANGUAGE_CODE in versions:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]}
                )

    @staticmethod
    def _translations():
        """(translation key, url_path) of every live page that may have a translation.

        A translated story has a version outside the first edition (a key is unique per
        locale), so the pages sharing a key with a live page of another edition are all of
        them: one query whose size follows the other editions, not the archive (asking for
        10,000 keys one by one took ~0.5 s on SQLite).
        """
        others = Page.objects.live().filter(
            locale__in=Locale.objects.exclude(language_code=settings.LANGUAGE_CODE)
        )
        return (
            Page.objects.live()
            .filter(translation_key__in=others.order_by().values("translation_key"))
            .order_by("path")
            .values_list("translation_key", "url_path")
        )

    def get_latest_lastmod(self):
        # one aggregate query; Django's default reads every item
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def location(self, item) -> str:
        edition = edition_of(self.editions, item["url_path"])
        if edition is None:  # cannot happen for pages under the editions; keep the URL valid
            return "/"
        return edition.url(item["url_path"])[len(edition.root_url) :]

    def lastmod(self, item):
        return item["last_published_at"]


class StorySitemap(PageSitemap):
    fields = ("url_path", "last_published_at", "translation_key", "image__file")

    def pages(self):
        return ArticlePage.objects.all()

    def image(self, item) -> dict | None:
        """The lead image's original file (Google's image sitemaps take only its URL now)."""
        if not item["image__file"]:
            return None
        url = default_storage.url(item["image__file"])
        if url.startswith("/"):
            url = self.editions[0].root_url + url
        return {"url": url}

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["image"] = self.image(url["item"])
        return urls


class MultimediaSitemap(StorySitemap):
    """Galleries and videos, with their cover pictures."""

    def pages(self):
        return apps.get_model("multimedia", "MultimediaPage").objects.all()


class SectionSitemap(PageSitemap):
    def pages(self):
        return SectionPage.objects.all()


class TopicSitemap(PageSitemap):
    def pages(self):
        return apps.get_model("topics", "TopicPage").objects.all()


class OtherPageSitemap(PageSitemap):
    """Every page not in another sitemap: edition homes, the In Focus index, and so on."""

    def pages(self):
        listed = [ArticlePage, SectionPage, apps.get_model("topics", "TopicPage")]
        if apps.is_installed("dateline.multimedia"):
            listed += [
                apps.get_model("multimedia", "GalleryPage"),
                apps.get_model("multimedia", "VideoPage"),
            ]
        if apps.is_installed("dateline.maps"):
            listed.append(apps.get_model("maps", "MapPage"))  # in the multimedia sitemap
        content_types = ContentType.objects.get_for_models(*listed).values()
        return Page.objects.exclude(content_type__in=content_types)


class NewsSitemap(StorySitemap):
    """Google News: the stories of the last 48 hours, newest first, at most 1,000."""

    limit = NEWS_LIMIT
    fields = ("url_path", "last_published_at", "title", "date", "first_published_at")

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            super().items().filter(date__gte=since).order_by(F("date").desc(), "-pk")[: self.limit]
        )

    def _urls(self, page, protocol, domain):
        urls = Sitemap._urls(self, page, protocol, domain)
        for url in urls:
            item = url["item"]
            url["news"] = {
                "language": edition_of(self.editions, item["url_path"]).language,
                "name": self.editions[0].site_name,
                "date": item["date"] or item["first_published_at"],
                "title": item["title"],
            }
        return urls


def sitemaps_for(editions: list[Edition]) -> dict[str, Sitemap]:
    return {
        "pages": OtherPageSitemap(editions),
        "sections": SectionSitemap(editions),
        "topics": TopicSitemap(editions),
        "stories": StorySitemap(editions),
        **(
            {"multimedia": MultimediaSitemap(editions)}
            if apps.is_installed("dateline.multimedia")
            else {}
        ),
    }


URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)


def _lastmod(value) -> str:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def urlset_xml(urls: list[dict]) -> str:
    """A sitemap page's ``<urlset>``: each URL's location, lastmod, ``hreflang`` alternates and
    lead image, escaped as the template engine would (written in Python: 10,000 URLs)."""
    parts = [URLSET_OPEN]
    add = parts.append
    for url in urls:
        add(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            add(f"<lastmod>{_lastmod(url['lastmod'])}</lastmod>")
        for alternate in url.get("alternates") or ():
            add(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}"'
                f' href="{escape(alternate["location"])}"/>'
            )
        if url.get("image"):
            add(f"<image:image><image:loc>{escape(url['image']['url'])}</image:loc></image:image>")
        add("</url>")
    add("</urlset>\n")
    return "".join(parts)
