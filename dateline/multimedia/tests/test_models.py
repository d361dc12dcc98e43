"""A video needs exactly one source, and an uploaded file must be what its name says."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dateline.multimedia.models import VideoPage
from dateline.multimedia.tests.factories import (
    MP4_HEAD,
    VTT,
    WEBM_HEAD,
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
    document,
)
from dateline.news.tests.factories import ImageFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return MultimediaIndexPageFactory(parent=home_page())


def errors_of(page) -> dict:
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return caught.value.message_dict


def test_a_video_with_neither_file_nor_address_names_both_fields(index):
    video = VideoPageFactory.build(video_url="")
    errors = errors_of(video)
    assert "both are empty" in errors["video_file"][0]
    assert "both are empty" in errors["video_url"][0]


def test_a_video_with_both_a_file_and_an_address_is_refused(index):
    video = VideoPageFactory.build(video_file=document("clip.webm", WEBM_HEAD))
    errors = errors_of(video)
    assert "not both" in errors["video_file"][0]
    assert "not both" in errors["video_url"][0]


def test_an_address_on_another_site_is_refused_on_its_field(index):
    video = VideoPageFactory.build(video_url="https://videos.example/watch/12")
    assert "Only YouTube and Vimeo" in errors_of(video)["video_url"][0]


@pytest.mark.parametrize(("name", "content"), [("clip.webm", WEBM_HEAD), ("clip.mp4", MP4_HEAD)])
def test_webm_and_mp4_files_with_the_right_content_are_accepted(index, name, content):
    video = VideoPageFactory.build(video_url="", video_file=document(name, content))
    video.clean()
    assert video.file_type == ("video/webm" if name.endswith("webm") else "video/mp4")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("clip.webm", MP4_HEAD, "its content is not a WEBM file"),
        ("clip.mp4", b"<html><script>alert(1)</script>", "its content is not a MP4 file"),
        ("clip.pdf", b"%PDF-1.7", "must be a MP4 or WEBM file"),
    ],
)
def test_a_file_whose_content_is_not_a_video_is_refused(index, name, content, expected):
    video = VideoPageFactory.build(video_url="", video_file=document(name, content))
    assert expected in errors_of(video)["video_file"][0]


def test_captions_must_be_webvtt_by_content(index):
    webm = document("clip.webm", WEBM_HEAD)
    good = VideoPageFactory.build(
        video_url="", video_file=webm, captions_file=document("a.vtt", VTT)
    )
    good.clean()
    bom = document("b.vtt", b"\xef\xbb\xbf" + VTT)
    VideoPageFactory.build(video_url="", video_file=webm, captions_file=bom).clean()
    bad = VideoPageFactory.build(
        video_url="", video_file=webm, captions_file=document("c.vtt", b"1\n00:00:01,000 --> x")
    )
    assert "not a VTT file" in errors_of(bad)["captions_file"][0]


def test_captions_are_refused_beside_an_external_video(index):
    video = VideoPageFactory.build(captions_file=document("a.vtt", VTT))
    assert "Captions go with an uploaded video" in errors_of(video)["captions_file"][0]


def test_a_gallery_without_a_cover_uses_its_first_photo(index):
    first, second = ImageFactory(), ImageFactory()
    gallery = GalleryPageFactory(parent=index, photos=[first, second])
    gallery.image = None
    gallery.clean()
    assert gallery.image_id == first.pk


def test_publishing_fills_an_empty_date_with_the_first_publication(index):
    gallery = GalleryPageFactory(parent=index, date=None)
    gallery.save_revision().publish()
    gallery.refresh_from_db()
    assert gallery.date == gallery.first_published_at


def test_a_video_page_plays_an_uploaded_file_with_captions(client, index):
    video = VideoPageFactory(
        parent=index,
        video_url="",
        video_file=document("clip.webm", WEBM_HEAD),
        captions_file=document("clip.vtt", VTT),
        captions_language="en",
        captions_label="English",
        image=ImageFactory(),
    )
    html = client.get(video.url).content.decode()
    assert 'preload="none"' in html
    assert "poster=" in html
    assert 'type="video/webm"' in html
    assert '<track kind="captions"' in html and 'srclang="en"' in html and 'label="English"' in html
    assert "Video · 4:05" in html


def test_an_external_video_page_is_a_link_and_names_no_third_party_resource(client, index):
    video = VideoPageFactory(parent=index, image=None)
    html = client.get(video.url).content.decode()
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"' in html
    assert "<iframe" not in html
    assert "ytimg" not in html and "img.youtube" not in html
    assert isinstance(video, VideoPage)
