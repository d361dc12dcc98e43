"""Which picks a page shows, in a fixed number of queries however long the lists are.

Three when one kind of story is picked: the picks (with their list and image), the
live stories (one query per pickable page type that has picks) and the renditions of
every picture shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from dateline.core.images import prefetch_renditions
from dateline.curation.models import Pick, pickable_models

# The image preset both blocks use (dateline/core/images.py), as the news cards do.
PRESET = "card"


@dataclass(frozen=True)
class ShownPick:
    story: Page  # the specific page: an ArticlePage, GalleryPage or VideoPage
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
        .annotate(page_type_id=F("page__content_type_id"))
        .order_by("sort_order", "pk")
    )
    stories = _live_stories({(pick.page_id, pick.page_type_id) for pick in candidates})
    candidates = [pick for pick in candidates if pick.page_id in stories]
    own = [pick for pick in candidates if pick.pick_list.section_id is not None]
    chosen = own or [pick for pick in candidates if pick.pick_list.section_id is None]
    shown = [_shown(pick, stories[pick.page_id]) for pick in chosen]
    _prefetch_renditions([item.image for item in shown if item.image is not None])
    expiries = [pick.expires_at for pick in candidates if pick.expires_at is not None]
    return Picks(shown=shown, next_expiry=min(expiries, default=None))


def _live_stories(picked: set[tuple[int, int]]) -> dict[int, Page]:
    """The live picked stories, one query per story type actually picked.

    ``picked`` holds (page id, content type id) pairs. A type may name what its cards
    need beside the image in ``listing_select_related`` (e.g. a gallery's section).
    """
    stories: dict[int, Page] = {}
    if not picked:
        return stories
    types = ContentType.objects.get_for_models(*pickable_models())  # cached, no query
    for model, content_type in types.items():
        page_ids = [page_id for page_id, type_id in picked if type_id == content_type.pk]
        if not page_ids:
            continue
        related = getattr(model, "listing_select_related", ("image",))
        for story in model.objects.live().filter(pk__in=page_ids).select_related(*related):
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
    """One query for every image's renditions, where Wagtail's get_renditions() looks first."""
    prefetch_renditions(images, PRESET)
