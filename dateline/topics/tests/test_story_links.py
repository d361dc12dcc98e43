"""Glossary links in a published story: the edition's live topics, unless the editor opts out."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Locale

from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    home_page,
    paragraph,
)
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory, file_under

pytestmark = pytest.mark.django_db

BODY = [
    paragraph("Farmers in the Tirel Basin met officials from Kastmark on Monday."),
    {"type": "heading", "value": {"text": "Kastmark answers", "level": "h2"}},
    {"type": "pull_quote", "value": {"quote": "The Tirel Basin feeds us.", "attribution": ""}},
    paragraph("Kastmark said the Tirel Basin would get more water."),
]


@pytest.fixture
def newsroom():
    home = home_page()
    section = SectionPageFactory(parent=home, title="Politics")
    index = TopicIndexPageFactory(parent=home)
    basin = TopicPageFactory(
        parent=index, title="Tirel Basin", description="A fertile <lowland>.", aliases=["Tirel"]
    )
    kastmark = TopicPageFactory(parent=index, title="Kastmark", description="A federation.")
    article = ArticlePageFactory(parent=section, title="Water talks", body=BODY)
    return article, basin, kastmark


def glossary_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)" class="glossary-link"[^>]*>([^<]+)</a>', html)


def test_story_links_the_first_mention_of_each_topic_with_its_description(client, newsroom):
    article, basin, kastmark = newsroom

    html = client.get(article.url).content.decode()

    assert glossary_links(html) == [(basin.url, "Tirel Basin"), (kastmark.url, "Kastmark")]
    assert (
        f'<span role="tooltip" id="gloss-{basin.pk}" class="glossary-tip">'
        "A fertile &lt;lowland&gt;.</span>"
    ) in html
    assert f'aria-describedby="gloss-{kastmark.pk}"' in html


def test_story_with_glossary_links_turned_off_has_none(client, newsroom):
    article, *_ = newsroom
    ArticlePage.objects.filter(pk=article.pk).update(glossary_links=False)

    html = client.get(article.url).content.decode()

    assert "glossary-link" not in html
    assert "Farmers in the Tirel Basin met officials from Kastmark" in html


def test_headings_and_pull_quotes_in_a_story_are_left_alone(client, newsroom):
    article, *_ = newsroom

    html = client.get(article.url).content.decode()

    assert "<h2>Kastmark answers</h2>" in html
    assert "<p>The Tirel Basin feeds us.</p>" in html


def test_draft_topics_are_not_linked(client, newsroom):
    article, basin, kastmark = newsroom
    kastmark.unpublish()

    html = client.get(article.url).content.decode()

    assert glossary_links(html) == [(basin.url, "Tirel Basin")]


def test_topics_of_another_edition_are_not_linked(client, newsroom):
    article, basin, kastmark = newsroom
    arabic = Locale.objects.create(language_code="ar")
    arabic_home = home_page().copy_for_translation(arabic)
    arabic_home.save_revision().publish()
    arabic_index = TopicIndexPageFactory(parent=arabic_home, locale=arabic)
    TopicPageFactory(parent=arabic_index, title="Water talks", locale=arabic, slug="talks")
    article.body = [paragraph("Water talks went on in the Tirel Basin.")]
    article.save()

    html = client.get(article.url).content.decode()

    assert glossary_links(html) == [(basin.url, "Tirel Basin")]


def test_story_lists_its_live_topics_in_the_editors_order(client, newsroom):
    article, basin, kastmark = newsroom
    index = basin.get_parent()
    draft = TopicPageFactory(parent=index, title="Unpublished topic", live=False)
    file_under(article, kastmark, draft, basin)

    html = client.get(article.url).content.decode()

    topics = html[html.index('id="story-topics-heading"') :]
    assert topics.index(">Kastmark</a>") < topics.index(">Tirel Basin</a>")
    assert "Unpublished topic" not in topics


def test_story_without_topics_has_no_in_focus_list(client, newsroom):
    article, _, _ = newsroom

    assert "story-topics-heading" not in client.get(article.url).content.decode()
