"""Log lines stay single lines whatever a client puts in a path or a user name."""

from __future__ import annotations

import io
import logging

import pytest

from dateline.core.logging import SingleLineFilter, escape_controls

FORGED = "/x\r\n2026-01-01 INFO login ok for admin\x1b[2J\x1b[31m\u2028\x00\x85end"


@pytest.fixture
def console():
    """The root console handler configured from settings.LOGGING, writing to a buffer."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, SingleLineFilter) for f in h.filters)
    ]
    assert handlers, "settings.LOGGING puts SingleLineFilter on the console handler"
    handler = handlers[0]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)


def test_control_characters_become_visible_escapes():
    assert escape_controls(FORGED) == (
        "/x\\r\\n2026-01-01 INFO login ok for admin\\x1b[2J\\x1b[31m\\u2028\\x00\\x85end"
    )
    assert escape_controls("Ünïcödé, عربي, tab-free") == "Ünïcödé, عربي, tab-free"


def test_the_filter_escapes_the_message_and_its_arguments():
    record = logging.LogRecord(
        "t", logging.WARNING, __file__, 1, "Failed login %s\n", (FORGED,), None
    )

    assert SingleLineFilter().filter(record) is True
    assert "\n" not in record.getMessage() and "\r" not in record.getMessage()
    assert "\x1b" not in record.getMessage()
    assert record.getMessage().startswith("Failed login /x\\r\\n2026-01-01")


def test_a_message_whose_arguments_do_not_fit_is_still_logged_on_one_line():
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "%d users\n", ("many\r\n",), None)

    SingleLineFilter().filter(record)

    assert record.getMessage() == "%d users\\n ('many\\r\\n',)"


def test_a_username_with_line_breaks_is_logged_on_one_line(console):
    logging.getLogger("axes.watch_login").warning("AXES: failed login for %r", "bob\nroot")
    logging.getLogger("dateline").warning("Login failed for %s", "mallory\r\nINFO ok\x1b[0m")

    lines = console.getvalue().splitlines()
    assert lines == [
        "AXES: failed login for 'bob\\nroot'",
        "Login failed for mallory\\r\\nINFO ok\\x1b[0m",
    ]


@pytest.mark.django_db
def test_a_404_for_a_path_with_crlf_and_ansi_logs_one_line(client, console):
    response = client.get("/no-such-page%0D%0AINFO%20forged%20line%1B%5B31m/")

    assert response.status_code == 404
    lines = [line for line in console.getvalue().splitlines() if line]
    assert lines and len(lines) == 1, lines
    assert "forged line" in lines[0] and "\x1b" not in lines[0]


def test_tracebacks_are_kept_as_written(console):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("dateline").exception("Task failed for %s", "a\nb")

    text = console.getvalue()
    assert text.startswith("Task failed for a\\nb\nTraceback (most recent call last):")
    assert text.rstrip().endswith("ValueError: boom")
