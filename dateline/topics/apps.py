from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "dateline.topics"
    label = "topics"
    verbose_name = _("In Focus")
    default_auto_field = "django.db.models.BigAutoField"
    # called by `dateline demo` (news.demo.newsroom.demo_extensions)
    demo_content = "dateline.topics.demo.demo_topics"

    def ready(self) -> None:
        from dateline.topics import signal_handlers

        signal_handlers.connect()
