#!/usr/bin/env python3
"""Tell whether the servers behind service URLs accept a TCP connection.

Usage: scripts/reachable.py [--timeout SECONDS] [--quiet] URL [URL ...]

Understands postgres://, postgresql://, redis://, rediss:// and unix:// URLs
(and any scheme with an explicit port). A PostgreSQL URL without a host, or
with a socket directory as host (``postgres://%2Frun%2Fpostgresql/db`` or
``?host=/run/postgresql``), is checked on its Unix socket. Only the standard
library is used, so this runs before the virtualenv exists.

Exit status: 0 when every URL is reachable, 1 otherwise (including a URL that
cannot be parsed).
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_PORTS = {
    "postgres": 5432,
    "postgresql": 5432,
    "pgsql": 5432,
    "postgis": 5432,
    "redis": 6379,
    "rediss": 6379,
    "mysql": 3306,
    "amqp": 5672,
}
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
POSTGRES_SOCKET_DIR = "/var/run/postgresql"


def endpoint(url: str) -> tuple[str, str | tuple[str, int]]:
    """Return (label, address): address is a socket path or a (host, port) pair."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not scheme:
        raise ValueError("no scheme (expected e.g. postgres://host:5432/db)")
    if scheme == "unix":
        if not parts.path:
            raise ValueError("unix:// URL without a socket path")
        return f"unix:{parts.path}", parts.path
    port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    if port is None:
        if scheme not in DEFAULT_PORTS:
            raise ValueError(f"no port given and no default port known for {scheme}://")
        port = DEFAULT_PORTS[scheme]
    host = unquote(parts.hostname or "")
    if scheme in POSTGRES_SCHEMES:
        host = parse_qs(parts.query).get("host", [host])[0]
        if not host or host.startswith("/"):
            path = str(Path(host or POSTGRES_SOCKET_DIR) / f".s.PGSQL.{port}")
            return f"{scheme} unix:{path}", path
    if not host:
        host = "localhost"
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme} {shown}:{port}", (host, port)


def try_connect(address: str | tuple[str, int], timeout: float) -> None:
    if isinstance(address, str):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
    else:
        with socket.create_connection(address, timeout=timeout):
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds per URL (2)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)

    def say(line: str, stream=sys.stdout) -> None:
        if not args.quiet:
            stream.write(line + "\n")

    ok = True
    for url in args.urls:
        # Never echo the URL itself: it may carry a password.
        try:
            label, address = endpoint(url)
        except ValueError as error:
            say(f"UNREACHABLE  cannot parse URL: {error}", sys.stderr)
            ok = False
            continue
        try:
            try_connect(address, args.timeout)
        except OSError as error:  # refused, timed out, unknown host, no such socket
            say(f"UNREACHABLE  {label}: {error.strerror or error}", sys.stderr)
            ok = False
        else:
            say(f"reachable    {label}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
