"""In Focus adds at most three queries to a page, and none per topic or per mention.

The front page and two stories are counted warm (the second request) before any
topic exists, then again once the edition has an index, ten topics, a front page
block and stories filed under topics. The "cold" counts are taken right after the
caches were invalidated, as after an editor publishes a topic.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.topics import fragments
from dateline.topics.tests.factories import (
    TopicIndexPageFactory,
    TopicPageFactory,
    feature_on_home,
    file_under,
    publish,
)

pytestmark = pytest.mark.django_db

BUDGET = 3
PLACES = [
    "Veloria",
    "Kastmark",
    "Orsan Republic",
    "Port Abelle",
    "Tirel Basin",
    "Kestrel Strait",
    "Lume Highlands",
    "Caldera Bay",
    "Northmere",
    "Valdren",
]


def count(client: Client, url: str, *, cold: bool = False) -> int:
    assert client.get(url).status_code == 200  # renditions, site root paths, menu
    if cold:
        fragments.glossary_invalidate()
        fragments.home_block_invalidate()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def measure(client, urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    return {name: (count(client, url), count(client, url, cold=True)) for name, url in urls.items()}


@pytest.fixture(scope="module")
def counts(module_transaction):
    client = Client()
    home = home_page()
    sections = [SectionPageFactory(parent=home, title=f"Section {n}") for n in range(3)]
    image = ImageFactory()
    one = ArticlePageFactory(
        parent=sections[0], image=image, body=[paragraph("News from Veloria today.")]
    )
    every = ArticlePageFactory(
        parent=sections[1],
        image=image,
        body=[paragraph(f"{place} and {place} again.") for place in PLACES],
    )
    for number in range(9):
        ArticlePageFactory(parent=sections[number % 3], image=image)
    urls = {"home": "/", "one mention": one.url, "ten mentions": every.url}
    before = measure(client, urls)

    index = publish(TopicIndexPageFactory(parent=home))
    topics = [
        publish(TopicPageFactory(parent=index, title=place, aliases=[f"{place} region"]))
        for place in PLACES
    ]
    feature_on_home(home, *topics[:6])
    file_under(one, *topics[:3])
    file_under(every, *topics)
    after = measure(client, urls)
    return before, after


@pytest.mark.parametrize("page", ["home", "one mention", "ten mentions"])
def test_in_focus_adds_at_most_three_queries_warm(counts, page):
    before, after = counts

    assert after[page][0] - before[page][0] <= BUDGET, (before[page], after[page])


@pytest.mark.parametrize("page", ["home", "one mention", "ten mentions"])
def test_in_focus_adds_at_most_three_queries_right_after_a_publish(counts, page):
    before, after = counts

    assert after[page][1] - before[page][1] <= BUDGET, (before[page], after[page])


def test_warm_pages_read_in_focus_from_the_cache_alone(counts):
    before, after = counts

    assert {page: warm for page, (warm, _) in after.items()} == {
        page: warm for page, (warm, _) in before.items()
    }


def test_glossary_costs_the_same_for_one_mention_or_ten(counts):
    _, after = counts

    assert after["one mention"] == after["ten mentions"]
