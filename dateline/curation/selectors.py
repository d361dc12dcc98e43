"""Which picks a page shows, in a fixed number of queries however long the lists are.

Three today: the picks (with their list and image), the live stories (one query per
pickable page type) and the renditions of every picture shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from dateline.curation.models import Pick, pickable_models

# The one rendition both blocks use; the news cards use it too, so it usually exists.
RENDITION = "fill-320x180"


@dataclass(frozen=True)
class ShownPick:
    story: Page  # the specific page (an ArticlePage today)
    headline: str
    image: AbstractImage | None
    kicker: str


@dataclass(frozen=True)
class Picks:
    shown: list[ShownPick]
    next_expiry: datetime | None  # the earliest future expiry among the candidates


def scope_of(page: Page) -> tuple[int, str | None]:
    """The page's edition (locale id) and the tree path of its section, if it is in one.

    Read from the page itself (no query): a section sits at depth 3, under the home page.
    """
    if page.depth >= 3:
        return page.locale_id, page.path[: Page.steplen * 3]
    return page.locale_id, None


def picks_for(page: Page, *, now: datetime | None = None) -> Picks:
    """The picks ``page`` shows: its section's list, else the edition's site-wide list.

    Only live stories of a pickable type that have not expired count, so a section
    list whose picks have all gone falls back to the site-wide list.
    """
    now = now or timezone.now()
    locale_id, section_path = scope_of(page)
    scope = Q(pick_list__section__isnull=True, pick_list__locale_id=locale_id)
    if section_path is not None:
        scope |= Q(pick_list__section__path=section_path)
    candidates = list(
        Pick.objects.filter(scope)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .select_related("pick_list", "image")
        .order_by("sort_order", "pk")
    )
    stories = _live_stories({pick.page_id for pick in candidates})
    candidates = [pick for pick in candidates if pick.page_id in stories]
    own = [pick for pick in candidates if pick.pick_list.section_id is not None]
    chosen = own or [pick for pick in candidates if pick.pick_list.section_id is None]
    shown = [_shown(pick, stories[pick.page_id]) for pick in chosen]
    _prefetch_renditions([item.image for item in shown if item.image is not None])
    expiries = [pick.expires_at for pick in candidates if pick.expires_at is not None]
    return Picks(shown=shown, next_expiry=min(expiries, default=None))


def _live_stories(page_ids: set[int]) -> dict[int, Page]:
    stories: dict[int, Page] = {}
    if not page_ids:
        return stories
    for model in pickable_models():
        for story in model.objects.live().filter(pk__in=page_ids).select_related("image"):
            stories[story.pk] = story
    return stories


def _shown(pick: Pick, story: Page) -> ShownPick:
    return ShownPick(
        story=story,
        headline=pick.headline or story.title,
        image=pick.image or getattr(story, "image", None),
        kicker=getattr(story, "kicker", ""),
    )


def _prefetch_renditions(images: list) -> None:
    """One query for every image's rendition, where Wagtail's get_rendition() looks first."""
    prefetch_related_objects(
        images,
        Prefetch(
            "renditions",
            queryset=get_image_model().get_rendition_model().objects.filter(filter_spec=RENDITION),
            to_attr="prefetched_renditions",
        ),
    )
