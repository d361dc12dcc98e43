"""Section pages: their own stories, newest first, twelve to a page."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    """Politics has 14 live stories (story n is n days old) and a draft; Economy has one."""
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics", summary="Votes and vetoes.")
    economy = SectionPageFactory(parent=home, title="Economy")
    empty = SectionPageFactory(parent=home, title="Culture")
    # Created oldest first and newest first in turn, so tree order is not date order.
    numbers = [n for pair in zip(range(7), range(13, 6, -1), strict=True) for n in pair]
    stories = {
        n: ArticlePageFactory(
            parent=politics, title=f"Politics story {n}", date=BASE_DATE - timedelta(days=n)
        )
        for n in numbers
    }
    ArticlePageFactory(parent=politics, title="Unpublished scoop", date=BASE_DATE, live=False)
    ArticlePageFactory(parent=economy, title="Economy story", date=BASE_DATE)
    return SimpleNamespace(
        politics=politics,
        economy=economy,
        empty=empty,
        newest_first=[stories[n].title for n in range(14)],
    )


def listed(response) -> list[str]:
    return [article.title for article in response.context["page_obj"]]


def test_section_page_lists_its_stories_newest_first_twelve_to_a_page(client, newsroom):
    response = client.get("/politics/")

    assert response.status_code == 200
    assert listed(response) == newsroom.newest_first[:12]
    html = response.content.decode()
    assert "<h1>Politics</h1>" in html
    assert "Votes and vetoes." in html
    assert "Page 1 of 2" in html
    assert 'rel="next" href="?page=2"' in html


def test_second_page_holds_the_oldest_stories(client, newsroom):
    response = client.get("/politics/", {"page": "2"})

    assert listed(response) == newsroom.newest_first[12:]
    assert 'rel="prev" href="?page=1"' in response.content.decode()


def test_section_page_leaves_out_drafts_and_other_sections(client, newsroom):
    response = client.get("/politics/", {"page": "2"})

    assert response.context["page_obj"].paginator.count == 14
    html = client.get("/politics/").content.decode() + response.content.decode()
    assert "Unpublished scoop" not in html
    assert "Economy story" not in html


@pytest.mark.parametrize(
    ("raw", "number"),
    [("abc", 1), ("0", 1), ("-3", 1), ("", 1), ("1.5", 1), ("99999", 2), ("2", 2)],
)
def test_nonsense_page_numbers_land_on_first_or_last_page(client, newsroom, raw, number):
    response = client.get("/politics/", {"page": raw})

    assert response.status_code == 200
    assert response.context["page_obj"].number == number


def test_huge_page_number_is_not_a_server_error(client, newsroom):
    response = client.get("/politics/?page=" + "9" * 400)

    assert response.status_code == 200
    assert response.context["page_obj"].number == 2


def test_empty_section_says_so(client, newsroom):
    response = client.get("/culture/", {"page": "3"})

    assert response.status_code == 200
    assert "No stories yet." in response.content.decode()


def test_section_page_marks_itself_current_in_the_navigation(client, newsroom):
    html = client.get("/economy/").content.decode()

    assert '<a href="/economy/" aria-current="page">Economy</a>' in html
    assert 'href="/politics/" aria-current=' not in html


def test_menu_lists_every_in_menu_page_under_home_and_follows_publishing(client, newsroom):
    from dateline.topics.tests.factories import TopicIndexPageFactory, publish

    index = TopicIndexPageFactory(parent=home_page(), show_in_menus=True, live=False)
    before = client.get("/economy/").content.decode()  # the menu is now cached without it
    assert 'href="/in-focus/"' not in before

    publish(index)
    html = client.get("/economy/").content.decode()

    assert '<a href="/in-focus/">In Focus</a>' in html
