"""Canonical URLs, descriptions, OpenGraph, Twitter cards, feed links and JSON-LD."""

from __future__ import annotations

import re

import extruct
import pytest

from dateline.news.tests.factories import ArticlePageFactory
from dateline.syndication.tests.factories import newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(db):
    return newsroom()


def extract(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    data = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld", "opengraph"])
    ld = {item["@type"]: item for item in data["json-ld"]}
    (og,) = data["opengraph"] or [{"properties": []}]
    return html, ld, dict(og["properties"])


def head(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html[: html.index("</head>")])


def test_article_has_a_complete_news_article(client, news):
    story = news.stories[0]
    story.save_revision().publish()
    story.refresh_from_db()

    _, ld, _ = extract(client, story.url)
    article = ld["NewsArticle"]

    url = "http://localhost/politics/harbour-talks-0/"
    assert article["headline"] == "Harbour talks, day 0"
    assert article["datePublished"] == story.date.isoformat()
    assert article["dateModified"] == story.last_published_at.isoformat()
    assert article["author"] == [
        {"@type": "Person", "name": "Lena Maris", "url": "http://localhost/authors/lena-maris/"},
        {
            "@type": "Person",
            "name": "Tomas Eberlin",
            "url": "http://localhost/authors/tomas-eberlin/",
        },
    ]
    rendition = news.image.get_rendition("fill-1200x630")
    assert article["image"] == [f"http://localhost{rendition.url}"]
    assert article["publisher"]["name"] == "Dateline"
    assert article["publisher"]["logo"]["url"] == "http://localhost/static/dateline/img/logo.png"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["articleSection"] == "Politics"
    assert article["keywords"] == "Water, Trade"
    assert [item["name"] for item in ld["BreadcrumbList"]["itemListElement"]] == [
        "Dateline",
        "Politics",
        "Harbour talks, day 0",
    ]


def test_article_has_opengraph_and_twitter_tags(client, news):
    story = news.stories[0]
    html, _, og = extract(client, story.url)

    rendition = news.image.get_rendition("fill-1200x630")
    assert og["og:type"] == "article"
    assert og["og:title"] == story.title
    assert og["og:description"] == story.summary
    assert og["og:url"] == "http://localhost/politics/harbour-talks-0/"
    assert og["og:site_name"] == "Dateline"
    assert og["og:locale"] == "en"
    assert og["og:image"] == f"http://localhost{rendition.url}"
    assert og["og:image:width"] == str(rendition.width)
    assert og["og:image:height"] == str(rendition.height)
    assert og["og:image:alt"] == "The harbour at dusk"
    assert head(html, r'<meta name="twitter:card" content="([^"]+)"') == ["summary_large_image"]
    assert head(html, r'<link rel="canonical" href="([^"]+)"') == [og["og:url"]]
    assert head(html, r'<meta name="description" content="([^"]+)"') == [story.summary]


def test_a_script_tag_in_a_headline_cannot_break_out(client, news):
    title = 'Harbour </script><script>alert("x")</script> & <!-- talks'
    story = ArticlePageFactory(parent=news.politics, title=title, slug="breakout")

    html, ld, og = extract(client, story.url)

    assert ld["NewsArticle"]["headline"] == title
    assert og["og:title"] == title
    assert 'alert("x")</script>' not in html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert all("<" not in script for script in scripts)


def test_home_page_describes_the_publisher_and_its_search(client, news):
    html, ld, og = extract(client, "/")

    assert ld["Organization"]["name"] == "Dateline"
    assert ld["Organization"]["url"] == "http://localhost/"
    assert ld["Organization"]["logo"]["width"] == 512
    action = ld["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://localhost/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert "BreadcrumbList" not in ld
    assert og["og:type"] == "website"
    assert head(html, r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"') == [
        "http://localhost/feeds/rss/"
    ]


def test_section_links_its_feeds_and_canonical_keeps_the_page_number(client, news):
    for n in range(13):
        ArticlePageFactory(parent=news.politics, slug=f"more-{n}")

    html, ld, og = extract(client, "/politics/?page=2&utm_source=x")

    assert head(html, r'<link rel="canonical" href="([^"]+)"') == [
        "http://localhost/politics/?page=2"
    ]
    assert head(html, r'type="application/rss\+xml"[^>]*href="([^"]+)"') == [
        "http://localhost/feeds/rss/",
        "http://localhost/feeds/section/politics/rss/",
    ]
    assert head(html, r'type="application/atom\+xml"[^>]*href="([^"]+)"')[1] == (
        "http://localhost/feeds/section/politics/atom/"
    )
    assert head(html, r'<meta name="description" content="([^"]+)"') == [
        "The latest Politics stories from Dateline."
    ]
    assert [item["item"] for item in ld["BreadcrumbList"]["itemListElement"]] == [
        "http://localhost/",
        "http://localhost/politics/",
    ]
    assert og["og:type"] == "website"


def test_topic_links_its_feed_and_breadcrumbs(client, news):
    html, ld, _ = extract(client, news.topic.url)

    assert "http://localhost/feeds/topic/kestrel-strait/rss/" in head(html, r'href="([^"]+)"')
    assert [item["name"] for item in ld["BreadcrumbList"]["itemListElement"]] == [
        "Dateline",
        "In Focus",
        "Kestrel Strait",
    ]


@pytest.mark.parametrize(
    ("url", "canonical", "feed"),
    [
        ("/tags/water/", "http://localhost/tags/water/", "/feeds/tag/water/rss/"),
        (
            "/authors/lena-maris/",
            "http://localhost/authors/lena-maris/",
            "/feeds/author/lena-maris/rss/",
        ),
    ],
)
def test_tag_and_author_pages_have_their_own_metadata(client, news, url, canonical, feed):
    html, ld, og = extract(client, url)

    assert head(html, r'<link rel="canonical" href="([^"]+)"') == [canonical]
    assert og["og:url"] == canonical
    assert f"http://localhost{feed}" in head(html, r'href="([^"]+)"')
    assert ld["BreadcrumbList"]["itemListElement"][-1]["item"] == canonical
    assert head(html, r'<meta name="description" content="([^"]+)"')


def test_not_found_page_has_no_canonical(client, news):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b'rel="canonical"' not in response.content


def test_metadata_comes_from_the_cache_until_the_next_publication(client, news):
    story = news.stories[1]
    client.get(story.url)

    story.title = "A new headline"
    story.save_revision().publish()

    _, ld, og = extract(client, story.url)
    assert ld["NewsArticle"]["headline"] == og["og:title"] == "A new headline"
