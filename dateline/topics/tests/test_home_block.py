"""The front page's In Focus block: the editors' topics, in their order, or nothing."""

from __future__ import annotations

import re

import pytest

from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page
from dateline.topics.models import TopicPage
from dateline.topics.tests.factories import (
    TopicIndexPageFactory,
    TopicPageFactory,
    feature_on_home,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics")
    ArticlePageFactory(parent=section, title="Lead story")
    ArticlePageFactory(parent=section, title="Second story")
    index = TopicIndexPageFactory(parent=home)
    return [
        TopicPageFactory(parent=index, title=title, description=f"About {title}.")
        for title in ("Veloria", "Kastmark", "Tirel Basin")
    ]


def block(html: str) -> str:
    match = re.search(r'<section class="in-focus".*?</section>', html, re.S)
    return match.group() if match else ""


def block_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="in-focus__title">\s*<a href="[^"]+">([^<]+)</a>', block(html))


def test_block_shows_the_chosen_topics_in_the_editors_order(client, topics):
    veloria, kastmark, basin = topics
    feature_on_home(home_page(), basin, veloria)

    html = client.get("/").content.decode()

    assert block_titles(html) == ["Tirel Basin", "Veloria"]
    assert f'<a href="{basin.url}">Tirel Basin</a>' in block(html)
    assert "About Tirel Basin." in block(html)
    assert 'href="/in-focus/">All topics, A to Z</a>' in block(html)


def test_block_comes_after_the_sections(client, topics):
    feature_on_home(home_page(), topics[0])

    html = client.get("/").content.decode()

    assert html.index('class="in-focus"') > html.rindex('class="section-block"')


def test_block_is_hidden_when_editors_chose_no_topic(client, topics):
    html = client.get("/").content.decode()

    assert "in-focus" not in html
    assert "In Focus" not in html


def test_unpublished_topics_are_left_out(client, topics):
    veloria, kastmark, _ = topics
    feature_on_home(home_page(), veloria, kastmark)
    TopicPage.objects.filter(pk=veloria.pk).update(live=False)

    assert block_titles(client.get("/").content.decode()) == ["Kastmark"]


def test_block_is_hidden_when_none_of_its_topics_is_live(client, topics):
    feature_on_home(home_page(), *topics)
    TopicPage.objects.update(live=False)

    assert "in-focus" not in client.get("/").content.decode()


def test_a_topic_chosen_twice_is_shown_once(client, topics):
    feature_on_home(home_page(), topics[0], topics[0])

    assert block_titles(client.get("/").content.decode()) == ["Veloria"]
