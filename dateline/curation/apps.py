from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    name = "dateline.curation"
    label = "curation"
    verbose_name = _("Editor's Choice")
    default_auto_field = "django.db.models.BigAutoField"
    # called by `dateline demo` once the demo newsroom exists (news.demo.demo_extensions)
    demo_content = "dateline.curation.demo.demo_picks"

    def ready(self) -> None:
        from dateline.curation import signal_handlers

        signal_handlers.connect()
