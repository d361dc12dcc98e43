"""The search backend: relevance order, slices, counts and their cost, on either database."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText

from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)

pytestmark = pytest.mark.django_db
WORD = "quillwort"


@pytest.fixture(scope="module")
def stories(module_transaction):
    home = home_page()
    desk = SectionPageFactory(parent=home, title="Desk", slug="desk")
    other = SectionPageFactory(parent=home, title="Other desk", slug="other-desk")
    made = {
        "body": ArticlePageFactory(
            parent=desk,
            title="Council meets on Monday",
            summary="Budgets and roads.",
            body=[paragraph(f"Late in the day a member raised the {WORD} question.")],
        ),
        "title": ArticlePageFactory(
            parent=desk,
            title=f"The {WORD} harbour reopens",
            summary="Ships return after a month.",
            body=[paragraph("Dock workers cheered as the first ferry arrived.")],
        ),
        "summary": ArticlePageFactory(
            parent=desk,
            title="Port fees rise",
            summary=f"The {WORD} dock doubles its charges.",
            body=[paragraph("Traders say costs will reach shoppers.")],
        ),
        "other": ArticlePageFactory(
            parent=other,
            title=f"{WORD} and more {WORD}",
            body=[paragraph("Elsewhere.")],
        ),
    }
    # two stories with the same text rank equally: the newer (higher id) comes first
    twins = [
        ArticlePageFactory(
            parent=desk,
            title="Twin report",
            slug=f"twin-report-{number}",
            summary="Same words.",
            body=[paragraph(f"The {WORD} again.")],
        )
        for number in range(2)
    ]
    return {"desk": desk, "twins": twins, **made}


def search(queryset, *, newest: bool = False, words: str = WORD):
    return get_search_backend().search(
        PlainText(words, operator="and"), queryset, order_by_relevance=not newest
    )


def ids(results) -> list[int]:
    return [page.pk for page in results]


def in_desk(stories):
    return Page.objects.live().descendant_of(stories["desk"])


def test_headline_and_summary_matches_rank_above_body_matches(stories):
    found = ids(search(in_desk(stories)))

    assert found.index(stories["title"].pk) < found.index(stories["body"].pk)
    assert found.index(stories["summary"].pk) < found.index(stories["body"].pk)
    assert found[-1] == stories["body"].pk


def test_equal_scores_put_the_newer_story_first(stories):
    found = ids(search(in_desk(stories)))
    older, newer = stories["twins"]

    assert found.index(newer.pk) == found.index(older.pk) - 1


def test_the_queryset_filters_what_is_ranked_and_counted(stories):
    results = search(in_desk(stories))

    assert stories["other"].pk not in ids(results)
    assert results.count() == 5
    assert search(Page.objects.live()).count() == 6


def test_slices_follow_the_full_ranking(stories):
    results = search(in_desk(stories))
    full = list(results)

    pages = ids(results[0:2]) + ids(results[2:4]) + ids(results[4:6])

    assert pages == ids(full)
    assert list(results[10:20]) == []


@pytest.mark.parametrize("best", [1, 2, 3, 4, 6, 1000])
def test_slices_from_the_best_matches_follow_the_full_ranking(stories, monkeypatch, best):
    # however few best matches are taken, the filters and ties give the same pages
    full = ids(search(in_desk(stories)))
    if connection.vendor == "sqlite":
        monkeypatch.setattr("dateline.search.sqlite_fts.BEST_MATCHES", best)

    pages = [ids(search(in_desk(stories))[start : start + 2]) for start in range(0, 6, 2)]

    assert sum(pages, []) == full
    assert ids(search(in_desk(stories))[1:4]) == full[1:4]


def test_a_sliced_count_stops_at_the_slice(stories):
    results = search(in_desk(stories))

    assert results[:3].count() == 3
    assert results[:10].count() == 5
    assert results[2:10].count() == 3
    assert search(in_desk(stories), words="nothingmatchesthis")[:3].count() == 0


def test_scores_come_with_the_results_in_rank_order(stories):
    found = list(search(in_desk(stories)).annotate_score("_score"))

    scores = [page._score for page in found]
    assert all(isinstance(score, float) for score in scores)
    if connection.vendor == "sqlite":  # bm25: lower is better
        assert scores == sorted(scores)
    else:  # ts_rank: higher is better
        assert scores == sorted(scores, reverse=True)


def test_newest_order_and_no_match_still_work(stories):
    newest = ids(search(in_desk(stories).order_by(F("pk").desc()), newest=True))

    assert len(newest) == 5
    assert newest == sorted(newest, reverse=True)
    assert search(in_desk(stories), words="nothingmatchesthis").count() == 0
    assert list(search(in_desk(stories), words="nothingmatchesthis")) == []


def test_a_ranked_page_of_results_costs_a_fixed_number_of_queries(
    stories, django_assert_num_queries
):
    # SQLite: the count, the best matches by FTS5 alone, which of them pass the
    # filters, their pages; PostgreSQL ranks inside the query of the page
    # (ts_rank), so the count and the page. No match: no pages.
    ranked = 4 if connection.vendor == "sqlite" else 2
    search(Page.objects.live()).count()  # content types cached, as in a running site
    for words, expected in ((WORD, ranked), ("harbour", ranked), ("nothingmatchesthis", 2)):
        results = search(Page.objects.live(), words=words)
        with django_assert_num_queries(expected):
            results.count()
            list(results[0:12])


def test_sqlite_indexing_reads_each_field_once_with_wagtails_result(stories):
    if connection.vendor != "sqlite":
        pytest.skip("the single-pass indexer is part of the SQLite backend")
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer

    from dateline.search.sqlite_fts import SinglePassIndexer

    backend = get_search_backend()
    story = ArticlePage.objects.get(pk=stories["title"].pk)
    story.tags.add("Harbours")
    story.save()
    stock, ours = ObjectIndexer(story, backend), SinglePassIndexer(story, backend)

    assert (ours.title, ours.body, ours.autocomplete) == (
        stock.title,
        stock.body,
        stock.autocomplete,
    )
    assert "harbours" in ours.body.lower()


def test_reindexing_replaces_the_entry(stories):
    story = ArticlePage.objects.get(pk=stories["body"].pk)
    story.title = "Council meets on Tuesday about saltmarsh"
    story.save()

    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage), object_id=str(story.pk)
    )

    assert entries.count() == 1
    assert search(Page.objects.live(), words="saltmarsh").count() == 1
    assert search(Page.objects.live(), words="monday").count() == 0


def test_postgresql_has_a_gin_index_on_the_text_wagtail_matches(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches its own FTS5 index")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["dateline_search_title_body_gin"],
        )
        (definition,) = cursor.fetchone()

    assert "gin" in definition
    assert "(title || body)" in definition
