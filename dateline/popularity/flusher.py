"""The background flush: a thread per process, started lazily by the first counted view.

Gunicorn's sync workers are separate processes, each with its own buffer (the
database backend) and its own flusher; the thread starts after the fork, on the
first view, so no worker inherits another's thread. A clean exit (gunicorn's
graceful stop ends a worker with sys.exit, which runs atexit) flushes once more.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time

from django.db import close_old_connections
from django.utils import timezone

from dateline.popularity import services
from dateline.popularity.backends import get_backend
from dateline.popularity.conf import setting

logger = logging.getLogger(__name__)
ROLLUP_SECONDS = 3600

_lock = threading.Lock()
_started_in: int | None = None  # the pid whose flusher thread is running


def views_flush_now() -> int:
    """Flush the current backend; errors are logged (the views stay buffered for next time)."""
    close_old_connections()
    try:
        return get_backend().flush()
    except Exception:  # noqa: BLE001 - a failed flush must not kill the thread or the exit
        logger.exception("Flushing views failed; they are kept for the next flush")
        return 0
    finally:
        close_old_connections()


def views_rollup_now() -> None:
    close_old_connections()
    try:
        services.views_rollup(now=timezone.now())
    except Exception:  # noqa: BLE001 - retried at the next hour
        logger.exception("Rolling hourly views into days failed")
    finally:
        close_old_connections()


def flusher_run(stop: threading.Event, *, interval: float) -> None:
    last_rollup = 0.0
    while not stop.wait(interval):
        views_flush_now()
        if time.monotonic() - last_rollup >= ROLLUP_SECONDS:
            last_rollup = time.monotonic()
            views_rollup_now()


def flusher_ensure() -> bool:
    """Start this process's flusher unless it runs already; False when flushing is off."""
    global _started_in
    interval = float(setting("FLUSH_INTERVAL", 5))
    if interval <= 0:
        return False
    if _started_in == os.getpid():
        return True
    with _lock:
        if _started_in != os.getpid():
            _started_in = os.getpid()
            stop = threading.Event()
            threading.Thread(
                target=flusher_run,
                args=(stop,),
                kwargs={"interval": interval},
                daemon=True,
                name="views-flusher",
            ).start()
            atexit.register(views_flush_now)
            atexit.register(stop.set)
    return True
