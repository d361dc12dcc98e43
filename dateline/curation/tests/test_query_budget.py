"""The blocks add at most three queries to a page when cold, and none when cached."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.curation.fragments import editors_choice_invalidate
from dateline.curation.models import PickList
from dateline.curation.tests.factories import pick_list
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

BUDGET = 3
PAGES = ["home", "section", "article"]


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    sections = [SectionPageFactory(parent=home, title=f"Section {n}") for n in range(3)]
    stories = [
        ArticlePageFactory(parent=sections[n % 3], title=f"Story {n}", image=ImageFactory())
        for n in range(12)
    ]
    return SimpleNamespace(home=home, sections=sections, stories=stories)


def urls(newsroom) -> dict[str, str]:
    return {"home": "/", "section": newsroom.sections[0].url, "article": newsroom.stories[3].url}


def count(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def warm(client, url: str) -> list[str]:
    client.get(url)  # renditions made, caches filled
    return count(client, url)


def listing(queries: list[str]) -> str:
    return "\n".join(f"{n}. {sql}" for n, sql in enumerate(queries, 1))


@pytest.fixture
def lists(newsroom):
    """Six site-wide picks (two with their own picture) and a section list of three."""
    stories = newsroom.stories
    pick_list(*stories[4:10], image={stories[4]: ImageFactory(), stories[5]: ImageFactory()})
    pick_list(*stories[9:12], section=newsroom.sections[1])


@pytest.mark.parametrize("page", PAGES)
def test_cached_blocks_add_no_queries(client, newsroom, page):
    url = urls(newsroom)[page]
    without = warm(client, url)
    pick_list(*newsroom.stories[4:10])
    assert PickList.objects.count() == 1

    with_picks = warm(client, url)

    assert len(with_picks) - len(without) <= 0, (
        f"{page}: {len(without)} queries without picks, {len(with_picks)} with them.\n"
        f"{listing(with_picks)}"
    )


@pytest.mark.parametrize("page", PAGES)
def test_cold_blocks_add_at_most_three_queries(client, newsroom, lists, page):
    url = urls(newsroom)[page]
    cached = warm(client, url)
    editors_choice_invalidate()

    cold = count(client, url)

    added = len(cold) - len(cached)
    assert 0 < added <= BUDGET, f"{page}: the block added {added} queries\n{listing(cold)}"
