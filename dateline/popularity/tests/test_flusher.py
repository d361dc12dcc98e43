"""The per-process flusher: lazy, once per process, flushing on exit too."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path
from unittest import mock

from dateline.popularity import flusher


def test_no_flusher_when_the_interval_is_zero(settings):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 0
    assert flusher.flusher_ensure() is False


def test_the_first_view_starts_one_flusher_and_registers_a_flush_at_exit(settings, monkeypatch):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 60
    monkeypatch.setattr(flusher, "_started_in", None)
    with (
        mock.patch.object(flusher.threading, "Thread") as thread,
        mock.patch.object(flusher.atexit, "register") as register,
    ):
        assert flusher.flusher_ensure() is True
        assert flusher.flusher_ensure() is True
    thread.assert_called_once()
    assert flusher.views_flush_now in [call.args[0] for call in register.call_args_list]


def test_the_flusher_flushes_every_interval_until_stopped(monkeypatch):
    flushed = threading.Event()
    monkeypatch.setattr(flusher, "views_flush_now", flushed.set)
    monkeypatch.setattr(flusher, "views_rollup_now", lambda: None)
    monkeypatch.setattr(flusher, "views_windows_advance_now", lambda: None)
    stop = threading.Event()
    worker = threading.Thread(target=flusher.flusher_run, args=(stop,), kwargs={"interval": 0.01})
    worker.start()
    assert flushed.wait(2)
    stop.set()
    worker.join(2)
    assert not worker.is_alive()


def test_a_failing_flush_is_logged_and_survived(db, monkeypatch, caplog):
    backend = mock.Mock()
    backend.flush.side_effect = RuntimeError("database away")
    monkeypatch.setattr(flusher, "get_backend", lambda: backend)
    assert flusher.views_flush_now() == 0
    assert "Flushing views failed" in caplog.text


def test_the_flusher_moves_the_windows_on_so_readers_seldom_wait(db, monkeypatch):
    backend = mock.Mock()
    monkeypatch.setattr(flusher, "get_backend", lambda: backend)
    flusher.views_windows_advance_now()
    backend.windows_advance.assert_called_once()
    backend.windows_advance.side_effect = RuntimeError("database away")
    flusher.views_windows_advance_now()  # logged, not raised


def _count_views_then_stop(marker: str) -> None:
    """A server worker's life in a multiprocessing child: a view starts the flusher, then
    the worker returns and multiprocessing ends the process with os._exit (no atexit)."""
    flusher.views_flush_now = lambda: Path(marker).write_text("flushed")
    flusher._started_in = None
    flusher.flusher_ensure()


def test_a_worker_that_is_a_multiprocessing_child_flushes_on_a_clean_stop(settings, tmp_path):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 60
    marker = tmp_path / "flushed"
    child = multiprocessing.get_context("fork").Process(
        target=_count_views_then_stop, args=(str(marker),)
    )
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert marker.read_text() == "flushed"


def test_serve_runs_the_one_flusher_of_a_shared_backend(settings, monkeypatch):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 60
    backend = mock.Mock(shared=True)
    monkeypatch.setattr(flusher, "get_backend", lambda: backend)
    with mock.patch.object(flusher.threading, "Thread") as thread:
        assert flusher.flusher_serve(threading.Event()) is True
    thread.assert_called_once()

    backend.shared = False  # each process's own buffer: the workers flush it
    with mock.patch.object(flusher.threading, "Thread") as thread:
        assert flusher.flusher_serve(threading.Event()) is False
    thread.assert_not_called()


def test_workers_start_no_flusher_when_serve_runs_the_shared_one(settings, monkeypatch):
    settings.DATELINE_VIEWS_FLUSH_INTERVAL = 60
    monkeypatch.setattr(flusher, "_started_in", None)
    monkeypatch.setenv(flusher.FLUSHER_ELSEWHERE, "1")
    backend = mock.Mock(shared=True)
    monkeypatch.setattr(flusher, "get_backend", lambda: backend)
    with (
        mock.patch.object(flusher.threading, "Thread") as thread,
        mock.patch.object(flusher.atexit, "register"),
        mock.patch.object(flusher.multiprocessing.util, "Finalize"),
    ):
        assert flusher.flusher_ensure() is True
        thread.assert_not_called()
        backend.shared = False  # a per-process buffer is always flushed by its process
        assert flusher.flusher_ensure() is True
        thread.assert_called_once()
