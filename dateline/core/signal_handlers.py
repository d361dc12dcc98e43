from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core import cache_purge, routing
from dateline.core.images import pictures_forget
from dateline.core.models import BasePage, SiteSettings
from dateline.core.renditions import (
    image_renditions_prepare_later,
    page_renditions_prepare_later,
)
from dateline.core.site_settings import site_settings_forget

# An image saved with only these fields changed looks the same (e.g. Wagtail filling in
# file_size or file_hash), so its renditions need nothing new.
RENDITION_FIELDS = {
    "file",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


def forget_site_settings(sender, instance, **kwargs):
    site_settings_forget(site_id=instance.site_id)


def prepare_image_renditions(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or RENDITION_FIELDS & set(update_fields):
        image_renditions_prepare_later(instance.pk)


def prepare_page_renditions(sender, instance, **kwargs):
    page_renditions_prepare_later(instance.pk)


def forget_pictures(sender, instance, **kwargs):
    # a deleted rendition's URL must not stay in the cached picture markup's sources
    pictures_forget(instance.image_id)


def purge_page(sender, instance, **kwargs):
    cache_purge.page_cache_page_changed(page=instance)


def purge_moved_page(sender, instance, parent_page_before=None, **kwargs):
    cache_purge.page_cache_page_moved(page=instance, parent_before=parent_page_before)


def purge_deleted_page(sender, instance, **kwargs):
    # sent for every model deleted; a page is seen once, as its own type, with its tags
    if isinstance(instance, BasePage):
        cache_purge.page_cache_page_changed(page=instance)


def purge_site(sender, **kwargs):
    cache_purge.page_cache_site_changed()


def forget_routing(sender, **kwargs):
    routing.routing_changed()


def forget_routing_and_pages(sender, **kwargs):
    # a site's hostname, a locale or a view restriction: a cached copy of any page may now
    # be wrong (a page made private, an address that no longer answers)
    routing.routing_changed()
    cache_purge.page_cache_site_changed()


def forget_routing_page(sender, instance, **kwargs):
    # sent for every model saved or deleted: only the tree's top and aliases matter (rows
    # loaded from a fixture or a backup may come without their depth)
    if isinstance(instance, Page) and (
        instance.depth is None
        or instance.depth <= routing.TOP_DEPTH
        or instance.alias_of_id is not None
    ):
        routing.routing_changed()


def connect() -> None:
    for model in (Site, Locale, PageViewRestriction):
        uid = f"core-routing-{model._meta.label_lower}"
        post_save.connect(forget_routing_and_pages, sender=model, dispatch_uid=uid)
        post_delete.connect(forget_routing_and_pages, sender=model, dispatch_uid=f"{uid}-del")
    post_save.connect(forget_routing_page, dispatch_uid="core-routing-page")
    post_delete.connect(forget_routing_page, dispatch_uid="core-routing-page-del")
    post_page_move.connect(forget_routing, dispatch_uid="core-routing-moved")
    post_save.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="core-settings-saved")
    post_delete.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="core-settings-del")
    post_save.connect(
        prepare_image_renditions, sender=get_image_model(), dispatch_uid="core-image-renditions"
    )
    post_delete.connect(
        forget_pictures,
        sender=get_image_model().get_rendition_model(),
        dispatch_uid="core-image-pictures",
    )
    page_published.connect(prepare_page_renditions, dispatch_uid="core-page-renditions")
    page_published.connect(purge_page, dispatch_uid="core-page-cache-published")
    page_unpublished.connect(purge_page, dispatch_uid="core-page-cache-unpublished")
    post_page_move.connect(purge_moved_page, dispatch_uid="core-page-cache-moved")
    pre_delete.connect(purge_deleted_page, dispatch_uid="core-page-cache-deleted")
    post_save.connect(purge_site, sender=SiteSettings, dispatch_uid="core-page-cache-settings")
