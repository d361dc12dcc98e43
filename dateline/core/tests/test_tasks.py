"""The embedded background-task backend: enqueue returns at once, a clean stop drains."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from django_tasks import task

from dateline.core.tasks import ThreadBackend, tasks_drain


@task()
def write_marker(path: str) -> None:
    time.sleep(0.2)  # still queued when the caller returns
    Path(path).write_text("done")


def _enqueue_then_stop(path: str) -> None:
    # a multiprocessing child ends with os._exit, skipping atexit, as granian's workers do
    ThreadBackend("background", {}).enqueue(write_marker, (path,), {})


def test_enqueue_returns_before_the_task_runs_and_drain_waits_for_it(tmp_path):
    marker = tmp_path / "marker"

    ThreadBackend("background", {}).enqueue(write_marker, (str(marker),), {})

    assert not marker.exists()
    assert tasks_drain(timeout=10) is True
    assert marker.read_text() == "done"


def test_a_worker_that_is_a_multiprocessing_child_finishes_its_queue_on_a_clean_stop(tmp_path):
    marker = tmp_path / "marker"
    child = multiprocessing.get_context("fork").Process(
        target=_enqueue_then_stop, args=(str(marker),)
    )
    child.start()
    child.join(30)

    assert child.exitcode == 0
    assert marker.read_text() == "done"
