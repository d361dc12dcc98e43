"""Serve anonymous readers from the page cache, and tell browsers and proxies what to keep.

It sits near the top of MIDDLEWARE, so a hit skips sessions, CSRF, locale and routing.
A request *bypasses* the cache when it is not GET or HEAD, when its path is excluded
(``DATELINE_PAGE_CACHE_EXCLUDE``: the admin, the beacon, comments, search ...), or when
it carries a session or messages cookie or credentials: editors and anyone with state
always get a fresh, ``private, no-store`` page. A response is *stored* only when it is a
200 with nothing private: no cookie set, no ``private``/``no-store``, no logged-in user,
and no ``Vary`` beyond ``Cookie`` and ``Accept-Language`` (both dropped: the language is
in the URL, and requests with cookies that matter bypass the cache).

``X-Dateline-Cache`` says what happened: HIT, STALE, MISS or BYPASS. A view that finds
the database unreachable answers 503 with ``Retry-After`` (``process_exception``), and a
stored copy of the page is served instead when there is one (stale-if-error).
"""

from __future__ import annotations

import logging
import re
import time
from functools import cached_property

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from dateline.core import page_cache

logger = logging.getLogger(__name__)
STATE_HEADER = "X-Dateline-Cache"
BYPASS_COOKIES = ("messages",)
DROPPED_VARY = {"cookie", "accept-language"}
PRIVATE = "private, no-store"


def public_cache_control(fresh_for: int | None = None) -> str:
    """The header for a cacheable page; ``fresh_for`` caps both ages when something on the
    page changes by itself sooner (see ``page_cache.page_cache_changes_at``)."""
    max_age, s_maxage = settings.DATELINE_CACHE_MAX_AGE, settings.DATELINE_PAGE_CACHE_SECONDS
    if fresh_for is not None:
        max_age, s_maxage = min(max_age, fresh_for), min(s_maxage, fresh_for)
    return (
        f"public, max-age={max_age}, "
        f"s-maxage={s_maxage}, "
        f"stale-while-revalidate={settings.DATELINE_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.DATELINE_CACHE_STALE_IF_ERROR}"
    )


def _vary(response) -> list[str]:
    return [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]


def _has_private_state(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or any(name in cookies for name in BYPASS_COOKIES)
        or "HTTP_AUTHORIZATION" in request.META
    )


def _logged_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def response_cacheable(request, response) -> bool:
    """A 200 for anyone: no cookie, no private marks, no user, no Vary we cannot key on."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    if any(v.lower() not in DROPPED_VARY for v in _vary(response)):
        return False
    return not _logged_in(request)


def _public_headers(response) -> None:
    vary = [v for v in _vary(response) if v.lower() not in DROPPED_VARY]
    if vary:
        response["Vary"] = ", ".join(vary)
    elif response.has_header("Vary"):
        del response["Vary"]
    changes_at = getattr(response, "_page_cache_changes_at", None)
    fresh_for = None if changes_at is None else max(0, int(changes_at - time.time()))
    response["Cache-Control"] = public_cache_control(fresh_for)


def _private_headers(response) -> None:
    if "no-store" not in response.get("Cache-Control", ""):
        response["Cache-Control"] = PRIVATE


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def untouched(self) -> tuple[str, ...]:
        return tuple(url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url)

    @cached_property
    def excluded(self) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in settings.DATELINE_PAGE_CACHE_EXCLUDE))

    def __call__(self, request):
        if request.path_info.startswith(self.untouched):
            return self.get_response(request)  # files: their own headers, for editors too
        if request.method not in ("GET", "HEAD") or _has_private_state(request):
            response = self.get_response(request)
            _private_headers(response)
            response[STATE_HEADER] = "BYPASS"
            return response
        if self.excluded.match(request.path_info):
            return self._bypass(request)
        if not settings.DATELINE_PAGE_CACHE:
            return self._render_uncached(request)
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        key = page_cache.entry_key(language, request.build_absolute_uri())
        entry = page_cache.entry_get(key)
        if entry is not None and entry.is_fresh(time.time()):
            return self._answer(request, entry, "HIT")
        if entry is not None and not page_cache.entry_lock(key):
            return self._answer(request, entry, "STALE")  # another request re-renders it
        try:
            return self._render_and_store(request, key, entry)
        finally:
            if entry is not None:
                page_cache.entry_unlock(key)

    def process_exception(self, request, exception):
        """The database unreachable (or locked): a 503 to retry, not a 500 to report."""
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        _private_headers(response)
        return response

    def _bypass(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response or _logged_in(request):
            _private_headers(response)
        response[STATE_HEADER] = "BYPASS"
        return response

    def _render(self, request):
        token = page_cache.recording_start()
        try:
            response = self.get_response(request)
            changes_at = page_cache.recording_changes_at()
        finally:
            tags = page_cache.recording_stop(token)
        response._page_cache_changes_at = changes_at
        return response, tags

    def _render_uncached(self, request):
        response, _tags = self._render(request)
        if response_cacheable(request, response):
            _public_headers(response)
        elif _logged_in(request) or response.cookies:
            _private_headers(response)
        return response

    def _render_and_store(self, request, key, previous):
        response, tags = self._render(request)
        if not response_cacheable(request, response):
            if previous is not None and response.status_code >= 500:
                return self._answer(request, previous, "STALE")  # stale-if-error
            if previous is not None:
                page_cache.entry_delete(key)  # gone, moved or now private: never serve it again
            if _logged_in(request) or response.cookies:
                _private_headers(response)
            response[STATE_HEADER] = "MISS"
            return response
        _public_headers(response)
        headers = {
            name: value for name, value in response.items() if name.lower() != STATE_HEADER.lower()
        }
        entry = page_cache.entry_store(
            key,
            status=response.status_code,
            content=response.content,
            headers=headers,
            tags=tags,
            changes_at=response._page_cache_changes_at,
        )
        return self._answer(request, entry, "MISS")

    def _answer(self, request, entry: page_cache.Entry, state: str) -> HttpResponse:
        response = HttpResponse(entry.content, status=entry.status)
        for name, value in entry.headers.items():
            response[name] = value
        response["ETag"] = entry.etag
        response["Last-Modified"] = http_date(entry.stored_at)
        age = int(time.time() - entry.stored_at)
        if age > 0:
            response["Age"] = str(age)
        response[STATE_HEADER] = state
        return get_conditional_response(
            request, etag=entry.etag, last_modified=int(entry.stored_at), response=response
        )
