"""Galleries and videos describe themselves to search engines (ImageGallery, VideoObject)."""

from __future__ import annotations

import extruct
import pytest

from dateline.multimedia.tests.factories import (
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
)
from dateline.news.tests.factories import ImageFactory, home_page
from dateline.syndication.schema import iso_duration

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return MultimediaIndexPageFactory(parent=home_page())


def json_ld(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url="http://localhost/", syntaxes=["json-ld"]
    )
    return {item["@type"]: item for item in data["json-ld"]}


def test_gallery_is_an_image_gallery_with_its_captioned_photos(client, index):
    gallery = GalleryPageFactory(
        parent=index, title="Lanterns over Velmora", photos=[ImageFactory() for _ in range(3)]
    )

    ld = json_ld(client, gallery.url)

    data = ld["ImageGallery"]
    assert data["name"] == "Lanterns over Velmora"
    assert data["url"] == "http://localhost/multimedia/" + gallery.slug + "/"
    assert [photo["caption"] for photo in data["associatedMedia"]] == [
        "Caption 1",
        "Caption 2",
        "Caption 3",
    ]
    assert all(p["contentUrl"].startswith("http://localhost/") for p in data["associatedMedia"])
    assert "BreadcrumbList" in ld


def test_external_video_is_a_video_object_with_embed_and_duration(client, index):
    video = VideoPageFactory(
        parent=index, title="Ferry at dawn", duration=245, image=ImageFactory()
    )

    data = json_ld(client, video.url)["VideoObject"]

    assert data["name"] == "Ferry at dawn"
    assert data["duration"] == "PT4M5S"
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"
    assert data["uploadDate"] == video.display_date.isoformat()
    assert data["thumbnailUrl"][0].startswith("http://localhost/")


@pytest.mark.parametrize(
    ("seconds", "expected"), [(0, "PT0S"), (59, "PT59S"), (245, "PT4M5S"), (3600, "PT1H")]
)
def test_iso_duration(seconds, expected):
    assert iso_duration(seconds) == expected


def test_galleries_and_videos_have_their_own_sitemap_with_pictures(client, index):
    from xml.etree import ElementTree

    cover = ImageFactory()
    gallery = GalleryPageFactory(parent=index, image=cover)
    video = VideoPageFactory(parent=index)
    ns = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "image": "http://www.google.com/schemas/sitemap-image/1.1",
    }

    def sitemap(url):
        response = client.get(url)
        assert response.status_code == 200
        return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)

    media = sitemap("/sitemap-multimedia.xml")
    entries = {u.find("sm:loc", ns).text: u for u in media.findall("sm:url", ns)}
    assert set(entries) == {f"http://localhost{gallery.url}", f"http://localhost{video.url}"}
    picture = entries[f"http://localhost{gallery.url}"].find("image:image/image:loc", ns).text
    assert picture == f"http://localhost{cover.file.url}"
    pages = [loc.text for loc in sitemap("/sitemap-pages.xml").findall("sm:url/sm:loc", ns)]
    assert f"http://localhost{gallery.url}" not in pages
    assert "http://localhost/multimedia/" in pages


def test_search_finds_galleries_and_videos_by_headline_and_caption(client, index):
    from wagtail.search import index as search_index

    gallery = GalleryPageFactory(parent=index, title="Kite festival at Orvane")
    video = VideoPageFactory(parent=index, title="Ferry crossing to Orvane")
    photo = gallery.photos.first()
    photo.caption = "Children launch a crimson heron kite"
    photo.save()
    for page in (gallery, video):
        search_index.insert_or_update_object(page)

    response = client.get("/search/", {"q": "Orvane"})
    found = {result.page.pk for result in response.context["results"]}
    assert found == {gallery.pk, video.pk}

    response = client.get("/search/", {"q": "heron"})
    assert [result.page.pk for result in response.context["results"]] == [gallery.pk]
