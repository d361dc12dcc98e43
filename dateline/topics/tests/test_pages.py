"""The glossary at /in-focus/ and each topic's page with its stories."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)
from dateline.topics.models import RelatedTopic, TopicIndexPage, TopicPage
from dateline.topics.tests.factories import TopicIndexPageFactory, TopicPageFactory, file_under

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def glossary(module_transaction):
    """Five live topics and a draft; Kastmark has 14 stories (one a draft, one filed twice)."""
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    index = TopicIndexPageFactory(parent=home, summary="Background to the news.")
    strait = TopicPageFactory(parent=index, title="Kestrel Strait", description="A sea lane.")
    compact = TopicPageFactory(parent=index, title="Strait Compact", description="An alliance.")
    kastmark = TopicPageFactory(
        parent=index,
        title="Kastmark",
        description="A mountain federation of nine cantons.",
        background="<p>Its dams hold back the <b>Tirel</b>; see the Kestrel Strait.</p>",
        image=ImageFactory(description="Kastmark valley"),
        aliases=["Kastmark Federation", "كاستمارك"],
    )
    basin = TopicPageFactory(parent=index, title="basin Water Accord", description="Water.")
    veloria = TopicPageFactory(parent=index, title="Veloria", description="A republic.")
    draft = TopicPageFactory(parent=index, title="Orsan Republic", description="Draft.", live=False)
    for order, topic in enumerate([strait, compact, draft]):
        RelatedTopic.objects.create(page=kastmark, topic=topic, sort_order=order)
    stories = [
        ArticlePageFactory(
            parent=politics, title=f"Kastmark story {n}", date=BASE_DATE - timedelta(days=n)
        )
        for n in range(14)
    ]
    for story in reversed(stories[:13]):
        file_under(story, kastmark)
    file_under(stories[0], kastmark)  # filed twice
    stories[13].live = False
    stories[13].save()
    file_under(stories[13], kastmark)
    other = ArticlePageFactory(parent=politics, title="A Veloria story", date=BASE_DATE)
    file_under(other, veloria)
    return SimpleNamespace(
        home=home,
        index=index,
        kastmark=kastmark,
        strait=strait,
        compact=compact,
        basin=basin,
        veloria=veloria,
        draft=draft,
        stories=stories,
    )


def titles(page_obj) -> list[str]:
    return [article.title for article in page_obj]


# The topic page


def test_topic_page_lists_its_live_stories_newest_first_twelve_a_page(client, glossary):
    first = client.get(glossary.kastmark.url)
    second = client.get(glossary.kastmark.url, {"page": 2})

    assert first.status_code == 200
    assert titles(first.context["page_obj"]) == [f"Kastmark story {n}" for n in range(12)]
    assert titles(second.context["page_obj"]) == ["Kastmark story 12"]
    assert first.context["page_obj"].paginator.count == 13  # no draft, no repeat
    html = first.content.decode()
    assert 'href="?page=2"' in html
    assert "A Veloria story" not in html


@pytest.mark.parametrize(("raw", "number"), [("abc", 1), ("0", 1), ("-3", 1), ("99999", 2)])
def test_topic_page_numbers_that_make_no_sense_land_on_first_or_last(client, glossary, raw, number):
    response = client.get(glossary.kastmark.url, {"page": raw})

    assert response.status_code == 200
    assert response.context["page_obj"].number == number


def test_topic_page_shows_description_background_image_and_other_names(client, glossary):
    html = client.get(glossary.kastmark.url).content.decode()

    assert "<h1>Kastmark</h1>" in html
    assert "A mountain federation of nine cantons." in html
    assert "Its dams hold back the <b>Tirel</b>" in html
    assert 'alt="Kastmark valley"' in html
    assert "<bdi>Kastmark Federation</bdi>" in html
    assert "<bdi>كاستمارك</bdi>" in html
    assert '<meta name="description" content="A mountain federation of nine cantons.">' in html
    assert f'href="{glossary.index.url}">In Focus</a>' in html


def test_topic_page_lists_live_related_topics_in_the_editors_order(client, glossary):
    response = client.get(glossary.kastmark.url)

    assert [topic.title for topic in response.context["related"]] == [
        "Kestrel Strait",
        "Strait Compact",
    ]


def test_topic_background_links_other_topics_but_never_itself(client, glossary):
    html = client.get(glossary.kastmark.url).content.decode()
    background = html[html.index('class="topic-background"') : html.index('id="topic-stories"')]

    assert f'<a href="{glossary.strait.url}" class="glossary-link"' in background
    assert glossary.kastmark.url not in background


def test_topic_without_stories_says_so(client, glossary):
    html = client.get(glossary.basin.url).content.decode()

    assert "No stories yet." in html


def test_draft_topic_is_not_found(client, glossary):
    assert client.get(glossary.draft.url).status_code == 404
    assert client.get("/in-focus/no-such-topic/").status_code == 404


def test_index_routes_to_a_topic_in_one_query(rf, glossary):
    index = TopicIndexPage.objects.get(pk=glossary.index.pk)

    with CaptureQueriesContext(connection) as captured:
        page, *_ = index.route(rf.get("/in-focus/kastmark/"), ["kastmark"])

    assert len(captured) == 1
    assert isinstance(page, TopicPage) and page.pk == glossary.kastmark.pk
    assert "image" in page._state.fields_cache  # selected with it


def test_topic_page_queries_do_not_grow_with_its_stories(client, glossary):
    def count(url):
        client.get(url)  # warm caches and renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert count(glossary.kastmark.url) == count(glossary.veloria.url)


# The glossary index


def test_index_lists_live_topics_alphabetically_ignoring_case(client, glossary):
    response = client.get("/in-focus/")

    groups = [(g.letter, [t.title for t in g.items]) for g in response.context["groups"]]
    assert groups == [
        ("B", ["basin Water Accord"]),
        ("K", ["Kastmark", "Kestrel Strait"]),
        ("S", ["Strait Compact"]),
        ("V", ["Veloria"]),
    ]
    html = response.content.decode()
    assert "Orsan Republic" not in html
    assert "<dd>A mountain federation of nine cantons.</dd>" in html
    assert f'href="{glossary.kastmark.url}">Kastmark</a>' in html
    assert "Background to the news." in html


def test_index_jump_list_links_letters_with_topics_to_their_group(client, glossary):
    html = client.get("/in-focus/").content.decode()
    jump_list = html[
        html.index('class="jump-list"') : html.index("</nav>", html.index("jump-list"))
    ]

    assert re.findall(r'<a href="#letter-(\w)">\1</a>', jump_list) == ["B", "K", "S", "V"]
    assert '<span class="jump-list__empty">A</span>' in jump_list
    assert '<span class="jump-list__empty">Z</span>' in jump_list
    assert 'href="#letter-A"' not in jump_list
    for letter in "BKSV":
        assert f'<h2 id="letter-{letter}" class="glossary-group__letter">{letter}</h2>' in html


def test_index_without_topics_says_so(client, glossary):
    TopicPage.objects.update(live=False)

    html = client.get("/in-focus/").content.decode()

    assert "No topics yet." in html
    assert "jump-list" not in html
