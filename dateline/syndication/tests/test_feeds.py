"""RSS 2.0 and Atom feeds: valid, complete, stable GUIDs, bounded queries, cached."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from dateline.news.models import ArticlePage
from dateline.news.tests.factories import ArticlePageFactory, ImageFactory, paragraph
from dateline.syndication.models import SyndicationSettings
from dateline.syndication.tests.factories import newsroom

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/{fmt}/",
    "/feeds/section/politics/{fmt}/",
    "/feeds/tag/water/{fmt}/",
    "/feeds/topic/kestrel-strait/{fmt}/",
    "/feeds/author/lena-maris/{fmt}/",
]


@pytest.fixture
def news(db):
    return newsroom()


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
@pytest.mark.parametrize("feed", FEEDS)
def test_every_feed_parses_without_errors(client, news, feed, fmt):
    response, parsed = parse(client, feed.format(fmt=fmt))

    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
    assert response["Content-Type"].startswith(f"application/{fmt}+xml")
    assert len(parsed.entries) >= 1


def test_rss_channel_and_items_have_the_required_elements(client, news):
    _, parsed = parse(client, "/feeds/section/politics/rss/")

    assert parsed.feed.title == "Politics | Dateline"
    assert parsed.feed.link == "http://localhost/politics/"
    assert parsed.feed.description
    assert parsed.feed.language == "en"
    assert [entry.title for entry in parsed.entries] == [
        "Harbour talks, day 0",
        "Harbour talks, day 1",
        "Harbour talks, day 2",
    ]
    first = parsed.entries[0]
    story = news.stories[0]
    assert first.link == f"http://localhost{story.url}"
    assert first.id == f"tag:localhost,2024:story-{story.pk}"
    assert first.guidislink is False
    assert first.published_parsed[:5] == story.date.timetuple()[:5]
    assert first.summary == story.summary
    assert first.author == "Lena Maris, Tomas Eberlin"
    assert [tag.term for tag in first.tags] == ["Water", "Trade"]


def test_lead_image_is_an_enclosure_and_media_content(client, news):
    response, parsed = parse(client, "/feeds/rss/")
    entry = next(e for e in parsed.entries if e.title == "Harbour talks, day 0")

    (enclosure,) = entry.enclosures
    rendition = news.image.get_rendition("fill-1200x630")
    assert enclosure.href == f"http://localhost{rendition.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.file.size > 0
    (media,) = entry.media_content
    assert media["url"] == enclosure.href
    assert media["medium"] == "image"
    assert (media["width"], media["height"]) == (str(rendition.width), str(rendition.height))
    assert b'xmlns:media="http://search.yahoo.com/mrss/"' in response.content


def test_story_without_image_has_no_enclosure(client, news):
    _, parsed = parse(client, "/feeds/section/economy/rss/")

    assert parsed.entries[0].get("enclosures", []) == []


def test_atom_feed_has_ids_updated_and_entries(client, news):
    _, parsed = parse(client, "/feeds/author/lena-maris/atom/")

    assert parsed.feed.id == "http://localhost/authors/lena-maris/"
    assert parsed.feed.updated
    assert parsed.feed.title == "Lena Maris | Dateline"
    assert len(parsed.entries) == 3
    for entry in parsed.entries:
        assert entry.id.startswith("tag:localhost,2024:story-")
        assert entry.updated and entry.published


def test_dates_are_story_date_and_last_publication(client, news):
    story = news.stories[1]
    story.save_revision().publish()
    story.refresh_from_db()

    _, parsed = parse(client, "/feeds/section/politics/atom/")
    entry = next(e for e in parsed.entries if e.title == story.title)

    assert entry.published_parsed[:5] == story.date.timetuple()[:5]
    assert entry.updated_parsed[:5] == story.last_published_at.timetuple()[:5]


def test_guid_survives_a_new_headline_slug_and_section(client, news):
    story = ArticlePage.objects.get(pk=news.stories[2].pk)
    story.save_revision().publish()
    _, before = parse(client, "/feeds/rss/")
    guid = next(e.id for e in before.entries if e.title == story.title)

    story.title, story.slug = "Harbour deal signed", "harbour-deal-signed"
    story.save_revision().publish()
    story.move(news.economy, pos="last-child")
    _, after = parse(client, "/feeds/rss/")

    entry = next(e for e in after.entries if e.title == "Harbour deal signed")
    assert entry.id == guid
    assert entry.link == "http://localhost/economy/harbour-deal-signed/"


def test_feeds_leave_out_drafts(client, news):
    ArticlePageFactory(parent=news.politics, title="Not yet", live=False)

    _, parsed = parse(client, "/feeds/rss/")

    assert "Not yet" not in [entry.title for entry in parsed.entries]


def test_full_text_follows_the_site_setting(client, news):
    site = Site.objects.get(is_default_site=True)
    story = news.stories[0]
    story.body = [paragraph('See <a href="/economy/">the economy</a>.')]
    story.save_revision().publish()
    summary_only, _ = parse(client, "/feeds/rss/")
    assert b"content:encoded" not in summary_only.content

    SyndicationSettings.objects.update_or_create(site=site, defaults={"full_text_feeds": True})
    _, rss = parse(client, "/feeds/rss/")
    _, atom = parse(client, "/feeds/atom/")

    for parsed in (rss, atom):
        assert parsed.bozo == 0
        entry = parsed.entries[0]
        (html,) = [c["value"] for c in entry.content if c["type"] == "text/html"]
        assert 'href="http://localhost/economy/"' in html
        assert "the economy" in html
        assert entry.summary == story.summary


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/nowhere/rss/",
        "/feeds/section/harbour-talks-0/rss/",  # a story, not a section
        "/feeds/tag/nowhere/atom/",
        "/feeds/tag/" + "x" * 300 + "/rss/",
        "/feeds/tag/%D8%B3%D9%84%D8%A7%D9%85/rss/",
        "/feeds/topic/nowhere/rss/",
        "/feeds/author/nobody/rss/",
        "/feeds/json/",
        "/feeds/section/politics/",
        "/ar/feeds/rss/",  # no Arabic edition in this newsroom
    ],
)
def test_unknown_feeds_are_404(client, news, url):
    assert client.get(url).status_code == 404


def test_feeds_answer_only_get(client, news):
    assert client.post("/feeds/rss/").status_code == 405


def test_feed_queries_do_not_grow_with_stories(client, news):
    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    from dateline.syndication.cache import syndication_invalidate

    client.get("/feeds/rss/")  # the share renditions exist from here on
    syndication_invalidate()
    few = count("/feeds/rss/")
    images = [ImageFactory() for _ in range(5)]
    for n in range(50):
        ArticlePageFactory(
            parent=news.politics,
            image=images[n % 5],
            date=news.base_date + timedelta(hours=n + 1),
            tags=[f"tag {n}"],
            authors=[news.lena],
        )
    for image in images:
        image.get_rendition("fill-1200x630")
    syndication_invalidate()
    many = count("/feeds/rss/")

    assert many == few <= 8


def test_feeds_come_from_the_cache_until_a_publication(client, news, django_assert_num_queries):
    client.get("/feeds/rss/")
    with django_assert_num_queries(0):
        assert client.get("/feeds/rss/").status_code == 200

    story = ArticlePageFactory(
        parent=news.politics, title="Breaking", date=news.base_date + timedelta(days=1), live=False
    )
    story.save_revision().publish()

    _, parsed = parse(client, "/feeds/rss/")
    assert parsed.entries[0].title == "Breaking"


def test_unpublishing_removes_the_story_from_the_feed(client, news):
    story = ArticlePage.objects.get(pk=news.stories[0].pk)
    client.get("/feeds/rss/")

    story.unpublish()

    _, parsed = parse(client, "/feeds/rss/")
    assert story.title not in [entry.title for entry in parsed.entries]
