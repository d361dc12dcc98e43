from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = _("Dateline core")
    default_auto_field = "django.db.models.BigAutoField"
    housekeeping = "dateline.core.services.database_housekeeping"

    def ready(self) -> None:
        from dateline.core import signal_handlers

        signal_handlers.connect()
