"""Fill in deploy/nginx/dateline.conf.template, and run nginx with it from a spare directory.

Operators:  python3 deploy/nginx/render.py --server-name news.example.org \\
                --upstream 127.0.0.1:8000 --static-root /srv/dateline/var/static \\
                --media-root /srv/dateline/var/media > /etc/nginx/sites-available/dateline

``--standalone PREFIX`` writes a complete nginx.conf around the site into PREFIX (pid, logs,
temporary files and the page cache inside it), for running nginx without root in the
foreground: the nginx test (tests/nginx/) and the page benchmark (bench/pages.py) use that
through ``Nginx``. Only the standard library is imported, so this runs on any machine.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "dateline.conf.template"
NGINX = "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
NAMES = (
    "DATELINE_SERVER_NAME",
    "DATELINE_LISTEN",
    "DATELINE_UPSTREAM",
    "DATELINE_STATIC_ROOT",
    "DATELINE_MEDIA_ROOT",
    "DATELINE_CACHE_DIR",
    "DATELINE_PURGE_LISTEN",
)
DEFAULTS = {
    "DATELINE_LISTEN": "80",
    "DATELINE_UPSTREAM": "127.0.0.1:8000",
    "DATELINE_CACHE_DIR": "/var/cache/nginx/dateline",
    "DATELINE_PURGE_LISTEN": "127.0.0.1:8081",
}
_PLACEHOLDER = re.compile(r"\$\{(DATELINE_[A-Z_]+)\}")
_PURGE_BLOCK = re.compile(r"^# purge:begin\n.*?^# purge:end\n", re.S | re.M)
_UNSAFE = re.compile(r"[\n\r;{}\"'$#\\]")


def purge_module_available() -> bool:
    """Debian's libnginx-mod-http-cache-purge is installed."""
    return PURGE_MODULE.exists()


def render(values: dict[str, str], *, purge: bool = True) -> str:
    """The site configuration with each ``${DATELINE_*}`` filled in (defaults for the rest)."""
    filled = {**DEFAULTS, **{k: str(v) for k, v in values.items() if v is not None}}
    unknown = set(filled) - set(NAMES)
    if unknown:
        raise ValueError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
    for name, value in filled.items():
        if not value.strip() or _UNSAFE.search(value):
            raise ValueError(f"{name} must be a plain value (no quotes, ; or braces): {value!r}.")
    text = TEMPLATE.read_text()
    if not purge:
        text = _PURGE_BLOCK.sub("", text)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in filled:
            raise ValueError(f"{name} must be set (see {TEMPLATE.name}).")
        return filled[name]

    return _PLACEHOLDER.sub(fill, text)


def standalone(site: str, prefix: Path, *, purge: bool, workers: str = "auto") -> str:
    """A whole nginx.conf that runs ``site`` from ``prefix`` in the foreground, without root."""
    lines = []
    if purge:
        lines.append(f"load_module {PURGE_MODULE};")
    if os.geteuid() == 0:
        lines.append("user root;")  # workers must read the caller's private temp dirs
    lines += [
        f"worker_processes {workers};",
        f"pid {prefix}/nginx.pid;",
        f"error_log {prefix}/error.log warn;",
        "events { worker_connections 4096; }",
        "http {",
        f"    include {MIME_TYPES};",
        "    default_type application/octet-stream;",
        "    access_log off;",
        "    sendfile on;",
        "    tcp_nopush on;",
        "    tcp_nodelay on;",
        "    keepalive_timeout 65;",
        "    keepalive_requests 1000000;",
    ]
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        lines.append(f"    {kind}_temp_path {prefix / 'tmp' / kind};")
    lines += [f"    include {prefix}/dateline.conf;", "}", ""]
    (prefix / "dateline.conf").write_text(site)
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx with the shipped site configuration, in the foreground, from ``prefix``.

    ``values`` are the template's settings; the cache directory defaults to one inside
    ``prefix``. Started with ``with Nginx(...) as nginx:``; stopped gracefully (SIGQUIT).
    """

    def __init__(self, prefix: Path, values: dict[str, str], *, purge: bool | None = None,
                 workers: str = "auto"):  # fmt: skip
        self.prefix = Path(prefix)
        self.purge = purge_module_available() if purge is None else purge
        self.values = {"DATELINE_CACHE_DIR": str(self.prefix / "cache"), **values}
        self.workers = workers
        self.process: subprocess.Popen | None = None
        listen = self.values["DATELINE_LISTEN"]
        self.port = int(listen.rsplit(":", 1)[-1].split()[0])
        self.url = f"http://127.0.0.1:{self.port}"
        purge_listen = self.values.get("DATELINE_PURGE_LISTEN", DEFAULTS["DATELINE_PURGE_LISTEN"])
        self.purge_url = f"http://{purge_listen}" if self.purge else ""

    @property
    def config(self) -> Path:
        return self.prefix / "nginx.conf"

    def write(self) -> None:
        for sub in ("tmp", "cache"):
            (self.prefix / sub).mkdir(parents=True, exist_ok=True)
        site = render(self.values, purge=self.purge)
        whole = standalone(site, self.prefix, purge=self.purge, workers=self.workers)
        self.config.write_text(whole)

    def __enter__(self) -> Nginx:
        self.write()
        base = [NGINX, "-p", str(self.prefix), "-c", str(self.config)]
        check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True, check=False)  # noqa: S603
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected {self.config}:\n{check.stderr}")
        log = (self.prefix / "stderr.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [*base, "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.errors()}")
            with suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5):
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"nginx did not listen on {self.port}: {self.errors()}")

    def errors(self) -> str:
        texts = []
        for name in ("stderr.log", "error.log"):
            with suppress(OSError):
                texts.append((self.prefix / name).read_text()[-3000:])
        return "\n".join(texts)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGQUIT)  # finish the requests in flight
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True, help="public host name(s)")
    parser.add_argument("--listen", default=DEFAULTS["DATELINE_LISTEN"])
    parser.add_argument("--upstream", default=DEFAULTS["DATELINE_UPSTREAM"])
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--cache-dir", default=DEFAULTS["DATELINE_CACHE_DIR"])
    parser.add_argument("--purge-listen", default=DEFAULTS["DATELINE_PURGE_LISTEN"])
    parser.add_argument(
        "--no-purge",
        action="store_true",
        help="leave out the purge endpoint (no libnginx-mod-http-cache-purge)",
    )
    parser.add_argument("--standalone", metavar="PREFIX", help="write PREFIX/nginx.conf too")
    args = parser.parse_args(argv)
    values = {
        "DATELINE_SERVER_NAME": args.server_name,
        "DATELINE_LISTEN": args.listen,
        "DATELINE_UPSTREAM": args.upstream,
        "DATELINE_STATIC_ROOT": str(Path(args.static_root).resolve()),
        "DATELINE_MEDIA_ROOT": str(Path(args.media_root).resolve()),
        "DATELINE_CACHE_DIR": args.cache_dir,
        "DATELINE_PURGE_LISTEN": args.purge_listen,
    }
    try:
        if args.standalone:
            values["DATELINE_CACHE_DIR"] = str(Path(args.standalone).resolve() / "cache")
            nginx = Nginx(Path(args.standalone).resolve(), values, purge=not args.no_purge)
            nginx.write()
            sys.stdout.write(f"{nginx.config}\n")
        else:
            sys.stdout.write(render(values, purge=not args.no_purge))
    except ValueError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
