"""Site settings read from the cache: pages need them on every request, they change rarely.

Works for any Wagtail site setting model (core's SiteSettings by default, or an app's
own, e.g. comments' CommentSettings); each model's ``post_save``/``post_delete`` must
call ``site_settings_forget``.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

from dateline.core.models import SiteSettings

TIMEOUT = 24 * 3600


def _key(model: type[BaseSiteSetting], site_id: int) -> str:
    return f"core:site-settings:{model._meta.label_lower}:{site_id}"


def site_settings_for(site: Site | None, model: type[BaseSiteSetting] = SiteSettings):
    """The site's settings of ``model`` (an unsaved default when the site has none yet)."""
    if site is None:
        return model()
    found = cache.get(_key(model, site.pk))
    if found is None:
        found = model.objects.filter(site=site).first() or model(site=site)
        cache.set(_key(model, site.pk), found, TIMEOUT)
    return found


def site_settings_forget(*, site_id: int, model: type[BaseSiteSetting] = SiteSettings) -> None:
    cache.delete(_key(model, site_id))
