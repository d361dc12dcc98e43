"""Security headers on public pages, fresh and from the page cache, scored like the Observatory."""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import Client

from dateline.core import security
from dateline.core.tests.observatory import observatory, parse_csp
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db
STATE = "X-Dateline-Cache"
ONE_YEAR = 31_536_000


@pytest.fixture
def production_https(settings):
    """The transport settings production turns on (dateline/settings.py, PRODUCTION)."""
    settings.SECURE_HSTS_SECONDS = ONE_YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


@pytest.fixture
def article(page_cache):
    section = SectionPageFactory(parent=home_page(), title="Harbour")
    return ArticlePageFactory(parent=section, title="Harbour reopens")


def public_urls(article) -> list[str]:
    return ["/", article.get_parent().url, article.url, "/no-such-page/"]


def test_public_pages_score_a_plus_fresh_and_from_the_cache(client, article, production_https):
    for url in public_urls(article):
        for visit in ("first", "second"):
            response = client.get(url, secure=True)
            report = observatory(response, https=True, origin="https://testserver")
            assert report["score"] >= 100, (url, visit, response[STATE], report["results"])
            assert report["grade"] == "A+"
    assert client.get(article.url, secure=True)[STATE] == "HIT"


def test_a_page_without_the_headers_scores_a_d():
    report = observatory(HttpResponse("<p>bare</p>"), https=True, origin="https://testserver")
    assert (report["score"], report["grade"]) == (30, "D")  # -25 CSP, -20 HSTS, -20 XFO, -5
    assert report["results"]["content-security-policy"] == ("csp-not-implemented", -25)


def test_public_csp_is_strict_and_has_no_inline_script(client, article):
    for url in public_urls(article):
        response = client.get(url)
        policy = parse_csp(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'none'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "https://www.youtube-nocookie.com" in policy["frame-src"]
        assert "https://player.vimeo.com" in policy["frame-src"]
        html = response.content.decode()
        # every script either loads a file or is data (JSON-LD), never inline code
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attributes or 'type="application/ld+json"' in attributes, attributes
            assert "src=" not in attributes or not body.strip()
        assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"


def test_cached_pages_keep_every_security_header(client, article, production_https):
    first = client.get(article.url, secure=True)
    second = client.get(article.url, secure=True)
    assert (first[STATE], second[STATE]) == ("MISS", "HIT")
    for name in (
        "Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy", "Referrer-Policy", "Strict-Transport-Security",
        "X-Content-Type-Options", "X-Frame-Options",
    ):  # fmt: skip
        assert second[name] == first[name], name
    assert second["Strict-Transport-Security"] == (
        f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )
    assert second["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert second["Cross-Origin-Opener-Policy"] == "same-origin"
    assert second["X-Content-Type-Options"] == "nosniff"


def test_permissions_policy_turns_powerful_features_off():
    policy = security.permissions_policy()
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert 'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in (
        policy
    )


def test_the_map_tile_server_is_allowed_for_images_only(client, article, settings):
    settings.DATELINE_MAP_TILES_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    policy = parse_csp(client.get(article.url)["Content-Security-Policy"])
    assert "https://*.tiles.example.org" in policy["img-src"]
    assert "https://*.tiles.example.org" not in policy["script-src"]


def test_the_admin_has_its_own_looser_policy(client):
    policy = parse_csp(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_500_page_inline_style_is_allowed_by_its_hash(client, settings):
    security.error_page_style_hashes.cache_clear()
    policy = parse_csp(client.get("/")["Content-Security-Policy"])
    hashes = [source for source in policy["style-src"] if source.startswith("'sha256-")]
    assert hashes == list(security.error_page_style_hashes())
    assert len(hashes) == 1
    assert "'unsafe-inline'" not in policy["style-src"]


def test_admin_login_cookies_are_secure_and_same_site_in_production(production_https):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    report = observatory(response, https=True, origin="https://testserver")
    assert report["results"]["cookies"][1] >= 0, report["results"]
