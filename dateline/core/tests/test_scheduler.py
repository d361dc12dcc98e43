"""Scheduled publishing: the minute tick beside the web server."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from dateline.comments.services import comments_purge_spam
from dateline.core import scheduler
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page


@pytest.fixture
def tick():
    """The real tick, minus reconnecting: closing the connection would end the test's
    transaction. In production the tick runs in its own thread, in autocommit mode."""
    with mock.patch.object(scheduler, "close_old_connections") as close_old_connections:
        yield scheduler.scheduled_publish_tick
    assert close_old_connections.call_count >= 2


@pytest.mark.django_db
def test_story_scheduled_a_minute_ahead_goes_live_on_the_first_tick_after(client, tick):
    section = SectionPageFactory(parent=home_page(), title="Politics")
    draft = ArticlePageFactory(parent=section, title="Embargoed budget story", live=False)
    draft.go_live_at = timezone.now() + timedelta(minutes=1)
    draft.save_revision().publish()

    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert draft.get_latest_revision().approved_go_live_at is not None

    tick()
    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert "Embargoed budget story" not in client.get("/politics/").content.decode()

    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        tick()
        article = ArticlePage.objects.get(pk=draft.pk)
        section_page = client.get("/politics/")

    assert article.live
    assert article.date is not None
    assert "Embargoed budget story" in section_page.content.decode()
    assert client.get(article.url).status_code == 200


def test_scheduler_stops_when_the_event_is_set():
    stop = threading.Event()
    stop.set()

    with (
        mock.patch.object(scheduler, "scheduled_publish_tick") as tick,
        mock.patch.object(scheduler, "housekeeping_tick") as housekeeping,
    ):
        scheduler.scheduler_run(stop, interval=0)

    tick.assert_not_called()
    housekeeping.assert_not_called()


def test_scheduler_survives_a_failing_tick(caplog):
    stop = threading.Event()
    calls = []

    def flaky_tick():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        stop.set()

    with (
        mock.patch.object(scheduler, "scheduled_publish_tick", side_effect=flaky_tick),
        mock.patch.object(scheduler, "housekeeping_tick"),
        caplog.at_level(logging.ERROR, logger="dateline.core.scheduler"),
    ):
        runner = threading.Thread(
            target=scheduler.scheduler_run, args=(stop,), kwargs={"interval": 0}, daemon=True
        )
        runner.start()
        runner.join(timeout=10)

    assert not runner.is_alive()
    assert len(calls) == 2
    assert "Scheduled publishing failed" in caplog.text
    assert "database went away" in caplog.text


def test_scheduler_waits_the_interval_between_ticks():
    stop = mock.Mock(spec=threading.Event)
    stop.is_set.side_effect = [False, False, True]

    with (
        mock.patch.object(scheduler, "scheduled_publish_tick") as tick,
        mock.patch.object(scheduler, "housekeeping_tick"),
    ):
        scheduler.scheduler_run(stop, interval=60)

    assert tick.call_count == 2
    stop.wait.assert_has_calls([mock.call(60), mock.call(60)])


def test_housekeeping_runs_on_the_first_tick_and_then_once_an_hour():
    stop = mock.Mock(spec=threading.Event)
    stop.is_set.side_effect = [False] * 121 + [True]

    with (
        mock.patch.object(scheduler, "scheduled_publish_tick") as tick,
        mock.patch.object(scheduler, "housekeeping_tick") as housekeeping,
    ):
        scheduler.scheduler_run(stop, interval=60)

    assert tick.call_count == 121
    assert housekeeping.call_count == 3  # ticks 0, 60 and 120


def test_housekeeping_runs_each_apps_declared_job():
    jobs = scheduler.housekeeping_jobs()

    assert comments_purge_spam in jobs
