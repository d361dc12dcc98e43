from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.syndication import services
from dateline.syndication.models import SyndicationSettings


def page_published_handler(sender, instance, **kwargs):
    services.syndication_page_published(page=instance)


def invalidate(sender, **kwargs):
    services.syndication_invalidate()


def settings_changed(sender, instance, **kwargs):
    services.syndication_settings_changed(site_id=instance.site_id)


def connect() -> None:
    page_published.connect(page_published_handler, dispatch_uid="syndication-published")
    page_unpublished.connect(invalidate, dispatch_uid="syndication-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="syndication-moved")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="syndication-deleted")
    post_save.connect(invalidate, sender=PageViewRestriction, dispatch_uid="synd-restricted")
    post_delete.connect(invalidate, sender=PageViewRestriction, dispatch_uid="synd-unrestricted")
    post_save.connect(settings_changed, sender=SyndicationSettings, dispatch_uid="synd-settings")
    post_delete.connect(
        settings_changed, sender=SyndicationSettings, dispatch_uid="synd-settings-del"
    )
