"""Which beacons count: no bots, no prefetches, no staff, no repeats, no floods.

Nothing personal is kept: a client is a SHA-256 of a salt that changes every day,
the reader's address and user agent, and lives only in the cache, for 30 minutes
(dedupe) or a minute (rate limit).
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Mapping
from datetime import date, datetime

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from dateline.popularity.conf import DEDUPE_SECONDS, setting

BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|scrape|preview|monitor|headless|phantom|lighthouse"
    r"|python|curl|wget|httpclient|java/|go-http|okhttp|axios|node-fetch|facebookexternalhit"
    r"|embedly|whatsapp|mediapartners|feed",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
_signer = signing.Signer(salt="dateline.popularity.beacon")
RATE_SECONDS = 120  # a minute's counter outlives its minute
_salt: tuple[date, str] | None = None


@functools.lru_cache(maxsize=4096)
def page_signature(page_id: int) -> str:
    """What the article page carries beside its id, so the beacon needs no database lookup.

    Kept for the stories read most (an HMAC per beacon was a sixth of its cost); the
    key is the SECRET_KEY of the start, like ``_signer``'s.
    """
    return _signer.signature(str(page_id))


def signature_valid(page_id: int, signature: str) -> bool:
    return constant_time_compare(page_signature(page_id), signature)


def is_bot(meta: Mapping[str, str]) -> bool:
    """``meta``: the request's META (Django) or WSGI environ (the fast path), the same keys."""
    agent = meta.get("HTTP_USER_AGENT", "")
    return not agent or bool(BOT_AGENTS.search(agent))


def is_prefetch(meta: Mapping[str, str]) -> bool:
    for header in PREFETCH_HEADERS:
        value = meta.get(header)
        if value and any(word in value.lower() for word in ("prefetch", "prerender", "preview")):
            return True
    return False


def is_staff(request) -> bool:
    """Logged-in staff (unless DATELINE_VIEWS_COUNT_STAFF); readers without a session: no query."""
    if setting("COUNT_STAFF", False) or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)


def _daily_salt() -> str:
    """A random salt per day, shared by the processes through the cache, never stored."""
    global _salt
    today = timezone.now().date()
    if _salt is None or _salt[0] != today:
        value = cache.get_or_set(f"popularity:salt:{today}", secrets.token_hex(16), 2 * 86400)
        _salt = (today, value)
    return _salt[1]


def client_id(meta: Mapping[str, str]) -> str:
    """The reader's salted hash, from the request's META or WSGI environ."""
    header = setting("CLIENT_IP_HEADER", "REMOTE_ADDR")
    address = meta.get(header, "").split(",")[0].strip()
    agent = meta.get("HTTP_USER_AGENT", "")
    raw = f"{_daily_salt()}|{address}|{agent}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def client_hash(request) -> str:
    return client_id(request.META)


def rate_key(client: str, when: datetime | None = None) -> str:
    """The client's counter for this minute (the rate limit counts beacons per minute)."""
    return f"popularity:rate:{client}:{when or timezone.now():%Y%m%d%H%M}"


def seen_key(client: str, page_id: int) -> str:
    return f"popularity:seen:{client}:{page_id}"


def rate_limit() -> int:
    return int(setting("RATE_LIMIT", 60))


def is_repeat(client: str, page_id: int) -> bool:
    """True when this client was counted on this story in the last 30 minutes."""
    return not cache.add(seen_key(client, page_id), 1, DEDUPE_SECONDS)


def is_flooding(client: str, when: datetime | None = None) -> bool:
    """More than DATELINE_VIEWS_RATE_LIMIT beacons from one client within a minute."""
    key = rate_key(client, when)
    cache.add(key, 0, RATE_SECONDS)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        hits = 1
    return hits > rate_limit()
