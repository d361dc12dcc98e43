from django.db.models.signals import post_delete, post_save

from dateline.core.models import SiteSettings
from dateline.core.site_settings import site_settings_forget


def forget_site_settings(sender, instance, **kwargs):
    site_settings_forget(site_id=instance.site_id)


def connect() -> None:
    post_save.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="core-settings-saved")
    post_delete.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="core-settings-del")
