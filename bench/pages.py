"""Pages as readers get them, through the stack as shipped, against two references.

Usage: .venv/bin/python bench/pages.py [--stack sqlite|postgres ...] [--stories N]
           [--duration S] [--connections C] [--runs R] [--servers granian,gunicorn,uvicorn]

For each stack (default: the embedded SQLite one, as ``make run`` serves it):

1. seed the stack's database to N stories (``dateline demo``, then ``demo --scale``;
   100,000 by default, in ``var/bench/<stack>/``; another N on SQLite gets its own
   ``var/bench/sqlite-<N>/``), migrate and collect the static files;
2. in one process with the Django test client, pick the pages (the newest story as the
   hot article, its section and first tag, the home page, a search) and count each one's
   SQL queries and bytes: rendered (page cache off, after one warm-up request, as a
   running server has its fragments cached) and served from the page cache;
3. start ``dateline serve`` (granian, 2 workers of 2 threads, as ``make run`` does) and
   nginx with the shipped configuration (deploy/nginx/, rendered into var/bench/) in
   front of it, and drive each page with wrk at fixed concurrency: through the app
   alone and through nginx; search and the Most Viewed beacon through the app (the
   beacon with bench/lua/beacon.lua, readers told apart by X-Real-IP, as in
   bench/views_ingest.py);
4. the cold article: a second ``dateline serve`` with the page cache off
   (``DATELINE_PAGE_CACHE=false``), each request a different story
   (bench/lua/rotate.lua walks up to 20,000 live stories), so every answer is a full
   render; the same with gunicorn and uvicorn (same workers and threads) to compare
   app servers;
5. the references, in the same run: (a) nginx serving the hot article's HTML, the same
   bytes, as a static file; (b) stock Wagtail (bench/stock.py: ``wagtail start``, a
   minimal rich-text article among 100) under the same granian settings, rotating
   through its articles;
6. print one table (req/s, p50, p99, errors, SQL queries per request, bytes, ratios to
   the references) and write bench/results/pages-<stack>-<date>.json.

Every wrk run is repeated ``--runs`` times (default 2) and the best kept. No
compression is negotiated (wrk sends no Accept-Encoding).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    BENCH_DIR,
    ROOT,
    STACK_LABELS,
    STACKS,
    VAR_DIR,
    Server,
    django_json,
    machine,
    manage,
    measure_inside,
    result_write,
    say,
    stack_env,
    wrk_run,
)
from bench.stock import STOCK_DIR, stock_argv, stock_ensure, stock_env, stock_measure, stock_paths
from bench.views_ingest import PER_READER, SIGNED
from bench.views_ingest import SCRIPT as BEACON_SCRIPT
from bench.views_ingest import SERVER_SETTINGS as BEACON_SETTINGS

STORIES = 100_000
DURATION, THREADS, CONNECTIONS, RUNS = 8, 2, 16, 2
COLD_PATHS = 20_000
SEARCH = "/search/?q=harbour+markets"
ROTATE = BENCH_DIR / "lua" / "rotate.lua"
NGINX_RENDER = ROOT / "deploy" / "nginx" / "render.py"
APP_SERVERS = ("granian", "gunicorn", "uvicorn")
# Ports: the stack, its nginx and purge endpoint, the cold servers, stock Wagtail.
BASE_PORT = int(os.environ.get("BENCH_PAGES_PORT", "8770"))
PORTS = {
    "app": BASE_PORT, "nginx": BASE_PORT + 1, "purge": BASE_PORT + 2,
    "granian": BASE_PORT + 3, "gunicorn": BASE_PORT + 4, "uvicorn": BASE_PORT + 5,
    "stock": BASE_PORT + 6,
}  # fmt: skip
CACHED_PAGES = ("home", "section", "tag", "article")
TARGETS = {
    "cold_vs_stock": 1.0,
    "cold_queries": 12,
    "hot_app_vs_stock": 10.0,
    "hot_nginx_vs_static": 0.9,
}

COUNT = """
import json
from dateline.news.models import ArticlePage
print(json.dumps(ArticlePage.objects.count()))
"""


def nginx_module():
    """deploy/nginx/render.py (not a package: loaded from its path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dateline_nginx_render", NGINX_RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- inside the stack's process: pick the pages, count their queries -------------------


def inside(cold_count: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from dateline.news.models import ArticlePage, SectionPage
    from dateline.popularity.counting import page_signature

    stories = ArticlePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    stories = stories.order_by("-first_published_at", "-pk")
    hot = stories.first()
    if hot is None:
        raise SystemExit("No live story: seed the stack first.")
    section = hot.get_parent().specific
    if not isinstance(section, SectionPage):
        section = SectionPage.objects.live().order_by("path").first()
    tagged = stories.filter(tags__isnull=False).first()
    tag = tagged.tags.order_by("slug").first() if tagged else None
    if tag is None:
        raise SystemExit("No story has a tag: seed the stack with the demo first.")
    paths = {
        "home": "/",
        "section": section.url,
        "tag": f"/tags/{tag.slug}/",
        "article": hot.url,
        "search": SEARCH,
    }
    cold_ids = list(stories.exclude(pk=hot.pk).values_list("pk", flat=True)[:cold_count])
    cold = [
        page.url
        for page in Page.objects.filter(pk__in=cold_ids)
        .select_related("locale")
        .only("url_path", "path", "depth", "locale")
    ]
    client = Client(HTTP_HOST="127.0.0.1")

    def count(path: str, **extra) -> dict:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **extra)
        return {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
            "cache": response.get("X-Dateline-Cache", ""),
        }

    rendered, cached = {}, {}
    with override_settings(DATELINE_PAGE_CACHE=False):
        for kind, path in paths.items():
            client.get(path)  # warm-up: fragments, site root paths, templates
            rendered[kind] = count(path)
        samples = [count(path) for path in cold[:20]]
        rendered["article_cold"] = {
            "status": max(sample["status"] for sample in samples),
            "queries": max(sample["queries"] for sample in samples),
            "queries_min": min(sample["queries"] for sample in samples),
            "bytes": round(sum(sample["bytes"] for sample in samples) / len(samples)),
            "samples": len(samples),
        }
    with override_settings(DATELINE_PAGE_CACHE=True):
        for kind in CACHED_PAGES:
            client.get(paths[kind])
            cached[kind] = count(paths[kind])
    with CaptureQueriesContext(connection) as queries:
        beacon = client.post(
            "/_views/",
            {"page": hot.pk, "sig": page_signature(hot.pk)},
            HTTP_ORIGIN="http://127.0.0.1",
            HTTP_X_REAL_IP="fd00:bench::1",
        )
    return {
        "stories": ArticlePage.objects.live().count(),
        "paths": paths,
        "cold_paths": cold,
        "rendered": rendered,
        "cached": cached,
        "beacon": {"status": beacon.status_code, "queries": len(queries), "bytes": 0},
    }


# --- outside: servers, nginx, wrk -----------------------------------------------------


class CommandServer(Server):
    """Another app server (or stock Wagtail) on ``port``: ``argv`` run in ``cwd``, ready
    once ``ready`` answers anything but a 5xx; stopped like ``Server``."""

    def __init__(
        self, name: str, argv: list[str], *, env, cwd: Path, port: int, log: Path, ready: str = "/"
    ):
        super().__init__(name, env=env, port=port, log=log)
        self.argv, self.cwd, self.ready = argv, cwd, ready

    def __enter__(self) -> CommandServer:
        import subprocess

        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as handle:
            self.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                self.argv,
                env=self.env,
                cwd=self.cwd,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.stack} exited early; see {self.log}")
            try:
                status = fetch(self.url + self.ready)[0]
            except OSError:
                status = 0
            if 0 < status < 500:
                return
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"{self.stack} did not answer within {timeout:.0f} s; see {self.log}")


def fetch(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case) and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def warm(url: str, header: str) -> None:
    """Ask for ``url`` until ``header`` says HIT: a cached page is measured as cached (each
    app worker process keeps its own local cache, hence several tries)."""
    for _ in range(40):
        _status, headers, _body = fetch(url)
        if headers.get(header) == "HIT":
            return
        time.sleep(0.25)  # a refresh in the background (UPDATING) takes one render
    raise SystemExit(f"{url} is not served from the cache ({header}: {headers.get(header)}).")


def warm_up(url: str, paths: Path) -> None:
    """A fresh server's first requests load templates and fill each process's fragment
    caches: a short unmeasured run first, over the same stories."""
    wrk_run(url, script=ROTATE, script_args=(str(paths),), threads=1, connections=4, duration=3)


def app_server_argv(name: str, port: int, workers: int, threads: int) -> list[str]:
    """gunicorn and uvicorn with the workers and threads ``dateline serve`` uses."""
    if name == "gunicorn":
        return [
            sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--threads", str(threads),
            "--worker-class", "gthread", "--log-level", "warning",
            "dateline.wsgi:application",
        ]  # fmt: skip
    if name == "uvicorn":
        return [
            sys.executable, "-m", "uvicorn", "--interface", "wsgi",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning", "--no-access-log", "dateline.wsgi:application",
        ]  # fmt: skip
    raise ValueError(f"unknown app server {name!r}")


def seed(stack: str, env: dict[str, str], stories: int) -> None:
    manage(stack, "migrate", "--noinput", env=env)
    manage(stack, "collectstatic", "--noinput", "-v0", env=env)
    have = django_json(stack, COUNT, env=env)
    if have == 0:
        say("  loading the demo (dateline demo) ...")
        manage(stack, "demo", env=env)
        have = django_json(stack, COUNT, env=env)
    if have < stories:
        say(f"  adding {stories - have:,} stories in bulk (dateline demo --scale) ...")
        manage(stack, "demo", "--scale", str(stories - have), env=env)


def best_of(runs: int, url: str, **options) -> dict:
    """The run with the most requests per second of ``runs`` wrk runs."""
    reports = [wrk_run(url, **options) for _ in range(runs)]
    best = max(reports, key=lambda report: report["requests_per_s"])
    best["runs_req_s"] = [report["requests_per_s"] for report in reports]
    return best


def errors(report: dict) -> int:
    failed = sum(count for code, count in report["status"].items() if int(code) >= 400)
    return max(report["non_2xx_3xx"], failed) + sum(report["socket_errors"].values())


def row(page: str, via: str, report: dict, *, queries, size: int, note: str = "") -> dict:
    return {
        "page": page,
        "via": via,
        "req_s": report["requests_per_s"],
        "p50_ms": report["latency_ms"].get("p50"),
        "p99_ms": report["latency_ms"].get("p99"),
        "errors": errors(report),
        "queries": queries,
        "bytes": size,
        "note": note,
        "wrk": report,
    }


def ratios(rows: list[dict]) -> tuple[float | None, float | None]:
    """Each row's share of nginx static and multiple of stock Wagtail, in place."""
    static = next((r["req_s"] for r in rows if r["page"] == "reference: nginx static"), None)
    stock = next((r["req_s"] for r in rows if r["page"] == "reference: stock Wagtail"), None)
    for entry in rows:
        entry["vs_static"] = round(entry["req_s"] / static, 4) if static else None
        entry["vs_stock"] = round(entry["req_s"] / stock, 2) if stock else None
    return static, stock


def table(rows: list[dict]) -> list[str]:
    header = (
        "page",
        "via",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "SQL/req",
        "bytes",
        "vs static",
        "vs stock",
    )
    lines = [header]
    for entry in rows:
        static = entry.get("vs_static")
        stock = entry.get("vs_stock")
        lines.append(
            (
                entry["page"],
                entry["via"],
                f"{entry['req_s']:,.0f}",
                f"{entry['p50_ms']:.2f}" if entry["p50_ms"] is not None else "-",
                f"{entry['p99_ms']:.2f}" if entry["p99_ms"] is not None else "-",
                str(entry["errors"]),
                str(entry["queries"]),
                f"{entry['bytes']:,}",
                f"{static:.1%}" if static is not None else "-",
                f"{stock:.1f}x" if stock is not None else "-",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return out


def targets(rows: list[dict], queries_cold: int) -> dict:
    """The issue's targets, as ratios measured in this run (None: not measured)."""

    def find(page: str, via: str) -> dict | None:
        return next((r for r in rows if r["page"] == page and r["via"] == via), None)

    cold = find("article cold", "app (granian, as shipped)")
    hot_app = find("article hot", "app")
    hot_nginx = find("article hot", "nginx")
    found = {
        "cold_vs_stock": cold and cold["vs_stock"],
        "cold_queries": queries_cold,
        "hot_app_vs_stock": hot_app and hot_app["vs_stock"],
        "hot_nginx_vs_static": hot_nginx and hot_nginx["vs_static"],
    }
    return {
        name: {
            "target": target,
            "measured": value,
            "met": None
            if value is None
            else (value <= target if name == "cold_queries" else value >= target),
        }
        for name, target in TARGETS.items()
        for value in [found[name]]
    }


def stack_run(stack: str, args) -> dict:
    render = nginx_module()
    if not os.access(render.NGINX, os.X_OK):
        raise SystemExit(f"nginx is not installed ({render.NGINX}): apt-get install nginx-light")
    extra = dict(BEACON_SETTINGS)
    extra["DATELINE_PURGE_URL"] = f"http://127.0.0.1:{PORTS['purge']}"
    if stack == "sqlite" and args.stories != STORIES:
        extra["DATELINE_VAR_DIR"] = str(VAR_DIR / f"sqlite-{args.stories}")
    env = stack_env(stack, **extra)
    var = Path(env["DATELINE_VAR_DIR"])
    seed(stack, env, args.stories)
    say("  counting queries and bytes in-process (Django test client) ...")
    found = measure_inside(
        __file__,
        stack,
        {**env, "DJANGO_SETTINGS_MODULE": "dateline.settings"},
        "--cold",
        str(COLD_PATHS),
    )
    paths, rendered, cached = found["paths"], found["rendered"], found["cached"]
    cold_file = var / "pages-cold.txt"
    cold_file.write_text("\n".join(found["cold_paths"]) + "\n")
    beacons = var / "beacons.lua"
    signed = django_json(stack, SIGNED, env=env)
    beacons.write_text(
        "return {\n" + ",\n".join(f'"page={pk}&sig={sig}"' for pk, sig in signed) + "\n}\n"
    )
    load = {"threads": args.threads, "connections": args.connections, "duration": args.duration}
    say(f"  {found['stories']:,} live stories; hot article {paths['article']}")
    rows: list[dict] = []

    values = {
        "DATELINE_SERVER_NAME": "localhost",
        "DATELINE_LISTEN": f"127.0.0.1:{PORTS['nginx']}",
        "DATELINE_UPSTREAM": f"127.0.0.1:{PORTS['app']}",
        "DATELINE_STATIC_ROOT": str(var / "static"),
        "DATELINE_MEDIA_ROOT": str(var / "media"),
        "DATELINE_PURGE_LISTEN": f"127.0.0.1:{PORTS['purge']}",
    }
    nginx_prefix = var / "nginx"
    shutil.rmtree(nginx_prefix / "cache", ignore_errors=True)  # no copies from an earlier run
    with (
        Server(stack, env=env, port=PORTS["app"], log=var / "pages-serve.log") as app,
        render.Nginx(nginx_prefix, values) as nginx,
    ):
        # The hot article, as the app caches it (each worker process has its own local
        # cache, so ask until one answers from it); its bytes become nginx's static copy.
        for _ in range(20):
            status, headers, body = fetch(app.url + paths["article"])
            if headers.get("X-Dateline-Cache") == "HIT":
                break
        if status != 200 or headers.get("X-Dateline-Cache") != "HIT":
            raise SystemExit(f"the hot article is not served from the page cache:\n{headers}")
        reference = var / "static" / "_bench" / "article.html"
        reference.parent.mkdir(parents=True, exist_ok=True)
        reference.write_bytes(body)
        warm(nginx.url + paths["article"], "X-Cache-Status")

        say("  reference (a): nginx serving the same article HTML as a static file")
        report = best_of(args.runs, f"{nginx.url}/static/_bench/article.html", **load)
        rows.append(row("reference: nginx static", "nginx", report, queries=0, size=len(body)))
        for kind in CACHED_PAGES:
            label = "article hot" if kind == "article" else kind
            for via, base in (("app", app.url), ("nginx", nginx.url)):
                say(f"  {label} through {via}")
                warm(base + paths[kind], "X-Dateline-Cache" if via == "app" else "X-Cache-Status")
                report = best_of(args.runs, base + paths[kind], **load)
                rows.append(
                    row(
                        label,
                        via,
                        report,
                        queries=cached[kind]["queries"],
                        size=rendered[kind]["bytes"],
                        note=f"rendered: {rendered[kind]['queries']} queries",
                    )
                )
        say("  search through app (never cached)")
        report = best_of(args.runs, app.url + paths["search"], **load)
        rows.append(
            row(
                "search",
                "app",
                report,
                queries=rendered["search"]["queries"],
                size=rendered["search"]["bytes"],
                note=paths["search"],
            )
        )
        say("  Most Viewed beacon through app")
        report = best_of(
            args.runs,
            f"{app.url}/_views/",
            script=BEACON_SCRIPT,
            script_args=(str(beacons), os.urandom(2).hex(), str(PER_READER)),
            **load,
        )
        rows.append(
            row(
                "Most Viewed beacon",
                "app",
                report,
                queries=found["beacon"]["queries"],
                size=0,
                note="POST, one view each, X-Real-IP readers",
            )
        )

    cold_env = {**env, "DATELINE_PAGE_CACHE": "false"}
    workers = int(env.get("WEB_WORKERS", "2"))
    threads = int(env.get("WEB_THREADS", "2"))
    cold_queries = rendered["article_cold"]["queries"]
    for name in args.servers:
        port = PORTS[name]
        log = var / f"pages-{name}.log"
        if name == "granian":
            server = Server(stack, env=cold_env, port=port, log=log)
            via = "app (granian, as shipped)"
        else:
            try:
                __import__(name)
            except ImportError:
                say(f"  {name} is not installed (pip install -e '.[bench]'): skipped")
                continue
            argv = app_server_argv(name, port, workers, threads)
            server = CommandServer(name, argv, env=cold_env, cwd=ROOT, port=port, log=log)
            via = f"app ({name}, {workers} workers x {threads} threads)"
        say(f"  article cold through {via}, page cache off, rotating stories")
        with server:
            warm_up(server.url, cold_file)
            report = best_of(
                args.runs, server.url, script=ROTATE, script_args=(str(cold_file),), **load
            )
        rows.append(
            row(
                "article cold",
                via,
                report,
                queries=cold_queries,
                size=rendered["article_cold"]["bytes"],
                note="DATELINE_PAGE_CACHE=false; a different story each request",
            )
        )

    if not args.no_stock:
        say("  reference (b): stock Wagtail, minimal article, same granian settings")
        stock_ensure()
        stock_file = var / "pages-stock.txt"
        stock_file.write_text("\n".join(stock_paths()) + "\n")
        measured = stock_measure()
        argv = stock_argv(PORTS["stock"], workers=workers, threads=threads)
        with CommandServer(
            "stock Wagtail",
            argv,
            env=stock_env(),
            cwd=STOCK_DIR,
            port=PORTS["stock"],
            log=var / "pages-stock.log",
        ) as stock:
            warm_up(stock.url, stock_file)
            report = best_of(
                args.runs, stock.url, script=ROTATE, script_args=(str(stock_file),), **load
            )
        rows.append(
            row(
                "reference: stock Wagtail",
                "app (granian, as shipped)",
                report,
                queries=measured["queries"],
                size=measured["bytes"],
                note="wagtail start + minimal rich-text article, SQLite, no cache",
            )
        )

    ratios(rows)
    return {
        "label": STACK_LABELS[stack],
        "stories": found["stories"],
        "paths": paths,
        "rendered": rendered,
        "cached": cached,
        "rows": rows,
        "targets": targets(rows, cold_queries),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", action="append", choices=STACKS)
    parser.add_argument("--stories", type=int, default=STORIES)
    parser.add_argument("--duration", type=int, default=DURATION, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--threads", type=int, default=THREADS, help="wrk threads")
    parser.add_argument("--runs", type=int, default=RUNS, help="wrk runs per page; best kept")
    parser.add_argument(
        "--servers", default=",".join(APP_SERVERS), help="app servers for the cold article"
    )
    parser.add_argument("--no-stock", action="store_true", help="skip stock Wagtail")
    parser.add_argument("--inside", choices=STACKS, help=argparse.SUPPRESS)
    parser.add_argument("--cold", type=int, default=COLD_PATHS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inside:
        sys.stdout.write("RESULT " + json.dumps(inside(args.cold)) + "\n")
        return 0
    args.servers = [name.strip() for name in args.servers.split(",") if name.strip()]
    unknown = set(args.servers) - set(APP_SERVERS)
    if unknown or args.stories < 1 or args.duration < 1 or args.runs < 1:
        parser.error(f"--servers takes {', '.join(APP_SERVERS)}; numbers must be 1 or more")
    info = machine()
    say(f"Pages on {info['nproc']} cores ({info['cpu']}), {info['date']}")
    say(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency on loopback, "
        f"best of {args.runs}; the load generator shares the cores; no compression."
    )
    results = {
        "machine": info,
        "load": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "runs": args.runs,
        },
        "method": "see bench/pages.py's docstring; queries and bytes counted in-process",
        "stacks": {},
    }
    for stack in args.stack or ["sqlite"]:
        say(f"\n{stack}: {STACK_LABELS[stack]}")
        data = stack_run(stack, args)
        results["stacks"][stack] = data
        say(f"\n{stack}, {data['stories']:,} stories:")
        for line in table(data["rows"]):
            say("  " + line)
        for name, target in data["targets"].items():
            verdict = {True: "met", False: "NOT met", None: "not measured"}[target["met"]]
            say(f"  target {name}: {target['measured']} (target {target['target']}): {verdict}")
    name = "pages" if args.stories == STORIES else f"pages-{args.stories}"
    path = result_write(name, results)
    say(f"\nWritten to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
