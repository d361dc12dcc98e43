"""The client address used to throttle logins.

``X-Forwarded-For`` is trusted only when the request comes from a proxy listed in
``DATELINE_TRUSTED_PROXIES`` (none by default): anyone else could write any address there
and spread a brute force over invented clients.
"""

from __future__ import annotations

from ipaddress import ip_address, ip_network

from django.conf import settings


def _trusted(address: str) -> bool:
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return False
    return any(
        parsed in ip_network(proxy, strict=False) for proxy in settings.DATELINE_TRUSTED_PROXIES
    )


def client_ip(request) -> str:
    """The nearest address not owned by a trusted proxy, read right to left."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            try:
                return str(ip_address(hop))
            except ValueError:
                return remote  # a malformed hop: fall back to the proxy itself
    return remote
