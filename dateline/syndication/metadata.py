"""What the ``<head>`` of a page says about it: canonical URL, description, OpenGraph,
Twitter card, feed links and JSON-LD, as one dict for ``includes/meta.html``.

Pages describe themselves (``meta_description``, ``image``, ``structured_data``); the
tag and author listings that the home page routes pass their tag or author.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from dateline.core.editions import page_translations
from dateline.core.site_settings import site_settings_for
from dateline.syndication import cache, schema
from dateline.syndication.editions import Edition
from dateline.syndication.images import share_rendition

# page types with a feed of their own, by model label
FEED_KINDS = {"news.SectionPage": "section", "topics.TopicPage": "topic"}
ARTICLE_MODELS = ("news.ArticlePage",)


def feed_links(edition: Edition, title: str, kind: str = "", slug: str = "") -> list[dict]:
    """The RSS and Atom URLs of one feed."""
    links = {}
    for fmt in ("rss", "atom"):
        try:
            if kind:
                path = reverse(
                    "syndication:scoped_feed", kwargs={"kind": kind, "slug": slug, "fmt": fmt}
                )
            else:
                path = reverse("syndication:feed", kwargs={"fmt": fmt})
        except NoReverseMatch:  # e.g. a slug the URL pattern cannot carry
            return []
        links[fmt] = edition.root_url + path
    return [{"title": title, **links}]


def image_meta(image) -> dict | None:
    rendition = share_rendition(image)
    if rendition is None:
        return None
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def _page_number(page_obj) -> str:
    number = getattr(page_obj, "number", 1)
    return f"?page={number}" if number and number > 1 else ""


def listing_meta(edition: Edition, *, tag=None, author=None, page_obj=None) -> dict:
    """A tag's or an author's listing (routes of the home page)."""
    if tag is not None:
        title = _("Stories tagged “%(tag)s”") % {"tag": tag.name}
        route = f"tags/{quote(tag.slug)}/"
        description = _("The latest stories tagged “%(tag)s” from %(site)s.") % {
            "tag": tag.name,
            "site": edition.site_name,
        }
        kind, slug, image = "tag", tag.slug, None
    else:
        title = author.name
        route = f"authors/{quote(author.slug)}/"
        description = Truncator(author.bio).words(40) or _(
            "The latest stories by %(author)s from %(site)s."
        ) % {"author": author.name, "site": edition.site_name}
        kind, slug, image = "author", author.slug, author.photo
    url = edition.route_url(route)
    trail = [(edition.site_name, edition.home_url), (title, url)]
    return {
        "canonical": url + _page_number(page_obj),
        "title": title,
        "description": description,
        "og_type": "website",
        "image": image_meta(image),
        "feeds": feed_links(edition, f"{title} | {edition.site_name}", kind, slug),
        "json_ld": [schema.breadcrumbs(trail)],
    }


def page_description(page: Page, edition: Edition, site: Site) -> str:
    description = getattr(page, "meta_description", "") or page.search_description
    if description:
        return description
    if page.depth <= edition.depth:
        return site_settings_for(site).tagline
    if page._meta.label == "news.SectionPage":
        return _("The latest %(section)s stories from %(site)s.") % {
            "section": page.title,
            "site": edition.site_name,
        }
    return ""


def page_meta(page: Page, edition: Edition, site: Site, request, *, page_obj=None) -> dict:
    is_home = page.depth <= edition.depth
    is_article = page._meta.label in ARTICLE_MODELS
    url = edition.url(page.url_path)
    meta = {
        "canonical": url + _page_number(page_obj),
        "title": edition.site_name if is_home else (page.seo_title or page.title),
        "description": page_description(page, edition, site),
        "og_type": "article" if is_article else "website",
        "image": image_meta(getattr(page, "image", None)),
        "feeds": [],
        "json_ld": [],
    }
    kind = FEED_KINDS.get(page._meta.label)
    if kind:
        meta["feeds"] = feed_links(edition, f"{page.title} | {edition.site_name}", kind, page.slug)
    if is_article:
        meta["article"] = {
            "published": page.display_date,
            "modified": page.last_published_at or page.display_date,
        }
    structured = getattr(page, "structured_data", None)
    if callable(structured):
        meta["json_ld"].extend(structured(request))
    if not is_home:
        meta["json_ld"].append(schema.breadcrumbs(schema.page_trail(page, edition)))
    return meta


def language_alternates(request, page: Page, edition: Edition) -> list[dict]:
    """``hreflang`` links to the page in every edition that has it, and ``x-default`` (the
    first edition's version, whose front page offers readers their own); none for a page
    in one edition only."""
    translations = page_translations(request, page)
    if len(translations) < 2:
        return []
    links = [
        {"language": language, "url": edition.root_url + url}
        for language, url in translations.items()
    ]
    default = translations.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append({"language": "x-default", "url": edition.root_url + default})
    return links


def head_metadata(request, page, *, page_obj=None, tag=None, author=None) -> dict | None:
    """Everything ``includes/meta.html`` prints, or None where there is nothing to describe.

    Cached per page (and listing page) until the next publication, so a warm page adds no
    query; previews are always built fresh.
    """
    if request is None or not isinstance(page, Page) or not (page.path and page.depth):
        return None  # no page, or a new page's preview: not yet in the tree
    if getattr(request, "is_preview", False):
        return _head_metadata(request, page, page_obj=page_obj, tag=tag, author=author)
    listing = f"tag:{tag.pk}" if tag is not None else f"author:{author.pk}" if author else ""
    number = getattr(page_obj, "number", 1)
    name = f"meta:{request.get_host()}:{get_language()}:{page.pk}:{listing}:{number}"
    key = "meta:" + hashlib.sha256(name.encode()).hexdigest()[:40]
    return cache.remember(
        key, lambda: _head_metadata(request, page, page_obj=page_obj, tag=tag, author=author)
    )


def _head_metadata(request, page, *, page_obj=None, tag=None, author=None) -> dict | None:
    site = Site.find_for_request(request)
    edition = schema.page_edition(page, request)
    if site is None or edition is None:
        return None
    if tag is not None or author is not None:
        meta = listing_meta(edition, tag=tag, author=author, page_obj=page_obj)
    else:
        meta = page_meta(page, edition, site, request, page_obj=page_obj)
    if meta["image"]:
        meta["image"]["url"] = schema.absolute(meta["image"]["url"], edition.root_url)
    meta["site_name"] = edition.site_name
    meta["locale"] = to_locale(edition.language)
    meta["feeds"] = feed_links(edition, edition.site_name) + meta["feeds"]
    meta["alternates"] = [] if tag or author else language_alternates(request, page, edition)
    meta["json_ld"] = [schema.json_ld(item) for item in meta["json_ld"]]
    return meta
