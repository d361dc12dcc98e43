"""Most Viewed settings, each with a default for the embedded mode.

``DATELINE_VIEWS_BACKEND``: "db" or "redis" (default: "redis" when the default cache
is Redis, else "db"). ``DATELINE_VIEWS_COUNT_STAFF``: count logged-in staff (False).
``DATELINE_VIEWS_CLIENT_IP_HEADER``: the META key with the reader's address behind a
proxy, e.g. "HTTP_X_REAL_IP" (default "REMOTE_ADDR"). ``DATELINE_VIEWS_RATE_LIMIT``:
beacons per client and minute (60). ``DATELINE_VIEWS_FLUSH_INTERVAL``: seconds between
flushes (5; 0 turns the background flusher off). ``DATELINE_VIEWS_REDIS_URL`` and
``DATELINE_VIEWS_REDIS_PREFIX``: where the Redis backend keeps its counts (default: the
cache's Redis, keys "views:<cache KEY_PREFIX>:...").
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

WINDOWS = {"day": timedelta(hours=24), "week": timedelta(days=7), "month": timedelta(days=30)}
HOURLY_RETENTION = timedelta(days=35)
DEDUPE_SECONDS = 30 * 60
WINDOW_CACHE_SECONDS = 60
MAX_BODY_BYTES = 1024


def setting(name: str, default):
    return getattr(settings, f"DATELINE_VIEWS_{name}", default)


def backend_name() -> str:
    explicit = setting("BACKEND", "")
    if explicit:
        return explicit
    cache_backend = settings.CACHES["default"]["BACKEND"]
    return "redis" if cache_backend.endswith("RedisCache") else "db"


def floor_hour(when: datetime) -> datetime:
    return when.replace(minute=0, second=0, microsecond=0)


def window_start(window: str, now: datetime) -> datetime:
    """The first hour bucket in a rolling window: a view 25 hours ago is not in "day"."""
    return floor_hour(now - WINDOWS[window])
