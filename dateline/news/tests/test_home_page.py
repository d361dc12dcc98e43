"""The front page, and the tag and author pages the home page answers."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from dateline.news.models import ArticlePage, HomePage
from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

ARABIC_TAG = "سلام"


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    """Two sections; story n is n hours old, alternating Politics and Economy.

    Every live story is tagged Water (15 of them); Trade is on one story in each
    section. Lena writes Politics, Tomas Economy, and both wrote the newest Economy story.
    """
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    economy = SectionPageFactory(parent=home, title="Economy")
    lena = AuthorFactory(name="Lena Maris")
    tomas = AuthorFactory(name="Tomas Eberlin")
    stories = []
    for n in range(15):
        section, authors = (politics, [lena]) if n % 2 == 0 else (economy, [tomas])
        tags = ["Water"]
        if n in (1, 2):
            tags.append("Trade")
        if n == 4:
            tags.append(ARABIC_TAG)
        if n == 1:
            authors = [tomas, lena]
        stories.append(
            ArticlePageFactory(
                parent=section,
                title=f"{section.title} story {n}",
                date=BASE_DATE - timedelta(hours=n),
                tags=tags,
                authors=authors,
            )
        )
    draft = ArticlePageFactory(
        parent=politics,
        title="Unpublished scoop",
        date=BASE_DATE + timedelta(days=1),
        live=False,
        tags=["Water", "Trade"],
        authors=[lena],
    )
    return SimpleNamespace(
        home=home,
        politics=politics,
        economy=economy,
        lena=lena,
        tomas=tomas,
        stories=stories,
        draft=draft,
    )


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def section_latest(response, section) -> list[str]:
    (match,) = [s for s in response.context["sections"] if s.pk == section.pk]
    return titles(match.latest)


# Front page


def test_front_page_leads_with_newest_story_when_editor_chose_none(client, newsroom):
    response = client.get("/")

    assert response.status_code == 200
    assert response.context["lead"].pk == newsroom.stories[0].pk
    assert 'class="card card--large"' in response.content.decode()


def test_front_page_leads_with_editor_chosen_story(client, newsroom):
    chosen = newsroom.stories[5]
    HomePage.objects.filter(pk=newsroom.home.pk).update(lead_story=chosen)

    response = client.get("/")

    assert response.context["lead"].pk == chosen.pk
    assert chosen.title not in section_latest(response, newsroom.economy)


def test_unpublished_lead_story_falls_back_to_newest(client, newsroom):
    HomePage.objects.filter(pk=newsroom.home.pk).update(lead_story=newsroom.stories[5])
    ArticlePage.objects.filter(pk=newsroom.stories[5].pk).update(live=False)

    response = client.get("/")

    assert response.context["lead"].pk == newsroom.stories[0].pk


def test_front_page_shows_each_sections_latest_stories_without_the_lead(client, newsroom):
    response = client.get("/")

    # Four stories per section (the default); the lead (Politics story 0) is not
    # repeated, and its section still shows a full row.
    assert section_latest(response, newsroom.politics) == [
        "Politics story 2",
        "Politics story 4",
        "Politics story 6",
        "Politics story 8",
    ]
    assert section_latest(response, newsroom.economy) == [
        "Economy story 1",
        "Economy story 3",
        "Economy story 5",
        "Economy story 7",
    ]
    html = response.content.decode()
    assert 'href="/economy/economy-story-7/"' in html
    assert "Economy story 9" not in html
    assert 'href="/politics/">Politics</a>' in html


def test_stories_per_section_setting_limits_the_cards(client, newsroom):
    HomePage.objects.filter(pk=newsroom.home.pk).update(stories_per_section=2)

    response = client.get("/")

    assert section_latest(response, newsroom.economy) == ["Economy story 1", "Economy story 3"]
    assert section_latest(response, newsroom.politics) == ["Politics story 2", "Politics story 4"]


def test_front_page_leaves_out_unpublished_stories(client, newsroom):
    html = client.get("/").content.decode()

    assert newsroom.draft.title not in html


# Tag pages


def test_tag_page_lists_every_story_with_the_tag_newest_first(client, newsroom):
    response = client.get("/tags/trade/")

    assert response.status_code == 200
    assert titles(response.context["page_obj"]) == ["Economy story 1", "Politics story 2"]
    html = response.content.decode()
    assert "<h1>Trade</h1>" in html
    assert "2 stories" in html
    assert newsroom.draft.title not in html


def test_tag_page_is_paginated(client, newsroom):
    first = client.get("/tags/water/")
    second = client.get("/tags/water/", {"page": 2})

    assert first.context["page_obj"].paginator.count == 15
    assert titles(first.context["page_obj"]) == titles(newsroom.stories[:12])
    assert titles(second.context["page_obj"]) == titles(newsroom.stories[12:])
    assert 'href="?page=2"' in first.content.decode()


def test_unknown_tag_is_not_found(client, newsroom):
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_overlong_tag_slug_is_not_found(client, newsroom):
    assert client.get(f"/tags/{'a' * 500}/").status_code == 404


def test_unicode_tag_has_its_own_page(client, newsroom):
    url = f"/tags/{quote(ARABIC_TAG)}/"

    response = client.get(url)

    assert url == "/tags/%D8%B3%D9%84%D8%A7%D9%85/"
    assert response.status_code == 200
    assert response.context["tag"].name == ARABIC_TAG
    assert titles(response.context["page_obj"]) == ["Politics story 4"]


def test_article_links_to_unicode_tag_page_percent_encoded(client, newsroom):
    html = client.get(newsroom.stories[4].url).content.decode()

    assert f'href="/tags/{quote(ARABIC_TAG)}/"' in html


# Author pages


def test_author_page_lists_the_authors_stories_newest_first(client, newsroom):
    response = client.get(f"/authors/{newsroom.lena.slug}/")

    assert response.status_code == 200
    expected = [s.title for s in newsroom.stories if s.title.startswith("Politics")]
    expected.insert(1, "Economy story 1")  # co-written with Tomas
    listed = titles(response.context["page_obj"])
    assert listed == expected
    assert "<h1>Lena Maris</h1>" in response.content.decode()


def test_author_page_leaves_out_other_authors_stories(client, newsroom):
    response = client.get(f"/authors/{newsroom.tomas.slug}/")

    listed = titles(response.context["page_obj"])
    assert listed == [s.title for s in newsroom.stories if s.title.startswith("Economy")]


def test_unknown_author_is_not_found(client, newsroom):
    assert client.get("/authors/nobody-at-all/").status_code == 404
