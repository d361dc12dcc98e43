"""The beacon endpoint (POST /_views/ and the noscript pixel) and the Most Viewed page.

The beacon's rules are in beacon.py; in ``dateline serve`` most beacons are answered
by the WSGI fast path (popularity/wsgi.py) before they reach these views, which
answer the rest (readers with a session, whose staff status needs it) and the tests.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from dateline.popularity import counting, windows
from dateline.popularity.beacon import (
    DONE,
    PIXEL,
    beacon_status,
    body_status,
    json_fields,
)
from dateline.popularity.conf import WINDOWS


def _status(code: int) -> HttpResponse:
    response = HttpResponse(status=code)
    response["Cache-Control"] = "no-store"
    return response


def _answer(request, fields) -> int:
    return beacon_status(
        method=request.method,
        meta=request.META,
        host=request.get_host(),
        fields=fields,
        staff=lambda: counting.is_staff(request),
    )


@csrf_exempt  # the beacon carries no privileges; beacon.is_foreign() refuses other sites' pages
@require_POST
def beacon(request):
    refused = body_status(request.META.get("CONTENT_LENGTH", ""))
    if refused:
        return _status(refused)
    if request.content_type == "application/json":
        fields = json_fields(request.body)
    else:
        fields = request.POST
    if fields is None:
        return _status(400)
    return _status(_answer(request, fields))


@require_safe
def pixel(request):
    code = _answer(request, request.GET)
    if code != DONE:
        return _status(code)
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
