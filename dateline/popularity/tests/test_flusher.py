"""The per-process flusher: lazy, once per process, flushing on exit too."""

from __future__ import annotations

import threading
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
