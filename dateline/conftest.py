"""Fixtures shared by every app's tests.

Data that many tests only read (a page tree, a demo newsroom) is built once per
module inside ``module_transaction``: an atomic block around the whole module,
rolled back at its end. Each test still runs in its own savepoint (pytest-django's
``db``), so what a test changes is undone before the next one.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation


def clear_default_cache() -> None:
    """Empty the default cache; on Redis only our keys, not the whole shared database."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("RedisCache"):  # Django's, or core.cache_backends' resilient one
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _isolated_cache():
    """No cached site root paths, settings or renditions leak from one test to the next."""
    clear_default_cache()
    yield
    clear_default_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /ar/ or /fa/ leaves its language active in the thread (LocaleMiddleware
    activates it and nothing deactivates it); the next test starts in English again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded and rendered images go to a temporary directory, not var/."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """Database access for module-scoped fixtures; everything they write is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache on, as in production (the test settings turn it off)."""
    settings.DATELINE_PAGE_CACHE = True
    return settings
