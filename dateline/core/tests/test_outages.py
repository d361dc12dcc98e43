"""Readers keep getting pages while Redis or the database is away (issue 11, faults).

Redis "down" is a port where nothing listens; the database "down" is every query
raising OperationalError, as a dropped PostgreSQL connection does.
"""

from __future__ import annotations

import os
import socket
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from dateline.core import cache_backends, page_cache
from dateline.core.cache_backends import ResilientRedisCache
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"  # the port was free and is closed again


def resilient_cache(url: str) -> ResilientRedisCache:
    return ResilientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 0.5}})


@contextmanager
def database_down():
    error = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    with (
        mock.patch.object(CursorWrapper, "_execute", side_effect=error),
        mock.patch.object(CursorWrapper, "_executemany", side_effect=error),
    ):
        yield


def test_an_unreachable_redis_is_an_empty_cache_that_drops_writes():
    down = resilient_cache(closed_port_url())
    assert down.get("page", "missing") == "missing"
    down.set("page", "html")
    assert down.add("lock", 1) is False
    assert down.get_many(["a", "b"]) == {}
    assert down.incr("rate", 3) == 3  # a rate limit starts again rather than fail
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down.get_or_set("salt", "fresh") == "fresh"
    assert down.delete("page") is False and down.has_key("page") is False
    assert ("page", None) in down._failed_deletes  # sent again once Redis answers


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs a Redis (pass 2)")
def test_the_cache_uses_redis_again_once_it_answers(monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    live = resilient_cache(os.environ["TEST_REDIS_URL"])
    live.set_many({"outage-probe": "before", "outage-session": "logged in"}, 30)
    refused = RedisConnectionError("refused")
    with mock.patch.object(live._cache, "get", side_effect=refused):
        assert live.get("outage-probe") is None
    assert live.get("outage-probe") is None  # still skipped: retried after RETRY_SECONDS
    assert live.delete("outage-session") is False  # a logout during the outage
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0)
    live._down_until = 0
    assert live.get("outage-probe") == "before"
    # the delete that failed was sent again: the ended session does not come back
    assert live.get("outage-session") is None
    live.delete("outage-probe")


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs a Redis (pass 2)")
def test_every_cache_call_shares_one_redis_client_per_pool():
    live = resilient_cache(os.environ["TEST_REDIS_URL"])
    live.set("client-probe", "x", 30)
    client = live._cache.get_client(write=True)
    assert live._cache.get_client(write=False) is client  # one server: one pool, one client
    assert live.get("client-probe") == "x"
    assert live._cache.get_client("client-probe") is client
    live.delete("client-probe")


@pytest.fixture
def article(page_cache, db):
    section = SectionPageFactory(parent=home_page(), title="World")
    return ArticlePageFactory(parent=section, title="Harbour reopens")


def test_pages_answer_when_redis_is_unreachable(article, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "dateline.core.cache_backends.ResilientRedisCache",
            "LOCATION": closed_port_url(),
        }
    }
    client = Client()
    for url in (article.url, home_page().url):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert response["X-Dateline-Cache"] == "MISS"  # rendered, nothing stored
    assert "Harbour reopens" in client.get(article.url).content.decode()


def test_a_cached_page_is_served_stale_while_the_database_is_down(article):
    client = Client(raise_request_exception=False)
    first = client.get(article.url)
    assert first["X-Dateline-Cache"] == "MISS"
    key = page_cache.entry_key("en", f"http://testserver{article.url}")
    entry = cache.get(key)
    entry.fresh_until = 0  # expired: the next reader re-renders it
    cache.set(key, entry, 300)
    with database_down():
        response = client.get(article.url)
    assert response.status_code == 200
    assert response["X-Dateline-Cache"] == "STALE"
    assert response.content == first.content


def test_an_uncached_page_needing_the_database_is_a_503_to_retry(article):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/search/?q=harbour")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "not available just now" in response.content.decode()
