from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.curation.fragments import editors_choice_invalidate
from dateline.curation.models import Pick, PickList
from dateline.curation.services import editors_choice_page_changed


def forget_blocks(sender, **kwargs):
    editors_choice_invalidate()


def page_changed(sender, instance, **kwargs):
    editors_choice_page_changed(page_path=instance.path)


def connect() -> None:
    # Saving a list in the admin saves the list, then each of its picks; a deleted story
    # or section deletes its picks (or list) by cascade, which sends post_delete too.
    for model in (PickList, Pick):
        name = model.__name__
        post_save.connect(forget_blocks, sender=model, dispatch_uid=f"curation-{name}-saved")
        post_delete.connect(forget_blocks, sender=model, dispatch_uid=f"curation-{name}-deleted")
    # Page signals are sent with the page's own class: listen to every sender.
    page_published.connect(page_changed, dispatch_uid="curation-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="curation-page-unpublished")
    # a move changes the URLs of the page and every story under it
    post_page_move.connect(forget_blocks, dispatch_uid="curation-page-moved")
    # an image's deletion empties pick and story images without saving them (SET_NULL)
    post_delete.connect(forget_blocks, sender=get_image_model(), dispatch_uid="curation-image")
