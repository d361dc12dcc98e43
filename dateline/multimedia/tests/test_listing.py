"""/multimedia/: galleries and videos together, newest first, filtered by kind, paginated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.multimedia import fragments
from dateline.multimedia.tests.factories import (
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
)
from dateline.news.tests.factories import BASE_DATE, ImageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return MultimediaIndexPageFactory(parent=home_page())


def titles(response) -> list[str]:
    return [story.title for story in response.context["page_obj"].object_list]


def test_galleries_and_videos_are_listed_together_newest_first(client, index):
    old = GalleryPageFactory(parent=index, title="Old gallery", date=BASE_DATE - timedelta(days=2))
    new = VideoPageFactory(parent=index, title="New video", date=BASE_DATE)
    mid = GalleryPageFactory(parent=index, title="Mid gallery", date=BASE_DATE - timedelta(days=1))
    mid.unpublish()

    response = client.get("/multimedia/")

    assert response.status_code == 200
    assert titles(response) == [new.title, old.title]


def test_cards_say_which_kind_and_how_long(client, index):
    GalleryPageFactory(parent=index, photos=[ImageFactory() for _ in range(12)])
    VideoPageFactory(parent=index, duration=245)

    html = client.get("/multimedia/").content.decode()

    assert "Gallery · 12 photos" in html
    assert "Video · 4:05" in html


@pytest.mark.parametrize(("kind", "expected"), [("gallery", ["A gallery"]), ("video", ["A video"])])
def test_the_kind_filter_keeps_one_kind(client, index, kind, expected):
    GalleryPageFactory(parent=index, title="A gallery")
    VideoPageFactory(parent=index, title="A video")

    response = client.get(f"/multimedia/?kind={kind}")

    assert titles(response) == expected
    assert f'href="/multimedia/?kind={kind}" aria-current="page"' in response.content.decode()


def test_an_unknown_kind_gets_a_clear_message_and_the_filter_links(client, index):
    GalleryPageFactory(parent=index)

    response = client.get("/multimedia/?kind=podcast")

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no kind of story called “podcast”" in html
    assert 'href="/multimedia/?kind=gallery"' in html


def test_the_listing_is_paginated_and_nonsense_pages_land_on_a_real_one(client, index):
    for number in range(14):
        GalleryPageFactory(parent=index, photos=[], title=f"G{number}")

    second = client.get("/multimedia/?page=2")
    nonsense = client.get("/multimedia/?page=abc")

    assert len(titles(second)) == 2
    assert second.context["page_obj"].number == 2
    assert nonsense.status_code == 200 and nonsense.context["page_obj"].number == 1


def queries(client, url: str) -> int:
    client.get(url)  # renditions, site root paths, menu
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_listing_costs_the_same_queries_for_three_stories_and_for_twelve(client, index):
    section = SectionPageFactory(parent=home_page())
    for number in range(3):
        GalleryPageFactory(parent=index, section=section, image=ImageFactory())
        VideoPageFactory(parent=index, section=section, image=ImageFactory(), title=f"V{number}")
    few = queries(client, "/multimedia/")
    for number in range(6):
        GalleryPageFactory(parent=index, section=section, image=ImageFactory())
        VideoPageFactory(parent=index, section=section, image=ImageFactory(), title=f"W{number}")

    many = queries(client, "/multimedia/")

    assert many == few
    assert many <= 12


def test_listing_is_one_query_plus_renditions(index, django_assert_num_queries):
    from dateline.core.images import picture_html
    from dateline.multimedia import selectors

    for _ in range(4):
        GalleryPageFactory(parent=index, image=ImageFactory())
        VideoPageFactory(parent=index, image=ImageFactory())

    def read():
        stories = list(selectors.stories(index))
        for story in stories:
            picture_html(story.image, "card")
            story.kicker  # noqa: B018 - the section comes with the story
        return stories

    read()  # the renditions are made once
    with django_assert_num_queries(2):
        stories = read()
    assert len(stories) == 8
    assert {story.kind for story in stories} == {"gallery", "video"}


def test_the_front_page_shows_the_latest_six_under_a_multimedia_heading(client, index):
    for number in range(7):
        GalleryPageFactory(
            parent=index, title=f"Strip gallery {number}", date=BASE_DATE + timedelta(hours=number)
        )

    html = client.get("/").content.decode()

    assert '<a href="/multimedia/">Multimedia</a>' in html
    assert "Strip gallery 6" in html and "Strip gallery 1" in html
    assert "Strip gallery 0" not in html


def test_the_front_page_strip_is_cached_and_follows_publishing(
    client, index, django_assert_num_queries
):
    gallery = GalleryPageFactory(parent=index, title="First in the strip")
    home = home_page()
    fragments.home_strip(home)
    with django_assert_num_queries(0):
        assert "First in the strip" in fragments.home_strip(home)

    gallery.save_revision().publish()
    gallery.unpublish()

    assert fragments.home_strip(home) == ""


def test_the_front_page_has_no_strip_without_multimedia(client):
    assert "multimedia-strip" not in client.get("/").content.decode()
