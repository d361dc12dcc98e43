"""django-axes' database handler with a second, per-account limit.

Axes locks a *username from one address* (``AXES_LOCKOUT_PARAMETERS``) after
``AXES_FAILURE_LIMIT`` failures until ``AXES_COOLOFF_TIME`` passes: an attacker cannot
lock an editor out from the editor's own address. Spreading the guesses over many
addresses is capped here: once an account has had ``DATELINE_LOGIN_ACCOUNT_LIMIT``
failures within ``DATELINE_LOGIN_ACCOUNT_WINDOW``, further attempts for it are refused
from anywhere until the oldest of them leave the window. The count comes from axes'
failure log, one row per failure.
"""

from __future__ import annotations

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone


def account_failures(username: str, *, window: timedelta) -> int:
    """Failed logins for ``username`` from any address within the last ``window``."""
    since = timezone.now() - window
    return AccessFailureLog.objects.filter(username=username, attempt_time__gte=since).count()


class LoginAttemptHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username is None:
            return failures
        window = timedelta(seconds=settings.DATELINE_LOGIN_ACCOUNT_WINDOW)
        if account_failures(username, window=window) >= settings.DATELINE_LOGIN_ACCOUNT_LIMIT:
            # reported as the per-client limit, so axes answers with its lockout response
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        """``dateline axes_reset_username NAME`` also lifts the account's hourly cap."""
        count = super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )
        if username and not ip_address:
            since = timezone.now() - timedelta(seconds=settings.DATELINE_LOGIN_ACCOUNT_WINDOW)
            AccessFailureLog.objects.filter(username=username, attempt_time__gte=since).delete()
        return count
