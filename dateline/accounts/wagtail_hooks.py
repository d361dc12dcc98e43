from django.urls import path
from wagtail import hooks

from dateline.accounts import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor.verify, name="accounts_2fa_verify"),
        path("two-factor/setup/", two_factor.setup, name="accounts_2fa_setup"),
    ]
