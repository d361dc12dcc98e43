"""Retention: hours older than 35 days become daily totals; all-time totals stay."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dateline.popularity.models import DailyViews, HourlyViews, TotalViews
from dateline.popularity.services import views_rollup, views_store
from dateline.popularity.tests.factories import newsroom

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)


def test_hours_older_than_35_days_are_rolled_into_days(db):
    story = newsroom(stories=1)[2][0]
    old_day = NOW - timedelta(days=40)
    views_store(
        counts={
            (story.pk, old_day.replace(hour=1)): 3,
            (story.pk, old_day.replace(hour=7)): 4,
            (story.pk, old_day.replace(hour=7) + timedelta(days=1)): 2,
            (story.pk, NOW - timedelta(days=2)): 5,
        }
    )

    assert views_rollup(now=NOW) == 3

    assert list(HourlyViews.objects.values_list("views", flat=True)) == [5]
    assert dict(DailyViews.objects.values_list("day", "views")) == {
        old_day.date(): 7,
        old_day.date() + timedelta(days=1): 2,
    }
    assert TotalViews.objects.get(page=story).views == 14
    assert views_rollup(now=NOW) == 0  # nothing left to fold, nothing added twice
    assert DailyViews.objects.get(day=old_day.date()).views == 7


def test_a_later_rollup_adds_to_an_existing_day(db):
    story = newsroom(stories=1)[2][0]
    day = datetime(2025, 1, 2, tzinfo=UTC)
    DailyViews.objects.create(page=story, day=date(2025, 1, 2), views=10)
    views_store(counts={(story.pk, day.replace(hour=23)): 1})
    views_rollup(now=NOW)
    assert DailyViews.objects.get(page=story).views == 11
