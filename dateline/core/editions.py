"""Editions: one home page per language (English at /, Arabic at /ar/, Persian at /fa/).

An edition is the site's root page or one of its Wagtail translations. A story may exist
in one edition only, or have translations: pages sharing its ``translation_key``. This
module answers three questions for readers:

- which editions the site has (``edition_homes``: cached, no query when warm);
- where the same page lives in the other editions (``page_translations``: one query,
  shared by the language switcher and the ``hreflang`` links of the same request);
- which edition a reader arriving at ``/`` is offered (``EditionOfferMiddleware``).

The reader's choice is remembered in Django's language cookie, set by ``edition_choose``
when they follow a switcher link; it is read only at ``/``, so every other URL stays one
cacheable page for everyone. Never by IP address.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from dateline.core import page_cache
from dateline.core.page_cache import page_cache_depends

# Published homes and sections (depth <= 3) retire this page-cache tag; the editions list
# is keyed by its generation, so a new or withdrawn edition shows at once.
EDITIONS_TAG = page_cache.SITE_TAG
CACHE_SECONDS = 3600
COOKIE_AGE = int(timedelta(days=365).total_seconds())
PRIVATE = "private, no-cache"


@dataclass(frozen=True)
class EditionHome:
    """One language's home page on a site, as plain values (cacheable)."""

    language: str
    name: str  # the language's name in itself: "English", "العربية", "فارسی"
    url_path: str  # the home page's Wagtail url_path, e.g. "/home-ar/"
    prefix: str  # where the edition is served: "/", "/ar/" ...

    def url_of(self, url_path: str) -> str:
        """The site-relative URL of a page of this edition, from its ``url_path`` (no query)."""
        return self.prefix + url_path[len(self.url_path) :]


def _prefix(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=("",))


def _language_name(language: str) -> str:
    try:
        return translation.get_language_info(language)["name_local"]
    except KeyError:
        return language


def edition_homes(request) -> list[EditionHome]:
    """The live editions of the request's site, in ``LANGUAGES`` order (cached per host)."""
    generation = page_cache.generations({EDITIONS_TAG})[EDITIONS_TAG]
    key = f"editions:{request.get_host()}:{generation}"
    homes = cache.get(key)
    if homes is None:
        homes = _load_homes(request)
        cache.set(key, homes, CACHE_SECONDS)
    return homes


def _load_homes(request) -> list[EditionHome]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    found = dict(
        Page.objects.live()
        .filter(translation_key__in=root_key)
        .values_list("locale__language_code", "url_path")
    )
    return [
        EditionHome(
            language=code,
            name=_language_name(code),
            url_path=found[code],
            prefix=_prefix(code),
        )
        for code, _name in settings.LANGUAGES
        if code in found
    ]


def edition_for(homes: list[EditionHome], url_path: str) -> EditionHome | None:
    """The edition a page belongs to, by its ``url_path``."""
    for home in homes:
        if url_path.startswith(home.url_path):
            return home
    return None


def page_translations(request, page) -> dict[str, str]:
    """``{language: site-relative URL}`` of ``page`` and its live translations: one
    query, none when the page's route read them with it (``translation_rows``, JSON rows
    of their ``url_path``: news.selectors.story_route_annotations).

    Remembered on the request, so the switcher and the ``hreflang`` links share it.
    """
    if page is None or not isinstance(page, Page) or not page.url_path:
        return {}
    page_cache_depends(translations_tag(page.translation_key))
    memo = request.__dict__.setdefault("_dateline_translations", {})
    if page.pk in memo:
        return memo[page.pk]
    homes = edition_homes(request)
    loaded = vars(page).get("translation_rows")  # read with the page by its route
    if loaded is not None:
        url_paths = [url_path for (url_path,) in json.loads(loaded)]
    else:
        url_paths = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .values_list("url_path", flat=True)
        )
    found = {}
    for url_path in url_paths:
        home = edition_for(homes, url_path)
        if home is not None:
            found[home.language] = home.url_of(url_path)
    memo[page.pk] = found
    return found


def translations_tag(translation_key) -> str:
    """The page-cache tag of every page that links to ``translation_key``'s translations."""
    return f"translations:{translation_key}"


def editions_page_changed(*, page: Page) -> None:
    """A page was published, unpublished, moved or deleted: the pages of its translations
    (switcher and ``hreflang`` links) are rendered again."""
    page_cache.page_cache_invalidate(translations_tag(page.translation_key))


def switcher_links(request, page) -> list[dict]:
    """Each edition's switcher entry: its name, and the page's translation there or its home.

    The links pass through ``edition_choose``, which remembers the choice.
    """
    if request is None:
        return []
    homes = edition_homes(request)
    if len(homes) < 2:
        return []
    current = translation.get_language()
    translations = page_translations(request, page) if page is not None else {}
    choose = reverse("edition_choose")
    links = []
    for home in homes:
        target = translations.get(home.language, home.prefix)
        links.append(
            {
                "language": home.language,
                "name": home.name,
                "url": f"{choose}?{urlencode({'language': home.language, 'next': target})}",
                "target": target,
                "translated": home.language in translations,
                "current": home.language == current,
            }
        )
    return links


def _remember(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@require_safe
def edition_choose(request):
    """Remember the reader's edition (the language cookie) and go to ``next`` in it.

    A plain link rather than Django's ``set_language`` POST form: a form would need a CSRF
    token on every page, and pages with one cannot be cached for everyone.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    language = request.GET.get("language", "")
    if language not in codes:
        return HttpResponseBadRequest(
            _("Unknown edition language “%(language)s”: choose one of %(codes)s.")
            % {"language": language[:20], "codes": ", ".join(codes)},
            content_type="text/plain; charset=utf-8",
        )
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or not target.startswith("/"):
        target = _prefix(language)
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = PRIVATE
    _remember(response, language)
    return response


def offered_edition(request) -> EditionHome | None:
    """The edition a reader at ``/`` is sent to: their remembered choice, else their browser's
    language; None when that is the first edition (English) or the site has no such edition."""
    language = translation.get_language_from_request(request, check_path=False)
    language = translation.get_supported_language_variant(language)
    if language == settings.LANGUAGE_CODE:
        return None  # no lookup at all for most readers
    for home in edition_homes(request):
        if home.language == language:
            return home
    return None


class EditionOfferMiddleware:
    """At ``/`` only, send a reader to their edition; place it before the page cache.

    The decision is made before the page cache is asked, so the cached English front
    page is never shown to a reader who should be redirected, and the redirect itself is
    never stored (``private``). Every answer at ``/`` says ``Vary: Accept-Language,
    Cookie``, so a browser or proxy keeps them apart too. Other URLs are untouched: a
    reader who follows a link to an English story gets it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        edition = offered_edition(request)
        if edition is None:
            response = self.get_response(request)
        else:
            query = request.META.get("QUERY_STRING", "")
            response = HttpResponseRedirect(edition.prefix + (f"?{query}" if query else ""))
            response["Cache-Control"] = PRIVATE
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
