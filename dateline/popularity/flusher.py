"""The background flush: a thread per process, started lazily by the first counted view.

The server's workers are separate processes, each with its own buffer (the
database backend) and its own flusher; the thread starts after the fork, on the
first view, so no worker inherits another's thread. A clean exit flushes once more:
through atexit where the worker ends with sys.exit (gunicorn), and through
multiprocessing's exit finalizers where it is a multiprocessing child, which ends
with os._exit and skips atexit (granian, which ``dateline serve`` runs).

With a shared backend (Redis), the counts are safe in Redis as soon as they are
recorded and any process can copy them to the database: ``dateline serve`` then runs
the one flusher itself (``flusher_start`` in its own process) and tells its workers
so (FLUSHER_ELSEWHERE), so no web worker spends its time on the database copy while
readers wait.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing.util
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
# Set by ``dateline serve`` for its workers when it runs the flusher of a shared backend.
FLUSHER_ELSEWHERE = "DATELINE_VIEWS_FLUSHER_ELSEWHERE"

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


def views_windows_advance_now() -> None:
    """Move the windows on here, once an hour, rather than in the request that reads them."""
    close_old_connections()
    try:
        get_backend().windows_advance(now=timezone.now())
    except Exception:  # noqa: BLE001 - the next read or interval moves them
        logger.exception("Moving the Most Viewed windows on failed")
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
        views_windows_advance_now()
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
    if os.environ.get(FLUSHER_ELSEWHERE) and get_backend().shared:
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
            # run by multiprocessing's exit function in its children (a second flush
            # where atexit runs too finds nothing left to write)
            multiprocessing.util.Finalize(None, views_flush_now, exitpriority=10)
    return True


def flusher_serve(stop: threading.Event) -> bool:
    """For ``dateline serve``: run a shared backend's one flusher in this process.

    False, starting nothing, when flushing is off or each process keeps its own counts
    (the database backend): the workers then flush their own buffers.
    """
    interval = float(setting("FLUSH_INTERVAL", 5))
    if interval <= 0 or not get_backend().shared:
        return False
    threading.Thread(
        target=flusher_run,
        args=(stop,),
        kwargs={"interval": interval},
        daemon=True,
        name="views-flusher",
    ).start()
    return True
