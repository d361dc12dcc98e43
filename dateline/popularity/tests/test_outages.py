"""With Redis unreachable the beacon still answers and Most Viewed is empty, not a 500."""

from __future__ import annotations

import socket

from django.utils import timezone

from dateline.popularity.backends.base import Offer
from dateline.popularity.backends.redis import RedisBackend


def test_an_unreachable_redis_drops_the_view_and_lists_nothing():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = RedisBackend(url=f"redis://127.0.0.1:{port}/0", prefix="views:outage")
    offer = backend.view_offer(client="c" * 32, page_id=7, when=timezone.now())
    assert offer is Offer.REPEAT
    assert backend.top("24h", 5) == []
