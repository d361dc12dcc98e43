"""Fixtures for the popularity tests: a backend of each kind, a clean slate per test."""

from __future__ import annotations

import os
import uuid

import pytest
import redis

from dateline.popularity import backends
from dateline.popularity.backends.db import DatabaseBackend
from dateline.popularity.backends.redis import RedisBackend

REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/12"


@pytest.fixture(autouse=True)
def _no_background_flusher(settings):
    """Tests flush by hand; a flusher thread would race the query-count assertions."""
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0
    backends.backend_reset()
    yield
    backends.get_backend().clear()
    backends.backend_reset()


def redis_backend() -> RedisBackend:
    """A Redis backend under a unique key prefix; loud skip without Redis, failure under CI."""
    backend = RedisBackend(url=REDIS_URL, prefix=f"dateline-test-views-{uuid.uuid4().hex[:12]}")
    try:
        backend.client.ping()
    except redis.RedisError as error:
        message = f"REDIS BACKEND TESTS SKIPPED: {REDIS_URL} unreachable ({error})"
        if os.environ.get("CI") == "true":
            pytest.fail(message.replace("SKIPPED", "FAILED (CI=true)"), pytrace=False)
        pytest.skip(message)
    return backend


@pytest.fixture(params=["db", "redis"])
def views_backend(request, db):
    """Each backend in turn, for the contract tests both must pass."""
    backend = DatabaseBackend() if request.param == "db" else redis_backend()
    yield backend
    backend.clear()


@pytest.fixture
def use_backend(views_backend, monkeypatch):
    """Make ``views_backend`` the process's backend (what the views and windows use)."""
    monkeypatch.setattr(backends, "_backend", views_backend)
    return views_backend
