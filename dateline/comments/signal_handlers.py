from django.db.models.signals import post_delete, post_save

from dateline.comments.models import CommentSettings
from dateline.core.site_settings import site_settings_forget


def forget_settings(sender, instance, **kwargs):
    site_settings_forget(site_id=instance.site_id, model=CommentSettings)


def connect() -> None:
    post_save.connect(forget_settings, sender=CommentSettings, dispatch_uid="comments-settings")
    post_delete.connect(
        forget_settings, sender=CommentSettings, dispatch_uid="comments-settings-deleted"
    )
