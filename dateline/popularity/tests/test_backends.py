"""The backend contract: the database buffer and Redis pass the same tests."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.popularity.models import HourlyViews, TotalViews, WindowViews
from dateline.popularity.services import views_windows_advance
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


def test_flush_writes_one_row_per_story_and_hour_in_five_queries(views_backend, stories):
    first, second, _third = stories
    views_windows_advance(now=NOW)  # the database windows are built: flushes add to them
    for minute in range(50):
        views_backend.record(first.pk, NOW.replace(minute=minute % 60))
        views_backend.record(second.pk, NOW - timedelta(hours=1, minutes=minute % 30))
    views_backend.record(first.pk, NOW - timedelta(hours=2))

    with CaptureQueriesContext(connection) as queries:
        assert views_backend.flush() == 3
    # the windows' starts, the pages that still exist, then one INSERT each for the
    # hours, the database windows and the totals (plus the savepoint of
    # @transaction.atomic inside the test's transaction)
    writes = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(writes) == 3
    assert len([q for q in queries if "SAVEPOINT" not in q["sql"]]) == 5
    rows = set(HourlyViews.objects.values_list("page_id", "hour", "views"))
    assert rows == {
        (first.pk, NOW.replace(minute=0), 50),
        (first.pk, NOW.replace(minute=0) - timedelta(hours=2), 1),
        (second.pk, NOW.replace(minute=0) - timedelta(hours=1), 50),
    }
    assert dict(TotalViews.objects.values_list("page_id", "views")) == {first.pk: 51, second.pk: 50}
    assert views_backend.top("day", 10, now=NOW) == [(first.pk, 51), (second.pk, 50)]


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


def test_a_window_reads_its_running_totals_in_one_query_once_up_to_date(
    db, stories, django_assert_num_queries
):
    from dateline.popularity.backends.db import DatabaseBackend

    backend = DatabaseBackend()
    backend.record(stories[0].pk, NOW, 3)
    backend.flush()
    assert backend.top("month", 10, now=NOW) == [(stories[0].pk, 3)]  # builds the windows
    later = NOW + timedelta(minutes=1)
    with django_assert_num_queries(2):  # the windows' starts, then the top rows
        assert backend.top("month", 10, now=later) == [(stories[0].pk, 3)]
    with django_assert_num_queries(1):  # the same moment (Most Viewed asks every window)
        assert backend.top("week", 10, now=later) == [(stories[0].pk, 3)]
    assert set(WindowViews.objects.values_list("window", "views")) == {
        ("day", 3),
        ("week", 3),
        ("month", 3),
    }


def test_running_windows_agree_with_summed_hours_as_the_clock_moves(views_backend, stories):
    """Views spread over 40 days; the clock steps on by odd amounts; both ways must agree."""
    rng = random.Random(4)
    start = NOW - timedelta(days=3)
    for _ in range(300):
        story = rng.choice(stories)
        views_backend.record(story.pk, start - timedelta(minutes=rng.randrange(37 * 24 * 60)))
    views_backend.flush()
    now = start
    for step_hours in (0, 1, 1, 5, 23, 2, 30, 10):
        now += timedelta(hours=step_hours)
        # views keep coming in between steps, so flushes add to moved windows
        views_backend.record(rng.choice(stories).pk, now - timedelta(minutes=rng.randrange(90)))
        views_backend.flush()
        for window in ("day", "week", "month"):
            expected = views_backend.top_from_hours(window, 10, now=now)
            assert views_backend.top(window, 10, now=now) == expected, (window, now)
            assert expected or window == "day"
    assert now == NOW  # Redis expires hours by the real clock: never go past it


def test_a_question_about_the_past_is_summed_from_the_hours(views_backend, stories):
    story = stories[0]
    views_backend.record(story.pk, NOW - timedelta(hours=30))
    views_backend.flush()
    assert views_backend.top("day", 10, now=NOW) == []  # running windows built at NOW
    assert views_backend.top("day", 10, now=NOW - timedelta(hours=12)) == [(story.pk, 1)]
    assert views_backend.top("day", 10, now=NOW) == []


def test_a_window_is_recounted_after_a_long_pause(db, stories):
    from dateline.popularity.backends.db import DatabaseBackend

    backend = DatabaseBackend()
    backend.record(stories[0].pk, NOW - timedelta(days=20), 2)
    backend.flush()
    assert backend.top("month", 10, now=NOW - timedelta(days=9)) == [(stories[0].pk, 2)]
    backend.record(stories[1].pk, NOW, 1)
    backend.flush()
    # nine days on: more than a day and a week, so those two are counted again
    assert backend.top("day", 10, now=NOW) == [(stories[1].pk, 1)]
    assert backend.top("month", 10, now=NOW) == [(stories[0].pk, 2), (stories[1].pk, 1)]
    assert backend.top("month", 10, now=NOW + timedelta(days=11)) == [(stories[1].pk, 1)]


def test_a_view_offer_counts_once_per_reader_and_story_then_rate_limits(
    views_backend, stories, settings
):
    """The beacon's per-view work, in each backend: rate limit, repeat filter, record."""
    from django.core.cache import cache

    from dateline.popularity.backends.base import Offer

    cache.clear()
    settings.DATELINE_VIEWS_RATE_LIMIT = 4
    first, second, third = (story.pk for story in stories)
    offers = [
        views_backend.view_offer(client="reader-a", page_id=page_id, when=NOW)
        for page_id in (first, first, second, third, first)
    ]
    assert offers == [Offer.COUNTED, Offer.REPEAT, Offer.COUNTED, Offer.COUNTED, Offer.FLOOD]
    assert views_backend.view_offer(client="reader-b", page_id=first, when=NOW) is Offer.COUNTED
    assert views_backend.pending() == 4
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):  # a new minute
        later = NOW + timedelta(minutes=1)
        assert views_backend.view_offer(client="reader-a", page_id=first, when=later) is (
            Offer.REPEAT
        )
    views_backend.flush()
    assert views_backend.top("day", 10, now=NOW) == [(first, 2), (third, 1), (second, 1)]
