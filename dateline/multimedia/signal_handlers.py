from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.multimedia import fragments, services


def fill_date_on_publish(sender, instance, **kwargs):
    services.multimedia_fill_date(page_id=instance.pk)


def stories_changed(sender, **kwargs):
    fragments.strip_invalidate()


def connect_story(model) -> None:
    """Fill the date and refresh the front page strip when a story of ``model`` changes."""
    uid = f"multimedia-{model._meta.label}"
    page_published.connect(fill_date_on_publish, sender=model, dispatch_uid=f"{uid}-date")
    connect_strip(model)


def connect_strip(model) -> None:
    # Wagtail sends these signals with the page's specific class
    uid = f"multimedia-strip-{model.__name__}"
    page_published.connect(stories_changed, sender=model, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(stories_changed, sender=model, dispatch_uid=f"{uid}-unpublished")
    post_delete.connect(stories_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_page_move.connect(stories_changed, sender=model, dispatch_uid=f"{uid}-moved")


def connect() -> None:
    from dateline.multimedia.models import GalleryPage, MultimediaIndexPage, VideoPage

    for model in (GalleryPage, VideoPage):
        connect_story(model)
    connect_strip(MultimediaIndexPage)
