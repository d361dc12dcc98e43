"""Site settings read from the cache: every page needs them, they change rarely."""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Site

from dateline.core.models import SiteSettings

TIMEOUT = 24 * 3600


def _key(site_id: int) -> str:
    return f"core:site-settings:{site_id}"


def site_settings_for(site: Site | None) -> SiteSettings:
    """The site's settings (an unsaved default when the site has none yet)."""
    if site is None:
        return SiteSettings()
    found = cache.get(_key(site.pk))
    if found is None:
        found = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
        cache.set(_key(site.pk), found, TIMEOUT)
    return found


def site_settings_forget(*, site_id: int) -> None:
    cache.delete(_key(site_id))
