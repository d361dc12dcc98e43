"""No user enumeration: the admin's sign-in, lockout and password reset answer an unknown
name or address exactly as they answer a real account, and do the same work for it.

Timing is not measured with a clock (too noisy on a shared machine); the work is counted
instead: runs of the password hasher at sign-in, database queries, queued tasks and
emails sent inside the password reset request.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from unittest import mock

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import task_backends
from wagtail.admin.views.account import get_password_reset_form

from dateline.accounts.password_reset import PasswordResetForm, password_reset_send

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
PASSWORD = "long enough passphrase 42"
WRONG = "wrong password!"
UNKNOWN = "nobody-here"
# Differs on every answer whoever asks: the CSRF token (64 random characters in the page,
# the cookie's value) and the clock in date headers.
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")
CLOCK_HEADERS = {"Date", "Expires"}


@pytest.fixture
def accounts(django_user_model):
    django_user_model.objects.create_superuser("ed", "ed@example.org", PASSWORD)
    django_user_model.objects.create_user(
        "gone", "gone@example.org", PASSWORD, is_staff=True, is_active=False
    )
    single_sign_on = django_user_model.objects.create_user("sso", "sso@example.org")
    single_sign_on.set_unusable_password()
    single_sign_on.save()
    paired = django_user_model.objects.create_superuser("paired", "p@example.org", PASSWORD)
    TOTPDevice.objects.create(user=paired, name="Authenticator", confirmed=True)


def comparable(response, echoed: str = "") -> tuple:
    """Status, headers, cookies and body, less what changes on every answer. The page
    echoes the typed username back, so that is replaced and ``Content-Length`` (the
    body's length, compared with the body) left out."""
    body = CSRF_TOKEN.sub("token", response.content.decode())
    if echoed:
        body = body.replace(f'value="{echoed}"', 'value="typed"')
    headers = {
        name: value
        for name, value in response.headers.items()
        if name not in CLOCK_HEADERS | {"Content-Length"}
    }
    cookies = {
        name: {key: value for key, value in morsel.items() if key != "expires"}
        for name, morsel in response.cookies.items()
    }
    return response.status_code, headers, cookies, body


@contextmanager
def hasher_runs():
    """Counts the default hasher's ``encode``: one per checked or faked password."""
    hasher_class = type(get_hasher())
    runs: list[str] = []
    original = hasher_class.encode

    def counted(self, password, *args, **kwargs):
        runs.append(password)
        return original(self, password, *args, **kwargs)

    with mock.patch.object(hasher_class, "encode", counted):
        yield runs


def sign_in(username: str, password: str, ip: str = "203.0.113.5"):
    client = Client(REMOTE_ADDR=ip)
    with hasher_runs() as runs:
        response = client.post(
            LOGIN, {"username": username, "password": password, "next": "/admin/"}
        )
    return response, len(runs)


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("ed", WRONG),  # a real account, wrong password
        ("gone", PASSWORD),  # inactive, right password
        ("gone", WRONG),
        ("sso", WRONG),  # no usable password
        ("paired", WRONG),  # has a two-factor device
    ],
)
def test_a_failed_sign_in_answers_and_works_as_for_an_unknown_name(accounts, username, password):
    known, known_runs = sign_in(username, password)
    unknown, unknown_runs = sign_in(UNKNOWN, WRONG)
    assert known.status_code == 200
    assert comparable(known, username) == comparable(unknown, UNKNOWN)
    assert known_runs == unknown_runs == 1


def test_the_two_factor_step_comes_only_after_the_right_password(accounts):
    """With a device or without, the right password gets the same answer; the code is
    asked for only on the next page, where the session already proves the password."""
    paired, _ = sign_in("paired", PASSWORD)
    plain, _ = sign_in("ed", PASSWORD)
    assert paired.status_code == plain.status_code == 302
    assert paired["Location"] == plain["Location"] == "/admin/"


def test_a_locked_sign_in_answers_and_works_as_for_a_locked_unknown_name(accounts):
    ip = "192.0.2.10"
    for username in ("ed", UNKNOWN):
        for _ in range(5):
            sign_in(username, WRONG, ip)
    known_right, known_right_runs = sign_in("ed", PASSWORD, ip)
    known_wrong, known_wrong_runs = sign_in("ed", WRONG, ip)
    unknown, unknown_runs = sign_in(UNKNOWN, WRONG, ip)
    assert unknown.status_code == 429
    assert comparable(known_right, "ed") == comparable(unknown, UNKNOWN)
    assert comparable(known_wrong, "ed") == comparable(unknown, UNKNOWN)
    # locked: no password is checked at all, so a right one is not told from a wrong one
    assert known_right_runs == known_wrong_runs == unknown_runs == 0


def test_the_hourly_account_cap_answers_alike_for_known_and_unknown_names(accounts):
    AccessFailureLog.objects.bulk_create(
        AccessFailureLog(
            username=username, ip_address=f"192.0.2.{n}", user_agent="bot",
            http_accept="*/*", path_info=LOGIN,
        )
        for username in ("ed", UNKNOWN)
        for n in range(100)
    )  # fmt: skip
    known, known_runs = sign_in("ed", PASSWORD, "198.51.100.20")
    unknown, unknown_runs = sign_in(UNKNOWN, WRONG, "198.51.100.20")
    assert unknown.status_code == 429
    assert comparable(known, "ed") == comparable(unknown, UNKNOWN)
    assert known_runs == unknown_runs == 0


@pytest.fixture
def queued(settings):
    """Background tasks kept in a list instead of run, to see what a request queued."""
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    return task_backends["background"].results


def test_the_admin_password_reset_uses_the_form_that_queues_the_email():
    # WAGTAILADMIN_USER_PASSWORD_RESET_FORM in dateline/settings.py
    assert get_password_reset_form() is PasswordResetForm


def ask_reset(email: str):
    with CaptureQueriesContext(connection) as queries:
        response = Client(REMOTE_ADDR="203.0.113.5").post(RESET, {"email": email})
    return response, len(queries)


@pytest.mark.parametrize(
    "email", ["ed@example.org", "ED@Example.org", "gone@example.org", "sso@example.org"]
)
def test_password_reset_answers_and_works_as_for_an_unknown_address(accounts, queued, email):
    known, known_queries = ask_reset(email)
    unknown, unknown_queries = ask_reset("nobody@example.org")
    assert known.status_code == 302 and known["Location"] == "/admin/password_reset/done/"
    assert comparable(known) == comparable(unknown)
    assert known_queries == unknown_queries
    assert mail.outbox == []  # nothing is sent inside the request
    assert [result.task for result in queued] == [password_reset_send] * 2
    known_task, unknown_task = (result.kwargs for result in queued)
    assert known_task["email"] == email and unknown_task["email"] == "nobody@example.org"
    assert {**known_task, "email": ""} == {**unknown_task, "email": ""}


def test_the_queued_reset_emails_only_active_accounts_with_a_password(accounts, queued):
    for email in ("ED@example.org", "gone@example.org", "sso@example.org", "no@example.org"):
        ask_reset(email)
    for result in queued:
        password_reset_send.call(*result.args, **result.kwargs)
    assert [message.to for message in mail.outbox] == [["ed@example.org"]]
    link = re.search(r"/admin/password_reset/confirm/\S+/", mail.outbox[0].body)
    assert link is not None
