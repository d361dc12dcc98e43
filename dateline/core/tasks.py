"""A django-tasks backend for the embedded mode: work runs on a thread beside the caller.

``enqueue`` returns at once; one worker thread per process runs the tasks in order, so an
editor's request never waits for them. Nothing is stored: a task still queued when the
process dies (``kill -9``, power loss) is lost. Only work that can be lost goes here, such
as making image renditions ahead of time (Wagtail makes a missing one when a page first
needs it). A clean exit (the end of ``dateline demo``, a web worker stopping) first
finishes the queue, for at most ``OPTIONS["DRAIN_SECONDS"]`` (default 300).

Settings (``dateline/settings.py`` names this backend ``"background"``)::

    TASKS = {"background": {"BACKEND": "dateline.core.tasks.ThreadBackend"}}
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing.util
import os
import queue
import threading
import time

from django.db import close_old_connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

logger = logging.getLogger(__name__)

_queue: queue.Queue[tuple[ThreadBackend, TaskResult]] = queue.Queue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()


class ThreadBackend(ImmediateBackend):
    """Runs each task later, on this process's worker thread (see the module docstring)."""

    supports_async_task = False

    def enqueue(self, task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        _worker_start(float(self.options.get("DRAIN_SECONDS", 300)))
        _queue.put((self, result))
        return result


def _reset_after_fork() -> None:
    # A forked child has no worker thread, and the parent's queue may hold the waiter of
    # a thread that no longer exists (a notify would wake nobody): start afresh.
    global _queue, _worker, _worker_lock
    _queue = queue.Queue()
    _worker = None
    _worker_lock = threading.Lock()


os.register_at_fork(after_in_child=_reset_after_fork)


def _worker_start(drain_seconds: float) -> None:
    global _worker
    with _worker_lock:
        if _worker is not None and _worker.is_alive():
            return
        _worker = threading.Thread(target=_work, daemon=True, name="dateline-tasks")
        _worker.start()
        atexit.register(tasks_drain, timeout=drain_seconds)
        # granian's workers are multiprocessing children, which end with os._exit and
        # skip atexit; multiprocessing's own exit finalizers still run there (a second
        # drain where atexit ran too finds the queue empty)
        multiprocessing.util.Finalize(
            None, tasks_drain, kwargs={"timeout": drain_seconds}, exitpriority=5
        )


def _work() -> None:
    while True:
        backend, result = _queue.get()
        try:
            # ImmediateBackend's runner records the outcome and logs a failure
            backend._execute_task(result)
        except Exception:  # noqa: BLE001 - the worker must outlive any task
            logger.exception("Background task %s failed", result.task.module_path)
        finally:
            close_old_connections()
            _queue.task_done()


def tasks_drain(*, timeout: float = 300) -> bool:
    """Wait until every queued task has run; False if ``timeout`` seconds passed first."""
    deadline = time.monotonic() + timeout
    with _queue.all_tasks_done:
        while _queue.unfinished_tasks:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                logger.warning("%s background tasks left unfinished", _queue.unfinished_tasks)
                return False
            _queue.all_tasks_done.wait(remaining)
    return True
