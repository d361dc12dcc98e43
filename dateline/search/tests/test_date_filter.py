"""The date filter reads the date readers see: the story's date, else its first publication."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page
from dateline.search import selectors

pytestmark = pytest.mark.django_db


def at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def desk(module_transaction):
    home = home_page()
    section = SectionPageFactory(parent=home, title="Desk", slug="desk")
    ArticlePageFactory(
        parent=section, title="Dated in July", date=at(7, 10), first_published_at=at(8, 1)
    )
    ArticlePageFactory(
        parent=section, title="Undated, published in July", date=None, first_published_at=at(7, 10)
    )
    return home


def titles_between(home, start: date | None, end: date | None) -> set[str]:
    stories = selectors.stories(home, selectors.Filters(start=start, end=end))
    return set(stories.values_list("title", flat=True))


def test_a_story_is_filtered_by_its_own_date_before_its_publication(desk):
    july = titles_between(desk, date(2024, 7, 10), date(2024, 7, 10))
    august = titles_between(desk, date(2024, 8, 1), None)

    assert july == {"Dated in July", "Undated, published in July"}
    assert august == set()


def test_open_ended_ranges(desk):
    assert titles_between(desk, None, date(2024, 7, 9)) == set()
    assert titles_between(desk, date(2024, 7, 11), None) == set()
    assert titles_between(desk, None, date(2024, 7, 10)) == {
        "Dated in July",
        "Undated, published in July",
    }
