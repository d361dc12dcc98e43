"""Uploaded files served by the app (embedded mode): pictures inline, anything else as a download.

Django's ``static.serve`` guesses the type from the file name and sends every file inline.
An uploaded HTML, SVG or text file would then open as a page of the site, with its
scripts, on the site's origin. Here only raster pictures and the video formats the players
use open in the browser; every other file is sent with ``Content-Disposition: attachment``
and a policy that runs nothing, the way Wagtail serves documents
(``wagtail/documents/views/serve.py``). ``X-Content-Type-Options: nosniff`` comes from
``SecurityMiddleware`` (``SECURE_CONTENT_TYPE_NOSNIFF``) and is set here again so the
header holds whatever middleware runs. nginx (``deploy/``) sends the same headers in
production.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.static import serve

INLINE_TYPES = frozenset(
    {
        "image/avif",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/webp",
        "video/mp4",
        "video/webm",
    }
)


def media_serve(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    response = serve(request, path, document_root=document_root)
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    response["X-Content-Type-Options"] = "nosniff"
    if content_type not in INLINE_TYPES:
        # FileResponse says 'inline; filename="…"': keep the name, make it a download
        disposition = response.get("Content-Disposition", "")
        _inline, _sep, rest = disposition.partition(";")
        response["Content-Disposition"] = f"attachment;{rest}" if rest else "attachment"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
