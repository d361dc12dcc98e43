"""Admin login throttling (django-axes): per account and address, with a per-account cap."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessFailureLog
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from time_machine import travel

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
PASSWORD = "long enough passphrase 42"
ATTACKER = "203.0.113.66"
EDITOR_HOME = "198.51.100.7"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", PASSWORD)


def attempt(username: str, password: str, ip: str, **extra):
    return Client(REMOTE_ADDR=ip).post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def fail_times(count: int, username: str = "ed", ip: str = ATTACKER, **extra):
    return [attempt(username, "wrong password!", ip, **extra) for _ in range(count)]


def test_five_failures_lock_that_account_from_that_address(editor):
    assert [r.status_code for r in fail_times(4)] == [200] * 4  # the form with an error
    fifth = fail_times(1)[0]
    assert fifth.status_code == 429
    right_password = attempt("ed", PASSWORD, ATTACKER)
    assert right_password.status_code == 429
    assert "Too many sign-in attempts" in right_password.content.decode()


def test_the_lock_does_not_reach_the_editor_elsewhere_nor_other_accounts(editor, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.org", PASSWORD)
    fail_times(6)
    assert attempt("ed", PASSWORD, EDITOR_HOME).status_code == 302
    assert attempt("other", PASSWORD, ATTACKER).status_code == 302


def test_the_lock_ends_after_the_cool_off(editor, settings):
    fail_times(5)
    assert attempt("ed", PASSWORD, ATTACKER).status_code == 429
    later = timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with travel(later, tick=False):
        assert attempt("ed", PASSWORD, ATTACKER).status_code == 302


def test_a_hundred_failures_in_an_hour_lock_the_account_from_any_address(editor):
    now = timezone.now()
    AccessFailureLog.objects.bulk_create(
        AccessFailureLog(
            username="ed", ip_address=f"192.0.2.{n % 250}", user_agent="bot",
            http_accept="*/*", path_info=LOGIN, attempt_time=now - timedelta(minutes=n % 50),
        )
        for n in range(99)
    )  # fmt: skip
    for n, failure in enumerate(AccessFailureLog.objects.all()):  # attempt_time is auto_now_add
        AccessFailureLog.objects.filter(pk=failure.pk).update(
            attempt_time=now - timedelta(minutes=n % 50)
        )
    assert attempt("ed", "wrong password!", "192.0.2.251").status_code == 200  # the 100th
    assert attempt("ed", PASSWORD, EDITOR_HOME).status_code == 429
    assert attempt("ed", "wrong password!", "192.0.2.252").status_code == 429
    assert AccessFailureLog.objects.filter(username="ed").count() == 100
    call_command("axes_reset_username", "ed", stdout=StringIO())  # an operator lets ed in
    assert attempt("ed", PASSWORD, EDITOR_HOME).status_code == 302


def test_failures_older_than_an_hour_do_not_count_toward_the_cap(editor):
    old = timezone.now() - timedelta(hours=1, minutes=5)
    AccessFailureLog.objects.bulk_create(
        AccessFailureLog(
            username="ed", ip_address=f"192.0.2.{n}", user_agent="bot",
            http_accept="*/*", path_info=LOGIN, attempt_time=old,
        )
        for n in range(150)
    )  # fmt: skip
    AccessFailureLog.objects.update(attempt_time=old)  # attempt_time is auto_now_add
    assert attempt("ed", PASSWORD, EDITOR_HOME).status_code == 302


def test_forwarded_for_is_ignored_from_an_untrusted_client(editor):
    for n in range(5):
        attempt("ed", "wrong password!", ATTACKER, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    assert attempt("ed", PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR="10.9.9.99").status_code == 429


def test_forwarded_for_is_believed_from_a_configured_proxy(editor, settings):
    settings.DATELINE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = "10.0.0.2"
    fail_times(5, ip=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    locked = attempt("ed", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert locked.status_code == 429
    # the editor behind the same proxy is another client
    assert attempt("ed", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=EDITOR_HOME).status_code == 302
    # a spoofed hop to the left of the real client is not believed
    spoof = f"{EDITOR_HOME}, {ATTACKER}"
    assert attempt("ed", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=spoof).status_code == 429


def test_password_reset_still_works_while_locked(editor):
    fail_times(5)
    client = Client(REMOTE_ADDR=ATTACKER)
    response = client.post("/admin/password_reset/", {"email": "ed@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "ed@example.org" in mail.outbox[0].to


def cap_reached(username: str) -> None:
    """A hundred failures for ``username`` within the hour, from a hundred addresses."""
    AccessFailureLog.objects.bulk_create(
        AccessFailureLog(
            username=username, ip_address=f"192.0.2.{n}", user_agent="bot",
            http_accept="*/*", path_info=LOGIN,
        )
        for n in range(100)
    )  # fmt: skip


def test_the_hourly_cap_on_one_account_does_not_reach_another(editor, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.org", PASSWORD)
    cap_reached("ed")
    assert attempt("ed", PASSWORD, EDITOR_HOME).status_code == 429
    assert attempt("other", PASSWORD, ATTACKER).status_code == 302
    assert attempt("ED", "wrong password!", EDITOR_HOME).status_code == 200  # another name


def test_a_password_reset_goes_through_while_the_hourly_cap_holds(editor):
    cap_reached("ed")
    client = Client(REMOTE_ADDR=EDITOR_HOME)
    assert client.post("/admin/password_reset/", {"email": "ed@example.org"}).status_code == 302
    link = re.search(r"/admin/password_reset/confirm/\S+/", mail.outbox[0].body).group()
    form = client.get(link, follow=True)
    new = "another long passphrase 7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == "/admin/password_reset/complete/"
    editor.refresh_from_db()
    assert editor.check_password(new)
