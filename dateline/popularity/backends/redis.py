"""Production: Redis sorted sets per hour bucket, so no acknowledged view is lost on a restart.

Each view is one MULTI: ZINCRBY on the hour's sorted set (expires after 35 days),
and HINCRBY on a "pending" hash that ``flush`` moves into the database tables for
the editors' report and all-time totals. Windows are ZUNIONSTOREs of the hours,
kept for a minute.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import redis
from django.utils import timezone

from dateline.popularity import services
from dateline.popularity.backends.base import ViewsBackend
from dateline.popularity.conf import (
    HOURLY_RETENTION,
    WINDOW_CACHE_SECONDS,
    floor_hour,
    window_start,
)


class RedisBackend(ViewsBackend):
    def __init__(self, *, url: str, prefix: str) -> None:
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self.pending_key = f"{prefix}:pending"
        self.flushing_key = f"{prefix}:flushing"

    def _hour_key(self, hour: datetime) -> str:
        return f"{self.prefix}:h:{hour.astimezone(UTC):%Y%m%d%H}"

    def record(self, page_id: int, when: datetime, count: int = 1) -> None:
        hour = floor_hour(when)
        key = self._hour_key(hour)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.zincrby(key, count, page_id)
            pipe.expireat(key, hour + HOURLY_RETENTION + timedelta(hours=1))
            pipe.hincrby(self.pending_key, f"{page_id}:{int(hour.timestamp())}", count)
            pipe.execute()

    def pending(self) -> int:
        return sum(
            int(value)
            for key in (self.pending_key, self.flushing_key)
            for value in self.client.hvals(key)
        )

    def flush(self) -> int:
        """Move pending counts into the tables; one process at a time (a Redis lock).

        The pending hash is renamed before it is read, so views counted meanwhile go
        to a new hash; a claim left by a crash is stored by the next flush.
        """
        lock = self.client.lock(f"{self.prefix}:flush-lock", timeout=60, blocking=False)
        if not lock.acquire():
            return 0
        try:
            if not self.client.exists(self.flushing_key):
                if not self.client.exists(self.pending_key):
                    return 0
                self.client.rename(self.pending_key, self.flushing_key)
            counts = {}
            for field, value in self.client.hgetall(self.flushing_key).items():
                page_id, stamp = field.decode().split(":")
                counts[(int(page_id), datetime.fromtimestamp(int(stamp), tz=UTC))] = int(value)
            written = services.views_store(counts=counts)
            self.client.delete(self.flushing_key)
            return written
        finally:
            lock.release()

    def top(self, window: str, limit: int, *, now: datetime | None = None) -> list[tuple[int, int]]:
        now = now or timezone.now()
        start, end = window_start(window, now), floor_hour(now)
        union = f"{self.prefix}:w:{window}:{self._hour_key(end).rsplit(':', 1)[1]}"
        if not self.client.exists(union):
            hours = int((end - start) / timedelta(hours=1)) + 1
            keys = [self._hour_key(start + timedelta(hours=n)) for n in range(hours)]
            with self.client.pipeline(transaction=True) as pipe:
                pipe.zunionstore(union, keys)
                pipe.expire(union, WINDOW_CACHE_SECONDS)
                pipe.execute()
        rows = self.client.zrevrange(union, 0, limit - 1, withscores=True)
        return [(int(member), int(score)) for member, score in rows]

    def clear(self) -> None:
        keys = list(self.client.scan_iter(match=f"{self.prefix}:*", count=1000))
        if keys:
            self.client.delete(*keys)
