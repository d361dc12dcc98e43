"""Wagtail's password reset form, doing the same work in the request for every address.

Django's ``PasswordResetForm.save`` looks the address up and sends the email inside the
request, so an address with an account is answered one SMTP round trip later than one
without: the page and the redirect are the same, but a stopwatch tells which addresses
have accounts. Here the request only queues one task for whatever address was typed; the
task looks it up and sends the email on the background worker (``dateline/core/tasks.py``).
A reset email lost with a crashed process is asked for again from the same page.

Wagtail takes the form from ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM`` (settings).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm


@task(backend="background")
def password_reset_send(
    *,
    email: str,
    domain: str,
    site_name: str,
    use_https: bool,
    language: str,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
    from_email: str | None = None,
) -> None:
    """Background task: send the reset link to each active account with this address."""
    form = DjangoPasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            extra_email_context={"site_name": site_name},
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
        )


class PasswordResetForm(WagtailPasswordResetForm):
    def save(
        self,
        domain_override: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.html",
        use_https: bool = False,
        token_generator=None,
        from_email: str | None = None,
        request=None,
        html_email_template_name: str | None = None,
        extra_email_context: dict | None = None,
    ) -> None:
        """Queue the email (see the module); the arguments are those of Django's form.
        ``token_generator`` and ``extra_email_context`` are not carried to the worker:
        Wagtail's view passes neither, and the worker uses Django's default generator."""
        site = get_current_site(request)
        password_reset_send.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or site.domain,
            site_name=domain_override or site.name,
            use_https=use_https,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
        )
