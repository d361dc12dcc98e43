"""Article pages: the story, its byline and tags, related stories, stable URLs."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from dateline.core.models import SiteSettings
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    BASE_DATE,
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
    paragraph,
    words,
)

pytestmark = pytest.mark.django_db

FIRST_PARAGRAPH = "Harbour officials in Port Abelle reopened the grain quay on Monday."


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    """The story under test, and stories sharing three, two, one or none of its tags."""
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    world = SectionPageFactory(parent=home, title="World")
    lena = AuthorFactory(name="Lena Maris")
    tomas = AuthorFactory(name="Tomas Eberlin")
    day = timedelta(days=1)

    def story(title, date, tags, parent=politics, **kwargs):
        return ArticlePageFactory(
            parent=parent, title=title, date=date, tags=tags, authors=[lena], **kwargs
        )

    article = ArticlePageFactory(
        parent=politics,
        title="Harbour talks resume",
        kicker="Analysis",
        summary="Both sides return to the table.",
        date=BASE_DATE,
        body=[
            paragraph(FIRST_PARAGRAPH),
            {"type": "heading", "value": {"text": "What happens next", "level": "h2"}},
            paragraph("A second paragraph, after the heading."),
        ],
        tags=["Water", "Trade", "Energy"],
        authors=[lena, tomas],
    )
    return SimpleNamespace(
        home=home,
        politics=politics,
        world=world,
        lena=lena,
        tomas=tomas,
        article=article,
        # Same section: next is the closest newer, previous the closest older live story.
        shares_one_newest=story("Shares one, newest", BASE_DATE + 2 * day, ["Water"]),
        shares_none=story("Shares none", BASE_DATE + day, ["Festivals"]),
        draft=story(
            "Draft shares all", BASE_DATE - day / 2, ["Water", "Trade", "Energy"], live=False
        ),
        shares_two=story("Shares two", BASE_DATE - day, ["Water", "Trade"]),
        shares_three=story(
            "Shares three, oldest", BASE_DATE - 3 * day, ["Water", "Trade", "Energy"]
        ),
        # Another section: related stories come from the whole edition.
        shares_one_older=story("Shares one, older", BASE_DATE - 5 * day, ["Energy"], world),
        shares_one_oldest=story("Shares one, oldest", BASE_DATE - 6 * day, ["Water"], world),
    )


@pytest.fixture
def html(client, newsroom) -> str:
    response = client.get(newsroom.article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_shows_headline_kicker_summary_and_date(html):
    assert '<h1 class="article__headline">Harbour talks resume</h1>' in html
    assert '<p class="kicker">Analysis</p>' in html
    assert "Both sides return to the table." in html
    assert ">Monday 22 July 2024</time>" in html


def test_dateline_prefix_comes_right_before_the_first_paragraph(html):
    assert re.search(r'<span class="dateline">Dateline-</span>\s*<p>' + FIRST_PARAGRAPH, html)
    assert html.count("Dateline-</span>") == 1
    assert "A second paragraph, after the heading." in html
    assert "<h2>What happens next</h2>" in html


def test_dateline_prefix_comes_from_site_settings(client, newsroom):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"dateline_prefix": "Veloria"})

    html = client.get(newsroom.article.url).content.decode()

    assert re.search(r'<span class="dateline">Veloria-</span>\s*<p>' + FIRST_PARAGRAPH, html)
    assert "Dateline-" not in html


def test_blank_dateline_prefix_prints_none(client, newsroom):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"dateline_prefix": ""})

    html = client.get(newsroom.article.url).content.decode()

    assert 'class="dateline"' not in html
    assert f"<p>{FIRST_PARAGRAPH}</p>" in html


def test_byline_links_each_author_to_their_page(client, html, newsroom):
    assert '<a href="/authors/lena-maris/">Lena Maris</a>' in html
    assert '<a href="/authors/tomas-eberlin/">Tomas Eberlin</a>' in html
    assert html.index("Lena Maris</a>") < html.index("Tomas Eberlin</a>")

    author_page = client.get("/authors/tomas-eberlin/")
    assert newsroom.article.title in author_page.content.decode()


def test_tags_link_to_their_tag_pages(client, html, newsroom):
    for slug, name in [("water", "Water"), ("trade", "Trade"), ("energy", "Energy")]:
        assert f'<a href="/tags/{slug}/" rel="tag">{name}</a>' in html

    tag_page = client.get("/tags/energy/")
    assert newsroom.article.title in tag_page.content.decode()


def test_related_stories_share_the_most_tags_first(client, newsroom):
    response = client.get(newsroom.article.url)

    expected = [
        newsroom.shares_three,
        newsroom.shares_two,
        newsroom.shares_one_newest,
        newsroom.shares_one_older,
    ]
    assert [card.pk for card in response.context["related"]] == [s.pk for s in expected]
    aside = response.content.decode().split('class="related"', 1)[1]
    positions = [aside.index(story.title) for story in expected]
    assert positions == sorted(positions)


def test_related_stories_come_from_each_tags_latest_stories(newsroom, monkeypatch):
    from dateline.news import selectors

    monkeypatch.setattr(selectors, "RELATED_WINDOW", 1)  # each tag's last tagging only
    article = newsroom.article
    related = selectors.related_ids(article, root=newsroom.home, tags=list(article.tags.all()))

    # the last stories given Trade, Energy and Water: "Shares three, oldest", "Shares one,
    # older" and "Shares one, oldest"; "Shares two", tagged before them, is no longer a
    # candidate, though it shares two tags
    assert related[0] == newsroom.shares_three.pk
    assert newsroom.shares_two.pk not in related


def test_related_stories_leave_out_the_story_itself_drafts_and_untagged(client, newsroom):
    response = client.get(newsroom.article.url)

    related = {article.pk for article in response.context["related"]}
    assert newsroom.article.pk not in related
    assert newsroom.draft.pk not in related
    assert newsroom.shares_none.pk not in related


def test_story_without_tags_has_no_related_stories(client, newsroom):
    lonely = ArticlePageFactory(parent=newsroom.world, title="Untagged story")

    response = client.get(lonely.url)

    assert response.context["related"] == []
    assert "Related stories" not in response.content.decode()


def test_previous_and_next_are_the_neighbouring_live_stories_in_the_section(client, newsroom):
    response = client.get(newsroom.article.url)

    assert response.context["previous"].pk == newsroom.shares_two.pk
    assert response.context["next"].pk == newsroom.shares_none.pk
    html = response.content.decode()
    assert 'rel="prev" href="/politics/shares-two/"' in html
    assert 'rel="next" href="/politics/shares-none/"' in html


def test_newest_story_in_section_has_no_next(client, newsroom):
    response = client.get(newsroom.shares_one_newest.url)

    assert not response.context["next"]  # lazy: loaded only when the fragment is built
    assert response.context["previous"].pk == newsroom.shares_none.pk


# Reading time


def test_reading_time_counts_words_at_220_a_minute():
    def minutes(*blocks):
        return ArticlePage(title="t", body=list(blocks)).reading_minutes

    assert minutes() == 1
    assert minutes(paragraph(words(220))) == 1
    assert minutes(paragraph(words(221))) == 2
    assert minutes(paragraph(words(200)), paragraph(words(240))) == 2
    assert minutes(paragraph(words(440)), {"type": "heading", "value": {"text": "Two words"}}) == 3
    assert minutes(paragraph(f"<b>{words(300)}</b> <i>{words(200)}</i>")) == 3


def test_article_page_shows_reading_time(client, newsroom):
    long_read = ArticlePageFactory(
        parent=newsroom.world, body=[paragraph(words(500)), paragraph(words(100))]
    )

    html = client.get(long_read.url).content.decode()

    assert re.search(r"\b3 min read\b", html)


# Stable URLs


def publish(page):
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def test_changed_slug_redirects_permanently(client, newsroom, django_capture_on_commit_callbacks):
    article = publish(ArticlePageFactory(parent=newsroom.politics, title="Old headline"))
    assert article.url == "/politics/old-headline/"

    article.slug = "new-headline"
    # Wagtail announces the changed slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    response = client.get("/politics/old-headline/")

    assert response.status_code == 301
    assert response["Location"].endswith("/politics/new-headline/")
    assert client.get("/politics/new-headline/").status_code == 200
    assert Redirect.objects.filter(old_path="/politics/old-headline").exists()


def test_moved_article_redirects_permanently(client, newsroom, django_capture_on_commit_callbacks):
    article = publish(ArticlePageFactory(parent=newsroom.politics, title="Moving story"))

    with django_capture_on_commit_callbacks(execute=True):
        article.move(newsroom.world, pos="last-child")
    response = client.get("/politics/moving-story/")

    assert response.status_code == 301
    assert response["Location"].endswith("/world/moving-story/")
    moved = client.get("/world/moving-story/")
    assert moved.status_code == 200
    assert "Moving story" in moved.content.decode()


def test_the_route_query_of_a_section_is_compiled_once(client, newsroom):
    from dateline.core import prepared

    section = newsroom.politics
    prepared._KEPT.clear()
    with CaptureQueriesContext(connection) as captured:
        first = section.child_by_slug(ArticlePage, newsroom.article.slug)
        missing = section.child_by_slug(ArticlePage, "no-such-story")
    kept = [
        key
        for key in prepared._KEPT
        if key[0] == "child" and key[3:5] == (section.pk, section.path)
    ]

    assert first == newsroom.article and missing is None
    assert len(kept) == 1 and len(captured.captured_queries) == 2
    assert "Harbour talks resume" in client.get(newsroom.article.url).content.decode()


def test_a_preview_shows_the_drafts_byline_not_the_published_one():
    from dateline.news.models import ArticlePageAuthor

    published, drafted = (
        AuthorFactory(name="Published Byline"),
        AuthorFactory(name="Drafted Byline"),
    )
    section = SectionPageFactory(parent=home_page(), title="Preview desk")
    story = ArticlePageFactory(parent=section, title="Byline change", authors=[published])
    story.article_authors = [ArticlePageAuthor(author=drafted, sort_order=0)]
    draft = story.save_revision().as_object()  # not published: the live byline stands

    preview = draft.make_preview_request().content.decode()
    live = Client().get(story.url).content.decode()

    assert "Drafted Byline" in preview and "Published Byline" not in preview
    assert "Published Byline" in live and "Drafted Byline" not in live
