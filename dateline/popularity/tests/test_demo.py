"""The demo newsroom gets a view history in which Day, Week and Month differ."""

from __future__ import annotations

from django.utils import timezone

from dateline.popularity import windows
from dateline.popularity.demo import demo_views
from dateline.popularity.tests.factories import newsroom


def test_demo_views_make_three_different_top_lists(db):
    home, _section, _stories = newsroom(stories=40)
    demo_views(home=home, seed=7, now=timezone.now())

    lists = windows.windows_compute(home.path)
    day, week, month = ([row["id"] for row in lists[w]] for w in ("day", "week", "month"))
    assert len(day) == len(week) == len(month) == 10
    assert day[:3] != week[:3] != month[:3]
    assert not set(day) & set(month)
