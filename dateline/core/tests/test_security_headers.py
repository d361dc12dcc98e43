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


def _csp_headers(response) -> dict:
    return {name: value for name, value in response.items() if "Security-Policy" in name}


@pytest.mark.parametrize("path", ["/politics/story/", "/admin/pages/", "/"])
@pytest.mark.parametrize("kind", ["plain", "update", "replace", "exempt", "config", "nonce"])
def test_policies_built_once_match_what_django_csp_builds(rf, path, kind):
    from csp.exceptions import CSPNonceError

    middleware = security.SecurityHeadersMiddleware(lambda request: HttpResponse())
    answers = []
    for built_each_time in (False, True):
        request = rf.get(path)
        middleware.process_request(request)
        response = HttpResponse("<p>x</p>", content_type="text/html; charset=utf-8")
        if kind == "update":
            response._csp_update = {"img-src": ["https://images.example.org"]}
        elif kind == "replace":
            response._csp_replace = {"script-src": ["https://scripts.example.org"]}
        elif kind == "exempt":
            response._csp_exempt = True
        elif kind == "config":
            response._csp_config = {"default-src": ["'self'"]}
        elif kind == "nonce":
            nonce = str(request.csp_nonce)
        if built_each_time:  # django-csp's own path, with this middleware's policies
            response = super(security.SecurityHeadersMiddleware, middleware).process_response(
                request, response
            )
        else:
            response = middleware.process_response(request, response)
        headers = _csp_headers(response)
        if kind == "nonce":  # a nonce once asked for is the request's for good (django-csp)
            assert str(request.csp_nonce) == nonce
            headers = {name: value.replace(nonce, "N") for name, value in headers.items()}
        else:
            with pytest.raises(CSPNonceError):
                str(request.csp_nonce)  # too late once the header is written (django-csp)
        answers.append(headers)

    assert answers[0] == answers[1]
    assert ("Content-Security-Policy" in answers[0]) == (kind != "exempt")


def test_a_changed_setting_changes_the_policy_built_once(rf, settings):
    middleware = security.SecurityHeadersMiddleware(lambda request: HttpResponse())

    def policy() -> str:
        request = rf.get("/")
        middleware.process_request(request)
        return middleware.process_response(request, HttpResponse())["Content-Security-Policy"]

    before = policy()
    settings.DATELINE_CSP_FRAME_SOURCES = ["https://video.example.org"]
    after = policy()

    assert "https://video.example.org" in after and "https://video.example.org" not in before
