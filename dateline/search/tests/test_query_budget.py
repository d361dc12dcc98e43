"""The results page costs a fixed number of queries, however many stories match and
whatever their types."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from dateline.multimedia.tests.factories import GalleryPageFactory, MultimediaIndexPageFactory
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
# With the edition and its filter choices cached (the first request fills them), and the
# pictures' markup (core/images.py): the ranked matches (which also tell the count) and
# the page of results with each story's type, image and section. Sorted newest first,
# the count and the page's ids are two queries; without a match there is nothing to show.
# Pictures not yet cached cost one query more, for all their renditions.
RESULTS = 2
NEWEST = 3
NO_MATCH = 1


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
    TopicPageFactory(parent=focus, title="Rare tide tables", image=image)
    multimedia = MultimediaIndexPageFactory(parent=home)
    GalleryPageFactory(
        parent=multimedia, title="Rare tide in pictures", image=ImageFactory(), section=sections[0]
    )


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({"q": "rare"}, RESULTS),
        ({"q": "common"}, RESULTS),
        ({"q": "tide"}, RESULTS),
        ({"q": "tide", "sort": "newest"}, NEWEST),
        ({"q": "tide", "tag": "water", "author": "lena-maris", "from": "2024-01-01"}, RESULTS),
        ({}, RESULTS),
        ({"q": "tide", "page": "2"}, RESULTS),
        ({"q": "zanzibar"}, NO_MATCH),
    ],
)
def test_results_page_costs_a_fixed_number_of_queries(
    client, archive, django_assert_num_queries, params, queries
):
    client.get("/search/", params)  # once to make the renditions and fill the caches
    with django_assert_num_queries(queries):
        response = client.get("/search/", params)

    assert response.status_code == 200
    assert bool(response.context["results"]) == (queries != NO_MATCH)


def test_one_results_page_mixes_story_types_without_more_queries(
    client, archive, django_assert_num_queries
):
    client.get("/search/", {"q": "rare"})
    with django_assert_num_queries(RESULTS):
        response = client.get("/search/", {"q": "rare"})

    results = response.context["results"]
    assert sorted(type(result.page).__name__ for result in results) == [
        "ArticlePage",
        "ArticlePage",
        "MultimediaPage",
        "TopicPage",
    ]
    gallery = next(result for result in results if result.page.title == "Rare tide in pictures")
    assert gallery.page.kicker == "Desk 0"  # its section came with it


def test_pictures_not_cached_cost_one_query_for_all_their_renditions(
    client, archive, django_assert_num_queries
):
    client.get("/search/", {"q": "rare"})
    cache.clear()  # the pictures' markup, and the edition's filter choices
    client.get("/search/", {"q": "zanzibar"})  # the filter choices again, no pictures
    with django_assert_num_queries(RESULTS + 1):
        response = client.get("/search/", {"q": "rare"})

    results = response.context["results"]
    assert all(result.page.image.prefetched_renditions for result in results)
    assert response.content.count(b"<picture>") == len(results)
