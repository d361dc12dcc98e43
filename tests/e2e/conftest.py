"""Browser tests: Playwright (sync API) driving Debian's Chromium against ``live_server``.

Run them alone with ``pytest tests/e2e -m browser``. Without Chromium at
``/usr/bin/chromium`` they are skipped loudly on a developer's machine and fail
under ``CI=true``, so a CI image that lost its browser cannot go green silently.

Playwright and Chromium start once, with the first browser test, and stop after
the last one (package scope: pytest-django runs these transactional tests in one
block). While Playwright runs, its event loop counts as "running" in the test
thread, which changes how Django behaves there (see ``playwright`` below); other
tests in the same session must not run in that state.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.urls import clear_url_caches

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
DEMO_NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
SKIPPED_TASKS = {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}


@dataclass
class _BrowserStatus:
    problem: str | None = None  # why Chromium cannot run, once known


_status = _BrowserStatus()


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


def _missing_chromium() -> str | None:
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _skip_reason() -> str:
    return f"BROWSER TESTS SKIPPED: {_status.problem}"


def _fail_reason() -> str:
    return f"BROWSER TESTS FAILED (CI=true): {_status.problem}"


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Skip before any fixture runs (no test database, no live server) when the
    # browser is plainly missing; under CI the test runs and fails instead.
    if item.get_closest_marker("browser") is None:
        return
    _status.problem = _status.problem or _missing_chromium()
    if _status.problem and not _in_ci():
        pytest.skip(_skip_reason())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is not None and _status.problem and _in_ci():
        pytest.fail(_fail_reason(), pytrace=False)


def _count(terminalreporter, outcome: str, marker: str) -> int:
    return sum(marker in str(report.longrepr) for report in terminalreporter.stats.get(outcome, []))


def pytest_terminal_summary(terminalreporter) -> None:
    """One loud banner at the end when the browser tests did not run in Chromium."""
    if _status.problem is None:
        return
    skipped = _count(terminalreporter, "skipped", "BROWSER TESTS SKIPPED")
    failed = _count(terminalreporter, "failed", "BROWSER TESTS FAILED")
    if not (skipped or failed):
        return
    verdict = "FAILED" if failed else "SKIPPED"
    terminalreporter.write_sep("!", f"BROWSER TESTS {verdict}", red=True, bold=True)
    terminalreporter.write_line(f"BROWSER TESTS {verdict}: {_status.problem}", red=True, bold=True)
    terminalreporter.write_line(f"({failed or skipped} browser test(s) did not run in Chromium.)")
    terminalreporter.write_sep("!", red=True, bold=True)


@pytest.fixture(scope="package")
def playwright():
    """Playwright's driver, or None when it cannot start (see ``browser``)."""
    if _status.problem:
        yield None
        return
    from django.db import connections
    from playwright.sync_api import sync_playwright

    before = {alias: connections[alias] for alias in connections}
    try:
        manager = sync_playwright().start()
    except Exception as exc:  # noqa: BLE001 - any failure means "no browser tests"
        _status.problem = f"Playwright could not start: {_first_line(exc)}"
        yield None
        return
    # Between calls Playwright's sync API leaves its event loop marked as running
    # in this thread. Django then (1) refuses ORM calls here ("You cannot call
    # this from an async context") unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and
    # (2) keeps database connections in per-context storage instead of the
    # thread-local one, so ``connections[alias]`` would be a second, fresh
    # connection object without the state pytest-django set on the first (e.g.
    # what serialized rollback restores). Allow the ORM, and pin the original
    # connection objects into that storage, for as long as Playwright runs.
    unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    for alias, connection in before.items():
        setattr(connections._connections, alias, connection)
    yield manager
    manager.stop()
    if unsafe is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = unsafe


@pytest.fixture(scope="package")
def browser(playwright):
    """One headless Chromium for all browser tests, or a loud skip (fail under CI)."""
    instance = None
    if playwright is not None:
        try:
            instance = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:  # noqa: BLE001
            _status.problem = f"Chromium at {CHROMIUM} failed to launch: {_first_line(exc)}"
    if instance is None:
        if not _in_ci():
            pytest.skip(_skip_reason())
        yield None  # pytest_runtest_call fails each browser test
        return
    yield instance
    instance.close()


@pytest.fixture
def new_context(browser):
    """A factory for extra, isolated browser contexts (e.g. a logged-out reader)."""
    contexts = []

    def make(**kwargs):
        if browser is None:
            return None
        kwargs.setdefault("viewport", VIEWPORT)
        kwargs.setdefault("locale", "en-GB")
        context = browser.new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context) -> Iterator:
    if context is None:
        yield None
        return
    tab = context.new_page()
    yield tab
    tab.close()


def _clear_caches() -> None:
    """Empty every cache; on a shared Redis only this run's prefixed keys."""
    for alias in settings.CACHES:
        cache = caches[alias]
        if settings.CACHES[alias]["BACKEND"].endswith("RedisCache"):
            client = cache._cache.get_client(write=True)
            keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        else:
            cache.clear()


def _reload_urlconf() -> None:
    # dateline/urls.py binds MEDIA_ROOT into its /media/ route when imported.
    module = sys.modules.get(settings.ROOT_URLCONF)
    if module is not None:
        importlib.reload(module)
    clear_url_caches()


@pytest.fixture(scope="package", autouse=True)
def _page_cache_on():
    """The browser tests run like production: anonymous pages come from the page cache.

    Pictures are offered in WebP only (no AVIF): the demo's renditions are drawn when a
    page first needs them here (see ``newsroom``), and AVIF takes ten times longer to
    encode; dateline/core/tests/test_images.py covers the AVIF markup.
    """
    with override_settings(DATELINE_PAGE_CACHE=True, DATELINE_IMAGE_SOURCE_FORMATS=["webp"]):
        yield


@pytest.fixture(scope="package", autouse=True)
def _browser_media_root(tmp_path_factory):
    """Demo pictures and renditions go to a temporary directory, not var/."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("e2e-media")):
        _reload_urlconf()
        yield
    _reload_urlconf()


@pytest.fixture
def live_site(live_server, transactional_db, django_db_serialized_rollback):
    """The live server over a database that still has Wagtail's root, home page and Site.

    Transactional tests flush every table afterwards; serialized rollback puts
    back what the migrations created (locale, root page, home page, default Site)
    before each test. pytest-django runs transactional tests after all ``db``
    tests, so the flush after the last one cannot hurt those.
    """
    _clear_caches()  # the menu and site-root caches would point at flushed pages
    yield live_server
    _clear_caches()


@pytest.fixture
def newsroom(live_site):  # the demo needs the migrated database
    """Build the demo newsroom: ``newsroom(articles=24)``; dates are fixed for stable pictures."""
    from dateline.news.demo import demo_create

    def build(*, articles: int = 24, seed: int = 2024, editions: bool = False) -> dict:
        # Making every preset's renditions of every demo picture ahead of time would
        # triple the time each build takes; these tests read pages, so the pictures are
        # drawn on demand instead (test_images.py checks the ahead-of-time path).
        with override_settings(TASKS={**settings.TASKS, "background": SKIPPED_TASKS}):
            return demo_create(seed=seed, articles=articles, now=DEMO_NOW, editions=editions)

    return build
