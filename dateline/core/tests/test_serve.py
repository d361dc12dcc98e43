"""The ``serve`` command: argument checks and the gunicorn command line, no real server."""

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
    """A gunicorn that exits at once; the command's signal handlers are not installed."""
    with (
        mock.patch(f"{SERVE}.subprocess.Popen") as popen,
        mock.patch(f"{SERVE}.signal.signal"),
        mock.patch(f"{SERVE}.threading.Thread") as thread,
    ):
        popen.return_value.wait.return_value = 0
        popen.thread = thread
        yield popen


@pytest.mark.parametrize("port", ["0", "-1", "65536", "70000"])
def test_port_out_of_range_is_refused_before_starting_gunicorn(popen, port):
    with pytest.raises(CommandError, match="PORT must be between 1 and 65535"):
        call_command("serve", "--port", port, stdout=StringIO())

    popen.assert_not_called()


def test_port_that_is_not_a_number_is_refused(popen):
    with pytest.raises(CommandError, match="invalid int value: 'http'"):
        call_command("serve", "--port", "http", stdout=StringIO())

    popen.assert_not_called()


@pytest.mark.django_db
def test_serve_runs_gunicorn_on_host_and_port_with_the_scheduler(popen):
    out = StringIO()

    call_command("serve", "--host", "127.0.0.2", "--port", "8123", "--workers", "3", stdout=out)

    (argv,), _ = popen.call_args
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "dateline.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.2:8123"
    assert argv[argv.index("--workers") + 1] == "3"
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
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:9000"


@pytest.mark.django_db
def test_gunicorn_failure_is_reported(popen):
    popen.return_value.wait.return_value = 3

    with pytest.raises(CommandError, match="gunicorn exited with status 3"):
        call_command("serve", "--no-scheduler", stdout=StringIO())


@pytest.mark.django_db
def test_gunicorn_stopped_by_sigterm_is_a_clean_exit(popen):
    popen.return_value.wait.return_value = -signal.SIGTERM

    call_command("serve", "--no-scheduler", stdout=StringIO())
