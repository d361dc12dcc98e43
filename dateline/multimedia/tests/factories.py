"""Factories for /multimedia/, galleries and videos; pages are created live, like news's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from dateline.multimedia.models import GalleryPage, GalleryPhoto, MultimediaIndexPage, VideoPage
from dateline.news.tests.factories import BASE_DATE, ImageFactory

ASSETS = Path(__file__).resolve().parents[1] / "demo_assets"
WEBM_HEAD = b"\x1a\x45\xdf\xa3" + b"\x00" * 28
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 20
VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"


def document(name: str, content: bytes, title: str = ""):
    doc = get_document_model()(title=title or name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


class MultimediaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Multimedia"
    slug = "multimedia"

    class Meta:
        model = MultimediaIndexPage


class _StoryFactory(wagtail_factories.PageFactory):
    summary = factory.LazyAttribute(lambda obj: f"What {obj.title.lower()} shows.")
    date = factory.Sequence(lambda n: BASE_DATE - timedelta(hours=n))

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tags = kwargs.pop("tags", ())
        photos = kwargs.pop("photos", None)
        instance = model_class(**kwargs)
        if tags:
            instance.tags.add(*tags)
        if photos is not None:
            instance.photos = [
                GalleryPhoto(image=image, caption=f"Caption {n + 1}", credit="Staff", sort_order=n)
                for n, image in enumerate(photos)
            ]
        parent.add_child(instance=instance)
        return instance


class GalleryPageFactory(_StoryFactory):
    """A live gallery; ``photos=[image, ...]`` (default: three new images)."""

    title = factory.Sequence(lambda n: f"Gallery number {n}")
    photos = factory.LazyFunction(lambda: [ImageFactory() for _ in range(3)])

    class Meta:
        model = GalleryPage


class VideoPageFactory(_StoryFactory):
    """A live external video (YouTube) unless ``video_file`` is given."""

    title = factory.Sequence(lambda n: f"Video number {n}")
    video_url = "https://www.youtube.com/watch?v=abcdefghijk"
    duration = 245

    class Meta:
        model = VideoPage
