"""Feeds, sitemaps and robots.txt: each answer cached until something is published."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache as default_cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from dateline.core.page_cache import page_cache_depends
from dateline.syndication import cache
from dateline.syndication.editions import current_site, site_editions
from dateline.syndication.feeds import FEEDS
from dateline.syndication.sitemaps import NewsSitemap, sitemaps_for, urlset_xml

CACHED_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def cached_response(request, build: Callable[[], HttpResponse]) -> HttpResponse:
    """``build()``'s response, from the cache while nothing new is published.

    Keyed by host, path (with its language prefix) and the sitemap page ``p``: other
    query strings cannot multiply the entries.
    """
    page = request.GET.get("p", "")[:12]
    address = f"{request.get_host()}{request.path}?p={page}"
    name = "response:" + hashlib.sha256(address.encode()).hexdigest()[:40]
    page_cache_depends(cache.CACHE_TAG)
    key = cache.key(name)
    found = default_cache.get(key)
    if found is not None:
        content, headers = found
        return HttpResponse(content, headers=headers)
    response = build()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
        default_cache.set(key, (response.content, headers), cache.TIMEOUT)
    return response


@require_GET
def feed(request, fmt: str, kind: str = "site", slug: str | None = None):
    """RSS or Atom of the edition, or of one section, tag, topic or author (404 if unknown)."""
    view = FEEDS[kind](fmt)
    if kind == "site":
        return cached_response(request, lambda: view(request))
    return cached_response(request, lambda: view(request, slug=slug))


@require_GET
def sitemap_index(request):
    def build():
        return sitemap_views.index(
            request,
            sitemaps_for(site_editions(current_site(request))),
            sitemap_url_name="syndication_sitemap",
        )

    return cached_response(request, build)


@require_GET
def sitemap(request, section: str):
    def build():
        # Django's view picks the page and the Last-Modified header; the XML is written by
        # urlset_xml, not a template (10,000 URLs through the template engine took ~1 s).
        found = sitemap_views.sitemap(
            request, sitemaps_for(site_editions(current_site(request))), section=section
        )
        response = HttpResponse(
            urlset_xml(found.context_data["urlset"]), content_type="application/xml"
        )
        if found.has_header("Last-Modified"):
            response["Last-Modified"] = found["Last-Modified"]
        return response

    return cached_response(request, build)


@require_GET
def news_sitemap(request):
    def build():
        news = NewsSitemap(site_editions(current_site(request)))
        return sitemap_views.sitemap(
            request, {"news": news}, template_name="syndication/news_sitemap.xml"
        )

    return cached_response(request, build)


def _edition_paths(route: str) -> list[str]:
    """``route`` under each language's prefix: /search/, /ar/search/, /fa/search/."""
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("wagtail_serve", args=("",)) + route)
    return paths


def _prefix(name: str, *args) -> list[str]:
    """The fixed part of a URL pattern, e.g. /comments/ of /comments/<id>/, per language."""
    found = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                path = reverse(name, args=args)
            except NoReverseMatch:
                continue
        prefix = path[: path.rstrip("/").rfind("/") + 1] if args else path
        if prefix not in found:
            found.append(prefix)
    return found


@require_GET
def robots_txt(request):
    disallow = [
        reverse("wagtailadmin_home"),
        reverse("edition_choose"),
        "/django-admin/",
        *_prefix("popularity:beacon"),
        *_edition_paths("search/"),
        *_prefix("comments:post", 0),
    ]
    sitemaps = [
        request.build_absolute_uri(reverse("syndication_sitemap_index")),
        request.build_absolute_uri(reverse("syndication_news_sitemap")),
    ]
    return render(
        request,
        "syndication/robots.txt",
        {"disallow": disallow, "sitemaps": sitemaps},
        content_type="text/plain; charset=utf-8",
    )
