from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "dateline.topics"
    label = "topics"
    verbose_name = _("In Focus")
    default_auto_field = "django.db.models.BigAutoField"
