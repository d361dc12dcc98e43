"""Reads across the page tree: a fixed number of queries, however many stories there are.

Each page is requested once to make its image renditions and fill the caches, then
counted. The counts are taken at about 10 stories and again after bulk-adding
190 more (``demo_scale``), and must be the same and within the budget.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from dateline.news import selectors
from dateline.news.demo import demo_create, demo_scale
from dateline.news.models import ArticlePage

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 15
PAGES = ["home", "section", "tag", "article"]


def page_urls() -> dict[str, str]:
    article = ArticlePage.objects.live().filter(tagged_items__isnull=False).order_by("path").first()
    tag = Tag.objects.annotate(stories=Count("news_articlepagetag_items")).order_by(
        "-stories", "pk"
    )[0]
    return {
        "home": "/",
        "section": article.get_parent().url,
        "tag": f"/tags/{tag.slug}/",
        "article": article.url,
    }


def measure(client, urls: dict[str, str]) -> dict[str, list[str]]:
    queries = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url  # warm renditions and caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        queries[name] = [query["sql"] for query in captured.captured_queries]
    return queries


@pytest.fixture(scope="module")
def query_counts(module_transaction):
    client = Client()
    demo_create(seed=3, articles=10)
    urls = page_urls()
    small = measure(client, urls)
    demo_scale(190, seed=3)
    assert ArticlePage.objects.live().count() == 200
    large = measure(client, urls)
    return {name: (small[name], large[name]) for name in urls}


def listing(queries: list[str]) -> str:
    return "\n".join(f"{n}. {sql}" for n, sql in enumerate(queries, 1))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_within_query_budget(query_counts, page):
    small, large = query_counts[page]

    assert len(small) <= QUERY_BUDGET, f"{page}, 10 stories:\n{listing(small)}"
    assert len(large) <= QUERY_BUDGET, f"{page}, 200 stories:\n{listing(large)}"


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_articles(query_counts, page):
    small, large = query_counts[page]

    assert len(large) == len(small), (
        f"{page}: {len(small)} queries with 10 stories, {len(large)} with 200.\n"
        f"10 stories:\n{listing(small)}\n200 stories:\n{listing(large)}"
    )


# Pagination


@pytest.mark.parametrize(
    ("raw", "number"),
    [("1", 1), ("3", 3), ("abc", 1), ("0", 1), ("-1", 1), ("99999", 3), (None, 1)],
)
def test_paginate_clamps_the_requested_page(raw, number):
    request = RequestFactory().get("/", {} if raw is None else {"page": raw})

    page = selectors.paginate(request, list(range(30)), per_page=12)

    assert page.number == number


def test_paginate_of_nothing_is_one_empty_page():
    page = selectors.paginate(RequestFactory().get("/", {"page": "5"}), [])

    assert page.number == 1
    assert list(page) == []
