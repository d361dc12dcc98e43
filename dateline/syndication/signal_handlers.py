from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core.editions import editions_page_changed
from dateline.syndication import services
from dateline.syndication.models import SyndicationSettings


def page_published_handler(sender, instance, **kwargs):
    services.syndication_page_published(page=instance)


def translations_changed(sender, instance, **kwargs):
    # the switcher and hreflang links of the page's translations (dateline/core/editions.py)
    editions_page_changed(page=instance)


def invalidate(sender, **kwargs):
    services.syndication_invalidate()


def settings_changed(sender, instance, **kwargs):
    services.syndication_settings_changed(site_id=instance.site_id)


def connect() -> None:
    page_published.connect(page_published_handler, dispatch_uid="syndication-published")
    page_unpublished.connect(invalidate, dispatch_uid="syndication-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="syndication-moved")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="syndication-deleted")
    page_published.connect(translations_changed, dispatch_uid="synd-translations-published")
    page_unpublished.connect(translations_changed, dispatch_uid="synd-translations-unpublished")
    post_page_move.connect(translations_changed, dispatch_uid="synd-translations-moved")
    post_delete.connect(translations_changed, sender=Page, dispatch_uid="synd-translations-del")
    post_save.connect(invalidate, sender=PageViewRestriction, dispatch_uid="synd-restricted")
    post_delete.connect(invalidate, sender=PageViewRestriction, dispatch_uid="synd-unrestricted")
    post_save.connect(settings_changed, sender=SyndicationSettings, dispatch_uid="synd-settings")
    post_delete.connect(
        settings_changed, sender=SyndicationSettings, dispatch_uid="synd-settings-del"
    )
