from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Editors' accounts: login throttling (django-axes) and two-factor sign-in (django-otp)."""

    name = "dateline.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
