"""The glossary terms and the front page block are cached, and editors' actions refresh them."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Page, Site

from dateline.news.models import HomePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.topics import fragments
from dateline.topics.models import HomeTopic, TopicIndexPage, TopicPage
from dateline.topics.tests.factories import (
    TopicIndexPageFactory,
    TopicPageFactory,
    feature_on_home,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics")
    index = publish(TopicIndexPageFactory(parent=home))
    basin = publish(TopicPageFactory(parent=index, title="Tirel Basin", description="Lowland."))
    strait = publish(TopicPageFactory(parent=index, title="Kestrel Strait", description="Sea."))
    article = ArticlePageFactory(
        parent=section, body=[paragraph("From the Tirel Basin to the Kestrel Strait.")]
    )
    ArticlePageFactory(parent=section)  # a second story, so the section shows on the front page
    feature_on_home(home, basin, strait)
    return article, basin, strait


def tips(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return re.findall(r'class="glossary-tip">([^<]*)</span>', html)


def block_text(client) -> str:
    html = client.get("/").content.decode()
    match = re.search(r'<section class="in-focus".*?</section>', html, re.S)
    return match.group() if match else ""


# Glossary terms


def test_glossary_terms_are_cached_until_a_topic_is_published(client, newsroom):
    article, basin, _ = newsroom
    assert tips(client, article.url) == ["Lowland.", "Sea."]
    TopicPage.objects.filter(pk=basin.pk).update(description="Changed without publishing.")

    assert tips(client, article.url) == ["Lowland.", "Sea."]

    basin.description = "A fertile lowland."
    publish(basin)
    assert tips(client, article.url) == ["A fertile lowland.", "Sea."]


def test_unpublished_topic_is_unlinked_at_once(client, newsroom):
    article, basin, _ = newsroom
    client.get(article.url)

    basin.unpublish()

    assert tips(client, article.url) == ["Sea."]


def test_deleted_topic_is_unlinked_at_once(client, newsroom):
    article, basin, _ = newsroom
    client.get(article.url)

    basin.delete()

    assert tips(client, article.url) == ["Sea."]


def test_renamed_index_changes_every_glossary_link(client, newsroom):
    article, basin, _ = newsroom
    client.get(article.url)
    index = TopicIndexPage.objects.get()

    index.slug = "focus"
    publish(index)

    html = client.get(article.url).content.decode()
    assert 'href="/focus/tirel-basin/" class="glossary-link"' in html


def test_moved_topic_gets_its_new_address_in_the_glossary(client, newsroom):
    article, basin, _ = newsroom
    locale_id = basin.locale_id
    assert fragments.glossary_terms(locale_id)[0].url == "/in-focus/tirel-basin/"
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Second edition", slug="second")
    )
    Site.objects.create(hostname="second.example", root_page=other_home)
    other_index = TopicIndexPageFactory(parent=other_home)

    basin.move(other_index, pos="last-child")

    (moved,) = [t for t in fragments.glossary_terms(locale_id) if t.key == basin.pk]
    assert moved.url == TopicPage.objects.get(pk=basin.pk).url
    assert moved.url.startswith("http://second.example")


# Front page block


def test_front_page_block_is_cached_until_the_home_page_is_published(client, newsroom):
    _, basin, strait = newsroom
    assert "Tirel Basin" in block_text(client)
    HomeTopic.objects.filter(topic=basin).delete()

    assert "Tirel Basin" in block_text(client)  # still cached

    home = HomePage.objects.get(pk=home_page().pk)
    publish(home)
    assert "Tirel Basin" not in block_text(client)
    assert "Kestrel Strait" in block_text(client)


def test_front_page_block_follows_a_republished_topic(client, newsroom):
    _, basin, _ = newsroom
    block_text(client)

    basin.title = "Tirel Valley"
    publish(basin)

    assert "Tirel Valley" in block_text(client)


def test_front_page_block_drops_unpublished_and_deleted_topics(client, newsroom):
    _, basin, strait = newsroom
    block_text(client)

    basin.unpublish()
    assert "Tirel Basin" not in block_text(client)

    strait.delete()
    assert block_text(client) == ""
