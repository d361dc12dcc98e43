"""The beacon endpoint (POST /views/ and the noscript pixel) and the Most Viewed page."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from dateline.popularity import counting, windows
from dateline.popularity.backends import get_backend
from dateline.popularity.conf import MAX_BODY_BYTES, WINDOWS
from dateline.popularity.flusher import flusher_ensure

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _status(code: int) -> HttpResponse:
    response = HttpResponse(status=code)
    response["Cache-Control"] = "no-store"
    return response


def _foreign(request) -> bool:
    """A beacon sent from another site's page (Origin, else Referer, names another host)."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source or source == "null":
        return False
    return urlsplit(source).netloc != request.get_host()


def _count(request, data) -> HttpResponse:
    """Validate, filter, then count: every reject is a 4xx, every filtered view a 204."""
    raw_id, signature = str(data.get("page", "")), str(data.get("sig", ""))
    if not raw_id.isdigit() or len(raw_id) > 12 or not signature:
        return _status(400)
    page_id = int(raw_id)
    if not counting.signature_valid(page_id, signature):
        return _status(400)  # an unknown story; not 404, which would wake the redirects lookup
    if _foreign(request):
        return _status(403)
    if request.method == "HEAD" or counting.is_bot(request) or counting.is_prefetch(request):
        return None
    if counting.is_staff(request):
        return None
    client = counting.client_hash(request)
    if counting.is_flooding(client):
        return _status(429)
    if not counting.is_repeat(client, page_id):
        get_backend().record(page_id, timezone.now())
        flusher_ensure()
    return None


def _parse(request) -> dict | None:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    return request.POST


@csrf_exempt  # the beacon carries no privileges; _foreign() refuses other sites' pages
@require_POST
def beacon(request):
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit():
        return _status(400)
    if int(length) > MAX_BODY_BYTES:
        return _status(413)
    data = _parse(request)
    if data is None:
        return _status(400)
    return _count(request, data) or _status(204)


@require_safe
def pixel(request):
    rejected = _count(request, request.GET)
    if rejected is not None:
        return rejected
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


def most_viewed_page(request):
    """/most-viewed/?window=day|week|month, per edition; the block's tabs link here."""
    window = request.GET.get("window", "day")
    if window not in WINDOWS:
        window = "day"
    home_path = windows.edition_home_path(request)
    if home_path is None:
        raise Http404("No edition in this language")
    html = windows.block_html(home_path, selected=window, heading=False)
    return render(
        request,
        "popularity/most_viewed_page.html",
        # rendered by the template engine, which escaped every title
        {"most_viewed_block": mark_safe(html), "window": window},  # noqa: S308
    )
