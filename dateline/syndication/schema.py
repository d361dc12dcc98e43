"""schema.org objects (JSON-LD) for search engines: the publisher, stories, breadcrumbs.

Page types contribute their own objects through ``structured_data(request)`` (core's
BasePage returns none; ArticlePage returns a NewsArticle, HomePage the Organization and
WebSite); the ``page_meta`` tag adds the BreadcrumbList every page but the home gets.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import quote

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from dateline.core.site_settings import site_settings_for
from dateline.syndication import cache
from dateline.syndication.editions import Edition, edition_of, site_editions, site_name
from dateline.syndication.images import share_rendition
from dateline.syndication.models import SyndicationSettings

CONTEXT = "https://schema.org"
LOGO_SPEC = "max-600x600"
DEFAULT_LOGO = ("dateline/img/logo.png", 512, 512)
# the escapes of Django's json_script: no "</script>" or "<!--" can close the element early
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` element, safe for any text in ``data``.

    ``<``, ``>`` and ``&`` become ``\\u003C``... as in Django's ``json_script``, so no
    headline can close the element early; ``json_ld_script`` wraps it.
    """
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def json_ld_script(text: str) -> SafeString:
    # ``text`` comes from json_ld(), which escaped every character that could end the element
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def absolute(url: str, root_url: str) -> str:
    return root_url + url if url.startswith("/") else url


def page_edition(page: Page, request) -> Edition | None:
    site = Site.find_for_request(request)
    if site is None or not page.url_path:
        return None
    return edition_of(site_editions(site), page.url_path)


def logo(site: Site, root_url: str) -> dict:
    """The publisher's logo as an ImageObject: the site setting's picture or the built-in one."""

    def load() -> dict:
        settings = site_settings_for(site, SyndicationSettings)
        rendition = None
        if settings.logo_id:
            image = settings._meta.get_field("logo").related_model.objects.get(pk=settings.logo_id)
            try:
                rendition = image.get_rendition(LOGO_SPEC)
            except OSError:
                rendition = None
        if rendition is not None:
            url, width, height = rendition.url, rendition.width, rendition.height
        else:
            path, width, height = DEFAULT_LOGO
            url = static(path)
        return {"@type": "ImageObject", "url": url, "width": width, "height": height}

    found = dict(cache.remember(f"logo:{site.pk}", load))
    found["url"] = absolute(found["url"], root_url)
    return found


def organization(edition: Edition, site: Site) -> dict:
    return {
        "@type": "Organization",
        "name": edition.site_name or site_name(site),
        "url": edition.home_url,
        "logo": logo(site, edition.root_url),
    }


def home_data(page: Page, request) -> list[dict]:
    """The front page: who publishes the site, and how to search it."""
    edition = page_edition(page, request)
    if edition is None:
        return []
    site = Site.find_for_request(request)
    search = edition.route_url("search/") + "?q={search_term_string}"
    return [
        {"@context": CONTEXT, **organization(edition, site)},
        {
            "@context": CONTEXT,
            "@type": "WebSite",
            "name": edition.site_name,
            "url": edition.home_url,
            "inLanguage": edition.language,
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": search},
                "query-input": "required name=search_term_string",
            },
        },
    ]


def ancestors(page: Page, edition: Edition) -> list[dict]:
    """Title and url_path of the pages from the edition home down to ``page``.

    The home comes from the edition and the page is at hand, so a section costs no
    query and a story one (its section), whatever the depth of the archive.
    """
    if not hasattr(page, "_syndication_ancestors"):
        home = {"title": edition.site_name, "url_path": edition.url_path}
        paths = [
            page.path[: Page.steplen * depth] for depth in range(edition.depth + 1, page.depth)
        ]
        # A story routed through its section has it at hand (TypedChildRouteMixin).
        parent = getattr(page, "_cached_parent_obj", None)
        if parent is not None and paths == [parent.path]:
            between = [{"title": parent.title, "url_path": parent.url_path}]
        elif paths:
            between = list(
                Page.objects.filter(path__in=paths).order_by("path").values("title", "url_path")
            )
        else:
            between = []
        this = (
            []
            if page.depth <= edition.depth
            else [{"title": page.title, "url_path": page.url_path}]
        )
        page._syndication_ancestors = [home, *between, *this]
    return page._syndication_ancestors


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList from (name, absolute URL) pairs, home first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, 1)
        ],
    }


def page_trail(page: Page, edition: Edition) -> list[tuple[str, str]]:
    return [(row["title"], edition.url(row["url_path"])) for row in ancestors(page, edition)]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def news_article(page, request) -> list[dict]:
    """A story as a schema.org NewsArticle (Google's required and recommended fields)."""
    edition = page_edition(page, request)
    if edition is None:
        return []
    # the byline and tags the page loaded for its own template (ArticlePage.story_authors)
    authors = page.story_authors
    tags = page.story_tags
    site = Site.find_for_request(request)
    url = edition.url(page.url_path)
    trail = page_trail(page, edition)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.meta_description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(page.display_date),
        "dateModified": _iso(page.last_published_at or page.display_date),
        "inLanguage": edition.language,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": edition.route_url(f"authors/{quote(author.slug)}/"),
            }
            for author in authors
        ],
        "publisher": organization(edition, site),
    }
    if len(trail) > 2:
        data["articleSection"] = trail[-2][0]
    if tags:
        data["keywords"] = ", ".join(tag.name for tag in tags)
    rendition = share_rendition(page.image)
    if rendition is not None:
        data["image"] = [absolute(rendition.url, edition.root_url)]
    return [data]


def _media_story(page, request, schema_type: str) -> tuple[dict, Edition] | None:
    """What galleries and videos share: name, description, dates, publisher, picture."""
    edition = page_edition(page, request)
    if edition is None:
        return None
    url = edition.url(page.url_path)
    data = {
        "@context": CONTEXT,
        "@type": schema_type,
        "name": page.title,
        "description": page.meta_description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(page.display_date),
        "dateModified": _iso(page.last_published_at or page.display_date),
        "inLanguage": edition.language,
        "publisher": organization(edition, Site.find_for_request(request)),
    }
    rendition = share_rendition(page.image)
    if rendition is not None:
        data["image"] = [absolute(rendition.url, edition.root_url)]
    return data, edition


def image_gallery(page, photos, request) -> list[dict]:
    """A gallery as a schema.org ImageGallery, each photo an ImageObject with its caption."""
    found = _media_story(page, request, "ImageGallery")
    if found is None:
        return []
    data, edition = found
    data["associatedMedia"] = [
        {
            "@type": "ImageObject",
            "contentUrl": absolute(photo.image.file.url, edition.root_url),
            "caption": photo.caption,
            "creditText": photo.credit,
        }
        for photo in photos
        if photo.image
    ]
    return [data]


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration, as schema.org wants it: 245 -> "PT4M5S"."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return (
        "PT"
        + "".join(
            f"{value}{unit}"
            for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
            if value
        )
        if hours or minutes or seconds
        else "PT0S"
    )


def video_object(page, request) -> list[dict]:
    """A video as a schema.org VideoObject: its file or its embed, poster and duration."""
    found = _media_story(page, request, "VideoObject")
    if found is None:
        return []
    data, edition = found
    data["uploadDate"] = data["datePublished"]
    if "image" in data:
        data["thumbnailUrl"] = data["image"]
    if page.duration is not None:
        data["duration"] = iso_duration(page.duration)
    if page.video_file_id:
        data["contentUrl"] = absolute(page.video_file.file.url, edition.root_url)
    elif page.external is not None:
        data["embedUrl"] = page.external.embed_url
    return [data]


def map_object(page, request) -> list[dict]:
    """A map story (dateline/maps) as a schema.org Map, with the day it describes."""
    found = _media_story(page, request, "Map")
    if found is None:
        return []
    data, _edition = found
    span = page.span  # the days the map covers, e.g. "2025-01-10/2025-03-12"
    data["temporalCoverage"] = f"{span.first.isoformat()}/{span.last.isoformat()}"
    return [data]
