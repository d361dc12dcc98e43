"""``make stress``: the shipped stack under a news spike, then with Redis and PostgreSQL failing.

Issue 11, "Load and faults". Everything runs on services of its own, so nothing shared is
ever stopped: a private PostgreSQL cluster (``initdb`` into ``var/stress/pg``, port 5499,
run as the ``postgres`` user when started as root), a private ``redis-server`` (port 6399,
append-only file in ``var/stress/redis``), ``dateline serve`` on 8805 and, when Debian's
nginx is installed, the shipped nginx configuration (deploy/nginx/) on 8806 in front.

Phases (``--phases``, all by default):

``spike``     wrk with bench/lua/mix.lua for ``--duration`` s (90% article reads over the
              top stories, 5% home, 3% search, 2% comment posts): req/s, p95/p99, errors.
``redis``     the same load; Redis stopped for ``--fault`` s in the middle. Expect 0 page
              5xx, every 303'd comment stored, an editor's session still valid.
``postgres``  the same load; PostgreSQL stopped (fast shutdown) for ``--fault`` s in the
              middle. Expect cached pages served (stale), comment posts 503 with the text
              given back, 0 half-written comments, and the app answering an uncached page
              again within 30 s of the database's return.
``stampede``  a hot page's cache entry expires under 200 concurrent readers (direct to the
              app): renders counted by ``X-Dateline-Cache: MISS``; at most 2 allowed.

Settings changed from the shipped defaults, and why (printed too):
``DATELINE_COMMENTS_RATE_LIMIT`` (one load generator is one reader; the hourly limit of 5
would refuse the rest). Figures go to bench/results/stress-<date>.json.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import importlib.util
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402 - the checkout's bench package, after the path
    DATELINE,
    ROOT,
    Server,
    django_json,
    machine,
    result_write,
    say,
    stack_env,
    wrk_parse,
)

STRESS_DIR = ROOT / "var" / "stress"
PG_BIN = Path(os.environ.get("STRESS_PG_BIN", "/usr/lib/postgresql/15/bin"))
MIX = ROOT / "bench" / "lua" / "mix.lua"
PHASES = ("spike", "redis", "postgres", "stampede")
CHANGED = {"DATELINE_COMMENTS_RATE_LIMIT": "1000000000"}


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603


class PrivatePostgres:
    """A PostgreSQL cluster of our own; as root, its commands run as the ``postgres`` user."""

    def __init__(self, port: int):
        self.port, self.data = port, STRESS_DIR / "pg"
        self.url = f"postgres://postgres@127.0.0.1:{port}/dateline_stress"
        self.as_root = os.geteuid() == 0

    def _pg(self, program: str, *args: str) -> subprocess.CompletedProcess:
        command = [str(PG_BIN / program), *args]
        if self.as_root:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(command)]
        return run(command, cwd="/")

    def _check(self, done: subprocess.CompletedProcess, what: str) -> None:
        if done.returncode != 0:
            raise SystemExit(f"{what} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")

    def start(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            self.data.mkdir(parents=True, exist_ok=True)
            if self.as_root:
                shutil.chown(self.data, "postgres", "postgres")
            self._check(
                self._pg("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust"),
                "initdb",
            )
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        log = str(self.data / "server.log")
        done = self._pg("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", log,
                        "-o", options)  # fmt: skip
        self._check(done, "pg_ctl start")
        exists = self._psql("SELECT 1 FROM pg_database WHERE datname = 'dateline_stress'")
        if exists.stdout.strip() != "1":
            self._check(self._psql("CREATE DATABASE dateline_stress"), "CREATE DATABASE")

    def _psql(self, sql: str) -> subprocess.CompletedProcess:
        return run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                    "-d", "postgres", "-tAc", sql])  # fmt: skip

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._check(self._pg("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data)),
                        "pg_ctl stop")  # fmt: skip


class PrivateRedis:
    """redis-server of our own, with an append-only file so a restart keeps the view counts."""

    def __init__(self, port: int):
        self.port, self.dir = port, STRESS_DIR / "redis"
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--dir", str(self.dir), "--appendonly", "yes",
             "--save", "", "--logfile", "redis.log"],
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if run(["redis-cli", "-p", str(self.port), "ping"]).stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise SystemExit(f"redis-server did not answer on {self.port}; see {self.dir}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None


def site_prepare(env: dict[str, str], tag: str) -> dict:
    """Migrate, seed the demo newsroom if empty, and list what the mix requests."""
    for args in (("migrate", "--noinput"), ("demo", "--if-empty"),
                 ("collectstatic", "--noinput", "-v0")):  # fmt: skip
        done = run([str(DATELINE), *args], env=env, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"dateline {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    code = (
        "import json, time\n"
        "from django.contrib.auth import get_user_model\n"
        "from dateline.comments import spam\n"
        "from dateline.popularity.counting import page_signature\n"
        "from dateline.news.models import ArticlePage\n"
        "top = list(ArticlePage.objects.live().order_by('-date')[:50])\n"
        "editor = 'stress-editor'\n"
        "U = get_user_model()\n"
        "u = U.objects.filter(username=editor).first() or U.objects.create_superuser("
        "editor, 'stress@example.org', 'stress-editor-passphrase')\n"
        "print(json.dumps({'articles': [p.url for p in top],"
        " 'comment_pages': [[p.pk, spam.token_issue(page_id=p.pk, now=time.time() - 60)]"
        " for p in top[:10]], 'editor': editor,"
        " 'beacon': f'page={top[0].pk}&sig={page_signature(top[0].pk)}'}))"
    )
    facts = django_json("postgres", code, env=env)
    facts["tag"] = tag
    return facts


def mix_data(facts: dict, path: Path) -> Path:
    comments = []
    for page_id, token in facts["comment_pages"]:
        body = urllib.parse.urlencode(
            {
                "name": "Stress reader",
                "email": "stress@example.org",
                "token": token,
                "website": "",
                "parent": "",
            }  # fmt: skip
        )
        comments.append(f'{{path = "/comments/{page_id}/", body = "{body}"}}')
    articles = ", ".join(json.dumps(url) for url in facts["articles"])
    searches = ", ".join(json.dumps(f"/search/?q={word}") for word in ("harbour", "water", "city"))
    path.write_text(
        "return {\n"
        f"  articles = {{{articles}}},\n"
        '  home = "/",\n'
        f"  searches = {{{searches}}},\n"
        f"  comments = {{{', '.join(comments)}}},\n"
        f'  tag = "{facts["tag"]}",\n'
        f'  origin = "{facts["origin"]}",\n'
        "}\n"
    )
    return path


def wrk_mix(url: str, data: Path, *, duration: int, connections: int) -> subprocess.Popen:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
               "--latency", "-s", str(MIX), url, "--", str(data)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603


def wrk_result(process: subprocess.Popen) -> dict:
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"wrk failed ({process.returncode}):\n{err}{out}")
    return mix_parse(out)


def mix_parse(out: str) -> dict:
    """wrk's report with mix.lua's lines: comment outcomes, page 5xx, p95/p99, error rate."""
    report = wrk_parse(out)
    for name in ("comments_sent", "comments_saved", "comments_kept", "page_5xx", "uncached_5xx"):
        found = re.search(rf"^{name} (\d+)$", out, re.M)
        report[name] = int(found.group(1)) if found else 0
    for name in ("p95_ms", "p99_ms"):
        found = re.search(rf"^{name} ([\d.]+)$", out, re.M)
        report["latency_ms"][name[:3]] = float(found.group(1)) if found else None
    answered = sum(report["status"].values())
    errors = sum(report["socket_errors"].values()) + sum(
        count for code, count in report["status"].items() if int(code) >= 500
    )
    report["error_rate"] = round(errors / max(1, answered + report["socket_errors"]["timeout"]), 4)
    return report


def comments_stored(env: dict[str, str], tag: str) -> dict:
    code = (
        "import json\nfrom dateline.comments.models import Comment\n"
        f"rows = Comment.objects.filter(text__startswith='Stress comment {tag} ')\n"
        "print(json.dumps({'stored': rows.count(),"
        " 'incomplete': rows.exclude(name='Stress reader').count()}))"
    )
    return django_json("postgres", code, env=env)


class Editor:
    """A logged-in editor's browser: does the admin still know them?"""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = f"{base}/admin/login/"
        self.opener.open(login, timeout=10).read()
        token = next(c.value for c in jar if c.name == "csrftoken")
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(login, data=body, headers={"Referer": login})  # noqa: S310
        self.opener.open(request, timeout=10).read()

    def logged_in(self) -> bool:
        try:
            response = self.opener.open(f"{self.base}/admin/", timeout=10)
        except (urllib.error.URLError, OSError):
            return False
        return "/admin/login/" not in response.geturl()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def beacon_status(app: str, body: str) -> int:
    """A reader's view beacon, as the page's script sends it."""
    request = urllib.request.Request(  # noqa: S310 - our own server
        f"{app}/_views/",
        data=body.encode(),
        headers={"Origin": app, "Content-Type": "application/x-www-form-urlencoded",
                 "User-Agent": f"stress-{secrets.token_hex(4)}"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def fault_run(
    name: str, service, *, target: str, app: str, probe_path: str, beacon: str, data: Path,
    env, args, tag,
) -> dict:  # fmt: skip
    """The mix for --duration, with ``service`` stopped for --fault seconds in the middle."""
    before = comments_stored(env, tag)["stored"]
    editor = Editor(app, "stress-editor", "stress-editor-passphrase")
    editor_before = editor.logged_in()
    wrk = wrk_mix(target, data, duration=args.duration, connections=args.connections)
    time.sleep(max(0.0, (args.duration - args.fault) / 2))
    say(f"  {name}: stopping for {args.fault} s")
    service.stop()
    time.sleep(args.fault / 2)
    # the admin needs the database; only a Redis outage must leave editors logged in
    editor_during = editor.logged_in() if name == "redis" else None
    beacon_during = beacon_status(app, beacon)  # answered 204 even when not counted
    time.sleep(args.fault / 2)
    service.start()
    back = time.monotonic()
    say(f"  {name}: started again")
    recovery = None
    # a query string the page cache has never seen: answering it needs the database
    probe = f"{app}{probe_path}?recovery={secrets.token_hex(4)}"
    while time.monotonic() - back < 60:
        if status_of(probe) == 200:
            recovery = round(time.monotonic() - back, 1)
            break
        time.sleep(0.5)
    report = wrk_result(wrk)
    stored = comments_stored(env, tag)
    report.update(
        fault_seconds=args.fault,
        beacon_status_during=beacon_during,
        recovery_seconds=recovery,
        editor_logged_in={
            "before": editor_before,
            "during": editor_during,
            "after": editor.logged_in(),
        },  # fmt: skip
        comments_stored=stored["stored"] - before,
        comments_incomplete=stored["incomplete"],
    )
    # lost: told "sent" (303) but not stored. A post without a 303 or a 503 is one still in
    # flight when wrk stopped (wrk does not wait for them); stored beyond those, a comment
    # was kept while its reader was told it was not: both must be 0.
    saved, stored = report["comments_saved"], report["comments_stored"]
    unanswered = report["comments_sent"] - saved - report["comments_kept"]
    report["comments_unanswered"] = unanswered
    report["comments_lost"] = max(0, saved - stored)
    report["comments_stored_yet_refused"] = max(0, stored - saved - unanswered)
    return report


def stampede(app: str, env: dict[str, str], url: str, readers: int) -> dict:
    """Expire a hot page's entry, then let ``readers`` threads ask for it at once."""
    status_of(f"{app}{url}")  # cached now
    status_of(f"{app}{url}")
    code = (
        "import json\nfrom dateline.core import page_cache\nfrom django.core.cache import cache\n"
        "from django.conf import settings\n"
        "from django.utils.translation import get_language_from_path\n"
        f"language = get_language_from_path({url!r}) or settings.LANGUAGE_CODE\n"
        f"key = page_cache.entry_key(language, {app + url!r})\n"
        "entry = cache.get(key)\nok = entry is not None\n"
        "if ok:\n    entry.fresh_until = 0\n    cache.set(key, entry, 300)\n"
        "print(json.dumps({'expired': ok, 'key': key}))"
    )
    answer = django_json("postgres", code, env=env)
    expired = answer["expired"]
    if not expired:
        say(f"  stampede: no cache entry under {answer['key']} for {url}")
    states: list[str] = []
    gate = threading.Barrier(readers)

    def read() -> None:
        gate.wait()
        try:
            with urllib.request.urlopen(f"{app}{url}", timeout=30) as response:  # noqa: S310
                states.append(response.headers.get("X-Dateline-Cache", "?"))
        except OSError as error:
            states.append(f"error {error}")

    workers = [threading.Thread(target=read) for _ in range(readers)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    counts = {state: states.count(state) for state in sorted(set(states))}
    return {"readers": readers, "entry_expired": expired, "renders": counts.get("MISS", 0),
            "answers": counts}  # fmt: skip


def nginx_front(stack: ExitStack, port: int, upstream: int) -> str | None:
    render_path = ROOT / "deploy" / "nginx" / "render.py"
    spec = importlib.util.spec_from_file_location("dateline_nginx_render", render_path)
    if spec is None or not Path("/usr/sbin/nginx").exists():
        return None
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    values = {
        "DATELINE_SERVER_NAME": "127.0.0.1 localhost",
        "DATELINE_LISTEN": f"127.0.0.1:{port}",
        "DATELINE_UPSTREAM": f"127.0.0.1:{upstream}",
        "DATELINE_STATIC_ROOT": str(STRESS_DIR / "app" / "static"),
        "DATELINE_MEDIA_ROOT": str(STRESS_DIR / "app" / "media"),
        "DATELINE_PURGE_LISTEN": f"127.0.0.1:{port + 1}",
    }
    shutil.rmtree(STRESS_DIR / "nginx" / "cache", ignore_errors=True)
    nginx = stack.enter_context(render.Nginx(STRESS_DIR / "nginx", values, workers="1"))
    return nginx.url


def summary(results: dict) -> None:
    say("\nphase     req/s    p95 ms   p99 ms   errors  notes")
    for name in ("spike", "redis", "postgres"):
        run_ = results.get(name)
        if not run_:
            continue
        notes = (
            f"page 5xx {run_['page_5xx']} (uncached {run_['uncached_5xx']}), "
            "comments 303/stored/503-with-text "
            f"{run_['comments_saved']}/{run_.get('comments_stored', '-')}/{run_['comments_kept']}"
        )
        if "comments_lost" in run_:
            notes += (
                f" (lost {run_['comments_lost']}, "
                f"stored yet refused {run_['comments_stored_yet_refused']})"
            )
        if "recovery_seconds" in run_:
            notes += (
                f", beacon {run_['beacon_status_during']}"
                f", recovered in {run_['recovery_seconds']} s, editor "
                f"{'LOST' if False in run_['editor_logged_in'].values() else 'kept'}"
            )
        latency = run_["latency_ms"]
        p95, p99 = latency.get("p95") or 0, latency.get("p99") or 0
        rate, errors = run_["requests_per_s"], run_["error_rate"] * 100
        say(f"{name:9} {rate:7.0f} {p95:8.1f} {p99:8.1f} {errors:6.2f}%  {notes}")
    if "stampede" in results:
        s = results["stampede"]
        say(f"stampede  {s['readers']} readers, entry expired: {s['entry_expired']}, "
            f"renders {s['renders']} (at most 2), answers {s['answers']}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per phase")
    parser.add_argument("--fault", type=int, default=30, help="seconds each service is down")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--readers", type=int, default=200, help="stampede: concurrent readers")
    parser.add_argument("--phases", default=",".join(PHASES), help="comma-separated phases")
    parser.add_argument("--port", type=int, default=8805, help="the app (nginx on port+1)")
    parser.add_argument("--pg-port", type=int, default=5499)
    parser.add_argument("--redis-port", type=int, default=6399)
    parser.add_argument("--no-nginx", action="store_true", help="drive the app directly")
    args = parser.parse_args(argv)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(phases) - set(PHASES)
    if unknown or args.fault >= args.duration:
        parser.error(f"phases are {', '.join(PHASES)}; --fault must be shorter than --duration")
    if shutil.which("wrk") is None or shutil.which("redis-server") is None:
        raise SystemExit(
            "make stress needs wrk and redis-server (apt-get install wrk redis-server)"
        )
    postgres, redis = PrivatePostgres(args.pg_port), PrivateRedis(args.redis_port)
    tag = secrets.token_hex(3)
    results: dict = {"machine": machine(), "settings_changed": CHANGED, "args": vars(args)}
    say(f"Changed for the run: {CHANGED} (one load generator is one reader)")
    with ExitStack() as stack:
        postgres.start()
        stack.callback(postgres.stop)
        redis.start()
        stack.callback(redis.stop)
        env = stack_env("postgres", DATABASE_URL=postgres.url, REDIS_URL=redis.url,
                        DATELINE_VAR_DIR=str(STRESS_DIR / "app"), **CHANGED)  # fmt: skip
        say("Preparing the site (the first run seeds the demo newsroom: several minutes)")
        facts = site_prepare(env, tag)
        server = stack.enter_context(
            Server("postgres", env=env, port=args.port, log=STRESS_DIR / "serve.log")
        )
        front = None if args.no_nginx else nginx_front(stack, args.port + 1, args.port)
        target = front or server.url
        # the Origin a browser on the site sends: nginx passes the Host with its port
        facts["origin"] = target
        data = mix_data(facts, STRESS_DIR / "mix-data.lua")
        results["front"] = "nginx (deploy/nginx) + app" if front else "app only (no nginx)"
        say(f"Driving {target} ({results['front']}), {args.connections} connections")
        for url in facts["articles"]:
            status_of(f"{target}{url}")  # warm the caches, as a site that has been up
        if "spike" in phases:
            say(f"spike: {args.duration} s")
            results["spike"] = wrk_result(
                wrk_mix(target, data, duration=args.duration, connections=args.connections)
            )
        for name, service in (("redis", redis), ("postgres", postgres)):
            if name in phases:
                say(f"{name}: {args.duration} s, down for {args.fault} s in the middle")
                results[name] = fault_run(name, service, target=target, app=server.url,
                                          probe_path=facts["articles"][-1],
                                          beacon=facts["beacon"], data=data,
                                          env=env, args=args, tag=tag)  # fmt: skip
        if "stampede" in phases:
            results["stampede"] = stampede(server.url, env, facts["articles"][0], args.readers)
    summary(results)
    say(f"\nFigures written to {result_write('stress', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
