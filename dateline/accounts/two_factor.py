"""Two-factor sign-in to the admin with a TOTP app (django-otp's TOTP device).

After the password, a member of staff with a confirmed device enters a code from it
before any admin page opens; with ``DATELINE_REQUIRE_2FA`` on, staff without a device are
sent to set one up first. The QR code is drawn here as inline SVG (segno): the secret
never leaves the server for an image service.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The six digits your app shows now for this site."),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the digits only, e.g. 123456."))
        return token


def needs_admin_2fa(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def has_device(user) -> bool:
    return any(devices_for_user(user, confirmed=True))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
def verify(request):
    """The second step of signing in: a code from the device set up earlier."""
    if not has_device(request.user):
        return redirect(
            f"{reverse('accounts_2fa_setup')}?{urlencode({'next': _next_url(request)})}"
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Enter the code your app shows now."))
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


@never_cache
def setup(request):
    """Pair an authenticator app: scan the QR code (or type the key), confirm one code."""
    if has_device(request.user) and not request.user.is_verified():
        # a password alone must not replace the device: prove the old one first
        return redirect(f"{reverse('accounts_2fa_verify')}?{urlencode({'next': request.path})}")
    if request.user.is_verified():
        context = {"done": True, "next": _next_url(request)}
        return TemplateResponse(request, "accounts/two_factor_setup.html", context)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code does not match. Check your phone's clock and retry."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, border=2),
        "secret": b32encode(device.bin_key).decode(),
        "required": settings.DATELINE_REQUIRE_2FA,
    }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context)


class AdminTwoFactorMiddleware:
    """Holds staff at the code (or device set-up) step before any other admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        admin = reverse("wagtailadmin_home")
        if path.startswith(admin) and needs_admin_2fa(request.user):
            if not request.user.is_verified() and not self._exempt(path):
                if has_device(request.user):
                    return redirect(f"{reverse('accounts_2fa_verify')}?{urlencode({'next': path})}")
                if settings.DATELINE_REQUIRE_2FA:
                    return redirect(f"{reverse('accounts_2fa_setup')}?{urlencode({'next': path})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        names = (
            "accounts_2fa_verify",
            "accounts_2fa_setup",
            "wagtailadmin_login",
            "wagtailadmin_logout",
        )
        if path in {reverse(name) for name in names}:
            return True
        return path.startswith(reverse("wagtailadmin_password_reset"))
