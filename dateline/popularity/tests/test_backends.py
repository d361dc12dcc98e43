"""The backend contract: the database buffer and Redis pass the same tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.popularity.models import HourlyViews, TotalViews
from dateline.popularity.tests.factories import newsroom

# Redis expires hour buckets by the real clock, so the tests' "now" is today.
NOW = datetime.now(UTC).replace(minute=30, second=0, microsecond=0)


@pytest.fixture
def stories(db):
    return newsroom(stories=3)[2]


def test_recorded_views_show_in_every_window_after_a_flush(views_backend, stories):
    first, second, _third = stories
    for _ in range(3):
        views_backend.record(first.pk, NOW)
    views_backend.record(second.pk, NOW - timedelta(minutes=5))
    views_backend.flush()

    for window in ("day", "week", "month"):
        assert views_backend.top(window, 10, now=NOW) == [(first.pk, 3), (second.pk, 1)]


def test_a_view_25_hours_ago_is_in_week_not_day(views_backend, stories):
    story = stories[0]
    views_backend.record(story.pk, NOW - timedelta(hours=25))
    views_backend.flush()

    assert views_backend.top("day", 10, now=NOW) == []
    assert views_backend.top("week", 10, now=NOW) == [(story.pk, 1)]
    assert views_backend.top("month", 10, now=NOW) == [(story.pk, 1)]


def test_a_view_8_days_ago_is_in_month_only(views_backend, stories):
    story = stories[0]
    views_backend.record(story.pk, NOW - timedelta(days=8))
    views_backend.flush()

    assert views_backend.top("week", 10, now=NOW) == []
    assert views_backend.top("month", 10, now=NOW) == [(story.pk, 1)]


def test_windows_roll_with_the_clock(views_backend, stories):
    story = stories[0]
    views_backend.record(story.pk, NOW)
    views_backend.flush()
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        assert views_backend.top("day", 10) == []
        assert views_backend.top("week", 10) == [(story.pk, 1)]


def test_top_keeps_the_limit_most_viewed_first(views_backend, stories):
    for count, story in zip((1, 5, 3), stories, strict=True):
        views_backend.record(story.pk, NOW, count)
    views_backend.flush()

    assert views_backend.top("day", 2, now=NOW) == [(stories[1].pk, 5), (stories[2].pk, 3)]


def test_flush_writes_one_row_per_story_and_hour_in_three_queries(views_backend, stories):
    first, second, _third = stories
    for minute in range(50):
        views_backend.record(first.pk, NOW.replace(minute=minute % 60))
        views_backend.record(second.pk, NOW - timedelta(hours=1, minutes=minute % 30))
    views_backend.record(first.pk, NOW - timedelta(hours=2))

    with CaptureQueriesContext(connection) as queries:
        assert views_backend.flush() == 3
    # the pages that still exist, one INSERT for the hours, one for the totals
    # (plus the savepoint of @transaction.atomic inside the test's transaction)
    writes = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(writes) == 2
    assert len([q for q in queries if "SAVEPOINT" not in q["sql"]]) == 3
    rows = set(HourlyViews.objects.values_list("page_id", "hour", "views"))
    assert rows == {
        (first.pk, NOW.replace(minute=0), 50),
        (first.pk, NOW.replace(minute=0) - timedelta(hours=2), 1),
        (second.pk, NOW.replace(minute=0) - timedelta(hours=1), 50),
    }
    assert dict(TotalViews.objects.values_list("page_id", "views")) == {first.pk: 51, second.pk: 50}


def test_pending_counts_what_is_not_flushed_yet(views_backend, stories):
    views_backend.record(stories[0].pk, NOW, 2)
    views_backend.record(stories[1].pk, NOW)
    assert views_backend.pending() == 3
    views_backend.flush()
    assert views_backend.pending() == 0


def test_a_second_flush_adds_to_the_stored_counts(views_backend, stories):
    story = stories[0]
    views_backend.record(story.pk, NOW, 2)
    views_backend.flush()
    views_backend.record(story.pk, NOW, 3)
    views_backend.flush()

    assert HourlyViews.objects.get(page=story).views == 5
    assert TotalViews.objects.get(page=story).views == 5
    assert views_backend.top("day", 10, now=NOW) == [(story.pk, 5)]


def test_a_flush_with_nothing_counted_writes_nothing(
    views_backend, stories, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert views_backend.flush() == 0


def test_views_of_a_deleted_story_are_dropped_at_flush(views_backend, stories):
    gone, kept = stories[0], stories[1]
    views_backend.record(gone.pk, NOW)
    views_backend.record(kept.pk, NOW)
    gone.delete()

    assert views_backend.flush() == 1
    assert list(HourlyViews.objects.values_list("page_id", flat=True)) == [kept.pk]


def test_record_never_touches_the_database(views_backend, stories, django_assert_num_queries):
    with django_assert_num_queries(0):
        for _ in range(20):
            views_backend.record(stories[0].pk, NOW)


def test_a_failed_flush_keeps_the_views_for_the_next(db, stories, monkeypatch):
    from dateline.popularity import services
    from dateline.popularity.backends.db import DatabaseBackend

    backend = DatabaseBackend()
    backend.record(stories[0].pk, NOW, 2)
    with monkeypatch.context() as patch:
        patch.setattr(services, "views_store", mock_failure)
        with pytest.raises(RuntimeError):
            backend.flush()
    assert backend.pending() == 2
    assert backend.flush() == 1


def mock_failure(**kwargs):
    raise RuntimeError("database away")
