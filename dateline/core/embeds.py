"""A Wagtail embed finder that asks only allowed providers, and never a private address.

Wagtail's ``OEmbedFinder`` knows about a hundred providers and lets ``requests`` follow
redirects wherever they lead. An editor's link then makes the server fetch an address of
the provider's (or an attacker's DNS's) choosing: the classic server-side request forgery
into ``127.0.0.1`` or the cloud metadata service at ``169.254.169.254``. This finder

- accepts only the providers named in ``DATELINE_EMBED_PROVIDERS`` (YouTube and Vimeo
  unless the site adds more from ``wagtail.embeds.oembed_providers``);
- resolves the host of every request it makes, the first and each redirect, and refuses
  when any address it resolves to is private, loopback, link-local, multicast or reserved;
- connects only to an address it has just checked: the connection resolves the host itself,
  checks every answer and connects to one of them (Host header, SNI and certificate still
  name the host), so DNS that answers "public" to the check and "127.0.0.1" to the
  connection (DNS rebinding) gets no request through;
- follows at most ``MAX_REDIRECTS`` redirects, by hand, so each hop is checked;
- keeps a provider's HTML only when it is a single ``https`` iframe (the page shows it as
  is, so a provider's script must not reach the reader).

Wagtail documents ``WAGTAILEMBEDS_FINDERS`` with custom finder classes:
https://docs.wagtail.org/en/stable/advanced_topics/embeds.html#custom-embed-finder-classes
"""

from __future__ import annotations

import ipaddress
import socket
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from wagtail.embeds import oembed_providers
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.oembed import OEmbedFinder

MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 10
REDIRECT_CODES = {301, 302, 303, 307, 308}


class UnsafeAddress(EmbedNotFoundException):
    """The address names a host that resolves to a network the server must not reach."""


def allowed_providers(names: list[str] | None = None) -> list[dict]:
    """The provider definitions for ``names`` (default: ``DATELINE_EMBED_PROVIDERS``)."""
    chosen = []
    for name in names if names is not None else settings.DATELINE_EMBED_PROVIDERS:
        provider = getattr(oembed_providers, name.strip().lower(), None)
        if not isinstance(provider, dict) or "endpoint" not in provider:
            raise ValueError(
                f"DATELINE_EMBED_PROVIDERS names {name!r}, which is not a provider in "
                "wagtail.embeds.oembed_providers (e.g. youtube, vimeo, twitter)."
            )
        chosen.append(provider)
    return chosen


def address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to; ``UnsafeAddress`` unless every one is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as error:
        raise UnsafeAddress(f"The host {host!r} could not be resolved: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses or not all(address_is_public(address) for address in addresses):
        raise UnsafeAddress(f"{host} resolves to a private or reserved address; it is not fetched.")
    return addresses


def url_check(url: str) -> None:
    """Raise ``UnsafeAddress`` unless ``url`` is http(s) on a host with only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UnsafeAddress(f"Only http and https addresses can be fetched, not {url!r}.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeAddress(f"The port of {url!r} is not valid: {error}") from error
    public_addresses(parts.hostname, port)


class _CheckedAddressMixin:
    """Resolve at connect time, check every answer, and connect to a checked address.

    urllib3 connects to ``_dns_host`` while the Host header, SNI and certificate check use
    ``host``; pinning ``_dns_host`` to the checked address leaves no second lookup for a
    rebinding DNS server to answer differently.
    """

    def _new_conn(self):
        self._dns_host = public_addresses(self._dns_host, self.port)[0]
        return super()._new_conn()


class _CheckedHTTPConnection(_CheckedAddressMixin, HTTPConnection):
    pass


class _CheckedHTTPSConnection(_CheckedAddressMixin, HTTPSConnection):
    pass


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class CheckedAddressAdapter(HTTPAdapter):
    """A requests adapter whose connections go only to checked public addresses."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _CheckedHTTPPool,
            "https": _CheckedHTTPSPool,
        }


def checked_session() -> requests.Session:
    session = requests.Session()
    # A proxy from the environment would be the peer instead of the checked address.
    session.trust_env = False
    adapter = CheckedAddressAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def fetch(url: str, *, params: dict | None = None) -> requests.Response:
    """GET ``url``, checking it and every redirect target before connecting."""
    with checked_session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            url_check(url)
            response = session.get(
                url,
                params=params,
                headers={"User-Agent": "Dateline embed finder"},
                timeout=TIMEOUT_SECONDS,
                allow_redirects=False,
            )
            if response.status_code not in REDIRECT_CODES:
                return response
            location = response.headers.get("Location", "")
            if not location:
                return response
            url, params = urljoin(response.url, location), None
    raise EmbedNotFoundException(f"More than {MAX_REDIRECTS} redirects; the embed is refused.")


class _IframeOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def html_is_one_iframe(html: str) -> bool:
    """True when ``html`` is one iframe with an https ``src`` and no event handlers."""
    parser = _IframeOnly()
    parser.feed(html or "")
    parser.close()
    if len(parser.tags) != 1 or parser.text.strip():
        return False
    tag, attrs = parser.tags[0]
    return (
        tag == "iframe"
        and urlsplit((attrs.get("src") or "").strip()).scheme == "https"
        and not any(name.lower().startswith("on") or name.lower() == "srcdoc" for name in attrs)
    )


class SafeOEmbedFinder(OEmbedFinder):
    """``OEmbedFinder`` limited to allowed providers and public addresses (see the module)."""

    def __init__(self, providers=None, options=None):
        super().__init__(providers=providers or allowed_providers(), options=options)

    def find_embed(self, url, max_width=None, max_height=None):
        endpoint = self._get_endpoint(url)
        if endpoint is None:
            raise EmbedNotFoundException(f"{url!r} is not from an allowed embed provider.")
        params = {**self.options, "url": url, "format": "json"}
        if max_width:
            params["maxwidth"] = max_width
        if max_height:
            params["maxheight"] = max_height
        try:
            response = fetch(endpoint, params=params)
            response.raise_for_status()
            oembed = response.json()
        except (requests.RequestException, ValueError) as error:
            raise EmbedNotFoundException(f"Request failed: {error}") from error
        if not isinstance(oembed, dict) or oembed.get("type") not in {"video", "rich"}:
            raise EmbedNotFoundException("The provider's answer is not a video or rich embed.")
        html = oembed.get("html") or ""
        if not html_is_one_iframe(html):
            raise EmbedNotFoundException("The provider's HTML is not a single https iframe.")
        return {
            "title": str(oembed.get("title") or ""),
            "author_name": str(oembed.get("author_name") or ""),
            "provider_name": str(oembed.get("provider_name") or ""),
            "type": oembed["type"],
            "thumbnail_url": oembed.get("thumbnail_url"),
            "width": oembed.get("width"),
            "height": oembed.get("height"),
            "html": html,
        }


embed_finder_class = SafeOEmbedFinder
