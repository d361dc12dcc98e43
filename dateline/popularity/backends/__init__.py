"""The views backend chosen by settings (conf.backend_name), one per process."""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from dateline.popularity.backends.base import ViewsBackend
from dateline.popularity.conf import backend_name
from dateline.popularity.conf import setting as views_setting

_lock = threading.Lock()
_backend: ViewsBackend | None = None


def backend_build(name: str) -> ViewsBackend:
    if name == "db":
        from dateline.popularity.backends.db import DatabaseBackend

        return DatabaseBackend()
    if name == "redis":
        from dateline.popularity.backends.redis import RedisBackend

        cache = settings.CACHES["default"]
        url = views_setting("REDIS_URL", "") or cache.get("LOCATION", "")
        if not url:
            raise ImproperlyConfigured(
                "DATELINE_VIEWS_BACKEND is 'redis' but no Redis URL is known: set REDIS_URL."
            )
        # Outside the cache's own key space, so clearing the page cache keeps the counts.
        prefix = (
            views_setting("REDIS_PREFIX", "") or f"views:{cache.get('KEY_PREFIX') or 'dateline'}"
        )
        return RedisBackend(url=url, prefix=prefix)
    raise ImproperlyConfigured(f"DATELINE_VIEWS_BACKEND must be 'db' or 'redis', not {name!r}.")


def get_backend() -> ViewsBackend:
    global _backend
    if _backend is None:
        with _lock:
            if _backend is None:
                _backend = backend_build(backend_name())
    return _backend


def backend_reset(*, setting: str = "DATELINE_VIEWS_BACKEND", **kwargs) -> None:
    """Forget the backend so the next call reads the settings again (override_settings)."""
    global _backend
    if setting != "CACHES" and not setting.startswith("DATELINE_VIEWS_"):
        return
    with _lock:
        _backend = None
