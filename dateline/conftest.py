"""Fixtures shared by every app's tests.

Data that many tests only read (a page tree, a demo newsroom) is built once per
module inside ``module_transaction``: an atomic block around the whole module,
rolled back at its end. Each test still runs in its own savepoint (pytest-django's
``db``), so what a test changes is undone before the next one.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.test import override_settings
from django.utils import translation


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``-n 2 --dist loadfile`` (``make test``) in pytest-django's order on every worker.

    pytest-django runs ``db`` tests first, then transactional ones (whose flush empties
    the database: no Wagtail root, no Site), then tests without a database. xdist's own
    loadfile hands out whole files, largest first, so a worker could run a flushing test
    before a ``db`` test. Here a file is handed out whole in the collection's order instead,
    and a file with tests of two kinds goes out as one piece per kind, each in its place.
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OrderedLoadFile(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            config.option.loadscopereorder = False  # the queue keeps the collection's order
            self.pieces: dict[str, str] = {}

        def _split_scope(self, nodeid: str) -> str:
            if not self.pieces:  # every worker collected the same, identically sorted list
                piece, previous = 0, None
                for each in self.collection:
                    path = each.split("::", 1)[0]
                    piece += path != previous
                    self.pieces[each], previous = f"{path}#{piece}", path
            return self.pieces[nodeid]

    return OrderedLoadFile(config, log)


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
def _isolated_cache(monkeypatch):
    """No cached site root paths, settings or renditions leak from one test to the next.

    On Redis a test's ``cache.clear()`` empties this process's keys only: a FLUSHDB would
    also empty the cache of the other worker of a parallel run, in the middle of its test.
    """
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # on the cache object itself, not on the ``cache`` proxy: a test that overrides
        # CACHES gets another object, and the proxy would then undo the patch on that one
        monkeypatch.setattr(caches["default"], "clear", clear_default_cache)
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
