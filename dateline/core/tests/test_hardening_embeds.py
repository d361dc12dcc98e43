"""Embeds: only allowed providers, and never a request to a private address (no network used)."""

from __future__ import annotations

import ipaddress
import json
import socket

import pytest
import requests
from django.test import override_settings
from urllib3.util import connection
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException, EmbedUnsupportedProviderException
from wagtail.embeds.finders import get_finders

from dateline.core.embeds import SafeOEmbedFinder, UnsafeAddress, allowed_providers, url_check

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
IFRAME = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="v"></iframe>'


@pytest.fixture
def dns(monkeypatch):
    """A fake resolver: host -> list of addresses; unknown hosts fail like a real lookup."""
    table: dict[str, list[str]] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        family = {True: socket.AF_INET6, False: socket.AF_INET}
        return [
            (family[":" in a], socket.SOCK_STREAM, 6, "", (a, port)) for a in table[host]
        ]  # fmt: skip

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def web(monkeypatch):
    """Stands in for the network: records each URL fetched and answers from ``answers``."""
    fetched: list[str] = []
    answers: dict[str, tuple[int, dict, bytes]] = {}

    def get(session, url, params=None, **kwargs):
        assert kwargs.get("allow_redirects") is False, "redirects must be followed by hand"
        fetched.append(url)
        status, headers, body = answers[url]
        response = requests.Response()
        response.status_code, response.url, response._content = status, url, body
        response.headers.update(headers)
        return response

    monkeypatch.setattr(requests.Session, "get", get)
    return fetched, answers


def oembed_answer(html=IFRAME, kind="video") -> tuple[int, dict, bytes]:
    body = {"type": kind, "html": html, "title": "A video", "provider_name": "YouTube"}
    return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()


def test_the_site_uses_the_safe_finder_and_only_youtube_and_vimeo():
    (finder,) = get_finders()

    assert isinstance(finder, SafeOEmbedFinder)
    assert finder.accept(VIDEO)
    assert finder.accept("https://vimeo.com/76979871")
    assert not finder.accept("https://twitter.com/dateline/status/1")
    assert not finder.accept("http://169.254.169.254/latest/meta-data/")


def test_a_setting_can_add_a_provider_and_a_wrong_name_is_explained():
    with override_settings(DATELINE_EMBED_PROVIDERS=["youtube", "twitter"]):
        assert SafeOEmbedFinder().accept("https://twitter.com/dateline/status/1")
    with pytest.raises(ValueError, match="not a provider in wagtail.embeds.oembed_providers"):
        allowed_providers(["youtube", "all_providers"])


def test_an_allowed_video_is_embedded_from_its_provider(dns, web):
    dns["www.youtube.com"] = ["142.250.180.14"]
    fetched, answers = web
    answers["https://www.youtube.com/oembed"] = oembed_answer()

    result = SafeOEmbedFinder().find_embed(VIDEO)

    assert result["html"] == IFRAME
    assert fetched == ["https://www.youtube.com/oembed"]


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["169.254.169.254"],
        ["10.0.0.8"],
        ["192.168.1.1"],
        ["::1"],
        ["fe80::1"],
        ["::ffff:127.0.0.1"],
        ["0.0.0.0"],  # noqa: S104 (an address under test, not a bind)
        ["142.250.180.14", "127.0.0.1"],  # one private answer among public ones
    ],
    ids=[
        "loopback",
        "metadata",
        "10/8",
        "192.168/16",
        "v6-loopback",
        "v6-link-local",
        "v4-mapped",
        "unspecified",
        "mixed",
    ],  # fmt: skip
)
def test_a_provider_host_resolving_to_a_private_address_is_never_fetched(dns, web, addresses):
    dns["www.youtube.com"] = addresses
    fetched, _answers = web

    with pytest.raises(UnsafeAddress, match="private or reserved"):
        SafeOEmbedFinder().find_embed(VIDEO)
    assert fetched == []


def test_a_redirect_to_the_metadata_service_is_not_followed(dns, web):
    dns["www.youtube.com"] = ["142.250.180.14"]
    dns["169.254.169.254"] = ["169.254.169.254"]
    fetched, answers = web
    answers["https://www.youtube.com/oembed"] = (
        302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""
    )  # fmt: skip

    with pytest.raises(UnsafeAddress):
        SafeOEmbedFinder().find_embed(VIDEO)
    assert fetched == ["https://www.youtube.com/oembed"]


def test_a_redirect_to_a_host_that_resolves_to_loopback_is_not_followed(dns, web):
    dns["www.youtube.com"] = ["142.250.180.14"]
    dns["rebind.example"] = ["127.0.0.1"]
    fetched, answers = web
    answers["https://www.youtube.com/oembed"] = (301, {"Location": "https://rebind.example/x"}, b"")

    with pytest.raises(UnsafeAddress):
        SafeOEmbedFinder().find_embed(VIDEO)
    assert fetched == ["https://www.youtube.com/oembed"]


def test_endless_redirects_stop(dns, web):
    dns["www.youtube.com"] = ["142.250.180.14"]
    fetched, answers = web
    answers["https://www.youtube.com/oembed"] = (302, {"Location": "/oembed"}, b"")

    with pytest.raises(EmbedNotFoundException, match="redirects"):
        SafeOEmbedFinder().find_embed(VIDEO)
    assert len(fetched) == 4


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "http:///nohost", "ftp://a.b/"],
)
def test_only_http_addresses_with_a_host_are_fetched(dns, url):
    with pytest.raises(UnsafeAddress, match="Only http and https"):
        url_check(url)


def test_an_unresolvable_host_is_refused(dns):
    with pytest.raises(UnsafeAddress, match="could not be resolved"):
        url_check("https://nowhere.invalid/")


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://evil.example/x.js"></script>',
        IFRAME + "<script>alert(1)</script>",
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe src="https://a.example/" onload="alert(1)"></iframe>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;" src="https://a.example/"></iframe>',
        '<img src="x" onerror="alert(1)">',
    ],
)
def test_provider_html_other_than_one_https_iframe_is_refused(dns, web, html):
    dns["www.youtube.com"] = ["142.250.180.14"]
    _fetched, answers = web
    answers["https://www.youtube.com/oembed"] = oembed_answer(html)

    with pytest.raises(EmbedNotFoundException, match="single https iframe"):
        SafeOEmbedFinder().find_embed(VIDEO)


@pytest.mark.django_db
def test_wagtail_get_embed_refuses_a_provider_that_resolves_to_loopback(dns, web):
    dns["www.youtube.com"] = ["127.0.0.1"]
    fetched, _answers = web

    with pytest.raises(EmbedNotFoundException):
        embeds.get_embed(VIDEO)
    with pytest.raises(EmbedUnsupportedProviderException):
        embeds.get_embed("http://127.0.0.1:8000/admin/")
    assert fetched == []


@pytest.fixture
def rebinding_dns(monkeypatch):
    """A resolver that gives each lookup of a name the next answer in ``answers``; IP
    literals resolve to themselves. ``connections`` records the address of every socket
    the HTTP stack opens, which then fails: no network is used."""
    answers: list[str] = []
    connections: list[tuple[str, int]] = []

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            ipaddress.ip_address(host)
        except ValueError:
            host = answers.pop(0)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (host, port))]

    def create_connection(address, *args, **kwargs):
        host, port = address
        connections.append(socket.getaddrinfo(host, port)[0][4])  # where it would connect
        raise ConnectionRefusedError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(connection, "create_connection", create_connection)
    return answers, connections


def test_dns_rebinding_to_loopback_after_the_check_gets_no_request_through(rebinding_dns):
    answers, connections = rebinding_dns
    answers += ["142.250.180.14", "127.0.0.1"]  # the check, then the connection's own lookup

    with pytest.raises(UnsafeAddress, match="private or reserved"):
        SafeOEmbedFinder().find_embed(VIDEO)
    assert connections == []
    assert answers == []


def test_the_connection_goes_to_the_address_it_checked(rebinding_dns):
    answers, connections = rebinding_dns
    answers += ["142.250.180.14", "142.250.180.46"]

    with pytest.raises(EmbedNotFoundException, match="Request failed"):
        SafeOEmbedFinder().find_embed(VIDEO)
    assert connections == [("142.250.180.46", 443)]
