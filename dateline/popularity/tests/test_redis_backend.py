"""What only the Redis backend promises: nothing acknowledged is lost across restarts."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from dateline.popularity.backends import redis_scripts
from dateline.popularity.backends.base import Offer
from dateline.popularity.backends.redis import RedisBackend
from dateline.popularity.models import HourlyViews
from dateline.popularity.tests.conftest import REDIS_URL, redis_backend
from dateline.popularity.tests.factories import newsroom

# Redis expires hour buckets by the real clock, so the tests' "now" is today.
NOW = datetime.now(UTC).replace(minute=30, second=0, microsecond=0)


@pytest.fixture
def backend(db):
    backend = redis_backend()
    yield backend
    backend.clear()


def test_views_survive_a_new_process(backend):
    story = newsroom(stories=1)[2][0]
    backend.record(story.pk, NOW, 4)
    restarted = RedisBackend(url=REDIS_URL, prefix=backend.prefix)

    assert restarted.top("day", 10, now=NOW) == [(story.pk, 4)]
    assert restarted.flush() == 1
    assert HourlyViews.objects.get(page=story).views == 4


def test_a_flush_interrupted_after_its_claim_is_completed_by_the_next(backend):
    story = newsroom(stories=1)[2][0]
    backend.record(story.pk, NOW, 2)
    backend.client.rename(backend.pending_key, backend.flushing_key)  # crashed right after
    backend.record(story.pk, NOW, 1)

    assert backend.flush() == 1  # the claim left behind
    assert backend.flush() == 1  # then what came after
    assert HourlyViews.objects.get(page=story).views == 3


def test_only_one_process_flushes_at_a_time(backend):
    story = newsroom(stories=1)[2][0]
    backend.record(story.pk, NOW)
    lock = backend.client.lock(f"{backend.prefix}:flush-lock", timeout=60)
    assert lock.acquire(blocking=False)
    try:
        assert backend.flush() == 0
    finally:
        lock.release()
    assert backend.flush() == 1


def test_hour_buckets_expire_after_35_days(backend):
    backend.record(1, NOW)
    ttl = backend.client.ttl(backend._hour_key(NOW.replace(minute=0)))
    assert ttl == -2 or ttl <= 36 * 86400  # already expired (NOW is in the past) or within 36 days


def test_a_beacon_is_one_round_trip_that_limits_dedupes_and_records(backend, settings):
    settings.DATELINE_VIEWS_RATE_LIMIT = 2
    calls = []
    execute = backend.client.execute_command

    def counted(*args, **options):
        calls.append(args[0])
        return execute(*args, **options)

    backend.client.script_load(redis_scripts.BEACON)  # a fresh server has not seen it yet
    backend.client.execute_command = counted
    assert backend.view_offer(client="c1", page_id=7, when=NOW) is Offer.COUNTED
    assert calls == ["EVALSHA"]  # the rate limit, the repeat filter and the view together

    assert backend.view_offer(client="c1", page_id=7, when=NOW) is Offer.REPEAT
    assert backend.view_offer(client="c1", page_id=8, when=NOW) is Offer.FLOOD
    assert len(calls) == 3
    assert backend.pending() == 1
    assert backend.top("day", 10, now=NOW) == [(7, 1)]


def test_the_beacon_keys_expire_and_hold_no_address(backend):
    backend.view_offer(client="5f" * 16, page_id=7, when=NOW)
    seen = f"{backend.prefix}:popularity:seen:{'5f' * 16}:7"
    rate = f"{backend.prefix}:popularity:rate:{'5f' * 16}:{NOW:%Y%m%d%H%M}"
    assert 0 < backend.client.ttl(seen) <= 30 * 60
    assert 0 < backend.client.ttl(rate) <= 120


def test_the_beacon_script_is_loaded_again_when_redis_does_not_know_it(backend):
    # As after a restart or SCRIPT FLUSH, without flushing the scripts that tests running
    # at the same time on the same server rely on: a script body Redis has never seen.
    backend._beacon = backend.client.register_script(f"{redis_scripts.BEACON}\n-- {uuid4()}")
    assert backend.view_offer(client="c2", page_id=9, when=NOW) is Offer.COUNTED
    assert backend.pending() == 1
