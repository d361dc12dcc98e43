from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MultimediaConfig(AppConfig):
    name = "dateline.multimedia"
    label = "multimedia"
    verbose_name = _("Multimedia")
    default_auto_field = "django.db.models.BigAutoField"
    # called by `dateline demo` once the demo newsroom exists (news.demo.demo_extensions)
    demo_content = "dateline.multimedia.demo.demo_multimedia"

    def ready(self) -> None:
        from dateline.multimedia import signal_handlers

        signal_handlers.connect()
