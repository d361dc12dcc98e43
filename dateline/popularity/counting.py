"""Which beacons count: no bots, no prefetches, no staff, no repeats, no floods.

Nothing personal is kept: a client is a SHA-256 of a salt that changes every day,
the reader's address and user agent, and lives only in the cache, for 30 minutes
(dedupe) or a minute (rate limit).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date

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
_salt: tuple[date, str] | None = None


def page_signature(page_id: int) -> str:
    """What the article page carries beside its id, so the beacon needs no database lookup."""
    return _signer.signature(str(page_id))


def signature_valid(page_id: int, signature: str) -> bool:
    return constant_time_compare(page_signature(page_id), signature)


def is_bot(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent or bool(BOT_AGENTS.search(agent))


def is_prefetch(request) -> bool:
    return any(
        word in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS
        for word in ("prefetch", "prerender", "preview")
    )


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


def client_hash(request) -> str:
    header = setting("CLIENT_IP_HEADER", "REMOTE_ADDR")
    address = request.META.get(header, "").split(",")[0].strip()
    agent = request.META.get("HTTP_USER_AGENT", "")
    raw = f"{_daily_salt()}|{address}|{agent}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def is_repeat(client: str, page_id: int) -> bool:
    """True when this client was counted on this story in the last 30 minutes."""
    return not cache.add(f"popularity:seen:{client}:{page_id}", 1, DEDUPE_SECONDS)


def is_flooding(client: str) -> bool:
    """More than DATELINE_VIEWS_RATE_LIMIT beacons from one client within a minute."""
    minute = timezone.now().strftime("%Y%m%d%H%M")
    key = f"popularity:rate:{client}:{minute}"
    cache.add(key, 0, 120)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        hits = 1
    return hits > int(setting("RATE_LIMIT", 60))
