"""Which picks a page shows: order, expiry, fallback to the site-wide list, hidden stories."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from dateline.curation.models import Pick, PickList
from dateline.curation.selectors import picks_for, scope_of
from dateline.curation.tests.factories import pick_list, shown_titles
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

NOW = BASE_DATE + timedelta(days=1)
ORDER_C_A_B = ["Politics 2", "Politics 0", "Politics 1"]


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    analysis = SectionPageFactory(parent=home, title="Analysis")
    picture = ImageFactory()
    stories = [
        ArticlePageFactory(parent=politics, title=f"Politics {n}", image=picture) for n in range(4)
    ]
    reads = [ArticlePageFactory(parent=analysis, title=f"Analysis {n}") for n in range(2)]
    return SimpleNamespace(
        home=home, politics=politics, analysis=analysis, stories=stories, reads=reads
    )


def test_picks_show_in_the_editors_order(newsroom):
    a, b, c, _ = newsroom.stories
    pick_list(c, a, b)

    assert shown_titles(picks_for(newsroom.home, now=NOW)) == ORDER_C_A_B


def test_reordering_the_list_reorders_the_block(newsroom):
    a, b, c, _ = newsroom.stories
    made = pick_list(a, b, c)
    Pick.objects.filter(pick_list=made, page=c).update(sort_order=-1)

    assert shown_titles(picks_for(newsroom.home, now=NOW)) == ORDER_C_A_B


def test_headline_and_image_overrides_replace_the_storys_own(newsroom):
    a, b, *_ = newsroom.stories
    other_picture = ImageFactory()
    pick_list(a, b, headline={a: "Read this first"}, image={b: other_picture})

    shown = picks_for(newsroom.home, now=NOW).shown

    assert [item.headline for item in shown] == ["Read this first", "Politics 1"]
    assert shown[0].image.pk == a.image_id
    assert shown[1].image.pk == other_picture.pk
    assert shown[0].story.pk == a.pk


def test_expired_pick_leaves_editors_choice(newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b, expires_at={a: NOW + timedelta(hours=2)})

    with time_machine.travel(NOW, tick=False):
        assert shown_titles(picks_for(newsroom.home)) == ["Politics 0", "Politics 1"]
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        assert shown_titles(picks_for(newsroom.home)) == ["Politics 1"]


def test_next_expiry_is_the_earliest_future_expiry(newsroom):
    a, b, c, _ = newsroom.stories
    soon, later = NOW + timedelta(minutes=5), NOW + timedelta(hours=3)
    pick_list(a, b, c, expires_at={a: later, b: soon, c: NOW - timedelta(minutes=1)})

    assert picks_for(newsroom.home, now=NOW).next_expiry == soon


def test_unpublished_story_is_hidden(newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b)
    ArticlePage.objects.filter(pk=a.pk).update(live=False)

    assert shown_titles(picks_for(newsroom.home, now=NOW)) == ["Politics 1"]


def test_deleted_story_leaves_the_list(newsroom):
    a, b, *_ = newsroom.stories
    made = pick_list(a, b)

    Page.objects.get(pk=a.pk).delete()

    assert list(made.picks.values_list("page_id", flat=True)) == [b.pk]
    assert shown_titles(picks_for(newsroom.home, now=NOW)) == ["Politics 1"]


def test_non_article_page_is_ignored_on_the_site(newsroom):
    a, *_ = newsroom.stories
    made = pick_list(a)
    # bypassing the admin's validation, as a script might
    Pick.objects.create(pick_list=made, page=newsroom.politics, sort_order=5)

    assert shown_titles(picks_for(newsroom.home, now=NOW)) == ["Politics 0"]


def test_empty_or_missing_list_shows_nothing(newsroom):
    assert picks_for(newsroom.home, now=NOW).shown == []
    pick_list()
    assert picks_for(newsroom.home, now=NOW).shown == []


def test_section_without_a_list_shows_the_site_wide_list(newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b)

    assert shown_titles(picks_for(newsroom.analysis, now=NOW)) == ["Politics 0", "Politics 1"]
    assert shown_titles(picks_for(newsroom.reads[0], now=NOW)) == ["Politics 0", "Politics 1"]


def test_section_list_overrides_the_site_wide_list_on_the_section_and_its_stories(newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b)
    pick_list(newsroom.reads[1], b, section=newsroom.analysis)

    expected = ["Analysis 1", "Politics 1"]
    assert shown_titles(picks_for(newsroom.analysis, now=NOW)) == expected
    assert shown_titles(picks_for(newsroom.reads[0], now=NOW)) == expected
    # other sections, their stories and the front page keep the site-wide list
    assert shown_titles(picks_for(newsroom.politics, now=NOW)) == ["Politics 0", "Politics 1"]
    assert shown_titles(picks_for(newsroom.stories[3], now=NOW)) == ["Politics 0", "Politics 1"]
    assert shown_titles(picks_for(newsroom.home, now=NOW)) == ["Politics 0", "Politics 1"]


def test_section_list_with_nothing_left_to_show_falls_back_to_site_wide(newsroom):
    a, *_ = newsroom.stories
    pick_list(a)
    pick_list(newsroom.reads[0], section=newsroom.analysis, expires_at={newsroom.reads[0]: NOW})

    assert shown_titles(picks_for(newsroom.analysis, now=NOW)) == ["Politics 0"]


def test_another_editions_site_wide_list_is_not_shown(newsroom):
    arabic = Locale.objects.create(language_code="ar")
    pick_list(newsroom.stories[0], locale=arabic)

    assert picks_for(newsroom.home, now=NOW).shown == []
    assert PickList.objects.filter(locale=arabic).count() == 1


def test_scope_is_read_from_the_page_without_a_query(newsroom):
    article = newsroom.reads[0]

    with CaptureQueriesContext(connection) as queries:
        scopes = [scope_of(page) for page in (newsroom.home, newsroom.analysis, article)]

    assert len(queries) == 0
    assert [path for _, path in scopes] == [None, newsroom.analysis.path, newsroom.analysis.path]


def test_picks_cost_three_queries_however_many_there_are(newsroom):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            picks_for(newsroom.home, now=NOW)
        return len(queries)

    made = pick_list(newsroom.stories[0], image={newsroom.stories[0]: ImageFactory()})
    one = count()
    made.picks.add(*[Pick(page=story) for story in newsroom.stories[1:] + newsroom.reads])
    made.save()

    assert len(picks_for(newsroom.home, now=NOW).shown) == 6
    assert one == count() == 3
