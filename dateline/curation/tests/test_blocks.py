"""The Editor's Choice blocks on the front page and in the sidebar, and their cache."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page

from dateline.curation import fragments
from dateline.curation.models import Pick
from dateline.curation.tests.factories import pick_list
from dateline.news.models import ArticlePage
from dateline.news.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    SectionPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

HEADING = "Editor's Choice"


@pytest.fixture(scope="module")
def newsroom(module_transaction):
    home = home_page()
    politics = SectionPageFactory(parent=home, title="Politics")
    analysis = SectionPageFactory(parent=home, title="Analysis")
    picture = ImageFactory()
    stories = [
        ArticlePageFactory(parent=politics, title=f"Politics {n}", kicker="Inquiry", image=picture)
        for n in range(4)
    ]
    reads = [ArticlePageFactory(parent=analysis, title=f"Analysis {n}") for n in range(2)]
    return SimpleNamespace(
        home=home, politics=politics, analysis=analysis, stories=stories, reads=reads
    )


def block(html: str, css_class: str) -> str:
    """The Editor's Choice <section> of a page, or "" when the page has none."""
    match = re.search(rf'<section class="[^"]*{css_class}[^"]*".*?</section>', html, re.S)
    return match.group(0) if match else ""


def home_block(client) -> str:
    return block(client.get("/").content.decode(), "editors-choice")


def sidebar_block(client, page) -> str:
    return block(client.get(page.url).content.decode(), "editors-choice--compact")


def headlines(html: str) -> list[str]:
    return re.findall(r'<a[^>]*href="[^"]+"[^>]*>\s*([^<]+?)\s*</a>', html)


# What readers see


def test_front_page_shows_picks_in_order_after_the_lead(client, newsroom):
    a, b, c, _ = newsroom.stories
    pick_list(c, a, b, headline={a: "Read this first"})

    html = client.get("/").content.decode()
    shown = block(html, "editors-choice")

    assert html.index('class="lead"') < html.index('class="editors-choice"')
    assert f">{HEADING}</h2>" in shown
    assert "<ol" in shown
    assert headlines(shown) == ["Politics 2", "Read this first", "Politics 1"]
    assert f'href="{c.url}"' in shown
    assert 'alt=""' in shown  # the picture is decorative: the headline beside it is the link
    assert '<p class="kicker">Inquiry</p>' in shown


def test_sidebar_of_article_and_section_pages_shows_the_compact_list(client, newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b)

    for page in (newsroom.politics, newsroom.reads[0]):
        shown = sidebar_block(client, page)
        assert f">{HEADING}</h2>" in shown, page.url
        assert headlines(shown) == ["Politics 0", "Politics 1"], page.url


def test_article_uses_its_sections_own_list(client, newsroom):
    pick_list(newsroom.stories[0])
    pick_list(newsroom.reads[1], newsroom.stories[1], section=newsroom.analysis)

    assert headlines(sidebar_block(client, newsroom.reads[0])) == ["Analysis 1", "Politics 1"]
    assert headlines(sidebar_block(client, newsroom.stories[2])) == ["Politics 0"]
    assert headlines(home_block(client)) == ["Politics 0"]


def test_empty_list_hides_the_block_entirely(client, newsroom):
    pick_list()

    for url in ("/", newsroom.politics.url, newsroom.stories[0].url):
        response = client.get(url)
        assert response.status_code == 200
        assert HEADING not in response.content.decode(), url
        assert "editors-choice" not in response.content.decode(), url


def test_list_of_only_hidden_stories_hides_the_block(client, newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b, expires_at={a: timezone.now() - timedelta(minutes=1)})
    ArticlePage.objects.filter(pk=b.pk).update(live=False)

    assert home_block(client) == ""


# The cache: readers see a change at once


def test_block_is_served_from_the_cache(client, newsroom, django_assert_num_queries):
    pick_list(newsroom.stories[0])
    first = fragments.editors_choice_html(page=newsroom.home, variant="home")

    with django_assert_num_queries(0):
        again = fragments.editors_choice_html(page=newsroom.home, variant="home")

    assert first == again and "Politics 0" in first


def test_saving_the_list_shows_the_change_at_once(client, newsroom):
    a, b, *_ = newsroom.stories
    made = pick_list(a)
    assert headlines(home_block(client)) == ["Politics 0"]

    made.picks.add(Pick(page=b, sort_order=-1))
    made.save()

    assert headlines(home_block(client)) == ["Politics 1", "Politics 0"]


def test_deleting_the_list_hides_the_block_at_once(client, newsroom):
    made = pick_list(newsroom.stories[0])
    assert home_block(client)

    made.delete()

    assert home_block(client) == ""


def test_unpublishing_a_picked_story_hides_it_at_once(client, newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b)
    assert headlines(home_block(client)) == ["Politics 0", "Politics 1"]

    ArticlePage.objects.get(pk=a.pk).unpublish()

    assert headlines(home_block(client)) == ["Politics 1"]


def test_republishing_a_picked_story_shows_its_new_headline_at_once(client, newsroom):
    a, *_ = newsroom.stories
    pick_list(a)
    assert headlines(home_block(client)) == ["Politics 0"]

    story = ArticlePage.objects.get(pk=a.pk)
    story.title = "Politics 0, corrected"
    story.save_revision().publish()

    assert headlines(home_block(client)) == ["Politics 0, corrected"]


def test_deleting_a_picked_story_hides_it_at_once(client, newsroom):
    a, b, *_ = newsroom.stories
    pick_list(a, b)
    assert headlines(home_block(client)) == ["Politics 0", "Politics 1"]

    Page.objects.get(pk=a.pk).delete()

    assert headlines(home_block(client)) == ["Politics 1"]
    assert client.get("/").status_code == 200


def test_moving_a_picked_story_updates_its_link_at_once(client, newsroom):
    a, *_ = newsroom.stories
    pick_list(a)
    assert f'href="{a.url}"' in home_block(client)

    ArticlePage.objects.get(pk=a.pk).move(newsroom.analysis, pos="last-child")

    moved = ArticlePage.objects.get(pk=a.pk)
    assert moved.url.startswith(newsroom.analysis.url)
    assert f'href="{moved.url}"' in home_block(client)


def test_publishing_a_story_nobody_picked_keeps_the_cached_block(client, newsroom):
    pick_list(newsroom.stories[0])
    version = fragments.cache.get_or_set(fragments.VERSION_KEY, "unset", None)
    story = ArticlePage.objects.get(pk=newsroom.stories[3].pk)

    story.save_revision().publish()

    assert cache.get(fragments.VERSION_KEY) == version


def test_expired_pick_leaves_editors_choice(client, newsroom):
    a, b, *_ = newsroom.stories
    now = timezone.now()
    pick_list(a, b, expires_at={a: now + timedelta(minutes=30)})

    with time_machine.travel(now, tick=False):
        assert headlines(home_block(client)) == ["Politics 0", "Politics 1"]
    # nothing was saved in between: the cached block itself knows when it goes stale
    with time_machine.travel(now + timedelta(minutes=30), tick=False):
        assert headlines(home_block(client)) == ["Politics 1"]


@pytest.mark.parametrize(
    ("expires_in", "timeout"),
    [
        (None, fragments.TIMEOUT),
        (timedelta(hours=5), fragments.TIMEOUT),
        (timedelta(minutes=2), 120),
        (timedelta(seconds=90, microseconds=1), 91),
        (timedelta(microseconds=1), 1),
    ],
)
def test_cache_never_outlasts_the_next_expiry(expires_in, timeout):
    now = timezone.now()
    next_expiry = None if expires_in is None else now + expires_in

    assert fragments.fragment_timeout(next_expiry, now) == timeout


def test_block_cache_lifetime_is_cut_to_the_next_expiry(newsroom, monkeypatch):
    now = timezone.now()
    pick_list(newsroom.stories[0], expires_at={newsroom.stories[0]: now + timedelta(seconds=40)})
    stored = {}
    real_set = fragments.cache.set

    def remember(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(fragments.cache, "set", remember)

    with time_machine.travel(now, tick=False):
        fragments.editors_choice_html(page=newsroom.home, variant="home")

    (timeout,) = [t for key, t in stored.items() if key.startswith("curation:home:")]
    assert timeout == 40
