from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "dateline.maps"
    label = "maps"
    verbose_name = _("Maps")
    default_auto_field = "django.db.models.BigAutoField"
    # called by `dateline demo` once the demo newsroom exists (news.demo.demo_extensions)
    demo_content = "dateline.maps.demo.demo_maps"

    def ready(self) -> None:
        from dateline.maps import signal_handlers
        from dateline.maps.models import MapPage
        from dateline.multimedia.kinds import register_kind

        register_kind("map", label=_("Maps"), card_label=_("Map"), model=MapPage)
        signal_handlers.connect()
