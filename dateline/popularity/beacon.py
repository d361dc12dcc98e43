"""The view beacon's rules as plain functions, shared by the Django views and the WSGI fast path.

``beacon_status`` takes what a beacon carries (method, headers, the checked host, the
page id and signature) and answers an HTTP status: 204 when the beacon is done with
(counted, or silently left out: bots, prefetches, HEAD, staff, repeats), else the 4xx
that refuses it. Nothing here touches the database: the id is checked against its
signature, and the count goes to the views backend (one Redis script call, or the
process's buffer).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl, urlsplit

from django.utils import timezone

from dateline.popularity import counting
from dateline.popularity.backends import get_backend
from dateline.popularity.backends.base import Offer
from dateline.popularity.conf import MAX_BODY_BYTES
from dateline.popularity.flusher import flusher_ensure

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
DONE = 204


def _no_staff() -> bool:
    return False


def is_foreign(meta: Mapping[str, str], host: str) -> bool:
    """A beacon sent from another site's page (Origin, else Referer, names another host)."""
    source = meta.get("HTTP_ORIGIN") or meta.get("HTTP_REFERER")
    if not source or source == "null":
        return False
    return urlsplit(source).netloc != host


def beacon_status(
    *,
    method: str,
    meta: Mapping[str, str],
    host: str,
    fields: Mapping[str, str],
    staff: Callable[[], bool] = _no_staff,
) -> int:
    """Validate, filter, then count one beacon; every reject is a 4xx, everything else 204.

    ``meta`` is the request's META or WSGI environ; ``host`` the request's host, already
    checked against ALLOWED_HOSTS; ``fields`` the form or JSON fields (or the pixel's
    query); ``staff`` says whether a logged-in staff member sent it (asked last, as it
    may need the session).
    """
    raw_id, signature = str(fields.get("page", "")), str(fields.get("sig", ""))
    if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 12 or not signature:
        return 400
    page_id = int(raw_id)
    if not counting.signature_valid(page_id, signature):
        return 400  # an unknown story; not 404, which would wake the redirects lookup
    if is_foreign(meta, host):
        return 403
    if method == "HEAD" or counting.is_bot(meta) or counting.is_prefetch(meta) or staff():
        return DONE
    client = counting.client_id(meta)
    offer = get_backend().view_offer(client=client, page_id=page_id, when=timezone.now())
    if offer is Offer.FLOOD:
        return 429
    if offer is Offer.COUNTED:
        flusher_ensure()
    return DONE


def body_status(content_length: str) -> int | None:
    """400 for a Content-Length that is not a number, 413 over MAX_BODY_BYTES, else None."""
    length = content_length or "0"
    if not (length.isascii() and length.isdigit()):  # "²" is a digit int() refuses
        return 400
    if int(length) > MAX_BODY_BYTES:
        return 413
    return None


def json_fields(body: bytes) -> Mapping[str, str] | None:
    """A JSON object's fields, or None for a body that is not one."""
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def form_fields(body: bytes) -> dict[str, str]:
    """An urlencoded body's fields; as Django's QueryDict.get, the last value of a name wins."""
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
