"""Stampede protection: when a hot page expires, one request renders it, the rest get the copy.

The view is a stand-in that counts its renders and holds the first one until every
other reader has been answered, so the test needs no timing. It runs on the test
settings' cache: local memory in the first pass, Redis in the second.
"""

from __future__ import annotations

import queue
import threading
import time

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory

from dateline.core.cache_middleware import STATE_HEADER, PageCacheMiddleware
from dateline.core.page_cache import page_cache_depends, page_cache_invalidate

pytestmark = pytest.mark.django_db  # invalidation also runs once the transaction commits
READERS = 20
URL = "/politics/hot-story/"


class CountingView:
    def __init__(self):
        self.renders = 0
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.release.set()
        self.status = 200
        self.label = "old"

    def __call__(self, request):
        with self.lock:
            self.renders += 1
        page_cache_depends("page:7")
        assert self.release.wait(timeout=30), "the render was never released"
        return HttpResponse(self.label, status=self.status)


@pytest.fixture
def hot_page(page_cache):
    view = CountingView()
    middleware = PageCacheMiddleware(view)
    assert middleware(RequestFactory().get(URL))[STATE_HEADER] == "MISS"
    view.renders = 0
    view.label = "new"
    return view, middleware


def crowd(view, middleware) -> list:
    """READERS concurrent requests; the one that renders is held until the others are served."""
    view.release.clear()
    answers = queue.Queue()

    def read():
        response = middleware(RequestFactory().get(URL))
        answers.put((response[STATE_HEADER], response.content.decode()))

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    served = [answers.get(timeout=30) for _ in range(READERS - 1)]
    view.release.set()
    served.append(answers.get(timeout=30))
    for thread in threads:
        thread.join(timeout=30)
    return served


def test_an_expired_hot_page_is_rendered_once_for_20_concurrent_readers(hot_page):
    view, middleware = hot_page
    with time_machine.travel(time.time() + 61):
        served = crowd(view, middleware)
    assert view.renders == 1
    states = sorted(state for state, _content in served)
    assert states == ["MISS"] + ["STALE"] * (READERS - 1)
    assert {content for state, content in served if state == "STALE"} == {"old"}
    assert middleware(RequestFactory().get(URL)).content == b"new"


def test_an_invalidated_hot_page_is_rendered_once_too(hot_page):
    view, middleware = hot_page
    page_cache_invalidate("page:7")
    served = crowd(view, middleware)
    assert view.renders == 1
    assert sorted(state for state, _content in served).count("MISS") == 1
    after = middleware(RequestFactory().get(URL))
    assert (after[STATE_HEADER], after.content) == ("HIT", b"new")


def test_a_fresh_page_is_not_rendered_at_all(hot_page):
    view, middleware = hot_page
    served = crowd(view, middleware)
    assert view.renders == 0
    assert {state for state, _content in served} == {"HIT"}


def test_a_failing_render_serves_the_previous_copy(hot_page):
    view, middleware = hot_page
    view.status = 500
    with time_machine.travel(time.time() + 61):
        response = middleware(RequestFactory().get(URL))
    assert (response.status_code, response[STATE_HEADER]) == (200, "STALE")
    assert response.content == b"old"


def test_a_page_that_is_gone_is_never_served_stale_again(hot_page):
    view, middleware = hot_page
    view.status = 404
    page_cache_invalidate("page:7")
    assert middleware(RequestFactory().get(URL)).status_code == 404
    view.status = 200
    assert middleware(RequestFactory().get(URL))[STATE_HEADER] == "MISS"
