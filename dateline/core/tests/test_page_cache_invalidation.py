"""Exact invalidation: a change retires the pages that show it, and no others."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dateline.comments.services import comment_approve
from dateline.comments.tests.factories import CommentFactory
from dateline.core import cache_purge
from dateline.curation.models import Pick, PickList
from dateline.news.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
)
from dateline.topics.tests.factories import (
    TopicIndexPageFactory,
    TopicPageFactory,
    file_under,
    publish,
)

pytestmark = pytest.mark.django_db
STATE = "X-Dateline-Cache"


@pytest.fixture
def newsroom(page_cache):
    home = home_page()
    harbour = SectionPageFactory(parent=home, title="Harbour")
    weather = SectionPageFactory(parent=home, title="Weather")
    author = AuthorFactory(name="Nadia Haddad")
    topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=home), title="Ferries")
    first = ArticlePageFactory(parent=harbour, title="Ferry resumes", tags=["water"])
    file_under(first, topic)
    unrelated = ArticlePageFactory(parent=weather, title="Storm passes", tags=["wind"])
    return {
        "home": home,
        "harbour": harbour,
        "author": author,
        "topic": topic,
        "first": first,
        "unrelated": unrelated,
        "urls": {
            "home": "/",
            "section": harbour.url,
            "tag": "/tags/water/",
            "author": f"/authors/{author.slug}/",
            "topic": topic.url,
            "first": first.url,
            "unrelated": unrelated.url,
        },
    }


def warm(client, urls) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url)[STATE] == "HIT", url


def test_publishing_a_story_refreshes_every_page_that_lists_it_and_no_other(client, newsroom):
    urls = newsroom["urls"]
    warm(client, urls.values())
    story = ArticlePageFactory(
        parent=newsroom["harbour"], title="Night ferry added", tags=["water"],
        authors=[newsroom["author"]],
    )  # fmt: skip
    file_under(story, newsroom["topic"])
    publish(story)

    for name in ("home", "section", "tag", "author", "topic"):
        response = client.get(urls[name])
        assert response[STATE] == "MISS", name
        assert "Night ferry added" in response.content.decode(), name
    assert client.get(urls["first"])[STATE] == "MISS"  # its next story and related list
    assert client.get(urls["unrelated"])[STATE] == "HIT"


def test_unpublishing_a_story_removes_it_at_once(client, newsroom):
    urls = newsroom["urls"]
    warm(client, [urls["first"], urls["section"]])
    newsroom["first"].unpublish()
    assert client.get(urls["first"]).status_code == 404
    assert "Ferry resumes" not in client.get(urls["section"]).content.decode()


def test_deleting_a_story_retires_its_pages(client, newsroom):
    urls = newsroom["urls"]
    warm(client, [urls["section"], urls["tag"], urls["unrelated"]])
    newsroom["first"].delete()
    assert "Ferry resumes" not in client.get(urls["section"]).content.decode()
    assert "Ferry resumes" not in client.get(urls["tag"]).content.decode()
    assert client.get(urls["unrelated"])[STATE] == "HIT"


def test_moving_a_story_refreshes_both_sections(client, newsroom):
    urls = newsroom["urls"]
    weather = newsroom["unrelated"].get_parent()
    warm(client, [urls["section"], weather.url])
    newsroom["first"].move(weather, pos="last-child")
    assert "Ferry resumes" not in client.get(urls["section"]).content.decode()
    assert "Ferry resumes" in client.get(weather.url).content.decode()


def test_approving_a_comment_on_one_story_leaves_another_cached(client, newsroom):
    urls = newsroom["urls"]
    warm(client, [urls["first"], urls["unrelated"]])
    comment = CommentFactory(
        page=newsroom["first"], text="The timetable changed.", status="pending"
    )
    comment_approve(comment=comment)
    response = client.get(urls["first"])
    assert response[STATE] == "MISS"
    assert "The timetable changed." in response.content.decode()
    assert client.get(urls["unrelated"])[STATE] == "HIT"


def test_an_editors_choice_change_refreshes_the_pages_that_show_it(client, newsroom):
    urls = newsroom["urls"]
    warm(client, [urls["home"], urls["unrelated"], "/feeds/rss/"])
    picks = PickList.objects.create(locale=newsroom["home"].locale)
    Pick.objects.create(pick_list=picks, page=newsroom["first"], sort_order=0)
    home = client.get(urls["home"])
    assert home[STATE] == "MISS"
    assert client.get(urls["unrelated"])[STATE] == "MISS"  # its sidebar shows the picks
    assert client.get("/feeds/rss/")[STATE] == "HIT"  # feeds show no picks


def test_a_page_showing_a_pick_is_fresh_only_until_the_pick_expires(client, newsroom):
    now = timezone.now()
    picks = PickList.objects.create(locale=newsroom["home"].locale)
    Pick.objects.create(
        pick_list=picks,
        page=newsroom["first"],
        sort_order=0,
        expires_at=now + timedelta(seconds=20),
    )
    with time_machine.travel(now, tick=False):
        first = client.get("/")
        assert first[STATE] == "MISS"
        assert "s-maxage=20" in first["Cache-Control"]
        assert client.get("/")[STATE] == "HIT"
    with time_machine.travel(now + timedelta(seconds=21), tick=False):
        after = client.get("/")  # nothing was edited, yet the copy is no longer fresh
    assert after[STATE] in {"STALE", "MISS"}


def test_a_topic_change_refreshes_the_articles_that_may_link_it(client, newsroom):
    urls = newsroom["urls"]
    warm(client, [urls["unrelated"]])
    publish(newsroom["topic"])
    assert client.get(urls["unrelated"])[STATE] == "MISS"


def test_a_site_wide_change_retires_everything(client, newsroom):
    urls = newsroom["urls"]
    warm(client, [urls["home"], urls["unrelated"]])
    cache_purge.page_cache_site_changed()
    assert client.get(urls["home"])[STATE] == "MISS"
    assert client.get(urls["unrelated"])[STATE] == "MISS"


def test_publishing_purges_the_front_proxy_with_the_same_pages(newsroom, settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    purged = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache",
        lambda urls, **kwargs: purged.extend(urls),
    )
    story = ArticlePageFactory(
        parent=newsroom["harbour"], title="Night ferry added", tags=["water"],
        authors=[newsroom["author"]],
    )  # fmt: skip
    file_under(story, newsroom["topic"])
    publish(story)
    base = "http://localhost"
    for path in (
        story.url, "/", newsroom["harbour"].url, newsroom["topic"].url, "/tags/water/",
        f"/authors/{newsroom['author'].slug}/", "/feeds/rss/", "/feeds/tag/water/atom/",
        "/sitemap.xml", "/news-sitemap.xml",
    ):  # fmt: skip
        assert base + path in purged, path
    assert base + newsroom["unrelated"].url not in purged


def test_a_reader_after_an_editor_still_gets_the_public_page(newsroom, django_user_model):
    url = newsroom["urls"]["first"]
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-ed-1")
    signed_in = Client()
    signed_in.force_login(editor)
    assert signed_in.get(url)[STATE] == "BYPASS"
    assert Client().get(url)[STATE] == "MISS"
