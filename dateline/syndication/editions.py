"""A site's editions (one home page per language) and absolute URLs built from ``url_path``.

Feeds and sitemaps list thousands of pages; Wagtail's ``page.full_url`` is correct but
works one page at a time. Here a URL is the edition's root URL and language prefix plus
the page's ``url_path`` below the edition home: string work, no query per page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from dateline.syndication import cache


@dataclass(frozen=True)
class Edition:
    """One language's home page on a site, as plain values (cacheable)."""

    site_id: int
    site_name: str
    hostname: str
    root_url: str
    home_id: int
    title: str
    path: str
    depth: int
    url_path: str
    locale_id: int
    language: str
    prefix: str  # "/" for the first edition, "/ar/" ...

    @property
    def home_url(self) -> str:
        return self.root_url + self.prefix

    def url(self, url_path: str) -> str:
        """The absolute URL of a page of this edition, from its ``url_path``."""
        return self.root_url + self.prefix + url_path[len(self.url_path) :]

    def route_url(self, route: str) -> str:
        """The absolute URL of a route below the edition home, e.g. ``tags/water/``."""
        return self.home_url + route


def site_name(site: Site) -> str:
    return site.site_name or settings.WAGTAIL_SITE_NAME


def _language_prefix(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=("",))


def site_editions(site: Site) -> list[Edition]:
    """The site's live edition homes (its root page and the root's translations), cached."""

    def load() -> list[Edition]:
        translation_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        homes = (
            Page.objects.live()
            .filter(translation_key__in=translation_key)
            .order_by("path")
            .values(
                "pk", "title", "path", "depth", "url_path", "locale_id", "locale__language_code"
            )
        )
        return [
            Edition(
                site_id=site.pk,
                site_name=site_name(site),
                hostname=site.hostname,
                root_url=site.root_url,
                home_id=home["pk"],
                title=home["title"],
                path=home["path"],
                depth=home["depth"],
                url_path=home["url_path"],
                locale_id=home["locale_id"],
                language=home["locale__language_code"],
                prefix=_language_prefix(home["locale__language_code"]),
            )
            for home in homes
        ]

    return cache.remember(f"editions:{site.pk}", load)


def current_site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site answers at this address")
    return site


def current_edition(request) -> Edition:
    """The edition of the request's site in the active language; 404 when it has none."""
    language = get_supported_content_language_variant(translation.get_language())
    for edition in site_editions(current_site(request)):
        if edition.language == language:
            return edition
    raise Http404("No edition in this language")


def edition_of(editions: list[Edition], url_path: str) -> Edition | None:
    """The edition a page belongs to, by its ``url_path``."""
    for edition in editions:
        if url_path.startswith(edition.url_path):
            return edition
    return None
