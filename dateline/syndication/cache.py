"""One version number for everything syndication caches; publishing anything bumps it.

Feeds, sitemaps and the structured-data lookups are all keyed by the version, so one
cache write invalidates them all at once (on Redis as in local memory) without scanning
keys; the old entries expire by themselves.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache as default_cache

from dateline.core.page_cache import page_cache_invalidate

VERSION_KEY = "syndication:version"
CACHE_TAG = "syndication"  # what the page cache's copies of feeds and sitemaps depend on
TIMEOUT = 15 * 60
_MISSING = object()


def version() -> int:
    return default_cache.get_or_set(VERSION_KEY, time.time_ns, None)


def key(name: str) -> str:
    return f"syndication:{version()}:{name}"


def remember(name: str, load: Callable[[], Any], timeout: int = TIMEOUT) -> Any:
    """``load()``'s result, from the cache while the version stands."""
    cache_key = key(name)
    found = default_cache.get(cache_key, _MISSING)
    if found is _MISSING:
        found = load()
        default_cache.set(cache_key, found, timeout)
    return found


def syndication_invalidate() -> None:
    """Forget every cached feed, sitemap and lookup (a new version; old keys age out)."""
    default_cache.set(VERSION_KEY, time.time_ns(), None)
    page_cache_invalidate(CACHE_TAG)
