"""The share image: one 1200×630 rendition per picture, for link previews, feeds and JSON-LD.

It is made when a page is published (``share_image_prepare``) so readers' requests find
it already there; a page published before this app existed gets it on its first request,
once, and keeps it.
"""

from __future__ import annotations

from django.db.models import Prefetch
from PIL.Image import DecompressionBombError
from wagtail.images import get_image_model

from dateline.core.images import spec_filter

SHARE_SPEC = "fill-1200x630"
_SHARE = "_dateline_share_rendition"  # on an image object: its share rendition, once read


def share_rendition(image):
    """The image's share rendition, or None when its file is missing; looked up once per
    image object (a story's head and its structured data both show it)."""
    if image is None:
        return None
    if _SHARE not in image.__dict__:
        try:
            image.__dict__[_SHARE] = image.get_rendition(spec_filter(SHARE_SPEC))
        except (OSError, DecompressionBombError):  # a missing or broken file
            image.__dict__[_SHARE] = None
    return image.__dict__[_SHARE]


def share_renditions_prefetch(lookup: str = "image__renditions") -> Prefetch:
    """Prefetch the share renditions of a listing's images (one query for all of them)."""
    return Prefetch(
        lookup,
        queryset=get_image_model().get_rendition_model().objects.filter(filter_spec=SHARE_SPEC),
        # the attribute Wagtail's Image.get_rendition() looks in first
        to_attr="prefetched_renditions",
    )


def file_size(rendition) -> int | None:
    try:
        return rendition.file.size
    except (OSError, ValueError):
        return None


def share_image_prepare(*, page) -> None:
    """Make the share rendition of ``page``'s image, if it has one."""
    share_rendition(getattr(page, "image", None))
