"""Production mode: fail-fast settings, transport and cookie flags, and what is never served."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import path

from dateline.core.config import Config
from dateline.core.tests.test_config import PRODUCTION_KEY, SETTINGS_VARIABLES

SHOWN = [
    "DEBUG", "SESSION_ENGINE", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "ALLOWED_HOSTS", "DATELINE_TRUSTED_PROXIES",
]  # fmt: skip


def production_settings(tmp_path, **environ) -> subprocess.CompletedProcess:
    """The real settings module in a fresh interpreter with DATELINE_ENV=production."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="dateline.settings",
        DATELINE_ENV="production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3",
        DATELINE_VAR_DIR=str(tmp_path),
    )
    env.update(environ)
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SHOWN!r}}}))"
    )
    return subprocess.run(  # noqa: S603 - fixed argv: this interpreter printing settings
        [sys.executable, "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_cookies_sessions_and_transport_are_locked_down(tmp_path):
    result = production_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["DEBUG"] is False
    assert shown["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert shown["SESSION_COOKIE_SECURE"] and shown["SESSION_COOKIE_HTTPONLY"]
    assert shown["CSRF_COOKIE_SECURE"]
    assert shown["SESSION_COOKIE_SAMESITE"] == shown["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert shown["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and shown["SECURE_SSL_REDIRECT"]
    assert shown["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert shown["ALLOWED_HOSTS"] == ["news.example.org"]
    assert shown["DATELINE_TRUSTED_PROXIES"] == []


def test_production_refuses_debug(tmp_path):
    result = production_settings(tmp_path, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr.strip().splitlines()[-1]


def test_trusted_proxies_must_be_addresses_or_networks(tmp_path):
    env = Config({"DATELINE_TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12"}, var_dir=tmp_path)
    assert env.networks("DATELINE_TRUSTED_PROXIES") == ["10.0.0.1", "172.16.0.0/12"]
    env = Config({"DATELINE_TRUSTED_PROXIES": "proxy.internal"}, var_dir=tmp_path)
    with pytest.raises(ImproperlyConfigured, match="IP addresses or networks"):
        env.networks("DATELINE_TRUSTED_PROXIES")


# What the site never serves


def fail(request):
    raise RuntimeError("secret-looking detail: DATABASE_URL=postgres://u:pw@db/x")


urlpatterns = [path("fail/", fail)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host", ["evil.example.com", "testserver.evil.example.com", "testserver:80@evil", "a b"]
)
def test_a_forged_host_header_is_refused_with_400(host):
    response = Client().get("/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "evil" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/.git/config", "/.git/HEAD", "/.env", "/settings.py", "/dateline/settings.py",
        "/static/../dateline/settings.py", "/media/../.env", "/pyproject.toml",
        "/static/dateline/../../settings.py",
    ],
)  # fmt: skip
def test_source_secrets_and_git_are_never_served(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404), (url, response.status_code)
    body = response.content.decode(errors="replace")
    assert "SECRET_KEY" not in body and "[core]" not in body and "DATABASE_URL" not in body


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_shows_the_plain_500_page_without_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/fail/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    for leak in ("Traceback", "RuntimeError", "DATABASE_URL", "secret-looking", "settings"):
        assert leak not in body
    assert "Content-Security-Policy" in response.headers
