"""What a change to a page retires from the page cache and the front proxy.

Publishing, unpublishing, moving or deleting a page invalidates the tags its type names
(``BasePage.page_cache_purge_tags``: the page, its parent's listing, the edition's front,
tag, author and topic pages), then asks the front proxy, through Wagtail's frontend cache
module (``WAGTAILFRONTENDCACHE``, off by default), to drop the same pages' addresses.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import Q
from django.utils.encoding import iri_to_uri
from wagtail.models import Page

from dateline.core.page_cache import SITE_TAG, page_cache_invalidate

logger = logging.getLogger(__name__)
FEED_FORMATS = ("rss", "atom")
EDITION_DEPTH = 2  # an edition's home page, under the tree's root


def purge_tags(page: Page) -> list[str]:
    page = page.specific_deferred if type(page) is Page else page
    if hasattr(page, "page_cache_purge_tags"):
        return page.page_cache_purge_tags()
    return [f"page:{page.pk}", SITE_TAG]  # a page type of Wagtail's own: play safe


def page_cache_page_changed(*, page: Page) -> None:
    """``page`` was published, unpublished or is being deleted."""
    tags = purge_tags(page)
    page_cache_invalidate(*tags)
    frontend_purge(tags)


def page_cache_page_moved(*, page: Page, parent_before: Page | None) -> None:
    """``page`` moved: it leaves one listing and joins another; its old address redirects."""
    tags = purge_tags(page)
    if parent_before is not None:
        tags.append(f"children:{parent_before.path}")
    page_cache_invalidate(*tags)
    frontend_purge(tags)


def page_cache_page_refresh(*, page_id: int) -> None:
    """Something shown only on this page changed (e.g. its approved comments)."""
    tags = [f"page:{page_id}"]
    page_cache_invalidate(*tags)
    frontend_purge(tags)


def page_cache_site_changed() -> None:
    """Something every page shows changed (menu, site settings): retire every stored page.

    The front proxy is not purged page by page; its copies follow within ``s-maxage``.
    """
    page_cache_invalidate(SITE_TAG)


def frontend_purge(tags: list[str]) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = purge_urls(tags)
    if urls:
        purge_urls_from_cache(urls)


def purge_urls(tags: list[str]) -> list[str]:
    """The public addresses of what ``tags`` name: pages, listings, front pages with their
    feeds, tag and author pages with theirs, and the sitemaps."""
    kinds: dict[str, list[str]] = {}
    for tag in tags:
        kind, _sep, value = tag.partition(":")
        kinds.setdefault(kind, []).append(value)
    # ASCII digits of an id's length: isdigit() alone passes "²", which int() refuses.
    ids = [int(v) for v in kinds.get("page", []) if v.isascii() and v.isdigit() and len(v) <= 12]
    paths = kinds.get("children", []) + kinds.get("edition", [])
    pages = Page.objects.filter(Q(pk__in=ids) | Q(path__in=paths)).only(
        "path", "depth", "url_path", "locale"
    )
    urls = []
    for page in pages:
        url = page.get_full_url()
        if not url:
            continue
        urls.append(url)
        if page.path in kinds.get("edition", []):
            urls += _edition_urls(url, kinds)
        if page.depth == EDITION_DEPTH and f"page:{page.pk}" in tags:
            # An edition's home published or withdrawn changes what `/` answers its readers
            # (their edition, or English while it had none): the front proxy keeps `/` once
            # per edition, and a purge of `/` drops every copy (deploy/nginx/).
            urls.append("/".join(url.split("/", 3)[:3]) + "/")
    return list(dict.fromkeys(iri_to_uri(url) for url in urls))


def _edition_urls(home_url: str, kinds: dict[str, list[str]]) -> list[str]:
    urls = [f"{home_url}feeds/{fmt}/" for fmt in FEED_FORMATS]
    for kind, route in (("tag", "tags"), ("author", "authors")):
        for slug in kinds.get(kind, []):
            urls.append(f"{home_url}{route}/{slug}/")
            urls += [f"{home_url}feeds/{kind}/{slug}/{fmt}/" for fmt in FEED_FORMATS]
    root = home_url.split("/", 3)
    site_root = "/".join(root[:3])
    urls += [f"{site_root}/sitemap.xml", f"{site_root}/news-sitemap.xml"]
    return urls
