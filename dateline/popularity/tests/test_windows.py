"""Most Viewed windows, the block and the /most-viewed/ page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory

from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory
from dateline.popularity import windows
from dateline.popularity.backends import get_backend
from dateline.popularity.tests.factories import newsroom

NOW = datetime.now(UTC).replace(minute=30, second=0, microsecond=0)


@pytest.fixture
def site(db):
    return newsroom(stories=4)


def views(story, count, *, hours_ago=0):
    get_backend().record(story.pk, NOW - timedelta(hours=hours_ago), count)


def titles(rows):
    return [row["title"] for row in rows]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_each_window_lists_its_most_viewed_stories(use_backend, site):
    home, _section, (a, b, c, d) = site
    views(a, 5)
    views(b, 9, hours_ago=25)  # yesterday: week and month, not day
    views(c, 20, hours_ago=24 * 10)  # ten days ago: month only
    use_backend.flush()

    lists = windows.windows_compute(home.path)
    assert titles(lists["day"]) == [a.title]
    assert titles(lists["week"]) == [b.title, a.title]
    assert titles(lists["month"]) == [c.title, b.title, a.title]
    assert lists["week"][0]["views"] == 9
    assert lists["week"][0]["url"] == b.url


def test_ties_go_to_the_more_recent_story(use_backend, site):
    home, _section, (newer, older, _c, _d) = site
    assert newer.date > older.date
    views(older, 3)
    views(newer, 3)
    use_backend.flush()

    assert titles(windows.windows_compute(home.path)["day"]) == [newer.title, older.title]


def test_unpublished_and_deleted_stories_never_appear(use_backend, site):
    home, _section, (a, b, c, _d) = site
    for story in (a, b, c):
        views(story, 4)
    use_backend.flush()
    b.unpublish()
    c.delete()

    assert titles(windows.windows_compute(home.path)["day"]) == [a.title]


def test_only_the_top_ten_are_kept(use_backend, site):
    home, section, _stories = site
    extra = [ArticlePageFactory(parent=section) for _ in range(11)]
    for count, story in enumerate(extra, start=1):
        views(story, count)
    use_backend.flush()

    day = windows.windows_compute(home.path)["day"]
    assert len(day) == 10
    assert day[0]["title"] == extra[-1].title
    assert extra[0].title not in titles(day)


def test_stories_of_another_edition_stay_out(use_backend, site):
    home, _section, (a, *_rest) = site
    views(a, 2)
    use_backend.flush()
    assert windows.windows_compute(home.path[:4] + "9999")["day"] == []


def test_the_block_is_one_cache_read_when_warm(use_backend, site, django_assert_num_queries):
    home, _section, (a, *_rest) = site
    views(a, 2)
    use_backend.flush()
    windows.block_html(home.path)  # warm

    calls = []
    original = cache.get
    with django_assert_num_queries(0):
        cache.get = lambda *args, **kwargs: calls.append(args) or original(*args, **kwargs)
        try:
            html = windows.block_html(home.path)
        finally:
            cache.get = original
    assert len(calls) == 1
    assert a.title in html


def test_the_block_renders_nothing_when_nobody_read_anything(site):
    home = site[0]
    assert windows.block_html(home.path) == ""


def test_the_block_has_three_tabs_linking_to_the_page_and_three_panels(use_backend, site):
    home, _section, (a, b, *_rest) = site
    views(a, 2)
    views(b, 1, hours_ago=30)
    use_backend.flush()

    html = windows.block_html(home.path)
    for window in ("day", "week", "month"):
        assert f'href="/most-viewed/?window={window}"' in html
        assert f'id="most-viewed-{window}"' in html
    assert html.count(" hidden") == 2  # week and month wait for JS or a link
    assert 'aria-current="true"' in html


def test_the_sidebar_tag_finds_the_edition_from_the_page(use_backend, site):
    home, _section, (a, *_rest) = site
    views(a, 2)
    use_backend.flush()
    request = RequestFactory().get("/")
    html = Template("{% load popularity_tags %}{% most_viewed %}").render(
        Context({"page": a, "request": request})
    )
    assert "Most viewed" in html and a.title in html


def test_article_and_section_pages_show_the_block_and_the_article_the_beacon(
    client, use_backend, site
):
    _home, section, (a, b, *_rest) = site
    views(b, 3)
    use_backend.flush()

    article = client.get(a.url).content.decode()
    assert 'class="sidebar-block most-viewed"' in article
    assert "data-views-beacon=" in article and f'data-page="{a.pk}"' in article
    assert '<noscript><img class="views-pixel"' in article
    assert "defer data-views-beacon" in article
    assert 'class="sidebar-block most-viewed"' in client.get(section.url).content.decode()


def test_previews_carry_no_beacon(site):
    story = site[2][0]
    response = story.make_preview_request(preview_mode=story.default_preview_mode)
    html = response.render().content.decode() if hasattr(response, "render") else ""
    assert story.title in html
    assert "data-views-beacon" not in html


@pytest.mark.parametrize(
    ("query", "current"), [("", "day"), ("?window=week", "week"), ("?window=nonsense", "day")]
)
def test_the_most_viewed_page_shows_the_chosen_window(client, use_backend, site, query, current):
    _home, _section, (a, b, *_rest) = site
    views(a, 2)
    views(b, 5, hours_ago=30)
    use_backend.flush()

    response = client.get(f"/most-viewed/{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Most viewed</h1>" in html
    assert '<meta name="robots" content="noindex">' in html  # a list that changes by the minute
    selected = f'href="/most-viewed/?window={current}" aria-controls="most-viewed-{current}"'
    assert f'{selected} aria-current="true"' in html


def test_an_edition_without_a_home_has_no_most_viewed_page(client, site):
    assert client.get("/ar/most-viewed/").status_code == 404


def test_a_second_section_shares_the_editions_block(use_backend, site):
    home, _section, (a, *_rest) = site
    other = SectionPageFactory(parent=home, title="Economy")
    views(a, 1)
    use_backend.flush()
    assert a.title in windows.block_html(other.path[:8])
