"""The view beacon's fast path: a WSGI layer that answers beacons before Django's middleware.

Every article view sends a beacon, so it is the busiest address of the site. Through
Django it runs the whole middleware stack (sessions, CSRF, locale, messages, auth,
redirects) for a request that needs none of it. ``BeaconFastPath`` wraps Django's WSGI
application (dateline/wsgi.py) and answers ``POST /_views/`` and ``GET|HEAD
/_views/pixel.gif`` itself with the same rules (beacon.py) and the same answers as the
views. It hands a request to Django whenever Django's answer could differ:

- the reader has a session cookie (only Django can tell whether it is logged-in staff,
  and then not when DATELINE_VIEWS_COUNT_STAFF counts staff anyway);
- the host is not one of ALLOWED_HOSTS (Django answers 400 and logs it);
- the request must first be redirected to HTTPS (SECURE_SSL_REDIRECT);
- another method (405 with its Allow header), or a multipart body.

It never touches the database. Refused beacons are in the server's access log but not
logged again as Django's "Bad Request" warnings, so a flood fills no log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.urls import reverse

from dateline.popularity.beacon import (
    DONE,
    PIXEL,
    beacon_status,
    body_status,
    form_fields,
    json_fields,
)
from dateline.popularity.conf import setting

logger = logging.getLogger("django.request")
SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware"


def _status_line(code: int) -> str:
    return f"{code} {HTTPStatus(code).phrase}"


def _security_headers() -> list[tuple[str, str]]:
    """The headers Django's security and clickjacking middleware add to every answer."""
    headers = []
    if SECURITY_MIDDLEWARE in settings.MIDDLEWARE:
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            headers.append(("X-Content-Type-Options", "nosniff"))
        if settings.SECURE_REFERRER_POLICY:
            policy = settings.SECURE_REFERRER_POLICY
            if not isinstance(policy, str):
                policy = ",".join(policy)
            headers.append(("Referrer-Policy", policy))
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            headers.append(
                ("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
            )
    if XFRAME_MIDDLEWARE in settings.MIDDLEWARE:
        headers.append(("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()))
    return headers


def _hsts_header() -> tuple[str, str] | None:
    if SECURITY_MIDDLEWARE not in settings.MIDDLEWARE or not settings.SECURE_HSTS_SECONDS:
        return None
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return ("Strict-Transport-Security", value)


class BeaconFastPath:
    """WSGI middleware: the view beacon answered without Django's request cycle."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self.beacon_path = reverse("popularity:beacon")
        self.pixel_path = reverse("popularity:pixel")
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.ssl_redirect = SECURITY_MIDDLEWARE in settings.MIDDLEWARE and bool(
            settings.SECURE_SSL_REDIRECT
        )
        self.headers = [("Cache-Control", "no-store"), *_security_headers()]
        self.hsts = _hsts_header()
        self.html_type = f"text/html; charset={settings.DEFAULT_CHARSET}"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == self.beacon_path:
            if method != "POST":
                return self.app(environ, start_response)
        elif path == self.pixel_path:
            if method not in ("GET", "HEAD"):
                return self.app(environ, start_response)
        else:
            return self.app(environ, start_response)
        request = WSGIRequest(environ)
        host = self._host(request)
        if host is None or self._needs_django(request):
            return self.app(environ, start_response)
        try:
            if method == "POST":
                return self._beacon(request, host, start_response)
            return self._pixel(request, host, start_response)
        except SuspiciousOperation:  # e.g. too many fields in the query: Django's 400 too
            return self._respond(request, start_response, 400)
        except Exception:  # noqa: BLE001 - answered as Django would: logged, then a 500
            logger.exception("Internal Server Error: %s", path)
            return self._respond(request, start_response, 500)

    def _host(self, request: WSGIRequest) -> str | None:
        try:
            return request.get_host()
        except DisallowedHost:
            return None

    def _needs_django(self, request: WSGIRequest) -> bool:
        if self.ssl_redirect and not request.is_secure():
            return True
        if self.session_cookie in request.COOKIES and not setting("COUNT_STAFF", False):
            return True
        return request.method == "POST" and request.content_type == "multipart/form-data"

    def _beacon(self, request: WSGIRequest, host: str, start_response) -> Iterable[bytes]:
        refused = body_status(request.META.get("CONTENT_LENGTH", ""))
        if refused:
            return self._respond(request, start_response, refused)
        body = request.body
        if request.content_type == "application/json":
            fields = json_fields(body)
        elif request.content_type == "application/x-www-form-urlencoded":
            fields = form_fields(body)
        else:
            fields = {}  # as Django's request.POST for other types: empty
        if fields is None:
            return self._respond(request, start_response, 400)
        code = beacon_status(method="POST", meta=request.META, host=host, fields=fields)
        return self._respond(request, start_response, code)

    def _pixel(self, request: WSGIRequest, host: str, start_response) -> Iterable[bytes]:
        code = beacon_status(
            method=request.method, meta=request.META, host=host, fields=request.GET
        )
        if code != DONE:
            return self._respond(request, start_response, code)
        return self._respond(request, start_response, 200, body=PIXEL, content_type="image/gif")

    def _respond(
        self, request, start_response, code: int, *, body: bytes = b"", content_type: str = ""
    ) -> list[bytes]:
        headers = [
            ("Content-Type", content_type or self.html_type),
            ("Content-Length", str(len(body))),
            *self.headers,
        ]
        if self.hsts and request.is_secure():
            headers.append(self.hsts)
        start_response(_status_line(code), headers)
        return [] if request.method == "HEAD" else [body]


def beacon_fast_path(app: Callable) -> BeaconFastPath:
    """Wrap Django's WSGI application (call it after django.setup(), in dateline/wsgi.py)."""
    return BeaconFastPath(app)
