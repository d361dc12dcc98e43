"""The edition and its filter lists: read from the cache, forgotten when what they list
changes (a story published or unpublished, an author or a tag edited)."""

from __future__ import annotations

import pytest
from taggit.models import Tag

from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
)
from dateline.search import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def edition(module_transaction):
    home = home_page()
    desk = SectionPageFactory(parent=home, title="Harbour desk", slug="harbour-desk")
    AuthorFactory(name="Lena Maris", slug="lena-maris")
    ArticlePageFactory(parent=desk, title="Ferries return", tags=["Ferries"])
    return {"home": home, "desk": desk}


def options(client, name: str) -> list[str]:
    form = client.get("/search/").context["form"]
    return [label for value, label in form.fields[name].choices if value]


def test_the_edition_and_its_choices_are_read_from_the_cache_after_the_first_search(
    edition, django_assert_num_queries
):
    first = selectors.edition("en")
    with django_assert_num_queries(0):
        home, choices = selectors.edition("en")

    assert home == edition["home"] == first[0]
    assert choices == first[1] == selectors.filter_choices(edition["home"])
    assert list(choices.sections) == ["harbour-desk"]
    assert choices.sections["harbour-desk"].path == edition["desk"].path
    assert list(choices.tags) == ["ferries"] and list(choices.authors) == ["lena-maris"]


def test_publishing_a_story_with_a_new_tag_lists_the_tag(client, edition):
    assert options(client, "tag") == ["Ferries"]
    story = ArticlePageFactory(parent=edition["desk"], title="Tides turn", live=False)
    story.tags.add("Tides")
    story.save_revision().publish()

    assert options(client, "tag") == ["Ferries", "Tides"]


def test_unpublishing_a_section_drops_it(client, edition):
    newsroom = SectionPageFactory(parent=edition["home"], title="Newsroom")
    newsroom.save_revision().publish()
    assert options(client, "section") == ["Harbour desk", "Newsroom"]

    newsroom.unpublish()

    assert options(client, "section") == ["Harbour desk"]


def test_renaming_an_author_or_a_tag_shows_the_new_name(client, edition):
    assert options(client, "author") == ["Lena Maris"]
    AuthorFactory(name="Omar Haddad", slug="omar-haddad")
    tag = Tag.objects.get(slug="ferries")
    tag.name = "Ferry services"
    tag.save()

    assert options(client, "author") == ["Lena Maris", "Omar Haddad"]
    assert options(client, "tag") == ["Ferry services"]


def test_a_rarely_used_tag_named_in_the_url_still_filters(client, edition):
    Tag.objects.create(name="Lighthouses", slug="lighthouses")

    response = client.get("/search/", {"tag": "lighthouses"})

    assert response.status_code == 200
    assert response.context["form"].valid_data()["tag"] == "lighthouses"
