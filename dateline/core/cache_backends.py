"""Django's Redis cache, made to treat an unreachable Redis as an empty cache.

Everything Dateline keeps in the cache can be rebuilt: rendered pages, fragments, tag
generations, Wagtail's site root paths, cached sessions (``cached_db`` keeps them in the
database too), rate-limit and dedupe counters. So when Redis stops answering, reads miss,
writes are dropped and counters start again, and readers keep getting pages rendered from
the database instead of 500s; when Redis is back the next call uses it again, with no
restart. django-redis calls this ``IGNORE_EXCEPTIONS``; Django's built-in backend has no
such option (https://docs.djangoproject.com/en/5.2/topics/cache/#redis).

After a failure the backend skips Redis for ``RETRY_SECONDS`` in that process, so an outage
costs one refused connection per second rather than one per cache call, and logs one
warning when it starts and one line when Redis is back. Deletes that failed are sent again
when Redis is back (up to ``REPLAY_MAX`` per process): a session ended during the outage
must not come back from a Redis that kept its data. What an outage loses is listed in the
README ("Operations: outages").
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 1.0
REPLAY_MAX = 10_000


class ClientPerPool(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and redis-py fills a table of
    response callbacks for each: about 180 us, more than a GET's round trip on loopback,
    eleven times over on a search page. A ``redis.Redis`` is safe to share between threads
    (each command takes a connection from the pool), so one per pool serves them all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClientPerPool
        self._down_until = 0.0
        self._down = False
        self._state_lock = threading.Lock()
        self._failed_deletes: set[tuple[str, int | None]] = set()

    def _call(self, operation, fallback, *args, **kwargs):
        if self._down and time.monotonic() < self._down_until:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except UNREACHABLE as error:
            with self._state_lock:
                if not self._down:
                    logger.warning("Redis cache unreachable, serving without it: %s", error)
                self._down, self._down_until = True, time.monotonic() + RETRY_SECONDS
            return fallback
        if self._down:
            with self._state_lock:
                replay, self._failed_deletes = self._failed_deletes, set()
                if self._down:
                    logger.warning("Redis cache reachable again")
                self._down = False
            for key, version in replay:
                self._call(super().delete, False, key, version)
        return result

    def _remember_deletes(self, keys, version) -> None:
        if self._down and len(self._failed_deletes) < REPLAY_MAX:
            with self._state_lock:
                self._failed_deletes.update((key, version) for key in keys)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        deleted = self._call(super().delete, None, key, version)
        if deleted is None:
            self._remember_deletes([key], version)
        return bool(deleted)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        # As if the counter had just been created: rate limits start again (fail open).
        return self._call(super().incr, delta, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        if self._call(super().delete_many, False, keys, version) is False:
            self._remember_deletes(list(keys), version)

    def clear(self):
        return self._call(super().clear, False)
