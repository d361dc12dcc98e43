from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PopularityConfig(AppConfig):
    name = "dateline.popularity"
    label = "popularity"
    verbose_name = _("Most Viewed")
    default_auto_field = "django.db.models.BigAutoField"
    demo_content = "dateline.popularity.demo.demo_views"

    def ready(self) -> None:
        from dateline.popularity import signal_handlers

        signal_handlers.connect()
