"""The story search table: kept with Wagtail's index, read newest first, ranked, dated."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from dateline.news.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.search.documents import (
    documents_backfill,
    recency,
    recency_bounds,
)
from dateline.search.models import SearchDocument

pytestmark = pytest.mark.django_db
WORD = "marram"


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2024, month, day, hour, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def desk(module_transaction):
    section = SectionPageFactory(parent=home_page(), title="Coast", slug="coast")
    # oldest first: the oldest has the word in its headline, so it ranks best
    made = [
        ArticlePageFactory(
            parent=section,
            title=f"The {WORD} dunes hold" if number == 0 else f"Coast report {number}",
            body=[paragraph(f"Story {number} mentions {WORD} grass once.")],
            date=at(7, 1 + number),
        )
        for number in range(4)
    ]
    return {"section": section, "stories": made}


def search(queryset=None, words=WORD, **options):
    options.setdefault("candidates", 1000)
    return get_search_backend().search_stories(
        PlainText(words, operator="and"), queryset or Page.objects.live(), **options
    )


def ids(results) -> list[int]:
    return [page.pk for page in results]


def test_recency_orders_by_the_date_then_the_newer_id():
    assert recency(at(7, 2), 5) > recency(at(7, 1), 900)
    assert recency(at(7, 1), 6) > recency(at(7, 1), 5)
    assert recency(None, 5) < recency(datetime(1901, 1, 1, tzinfo=UTC), 1)
    low, high = recency_bounds(date(2024, 7, 1), date(2024, 7, 1))
    assert low <= recency(at(7, 1, 0), 1) < high
    assert recency(datetime(2024, 7, 1, 23, 59, 59, 999999, tzinfo=UTC), 99) < high
    assert recency(at(7, 2, 0), 1) >= high
    assert recency(datetime(2024, 6, 30, 23, 59, 59, 500000, tzinfo=UTC), 99) < low


def test_each_indexed_story_has_its_document(desk):
    for story in desk["stories"]:
        document = SearchDocument.objects.get(page_id=story.pk)
        assert document.recency == recency(story.date, story.pk)


def test_the_best_match_ranks_first_and_ties_go_to_the_newer(desk):
    made = desk["stories"]

    found = ids(search())

    assert found == [made[0].pk, made[3].pk, made[2].pk, made[1].pk]


def test_only_the_newest_candidates_are_ranked(desk):
    made = desk["stories"]

    found = ids(search(candidates=3))

    # the headline match is the oldest of four: not among the newest three
    assert found == [made[3].pk, made[2].pk, made[1].pk]
    assert search(candidates=3).count() == 4  # the count is of every match


def test_newest_order_slices_and_counts(desk):
    made = desk["stories"]
    results = search(newest=True)

    assert ids(results) == [story.pk for story in reversed(made)]
    assert ids(results[1:3]) == [made[2].pk, made[1].pk]
    assert results[:2].count() == 2
    assert search(words="nothingmatchesthis").count() == 0
    assert list(search(words="nothingmatchesthis")) == []


def test_the_date_range_is_read_from_the_table(desk):
    made = desk["stories"]

    found = ids(search(start=date(2024, 7, 2), end=date(2024, 7, 3)))

    assert sorted(found) == sorted([made[1].pk, made[2].pk])
    assert ids(search(start=date(2024, 7, 4))) == [made[3].pk]
    assert ids(search(end=date(2024, 6, 30))) == []


def test_the_page_filters_apply_to_each_match(desk):
    made = desk["stories"]
    in_other = Page.objects.live().exclude(pk=made[0].pk)

    assert made[0].pk not in ids(search(in_other))
    assert search(in_other).count() == 3


def test_editing_unpublishing_and_deleting_follow_through(desk):
    story = desk["stories"][2]
    story.title = "Saltwort spreads on the coast"
    story.save_revision().publish()

    assert ids(search(words="saltwort")) == [story.pk]

    story.unpublish()
    assert search(words="saltwort").count() == 0

    page_id = story.pk
    Page.objects.get(pk=page_id).delete()
    assert not SearchDocument.objects.filter(page_id=page_id).exists()
    assert search(Page.objects.all(), words="saltwort").count() == 0


def test_without_page_filters_the_live_state_comes_from_the_table(desk):
    from django.test.utils import CaptureQueriesContext

    story = desk["stories"][1]
    plain = {"page_filters": False, "within": desk["section"].path}
    with CaptureQueriesContext(connection) as queries:
        assert story.pk in ids(search(**plain))
    assert "wagtailcore_page" not in queries.captured_queries[0]["sql"]  # the ranking query

    story.unpublish()
    assert SearchDocument.objects.get(page_id=story.pk).live is False
    assert story.pk not in ids(search(**plain))
    assert search(**plain).count() == len(desk["stories"]) - 1

    story.save_revision().publish()
    assert SearchDocument.objects.get(page_id=story.pk).live is True
    assert story.pk in ids(search(**plain))


def test_a_date_change_moves_the_story_in_the_newest_order(desk):
    made = desk["stories"]
    made[0].date = at(8, 1)
    made[0].save_revision().publish()

    assert ids(search(newest=True))[0] == made[0].pk


def test_the_backfill_restores_missing_documents_once(desk):
    before = dict(SearchDocument.objects.values_list("page_id", "recency"))
    SearchDocument.objects.all()._raw_delete(using="default")

    added = documents_backfill(connection)

    assert added == len(before)
    assert dict(SearchDocument.objects.values_list("page_id", "recency")) == before
    assert all(SearchDocument.objects.values_list("live", flat=True))
    assert ids(search(candidates=1000))[0] == desk["stories"][0].pk
    assert documents_backfill(connection) == 0


def test_the_section_is_read_from_the_tree_path(desk):
    made = desk["stories"]
    within = desk["section"].path

    assert sorted(ids(search(within=within))) == sorted(story.pk for story in made)
    assert ids(search(within=within + "9999")) == []


def test_moving_pages_keeps_the_tree_paths(desk):
    home = home_page()
    section = desk["section"]
    other = SectionPageFactory(parent=home, title="Inland", slug="inland")
    inland = ArticlePageFactory(
        parent=other, title=f"Inland {WORD}", body=[paragraph("Far from the sea.")]
    )
    # to the left of the coast desk: treebeard renumbers the coast desk's subtree too
    other.move(section, pos="left")

    documents = dict(SearchDocument.objects.values_list("page_id", "path"))
    pages = dict(Page.objects.filter(pk__in=list(documents)).values_list("pk", "path"))
    assert documents == pages
    section.refresh_from_db()
    other.refresh_from_db()
    assert ids(search(within=other.path)) == [inland.pk]
    assert inland.pk not in ids(search(within=section.path))
    assert len(ids(search(within=section.path))) == len(desk["stories"])
