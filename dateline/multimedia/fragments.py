"""The front page's multimedia strip as a cached fragment: one cache read when warm.

Publishing, unpublishing, deleting or moving a gallery or video (or the /multimedia/
page) bumps a version key (signal_handlers.py), so a stale strip is never read again.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from dateline.multimedia import selectors

VERSION_KEY = "multimedia:strip-version"
TIMEOUT = 24 * 3600


def strip_invalidate() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, time.time_ns, None)


def home_strip(home) -> str:
    """The newest galleries and videos of ``home``'s edition; "" when there are none."""
    language = translation.get_language() or ""
    key = f"multimedia:strip:{home.pk}:{language}:{_version()}"
    html = cache.get(key)
    if html is None:
        stories = selectors.latest(home)
        html = ""
        if stories:
            index = selectors.index_of(home)
            context = {"stories": stories, "index_url": index.url if index else ""}
            html = render_to_string("multimedia/home_strip.html", context).strip()
        cache.set(key, html, TIMEOUT)
    return html
