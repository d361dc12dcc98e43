"""Two-factor sign-in for staff: setting up a TOTP app, the code step, the requirement."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pyotp
import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from time_machine import travel

pytestmark = pytest.mark.django_db
PASSWORD = "long enough passphrase 42"
SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", PASSWORD)


def signed_in(username: str = "ed") -> Client:
    client = Client()
    form = {"username": username, "password": PASSWORD, "next": "/admin/"}
    assert client.post("/admin/login/", form).status_code == 302
    return client


def set_up_device(client: Client) -> pyotp.TOTP:
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    secret = re.search(r"<code>([A-Z2-7]+)</code>", html).group(1)
    totp = pyotp.TOTP(secret)
    response = client.post(SETUP, {"token": totp.now(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return totp


def test_when_required_staff_without_a_device_must_set_one_up_first(editor, settings):
    settings.DATELINE_REQUIRE_2FA = True
    client = signed_in()
    for page in ("/admin/", "/admin/pages/", "/admin/images/"):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next={quote(page, safe='')}"
    set_up_device(client)
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=editor).confirmed


def test_the_qr_code_is_inline_svg_and_fetches_nothing(editor):
    html = signed_in().get(SETUP).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<path" in svg
    assert "href" not in svg and "<img" not in html.split("<main", 1)[1]


def test_a_later_sign_in_asks_for_a_code_and_refuses_a_wrong_one(editor):
    totp = set_up_device(signed_in())
    later = timezone.now() + timedelta(seconds=90)
    with travel(later, tick=False):
        client = signed_in()
        held = client.get("/admin/pages/")
        assert held["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
        wrong = client.post(VERIFY, {"token": "000000", "next": "/admin/pages/"})
        assert wrong.status_code == 200
        assert "That code is not valid" in wrong.content.decode()
        assert client.get("/admin/").status_code == 302
    # django-otp makes the next try wait after a wrong code (1 s, doubling each time)
    with travel(later + timedelta(seconds=2), tick=False):
        right = client.post(VERIFY, {"token": totp.now(), "next": "/admin/pages/"})
        assert right["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200


def test_a_device_is_asked_for_even_when_not_required(editor, settings):
    settings.DATELINE_REQUIRE_2FA = False
    set_up_device(signed_in())
    assert signed_in().get("/admin/")["Location"].startswith(VERIFY)


def test_without_the_requirement_staff_without_a_device_go_straight_in(editor, settings):
    settings.DATELINE_REQUIRE_2FA = False
    assert signed_in().get("/admin/").status_code == 200


def test_a_password_alone_cannot_replace_the_device(editor):
    set_up_device(signed_in())
    response = signed_in().get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_the_code_step_never_redirects_off_site(editor):
    totp = set_up_device(signed_in())
    with travel(timezone.now() + timedelta(seconds=90), tick=False):
        client = signed_in()
        response = client.post(VERIFY, {"token": totp.now(), "next": "https://evil.example/"})
        assert response["Location"] == "/admin/"


def test_the_account_page_links_staff_to_the_set_up(editor):
    client = signed_in()
    html = client.get("/admin/account/").content.decode()
    assert f'href="{SETUP}"' in html
    assert "Set up two-factor sign-in" in html
