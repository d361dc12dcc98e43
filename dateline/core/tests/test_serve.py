"""The ``serve`` command: argument checks and the granian command line, no real server."""

from __future__ import annotations

import signal
import sys
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

SERVE = "dateline.core.management.commands.serve"


@pytest.fixture
def popen():
    """A granian that exits at once; the command's signal handlers are not installed, and
    the Most Viewed flusher is left to the workers (whatever the views backend)."""
    with (
        mock.patch(f"{SERVE}.subprocess.Popen") as popen,
        mock.patch(f"{SERVE}.signal.signal"),
        mock.patch(f"{SERVE}.threading.Thread") as thread,
        mock.patch("dateline.popularity.flusher.flusher_serve", return_value=False),
    ):
        popen.return_value.wait.return_value = 0
        popen.thread = thread
        yield popen


@pytest.mark.parametrize("port", ["0", "-1", "65536", "70000"])
def test_port_out_of_range_is_refused_before_starting_the_server(popen, port):
    with pytest.raises(CommandError, match="PORT must be between 1 and 65535"):
        call_command("serve", "--port", port, stdout=StringIO())

    popen.assert_not_called()


def test_port_that_is_not_a_number_is_refused(popen):
    with pytest.raises(CommandError, match="invalid int value: 'http'"):
        call_command("serve", "--port", "http", stdout=StringIO())

    popen.assert_not_called()


@pytest.mark.django_db
def test_serve_runs_granian_on_host_and_port_with_the_scheduler(popen):
    out = StringIO()

    call_command("serve", "--host", "127.0.0.2", "--port", "8123", "--workers", "3", stdout=out)

    (argv,), _ = popen.call_args
    assert argv[:5] == [sys.executable, "-m", "granian", "--interface", "wsgi"]
    assert argv[-1] == "dateline.wsgi:application"
    assert argv[argv.index("--host") + 1] == "127.0.0.2"
    assert argv[argv.index("--port") + 1] == "8123"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--blocking-threads") + 1] == "2"
    assert "--no-access-log" in argv
    assert "http://127.0.0.2:8123/" in out.getvalue()
    popen.thread.assert_called_once()
    popen.thread.return_value.start.assert_called_once()


@pytest.mark.django_db
def test_no_scheduler_leaves_scheduled_publishing_to_another_process(popen):
    call_command("serve", "--no-scheduler", stdout=StringIO())

    popen.assert_called_once()
    popen.thread.assert_not_called()


@pytest.mark.django_db
def test_port_comes_from_the_environment(popen, monkeypatch):
    monkeypatch.setenv("PORT", "9000")

    call_command("serve", "--no-scheduler", stdout=StringIO())

    (argv,), _ = popen.call_args
    assert argv[argv.index("--port") + 1] == "9000"


@pytest.mark.django_db
def test_threads_and_the_access_log_come_from_the_environment(popen, monkeypatch):
    monkeypatch.setenv("WEB_THREADS", "4")
    monkeypatch.setenv("ACCESS_LOG", "true")

    call_command("serve", "--no-scheduler", stdout=StringIO())

    (argv,), _ = popen.call_args
    assert argv[argv.index("--blocking-threads") + 1] == "4"
    assert "--access-log" in argv


@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_no_workers_or_threads_is_refused(popen, option):
    with pytest.raises(CommandError, match="must be 1 or more"):
        call_command("serve", option, "0", stdout=StringIO())

    popen.assert_not_called()


@pytest.mark.django_db
def test_server_failure_is_reported(popen):
    popen.return_value.wait.return_value = 3

    with pytest.raises(CommandError, match="granian exited with status 3"):
        call_command("serve", "--no-scheduler", stdout=StringIO())


@pytest.mark.django_db
def test_server_stopped_by_sigterm_is_a_clean_exit(popen):
    popen.return_value.wait.return_value = -signal.SIGTERM

    call_command("serve", "--no-scheduler", stdout=StringIO())


@pytest.mark.django_db
def test_with_shared_view_counts_serve_flushes_them_and_tells_the_workers(popen):
    with (
        mock.patch("dateline.popularity.flusher.flusher_serve", return_value=True) as serve,
        mock.patch("dateline.popularity.flusher.views_flush_now") as flush,
    ):
        call_command("serve", "--no-scheduler", stdout=StringIO())

    serve.assert_called_once()
    _args, options = popen.call_args
    assert options["env"]["DATELINE_VIEWS_FLUSHER_ELSEWHERE"] == "1"
    flush.assert_called_once()  # once more after the server stopped


@pytest.mark.django_db
def test_with_counts_in_each_process_the_workers_flush_their_own(popen):
    with mock.patch("dateline.popularity.flusher.flusher_serve", return_value=False):
        call_command("serve", "--no-scheduler", stdout=StringIO())

    _args, options = popen.call_args
    assert "DATELINE_VIEWS_FLUSHER_ELSEWHERE" not in options["env"]
