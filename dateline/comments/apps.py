from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "dateline.comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"
    # run once an hour by the scheduler beside `dateline serve` (core/scheduler.py)
    housekeeping = "dateline.comments.services.comments_purge_spam"

    def ready(self) -> None:
        from dateline.comments import signal_handlers

        signal_handlers.connect()
