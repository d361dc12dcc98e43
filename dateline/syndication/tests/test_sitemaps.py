"""Sitemap index, paged story sitemaps with images, the Google News sitemap, robots.txt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from dateline.news.tests.factories import ArticlePageFactory
from dateline.syndication.cache import syndication_invalidate
from dateline.syndication.sitemaps import StorySitemap
from dateline.syndication.tests.factories import newsroom

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def news(db):
    return newsroom()


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


def locations(root) -> list[str]:
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_index_lists_every_sitemap(client, news):
    root = xml(client, "/sitemap.xml")

    assert [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)] == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-topics.xml",
        "http://testserver/sitemap-stories.xml",
        "http://testserver/sitemap-multimedia.xml",
    ]


def test_each_sitemap_lists_its_pages(client, news):
    assert locations(xml(client, "/sitemap-pages.xml")) == [
        "http://localhost/",
        "http://localhost/in-focus/",
    ]
    assert locations(xml(client, "/sitemap-sections.xml")) == [
        "http://localhost/politics/",
        "http://localhost/economy/",
    ]
    assert locations(xml(client, "/sitemap-topics.xml")) == [
        "http://localhost/in-focus/kestrel-strait/"
    ]
    assert set(locations(xml(client, "/sitemap-stories.xml"))) == {
        f"http://localhost{story.url}" for story in [*news.stories, news.other]
    }


def test_stories_carry_their_lead_image_and_lastmod(client, news):
    story = news.stories[0]
    story.save_revision().publish()

    root = xml(client, "/sitemap-stories.xml")
    entry = next(
        url for url in root.findall("sm:url", NS) if url.find("sm:loc", NS).text.endswith(story.url)
    )

    image = entry.find("image:image/image:loc", NS).text
    assert image == f"http://localhost{news.image.file.url}"
    story.refresh_from_db()
    assert entry.find("sm:lastmod", NS).text == story.last_published_at.isoformat()
    other = next(
        u for u in root.findall("sm:url", NS) if u.find("sm:loc", NS).text.endswith(news.other.url)
    )
    assert other.find("image:image", NS) is None


def test_drafts_and_private_pages_stay_out(client, news):
    ArticlePageFactory(parent=news.politics, title="Draft", slug="draft", live=False)
    PageViewRestriction.objects.create(page=news.economy, restriction_type="login")

    stories = locations(xml(client, "/sitemap-stories.xml"))

    assert not any(url.endswith("/draft/") for url in stories)
    assert f"http://localhost{news.other.url}" not in stories
    assert "http://localhost/economy/" not in locations(xml(client, "/sitemap-sections.xml"))


def test_stories_are_paged_and_the_index_lists_every_page(client, news, monkeypatch):
    monkeypatch.setattr(StorySitemap, "limit", 3)

    index = [loc.text for loc in xml(client, "/sitemap.xml").findall("sm:sitemap/sm:loc", NS)]
    first = locations(xml(client, "/sitemap-stories.xml"))
    second = locations(xml(client, "/sitemap-stories.xml?p=2"))

    assert "http://testserver/sitemap-stories.xml?p=2" in index
    assert "http://testserver/sitemap-stories.xml?p=3" not in index
    assert len(first) == 3 and len(second) == 1
    assert not set(first) & set(second)


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-stories.xml?p=2",
        "/sitemap-stories.xml?p=0",
        "/sitemap-stories.xml?p=abc",
        "/sitemap-stories.xml?p=99999999999999999999",
        "/sitemap-nothing.xml",
    ],
)
def test_bad_sitemap_pages_are_404(client, news, url):
    assert client.get(url).status_code == 404


def test_a_sitemap_page_costs_the_same_few_queries_at_any_size(client, news):
    def count():
        syndication_invalidate()
        client.get("/sitemap-pages.xml")  # warm the cached editions and restrictions
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-stories.xml").status_code == 200
        return len(captured)

    few = count()
    for n in range(40):
        ArticlePageFactory(parent=news.economy, slug=f"bulk-{n}", image=news.image)
    many = count()

    assert many == few <= 4  # the pages, their translations (hreflang alternates), ...


@time_machine.travel(NOW, tick=False)
def test_news_sitemap_lists_the_last_48_hours(client, news):
    fresh = ArticlePageFactory(
        parent=news.politics, title="Fresh & new", slug="fresh", date=NOW - timedelta(hours=3)
    )
    ArticlePageFactory(parent=news.politics, slug="stale", date=NOW - timedelta(hours=49))

    root = xml(client, "/news-sitemap.xml")

    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == "http://localhost/politics/fresh/"
    news_el = url.find("news:news", NS)
    assert news_el.find("news:publication/news:name", NS).text == "Dateline"
    assert news_el.find("news:publication/news:language", NS).text == "en"
    assert news_el.find("news:title", NS).text == "Fresh & new"
    assert news_el.find("news:publication_date", NS).text == fresh.date.isoformat()


@time_machine.travel(NOW, tick=False)
def test_news_sitemap_stops_at_its_limit_newest_first(client, news, monkeypatch):
    from dateline.syndication.sitemaps import NewsSitemap

    monkeypatch.setattr(NewsSitemap, "limit", 2)
    for hours in (5, 1, 3):
        ArticlePageFactory(
            parent=news.politics, slug=f"h{hours}", date=NOW - timedelta(hours=hours)
        )

    assert locations(xml(client, "/news-sitemap.xml")) == [
        "http://localhost/politics/h1/",
        "http://localhost/politics/h3/",
    ]


def test_robots_points_to_both_sitemaps_and_keeps_crawlers_out(client, news):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in [
        "/admin/",
        "/django-admin/",
        "/search/",
        "/ar/search/",
        "/_views/",
        "/comments/",
        "/ar/comments/",
    ]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert lines[0] == "User-agent: *"
