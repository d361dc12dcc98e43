from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from dateline.accounts import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor.verify, name="accounts_2fa_verify"),
        path("two-factor/setup/", two_factor.setup, name="accounts_2fa_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """Staff find the authenticator set-up on their account page ("Account" in the admin)."""
    if not request.user.is_staff:
        return None
    paired = two_factor.has_device(request.user)
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("Two-factor sign-in") if paired else _("Set up two-factor sign-in"),
        "help_text": (
            _("An authenticator app is paired with this account.")
            if paired
            else _("Ask for a code from an authenticator app after the password.")
        ),
    }
