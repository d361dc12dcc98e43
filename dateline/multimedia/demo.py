"""Demo multimedia: the /multimedia/ page, three photo galleries and two videos.

The photos are drawn with Pillow (news.demo.images); the uploaded video and its
captions come from demo_assets/ (see the README there). Places, people and events
are invented, and the words are ours.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection

from dateline.multimedia.models import (
    GalleryPage,
    GalleryPhoto,
    MultimediaIndexPage,
    MultimediaTopic,
    VideoPage,
)
from dateline.news.demo.content import TAGS
from dateline.news.demo.images import demo_images
from dateline.news.models import HomePage, SectionPage

ASSETS = Path(__file__).resolve().parent / "demo_assets"
# An invented YouTube id: the facade shows without any request to YouTube; a reader who
# clicks gets YouTube's own "video unavailable" notice.
DEMO_YOUTUBE_URL = "https://www.youtube.com/watch?v=Dtl1neDemo0"

GALLERIES = [
    {
        "title": "Lantern night on the Port Abelle quays",
        "summary": "Fishing families light paper lanterns along the harbour wall to close "
        "the autumn season.",
        "section": "culture",
        "captions": [
            "Crews tie up early on the evening of the lantern festival.",
            "Children carry the first lanterns down the north quay.",
            "A net mender hangs a lantern from the harbour crane.",
            "The fish market closes its shutters for the night.",
            "Lanterns drift past the breakwater as the tide turns.",
            "Musicians from the old town play on the ferry steps.",
            "The last boats come in under the festival lights.",
            "Volunteers gather spent lanterns from the water at dawn.",
        ],
    },
    {
        "title": "The Lume Highlands harvest, field by field",
        "summary": "A week with the terrace farmers of the Lume Highlands as the barley "
        "comes in before the first frost.",
        "section": "economy",
        "captions": [
            "Morning mist lifts from the upper terraces.",
            "Harvesters work the steepest fields by hand.",
            "Sheaves dry against the stone walls of the terraces.",
            "A cooperative truck collects grain in the valley.",
            "The mill at Orsan Ford runs day and night in harvest week.",
            "Farmers weigh the crop at the cooperative yard.",
            "Evening light over the cleared fields.",
        ],
    },
    {
        "title": "Northmere skyline: a city rebuilds its waterfront",
        "summary": "Cranes, new quays and old warehouses: how Northmere is turning its "
        "derelict docks into a neighbourhood.",
        "section": "politics",
        "captions": [
            "The old grain warehouses before their conversion.",
            "Cranes line the new east quay.",
            "Council planners walk the site with residents.",
            "A former dry dock becomes a public square.",
            "The new footbridge links the docks to the old town.",
            "Evening on the finished promenade.",
            "Apartment blocks rise behind the harbour office.",
            "The ferry terminal, due to open next spring.",
            "Residents try out the new waterfront park.",
            "Night falls over the rebuilt skyline.",
        ],
    },
]


def _publish(page) -> None:
    page.save_revision().publish(log_action=False)


def _document(title: str, name: str):
    document_model = get_document_model()
    with (ASSETS / name).open("rb") as handle:
        document = document_model(title=title)
        document.file.save(name, File(handle), save=False)
        document.save()
    return document


@transaction.atomic
def demo_multimedia(*, home: HomePage, seed: int, now: datetime) -> dict:
    """Build /multimedia/ under ``home``, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - invented content, not secrets
    index = MultimediaIndexPage(
        title="Multimedia",
        slug="multimedia",
        summary="Photo galleries, videos and maps from our correspondents.",
        show_in_menus=True,
    )
    home.add_child(instance=index)
    _publish(index)
    sections = {section.slug: section for section in SectionPage.objects.child_of(home)}
    topic = _first_topic(home)
    # the photos and posters get their own collection, so editors find them together
    collection = Collection.get_first_root_node().add_child(name="Multimedia (demo)")

    galleries = []
    for number, spec in enumerate(GALLERIES):
        pictures = demo_images(rng, len(spec["captions"]), collection=collection)
        gallery = GalleryPage(
            title=spec["title"],
            slug=slugify(spec["title"])[:80],
            summary=spec["summary"],
            section=sections.get(spec["section"]),
            date=now - timedelta(days=2 * number + 1, hours=rng.randint(0, 8)),
            image=pictures[0],
        )
        gallery.photos = [
            GalleryPhoto(image=picture, caption=caption, credit="Dateline demo", sort_order=order)
            for order, (picture, caption) in enumerate(zip(pictures, spec["captions"], strict=True))
        ]
        gallery.tags.add(*rng.sample(TAGS, 2))
        if topic is not None and number == 0:
            gallery.multimedia_topics = [MultimediaTopic(topic=topic, sort_order=0)]
        index.add_child(instance=gallery)
        _publish(gallery)
        galleries.append(gallery)

    posters = demo_images(rng, 2, collection=collection)
    uploaded = VideoPage(
        title="Harbour lights: an evening in Port Abelle",
        slug="harbour-lights",
        summary="Six seconds of evening on the harbour, with captions.",
        section=sections.get("culture"),
        date=now - timedelta(hours=5),
        image=posters[0],
        video_file=_document("Harbour lights (demo video)", "harbour-lights.webm"),
        captions_file=_document("Harbour lights, captions in English", "harbour-lights.vtt"),
        captions_language="en",
        captions_label="English",
        duration=6,
    )
    external = VideoPage(
        title="Inside the Kestrel Strait ferry control room",
        slug="kestrel-strait-ferry-control-room",
        summary="How four controllers keep a hundred crossings a day moving safely.",
        section=sections.get("economy"),
        date=now - timedelta(days=3, hours=2),
        image=posters[1],
        video_url=DEMO_YOUTUBE_URL,
        duration=245,
    )
    for video_page in (uploaded, external):
        video_page.tags.add(*rng.sample(TAGS, 2))
        index.add_child(instance=video_page)
        _publish(video_page)
    return {"galleries": len(galleries), "videos": 2}


def _first_topic(home):
    from django.apps import apps

    if not apps.is_installed("dateline.topics"):
        return None
    return apps.get_model("topics", "TopicPage").objects.live().descendant_of(home).first()
