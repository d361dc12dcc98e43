"""The demo newsroom comes with Editor's Choice: six site-wide picks, three for Analysis."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import transaction

from dateline.curation.demo import demo_picks
from dateline.curation.models import PickList
from dateline.news.demo import demo_create
from dateline.news.demo.newsroom import demo_extensions
from dateline.news.models import ArticlePage

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 7, 22, 12, 0, tzinfo=UTC)


def made_lists() -> dict[str, list[tuple[int, str]]]:
    return {
        str(made): [(pick.page_id, pick.headline) for pick in made.picks.order_by("sort_order")]
        for made in PickList.objects.select_related("section")
    }


def test_dateline_demo_runs_the_curation_demo():
    assert demo_picks in demo_extensions()


def test_demo_picks_a_site_wide_list_and_an_analysis_list(client):
    demo_create(seed=5, articles=24, now=NOW)

    lists = made_lists()
    assert sorted(lists) == ["Analysis", "Site-wide"]
    site_wide, analysis = lists["Site-wide"], lists["Analysis"]
    assert len(site_wide) == 6 and len(analysis) == 3
    assert site_wide[0][1].startswith("Editor's pick: ")
    assert [headline for _, headline in site_wide[1:] + analysis] == [""] * 8
    stories = ArticlePage.objects.in_bulk([page_id for page_id, _ in site_wide])
    sections = {stories[page_id].get_parent().pk for page_id, _ in site_wide}
    assert len(sections) == 6  # one story from each of six sections
    lead = client.get("/").context["lead"]
    assert lead.pk not in stories


def test_demo_picks_are_the_same_for_a_seed(db):
    def picks():
        with transaction.atomic():
            demo_create(seed=11, articles=14, now=NOW)
            made = {
                name: [ArticlePage.objects.get(pk=page_id).slug for page_id, _ in picks]
                for name, picks in made_lists().items()
            }
            transaction.set_rollback(True)
        return made

    assert picks() == picks()
