"""The demo newsroom comes with /multimedia/: three galleries and two videos."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.core.management import call_command

from dateline.multimedia.demo import ASSETS, demo_multimedia
from dateline.multimedia.models import GalleryPage, MultimediaIndexPage, VideoPage
from dateline.news.demo import demo_create
from dateline.news.demo.newsroom import demo_extensions

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 7, 22, 12, 0, tzinfo=UTC)


def test_dateline_demo_runs_the_multimedia_demo():
    assert demo_multimedia in demo_extensions()


def test_the_shipped_demo_video_is_small_and_really_webm():
    webm = (ASSETS / "harbour-lights.webm").read_bytes()
    assert webm.startswith(b"\x1a\x45\xdf\xa3")
    assert len(webm) <= 300_000
    assert (ASSETS / "harbour-lights.vtt").read_bytes().startswith(b"WEBVTT")


def test_demo_makes_three_galleries_and_two_videos_that_readers_can_open(client, capsys):
    demo_create(seed=5, articles=14, now=NOW)

    galleries = list(GalleryPage.objects.live())
    videos = {video.slug: video for video in VideoPage.objects.live()}
    assert MultimediaIndexPage.objects.live().get().url == "/multimedia/"
    assert len(galleries) >= 3
    assert all(6 <= gallery.photos.count() <= 12 for gallery in galleries)
    assert all(gallery.date is not None and gallery.image_id for gallery in galleries)
    assert len(videos) == 2
    uploaded, external = videos["harbour-lights"], videos["kestrel-strait-ferry-control-room"]
    assert uploaded.video_file.file.name.endswith(".webm")
    assert uploaded.captions_file.file.name.endswith(".vtt")
    assert external.external.provider == "youtube"

    listing = client.get("/multimedia/").content.decode()
    # the galleries and videos, and the maps app's demo map when it is installed
    maps = apps.is_installed("dateline.maps")
    assert listing.count("card--multimedia") == 5 + maps
    assert client.get(galleries[0].url).status_code == 200
    assert "<video" in client.get(uploaded.url).content.decode()
    assert "data-video-facade" in client.get(external.url).content.decode()
    assert "multimedia-strip" in client.get("/").content.decode()

    call_command("demo", "--if-empty")  # a second run adds nothing
    assert "not added" in capsys.readouterr().out
    assert GalleryPage.objects.count() == 3 and VideoPage.objects.count() == 2
