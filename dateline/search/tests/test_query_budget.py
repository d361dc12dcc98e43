"""The results page costs a fixed number of queries, however many stories match."""

from __future__ import annotations

import pytest

from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db
# the edition and the filter choices (5-6), the count and the page of results (2;
# ranked by relevance on SQLite, 4 or 5: the count, the best matches by FTS5 alone,
# which of them pass the filters, the full ranking when those cannot give an exact
# page, their pages), then two per registered story type (the pages, their image
# renditions)
BUDGET = 15


@pytest.fixture(scope="module")
def archive(module_transaction):
    home = home_page()
    sections = [SectionPageFactory(parent=home, title=f"Desk {n}") for n in range(3)]
    author = AuthorFactory(name="Lena Maris", slug="lena-maris")
    image = ImageFactory()
    for number in range(30):
        word = "rare" if number < 2 else "common"
        ArticlePageFactory(
            parent=sections[number % 3],
            title=f"Story {number} about the {word} tide",
            image=image,
            body=[paragraph(f"The {word} tide rose again, report {number}.")],
            tags=["Water"],
            authors=[author],
        )
    focus = TopicIndexPageFactory(parent=home)
    TopicPageFactory(parent=focus, title="Tide tables", image=image)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "rare"},
        {"q": "common"},
        {"q": "tide"},
        {"q": "tide", "sort": "newest"},
        {"q": "tide", "tag": "water", "author": "lena-maris", "from": "2024-01-01"},
        {},
        {"q": "tide", "page": "2"},
    ],
)
def test_results_page_stays_within_the_query_budget(
    client, archive, django_assert_max_num_queries, params
):
    client.get("/search/", params)  # once to make the renditions and warm the caches
    with django_assert_max_num_queries(BUDGET):
        response = client.get("/search/", params)

    assert response.status_code == 200
    assert response.context["results"]
