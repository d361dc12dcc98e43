from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    name = "dateline.curation"
    label = "curation"
    verbose_name = _("Editor's Choice")
    default_auto_field = "django.db.models.BigAutoField"
