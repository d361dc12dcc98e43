"""Reads of galleries and videos, each a fixed number of queries however many there are."""

from __future__ import annotations

from django.apps import apps
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from dateline.core.images import renditions_prefetch
from dateline.news import selectors as news_selectors

# The kinds of multimedia story: the ?kind= filter's key, its label, and the relation from
# MultimediaPage to the kind's own table. Other apps add theirs through kinds.register_kind.
KINDS = {"gallery": _("Galleries"), "video": _("Videos")}
KIND_RELATIONS = {"gallery": "gallerypage", "video": "videopage"}
STRIP_SIZE = 6


def _model(name: str):
    return apps.get_model("multimedia", name)


def kind_filters() -> list[dict]:
    """The /multimedia/ filter links: all, then each kind."""
    return [{"key": "", "label": _("All")}] + [
        {"key": key, "label": label} for key, label in KINDS.items()
    ]


def stories(root: Page, *, kind: str | None = None):
    """Live galleries and videos under ``root``, newest first, ready for cards.

    One query (kind, photo count, duration and comment count are annotated on each
    row) plus one for the card renditions.
    """
    photos = (
        _model("GalleryPhoto")
        .objects.filter(page_id=OuterRef("pk"))
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = (
        _model("MultimediaPage")
        .objects.live()
        .filter(path__startswith=root.path, depth__gt=root.depth)
        .select_related("image", "section")
        .annotate(
            kind=Case(
                *(
                    When(**{f"{relation}__isnull": False}, then=Value(key))
                    for key, relation in KIND_RELATIONS.items()
                ),
                default=Value(""),
            ),
            photo_total=Coalesce(Subquery(photos, output_field=IntegerField()), Value(0)),
            video_seconds=F("videopage__duration"),
        )
        .prefetch_related(renditions_prefetch("card", lookup="image__renditions"))
        .order_by(F("date").desc(nulls_last=True), "-pk")
    )
    if kind in KIND_RELATIONS:
        queryset = queryset.filter(**{f"{KIND_RELATIONS[kind]}__isnull": False})
    if apps.is_installed("dateline.comments"):
        from dateline.comments.selectors import approved_count_annotation

        queryset = queryset.annotate(comment_count=approved_count_annotation())
    return queryset


def latest(home: Page, *, limit: int = STRIP_SIZE) -> list:
    """The edition's newest galleries and videos, for the front page strip (two queries)."""
    return list(stories(home)[:limit])


def index_of(home: Page):
    """The edition's live /multimedia/ page, or None (one query)."""
    return _model("MultimediaIndexPage").objects.live().child_of(home).first()


def gallery_photos(gallery) -> list:
    """The gallery's photos in order, with their images and renditions (two queries)."""
    return list(
        gallery.photos.select_related("image")
        .prefetch_related(renditions_prefetch("gallery", lookup="image__renditions"))
        .order_by("sort_order", "pk")
    )


def topic_stories(topic, *, limit: int = 12) -> list:
    """Live galleries and videos filed under an In Focus ``topic``, newest first."""
    links = _model("MultimediaTopic").objects.filter(topic_id=topic.pk)
    root = news_selectors.edition_root(topic)
    return list(stories(root).filter(pk__in=links.values("page_id"))[:limit])


def story_topics(page) -> list:
    """The live topics a gallery or video is filed under, in its editor's order."""
    return list(
        apps.get_model("topics", "TopicPage")
        .objects.live()
        .filter(multimedia_links__page_id=page.pk)
        .order_by("multimedia_links__sort_order")
        .only("title", "url_path", "path", "depth")
    )
