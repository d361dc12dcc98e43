"""What publishing changes for syndication: cached answers, and the share image."""

from __future__ import annotations

from dateline.core.site_settings import site_settings_forget
from dateline.syndication.cache import syndication_invalidate
from dateline.syndication.images import share_image_prepare
from dateline.syndication.models import SyndicationSettings


def syndication_page_published(*, page) -> None:
    """A page went live or changed: make its share image, and drop cached feeds and sitemaps."""
    share_image_prepare(page=page)
    syndication_invalidate()


def syndication_settings_changed(*, site_id: int) -> None:
    """Full text on or off, a new logo: forget the settings and everything built from them."""
    site_settings_forget(site_id=site_id, model=SyndicationSettings)
    syndication_invalidate()


__all__ = ["syndication_invalidate", "syndication_page_published", "syndication_settings_changed"]
