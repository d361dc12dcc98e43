"""Security headers: the Content-Security-Policy (django-csp) and the headers Django lacks.

The middleware sits just inside Django's ``SecurityMiddleware`` and *outside* the page
cache, so a page replayed from the cache gets the same headers as a fresh render. That is
also why the public policy has no nonces: a nonce stored with a cached page would be
stale for every later reader. Public templates carry no inline script (JSON-LD blocks are
data, not executed, so CSP does not apply to them); the one inline style, in the 500 page
rendered without a request context, is allowed by its hash.

The admin gets its own, looser policy: Wagtail's admin still relies on inline scripts and
styles (https://github.com/wagtail/wagtail/issues/1288).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template

# Where the video facade's players come from (dateline/multimedia/video.py builds the URLs).
VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def origin(url: str) -> str | None:
    """``https://tiles.example.org`` from a URL (or URL template); None for a relative URL."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        host = parts.netloc.rsplit("@", 1)[-1]
        # tile templates put a subdomain placeholder in the host: {s}.tile.example.org
        host = re.sub(r"^\{[a-z]\}\.", "*.", host)
        return f"{parts.scheme}://{host}"
    return None


@cache
def error_page_style_hashes() -> tuple[str, ...]:
    """CSP hashes of the inline ``<style>`` blocks of 500.html (rendered without context)."""
    html = get_template("500.html").render({})
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in STYLE_BLOCK.findall(html)
    )


def _asset_origins() -> list[str]:
    """Static files and media on another host (a CDN or object storage)."""
    found = (origin(settings.STATIC_URL), origin(settings.MEDIA_URL))
    return [value for value in found if value]


def public_policy() -> dict:
    """The reader-facing policy: nothing allowed unless listed (``default-src 'none'``)."""
    assets = _asset_origins()
    tiles = origin(settings.DATELINE_MAP_TILES_URL or "")
    return {
        "default-src": [NONE],
        "script-src": [SELF, *assets],
        "style-src": [SELF, *assets, *error_page_style_hashes()],
        "img-src": [SELF, "data:", *assets, *([tiles] if tiles else [])],
        "font-src": [SELF, *assets],
        "media-src": [SELF, *assets],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": [*VIDEO_ORIGINS, *settings.DATELINE_CSP_FRAME_SOURCES],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": settings.PRODUCTION,
    }


def admin_policy() -> dict:
    """Wagtail's admin: inline scripts and styles allowed, still no plugins nor other sites'
    scripts; it frames itself (the live preview) and may be framed only by itself."""
    assets = _asset_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE, *assets],
        "style-src": [SELF, UNSAFE_INLINE, *assets],
        "img-src": [SELF, "data:", "blob:", *assets],
        "font-src": [SELF, "data:", *assets],
        "media-src": [SELF, "blob:", *assets],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "frame-src": [SELF, *VIDEO_ORIGINS, *settings.DATELINE_CSP_FRAME_SOURCES],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    }


@cache
def permissions_policy() -> str:
    """Every powerful feature off, except what the video players need in their frames."""
    players = " ".join(f'"{value}"' for value in VIDEO_ORIGINS)
    allowed = dict.fromkeys(
        ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture"), f"(self {players})"
    )
    denied = (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    )  # fmt: skip
    features = {**allowed, **dict.fromkeys(denied, "()")}
    return ", ".join(f"{name}={value}" for name, value in sorted(features.items()))


# What a view sets (django-csp's decorators) to give its response a policy of its own.
CSP_RESPONSE_ATTRIBUTES = (
    "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
    "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro",
)  # fmt: skip
_POLICY_HEADERS: dict[bool, list[tuple[str, str, tuple[str, ...]]]] = {}


@receiver(setting_changed)
def _policy_headers_forget(**kwargs) -> None:
    _POLICY_HEADERS.clear()


def policy_headers(admin: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    """The CSP headers of a response with no policy of its own and no nonce, as
    (header, value, URL prefixes it is left off): django-csp's values, built once per
    process and settings. django-csp builds them for every response (copying the
    policy twice), about 170 µs: more than answering a page from the cache."""
    headers = _POLICY_HEADERS.get(admin)
    if headers is None:
        config = admin_policy() if admin else public_policy()
        headers = []
        for header, setting, policy, report_only in (
            (HEADER, "CONTENT_SECURITY_POLICY", config, False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None, True),
        ):
            value = build_policy(config=policy, report_only=report_only)
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            headers.append((header, value, tuple(excluded or ())))
        _POLICY_HEADERS[admin] = headers
    return headers


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin or the public policy, plus
    ``Permissions-Policy`` and ``Cross-Origin-Resource-Policy`` on pages."""

    admin_prefixes = ("/admin/", "/django-admin/")

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its policy with django-csp's decorators
        admin = request.path_info.startswith(self.admin_prefixes)
        parts.config = admin_policy() if admin else public_policy()
        return parts

    def process_response(self, request, response):
        own_policy = any(hasattr(response, name) for name in CSP_RESPONSE_ATTRIBUTES)
        nonce = getattr(request, "_csp_nonce", None)
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        if own_policy or nonce is not None or debug_page:
            response = super().process_response(request, response)
        else:  # what django-csp would set, from the values built once
            admin = request.path_info.startswith(self.admin_prefixes)
            for header, value, excluded in policy_headers(admin):
                if value and header not in response and not request.path_info.startswith(excluded):
                    response[header] = value
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        response.setdefault("Permissions-Policy", permissions_policy())
        if response.get("Content-Type", "").startswith("text/html"):
            # Pages are never embedded as a resource by other sites; images and feeds are.
            response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
