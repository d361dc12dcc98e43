"""Is a POST sent from one of our own pages? The check that stands in for a CSRF token
where a page is cached for everyone and so cannot carry a per-reader token.

Browsers send ``Origin`` with every POST (and ``Referer`` unless told not to); another
site cannot forge either. The answer is yes only when the origin, else the referring
page, is this host on the scheme of the request, or one of ``CSRF_TRUSTED_ORIGINS``
(behind a proxy that terminates TLS). A POST with neither header is refused, as
Django's own check refuses an HTTPS POST without a Referer.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def request_origin(request: HttpRequest) -> str | None:
    """``scheme://host[:port]`` the request says it came from, or None."""
    origin = request.META.get("HTTP_ORIGIN", "")
    if origin and origin != "null":
        return origin.rstrip("/").lower()
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.scheme and referer.netloc:
        return f"{referer.scheme}://{referer.netloc}".lower()
    return None


def request_from_this_site(request: HttpRequest) -> bool:
    origin = request_origin(request)
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}".lower()
    trusted = {o.rstrip("/").lower() for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return origin == own or origin in trusted
