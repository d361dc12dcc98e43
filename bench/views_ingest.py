"""Beacon ingest: counted views per second through ``dateline serve``, on each stack.

Usage: .venv/bin/python bench/views_ingest.py [--stack sqlite|postgres ...] [--duration 8]

For each stack: migrate and load the demo newsroom on the benchmark's own database
(if empty), sign a beacon for up to 2,000 live stories, start ``dateline serve``
(granian, 2 workers of 2 threads) on BENCH_PORT (8765), warm it up for a second, then run
``wrk -t2 -c16 --latency`` with bench/lua/beacon.lua. Each run is checked: the
views stored afterwards (all-time totals in the database after the server's clean
stop, and with Redis also the hour buckets) must be at least wrk's 2xx answers and
at most the requests written (wrk stops with up to one request per connection in
flight, which the server may still count), since every beacon sent is a distinct
reader-story pair. Two runs per stack; the better
one is reported. Figures go to bench/results/views-ingest-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    BENCH_DIR,
    REDIS_URL,
    STACK_LABELS,
    STACKS,
    VAR_DIR,
    Server,
    django_json,
    machine,
    manage,
    result_write,
    say,
    stack_env,
    wrk_run,
)

SCRIPT = BENCH_DIR / "lua" / "beacon.lua"
THREADS, CONNECTIONS = 2, 16
PER_READER = 10  # stories per simulated reader: under the rate limit of 60 a minute
STORIES = 2000
# Behind nginx the reader's address comes in X-Real-IP; the load generator has only one.
SERVER_SETTINGS = {"DATELINE_VIEWS_CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
REDIS_PREFIX = "views:dateline"  # the backend's default: "views:" + the cache KEY_PREFIX

STORED = """
import json
from django.db.models import Sum
from dateline.popularity.backends import get_backend
from dateline.popularity.models import TotalViews
get_backend().flush()  # with Redis: anything a stopped worker left pending
print(json.dumps(TotalViews.objects.aggregate(n=Sum("views"))["n"] or 0))
"""

SIGNED = f"""
import json
from dateline.news.models import ArticlePage
from dateline.popularity.counting import page_signature
ids = ArticlePage.objects.live().order_by("-pk").values_list("pk", flat=True)[:{STORIES}]
print(json.dumps([[pk, page_signature(pk)] for pk in ids]))
"""


def site_prepare(stack: str) -> Path:
    """Migrate, load the demo if empty, and write the signed beacon bodies for wrk."""
    manage(stack, "migrate", "--noinput")
    manage(stack, "demo", "--if-empty")
    signed = django_json(stack, SIGNED)
    if len(signed) < PER_READER:
        raise SystemExit(f"{stack}: only {len(signed)} live stories; the benchmark needs 10.")
    data = VAR_DIR / stack / "beacons.lua"
    bodies = ",\n".join(f'"page={pk}&sig={sig}"' for pk, sig in signed)
    data.write_text(f"return {{\n{bodies}\n}}\n")
    return data


def redis_hours_total(start: datetime, end: datetime) -> int:
    """Views in the Redis hour buckets from ``start`` to ``end`` (both hours included)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    hour, total = start.replace(minute=0, second=0, microsecond=0), 0
    while hour <= end:
        key = f"{REDIS_PREFIX}:h:{hour:%Y%m%d%H}"
        total += sum(int(score) for _member, score in client.zrange(key, 0, -1, withscores=True))
        hour += timedelta(hours=1)
    return total


def ok_responses(report: dict) -> int:
    return sum(count for code, count in report["status"].items() if code.startswith("2"))


def run_once(stack: str, data: Path, *, duration: int) -> dict:
    env = stack_env(stack, **SERVER_SETTINGS)
    started = datetime.now(UTC)
    stored_before = django_json(stack, STORED)
    hours_before = redis_hours_total(started, started) if stack == "postgres" else 0
    with Server(stack, env=env, log=VAR_DIR / stack / "serve.log") as server:
        url = f"{server.url}/_views/"
        warmup = wrk_run(
            url,
            script=SCRIPT,
            script_args=(str(data), secrets.token_hex(2), str(PER_READER)),
            threads=1,
            connections=2,
            duration=1,
        )
        report = wrk_run(
            url,
            script=SCRIPT,
            script_args=(str(data), secrets.token_hex(2), str(PER_READER)),
            threads=THREADS,
            connections=CONNECTIONS,
            duration=duration,
        )
    # The clean stop flushed each worker's buffer (and STORED flushes Redis's pending hash).
    answered = ok_responses(warmup) + ok_responses(report)
    written = warmup["sent"] + report["sent"]
    rejected = sum(c for code, c in report["status"].items() if not code.startswith("2"))
    counted = django_json(stack, STORED) - stored_before
    result = {
        "wrk": report,
        "warmup_2xx": ok_responses(warmup),
        "sent_2xx": answered,
        "sent_unanswered": written - answered - rejected,
        "rejected": rejected,
        "counted_in_database": counted,
    }
    if stack == "postgres":
        result["counted_in_redis"] = redis_hours_total(started, datetime.now(UTC)) - hours_before
    checks = [counted] + ([result["counted_in_redis"]] if stack == "postgres" else [])
    # Every 2xx is a stored view; a request still in flight when wrk stopped may be too.
    result["all_counted"] = answered > 0 and all(
        answered <= value <= written - rejected for value in checks
    )
    return result


def summary_line(stack: str, run: dict) -> str:
    wrk = run["wrk"]
    latency = wrk["latency_ms"]
    verdict = "all counted" if run["all_counted"] else "COUNT MISMATCH"
    extra = f", in Redis {run['counted_in_redis']}" if "counted_in_redis" in run else ""
    return (
        f"  {stack:8} {wrk['requests_per_s']:8.0f} views/s  p50 {latency['p50']:.2f} ms  "
        f"p99 {latency['p99']:.2f} ms  | 2xx {run['sent_2xx']} (+{run['sent_unanswered']} in "
        f"flight at the stop), rejected {run['rejected']}, stored "
        f"{run['counted_in_database']}{extra}: {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", action="append", choices=STACKS)
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run (8)")
    parser.add_argument("--runs", type=int, default=2, help="runs per stack; best kept (2)")
    args = parser.parse_args(argv)
    stacks = args.stack or list(STACKS)
    info = machine()
    say(f"Beacon ingest on {info['nproc']} cores ({info['cpu']}), {info['date']}")
    say(
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{args.duration}s, sharing the cores with the server. "
        "Each simulated reader sends its address in X-Real-IP "
        "(DATELINE_VIEWS_CLIENT_IP_HEADER=HTTP_X_REAL_IP) and views 10 different stories; "
        "the rate limit stays at its default (60 a minute)."
    )
    results = {"machine": info, "settings": SERVER_SETTINGS, "stacks": {}}
    failed = False
    for stack in stacks:
        say(f"\n{stack}: {STACK_LABELS[stack]}")
        data = site_prepare(stack)
        runs = []
        for _ in range(args.runs):
            run = run_once(stack, data, duration=args.duration)
            say(summary_line(stack, run))
            runs.append(run)
        best = max(runs, key=lambda run: run["wrk"]["requests_per_s"])
        failed |= not all(run["all_counted"] for run in runs)
        results["stacks"][stack] = {"label": STACK_LABELS[stack], "runs": runs, "best": best}
    path = result_write("views-ingest", results)
    say(f"\nBest of {args.runs} per stack:")
    for stack, entry in results["stacks"].items():
        say(summary_line(stack, entry["best"]))
    say(f"Written to {path.relative_to(BENCH_DIR.parent)}")
    if failed:
        say("FAILED: a run stored a different number of views than wrk got 2xx answers for.")
        say(json.dumps({s: e["best"]["wrk"]["status"] for s, e in results["stacks"].items()}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
