"""The results page costs a fixed number of queries, however many stories match and
whatever their types."""

from __future__ import annotations

import pytest

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
# With the edition and its filter choices cached (the first request fills them): the
# ranked matches (which also tell the count), the page of results with each story's
# type, image and section, and the renditions of their images. Sorted newest first,
# the count and the page's ids are two queries; without a match there is nothing to show.
RESULTS = 3
NEWEST = 4
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
    assert all(result.page.image.prefetched_renditions for result in results)
