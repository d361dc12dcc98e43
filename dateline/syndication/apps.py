from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "dateline.syndication"
    label = "syndication"
    verbose_name = _("Feeds and search engines")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dateline.syndication import signal_handlers

        signal_handlers.connect()
