"""Production: Redis sorted sets per hour bucket, so no acknowledged view is lost on a restart.

Each view is one script call, atomic in Redis (with the beacon's rate limit and
repeat filter in the same call, ``view_offer``): ZINCRBY on the hour's sorted set
(expires after 35 days), HINCRBY on a "pending" hash that ``flush`` moves into the
database tables for the editors' report and all-time totals, and ZINCRBY on each
window's running sorted set that the hour falls in. A window's top stories are then
one ZREVRANGE. Once an hour, the first reader to notice moves each window on: the
hours that left it are subtracted (redis_scripts.ADVANCE), or, after a long pause,
the window is recounted from its hours.

While Redis is unreachable a beacon is answered as usual and its view is not counted,
and Most Viewed lists nothing (README, "Operations: outages"): readers get their pages,
the counts of those seconds are lost, and the next call after Redis returns counts again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import redis
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from dateline.popularity import counting, services
from dateline.popularity.backends import redis_scripts
from dateline.popularity.backends.base import Offer, ViewsBackend
from dateline.popularity.conf import (
    DEDUPE_SECONDS,
    HOURLY_RETENTION,
    WINDOW_CACHE_SECONDS,
    WINDOWS,
    floor_hour,
    window_start,
)

logger = logging.getLogger(__name__)
ADVANCE_ATTEMPTS = 3
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_OFFERS = (Offer.COUNTED, Offer.REPEAT, Offer.FLOOD)  # redis_scripts.BEACON's answers


def _stamp(hour: datetime) -> int:
    return int(hour.timestamp())


class RedisBackend(ViewsBackend):
    shared = True

    def __init__(self, *, url: str, prefix: str) -> None:
        # Short timeouts: a Redis that hangs must not hold a reader's request for long.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=2)
        self.prefix = prefix
        self.pending_key = f"{prefix}:pending"
        self.flushing_key = f"{prefix}:flushing"
        self.starts_key = f"{prefix}:w:starts"
        self._record = self.client.register_script(redis_scripts.RECORD)
        self._advance = self.client.register_script(redis_scripts.ADVANCE)
        self._beacon = self.client.register_script(redis_scripts.BEACON)
        self._window_keys = [self._window_key(window) for window in WINDOWS]

    def _hour_key(self, hour: datetime) -> str:
        return f"{self.prefix}:h:{hour.astimezone(UTC):%Y%m%d%H}"

    def _window_key(self, window: str) -> str:
        return f"{self.prefix}:w:{window}"

    def _record_call(self, page_id: int, when: datetime, count: int) -> tuple[list, list]:
        """The keys and arguments of redis_scripts.RECORD for these views."""
        hour = floor_hour(when)
        stamp = _stamp(hour)
        keys = [self._hour_key(hour), self.pending_key, self.starts_key, *self._window_keys]
        args = [
            count,
            page_id,
            _stamp(hour + HOURLY_RETENTION + timedelta(hours=1)),
            f"{page_id}:{stamp}",
            stamp,
            *WINDOWS,
        ]
        return keys, args

    def record(self, page_id: int, when: datetime, count: int = 1) -> None:
        keys, args = self._record_call(page_id, when, count)
        self._record(keys=keys, args=args)

    def view_offer(self, *, client: str, page_id: int, when: datetime) -> Offer:
        """The rate limit, the repeat filter and the view in one script call (one round trip)."""
        keys, args = self._record_call(page_id, when, 1)
        try:
            answer = self._beacon(
                keys=[
                    f"{self.prefix}:{counting.rate_key(client, when)}",
                    f"{self.prefix}:{counting.seen_key(client, page_id)}",
                    *keys,
                ],
                args=[counting.rate_limit(), counting.RATE_SECONDS, DEDUPE_SECONDS, *args],
            )
        except UNREACHABLE as error:
            logger.warning("Redis unreachable: view of page %s not counted: %s", page_id, error)
            return Offer.REPEAT  # answered like a repeat: not counted, nothing to flush
        return _OFFERS[int(answer)]

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

    def windows_advance(self, *, now: datetime) -> bool:
        """Move every window's running set to ``now``; False when ``now`` is before them.

        Up to date (the usual case): one HGETALL. Each move is one script call that
        checks the start it was computed from, so two processes cannot move twice.
        """
        for _attempt in range(ADVANCE_ATTEMPTS):
            stored = self.client.hgetall(self.starts_key)
            starts = {key.decode(): int(value) for key, value in stored.items()}
            moved = True
            for window in WINDOWS:
                target = window_start(window, now)
                start = starts.get(window)
                if start == _stamp(target):
                    continue
                if start is not None and start > _stamp(target):
                    return False
                moved &= self._window_move(window, start, target, now=now)
            if moved:
                return True
        return False

    def _window_move(self, window: str, start: int | None, target: datetime, *, now) -> bool:
        begin = None if start is None else datetime.fromtimestamp(start, tz=UTC)
        recount = services.window_rebuild_due(begin, target, window)
        if recount:  # every hour from the target on (to the clock's hour, if ``now`` is older)
            first, last = target, floor_hour(max(now, timezone.now()))
        else:  # the hours that left the window
            first, last = begin, target - timedelta(hours=1)
        hours = int((last - first) / timedelta(hours=1)) + 1
        keys = [self._hour_key(first + timedelta(hours=n)) for n in range(max(hours, 0))]
        done = self._advance(
            keys=[self._window_key(window), self.starts_key, *keys],
            args=[window, "" if start is None else start, _stamp(target), int(recount)],
        )
        return bool(done)

    def top(self, window: str, limit: int, *, now: datetime | None = None) -> list[tuple[int, int]]:
        now = now or timezone.now()
        try:
            if not self.windows_advance(now=now):
                return self.top_from_hours(window, limit, now=now)
            rows = self.client.zrevrange(self._window_key(window), 0, limit - 1, withscores=True)
        except UNREACHABLE as error:
            logger.warning("Redis unreachable: Most Viewed is empty for now: %s", error)
            return []
        return [(int(member), int(score)) for member, score in rows]

    def top_from_hours(self, window: str, limit: int, *, now: datetime) -> list[tuple[int, int]]:
        """A union of the window's hour buckets, kept for a minute."""
        start, end = window_start(window, now), floor_hour(now)
        union = f"{self.prefix}:x:{window}:{self._hour_key(end).rsplit(':', 1)[1]}"
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
