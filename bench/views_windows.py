"""Most Viewed windows: the time to compute each window uncached, at 100,000 stories.

Usage: .venv/bin/python bench/views_windows.py [--stack sqlite|postgres ...]

For each stack: load the demo and add stories in bulk up to 100,000 (``dateline demo
--scale``), then write 10 million views straight into the storage: a Zipf-like
spread over the stories (the most read story gets 1/k-th of the views... of rank k)
whose favourites change day by day, over the last 30 days, hour by hour. On SQLite
and PostgreSQL they go into the hourly table in bulk (COPY on PostgreSQL); on the
PostgreSQL stack they also go into Redis's hour sets, through pipelines. Then, with
the window cache bypassed, it times: recounting each window from scratch (once,
after a long pause), moving the windows on by one hour (what happens once an hour),
each window's ``top`` (many times; p50/p95), the whole ``windows_compute`` (three
windows and the story query), and, for comparison, summing the hours directly
(``top_from_hours``, the way the windows worked before the running totals).
Figures go to bench/results/views-windows-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from bisect import bisect_left
from collections import Counter
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    ROOT,
    STACK_LABELS,
    STACKS,
    django_json,
    machine,
    manage,
    measure_inside,
    percentile,
    result_write,
    say,
    stack_env,
)

STORIES = 100_000
VIEWS = 10_000_000
DAYS = 30
REPEATS = 200
SLOW_REPEATS = 3
WINDOW_NAMES = ("day", "week", "month")

COUNT = """
import json
from dateline.news.models import ArticlePage
print(json.dumps(ArticlePage.objects.count()))
"""


def stories_ensure(stack: str) -> None:
    manage(stack, "migrate", "--noinput")
    have = django_json(stack, COUNT)
    if have < STORIES:
        say(f"  adding {STORIES - have:,} stories in bulk (dateline demo --scale) ...")
        started = time.monotonic()
        manage(stack, "demo", "--scale", str(STORIES - have))
        say(f"  done in {time.monotonic() - started:.0f} s")


def hourly_views(page_ids: list[int], *, now: datetime, seed: int = 9):
    """Yield ``(page_id, hour, views)`` rows: VIEWS views over DAYS days, Zipf-like per hour."""
    rng = random.Random(seed)  # noqa: S311 - invented traffic, not secrets
    count = len(page_ids)
    cumulative = list(accumulate(1 / rank for rank in range(1, count + 1)))
    total = cumulative[-1]
    hours = DAYS * 24
    per_hour = VIEWS // hours
    first = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours - 1)
    for n in range(hours):
        hour = first + timedelta(hours=n)
        shift = (hour.toordinal() * 7_919) % count  # each day has its own favourites
        ranks = Counter(bisect_left(cumulative, rng.random() * total) for _ in range(per_hour))
        for rank, views in ranks.items():
            yield page_ids[(rank * 104_729 + shift) % count], hour, views


def seed_database(rows_of, page_ids, now) -> int:
    from django.db import connection, transaction

    from dateline.popularity.models import HourlyViews, ViewsWindow, WindowViews

    table = HourlyViews._meta.db_table
    with transaction.atomic():
        WindowViews.objects.all().delete()
        ViewsWindow.objects.all().delete()
        HourlyViews.objects.all().delete()
        written = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {table} (page_id, hour, views) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for page_id, hour, views in rows_of(page_ids, now=now):
                        copy.write_row((page_id, hour, views))
                        written += 1
            else:
                adapt = connection.ops.adapt_datetimefield_value
                batch = []
                sql = f"INSERT INTO {table} (page_id, hour, views) VALUES (%s, %s, %s)"  # noqa: S608
                for page_id, hour, views in rows_of(page_ids, now=now):
                    batch.append((page_id, adapt(hour), views))
                    if len(batch) == 50_000:
                        cursor.executemany(sql, batch)
                        written += len(batch)
                        batch = []
                cursor.executemany(sql, batch)
                written += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return written


def seed_redis(backend, page_ids, now) -> int:
    from dateline.popularity.conf import HOURLY_RETENTION

    backend.clear()
    pipe = backend.client.pipeline(transaction=False)
    written, hours = 0, set()
    for page_id, hour, views in hourly_views(page_ids, now=now):
        hours.add(hour)
        pipe.zincrby(backend._hour_key(hour), views, page_id)
        written += 1
        if written % 10_000 == 0:
            pipe.execute()
    for hour in hours:  # as record() does: each hour set expires 35 days after its hour
        pipe.expireat(backend._hour_key(hour), hour + HOURLY_RETENTION + timedelta(hours=1))
    pipe.execute()
    return written


def timed(function, repeats: int) -> dict:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "runs": repeats,
        "p50_ms": round(percentile(samples, 50), 3),
        "p95_ms": round(percentile(samples, 95), 3),
        "max_ms": round(max(samples), 3),
    }


def uncached_from_hours(backend, window: str, *, now: datetime):
    """``top_from_hours`` without the minute-long union that Redis keeps of it."""
    from dateline.popularity import windows

    if hasattr(backend, "client"):
        backend.client.delete(*backend.client.keys(f"{backend.prefix}:x:*") or ["-"])
    return backend.top_from_hours(window, windows.CANDIDATES, now=now)


def measure(backend, *, home_path: str, now: datetime, advance, reset) -> dict:
    """Time the windows on one backend whose storage holds the seeded views."""
    from dateline.popularity import windows
    from dateline.popularity.backends import get_backend

    if get_backend() is not backend:
        raise SystemExit("windows_compute would not use the backend under test")
    result = {}
    reset()
    started = time.perf_counter()
    if not advance(now - timedelta(hours=1)):
        raise SystemExit("the windows could not be counted an hour ago")
    result["recount_all_windows_ms"] = round((time.perf_counter() - started) * 1000, 1)
    started = time.perf_counter()
    if not advance(now):
        raise SystemExit("the windows could not be moved on to now")
    result["advance_one_hour_ms"] = round((time.perf_counter() - started) * 1000, 1)
    for window in WINDOW_NAMES:
        fast = backend.top(window, windows.CANDIDATES, now=now)
        slow = backend.top_from_hours(window, windows.CANDIDATES, now=now)
        if [views for _id, views in fast] != [views for _id, views in slow]:
            raise SystemExit(f"{window}: running totals and summed hours disagree")
        result[f"top_{window}"] = timed(
            lambda w=window: backend.top(w, windows.CANDIDATES, now=now), REPEATS
        )
        result[f"top_from_hours_{window}"] = timed(
            lambda w=window: uncached_from_hours(backend, w, now=now),
            SLOW_REPEATS if window != "day" else 10,
        )
    result["windows_compute"] = timed(
        lambda: windows.windows_compute(home_path, now=now), REPEATS // 4
    )
    result["day_top_views"] = backend.top("day", 1, now=now)[0][1]
    result["month_top_views"] = backend.top("month", 1, now=now)[0][1]
    return result


def inside(stack: str) -> dict:
    """Run in the stack's Django: seed (once per day), then time each backend."""
    import django

    django.setup()
    from django.utils import timezone

    from dateline.news.models import ArticlePage, HomePage
    from dateline.popularity import backends, services
    from dateline.popularity.backends.db import DatabaseBackend
    from dateline.popularity.models import HourlyViews, ViewsWindow, WindowViews

    now = timezone.now()
    page_ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
    home_path = HomePage.objects.order_by("path").values_list("path", flat=True).first()
    marker = Path(os.environ["DATELINE_VAR_DIR"]) / "views-seeded.json"
    out = {"stories": len(page_ids), "views": VIEWS, "days": DAYS, "backends": {}}
    seeded = json.loads(marker.read_text()) if marker.exists() else {}
    fresh = seeded.get("date") == f"{now:%Y-%m-%d}"  # seeded today: the views still fit
    if not fresh:
        started = time.monotonic()
        rows = seed_database(hourly_views, page_ids, now)
        out["seed_database_s"] = round(time.monotonic() - started)
        seeded = {"date": f"{now:%Y-%m-%d}", "rows": rows, "last_hour": now.isoformat()}
        marker.write_text(json.dumps(seeded))
    if stack == "postgres":
        redis_backend = backends.backend_build("redis")
        last_hour = datetime.fromisoformat(seeded.get("last_hour", now.isoformat()))
        if not fresh or not redis_backend.client.exists(redis_backend._hour_key(last_hour)):
            started = time.monotonic()
            seed_redis(redis_backend, page_ids, now)
            out["seed_redis_s"] = round(time.monotonic() - started)
    out["hourly_rows"] = HourlyViews.objects.count()
    # No cache.clear(): with Redis it is a FLUSHDB, which would take the view counts too.
    # windows_compute reads no cache; the cached layer above it (most_viewed) is not timed.

    def db_reset():
        WindowViews.objects.all().delete()
        ViewsWindow.objects.all().delete()

    database = DatabaseBackend()
    backends._backend = database
    out["backends"]["database"] = measure(
        database,
        home_path=home_path,
        now=now,
        advance=lambda when: services.views_windows_advance(now=when),
        reset=db_reset,
    )
    if stack == "postgres":
        backends._backend = redis_backend

        def redis_reset():
            keys = [redis_backend.starts_key]
            keys += [redis_backend._window_key(window) for window in WINDOW_NAMES]
            redis_backend.client.delete(*keys)

        out["backends"]["redis"] = measure(
            redis_backend,
            home_path=home_path,
            now=now,
            advance=lambda when: redis_backend.windows_advance(now=when),
            reset=redis_reset,
        )
    return out


def report_lines(stack: str, data: dict) -> list[str]:
    lines = []
    for name, figures in data["backends"].items():
        engine = "Redis" if name == "redis" else ("SQLite" if stack == "sqlite" else "PostgreSQL")
        tops = "  ".join(
            f"{w} p50 {figures[f'top_{w}']['p50_ms']:.2f} / p95 {figures[f'top_{w}']['p95_ms']:.2f}"
            for w in WINDOW_NAMES
        )
        slow = "  ".join(
            f"{w} {figures[f'top_from_hours_{w}']['p50_ms']:.0f}" for w in WINDOW_NAMES
        )
        compute = figures["windows_compute"]
        lines += [
            f"  {engine}: top per window (ms): {tops}",
            f"    windows_compute (3 windows + stories): p50 {compute['p50_ms']:.2f} ms, "
            f"p95 {compute['p95_ms']:.2f} ms",
            f"    moving the windows one hour: {figures['advance_one_hour_ms']:.0f} ms; "
            f"recounting them from the hours: {figures['recount_all_windows_ms']:.0f} ms",
            f"    summing the hours instead (p50 ms): {slow}",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", action="append", choices=STACKS)
    parser.add_argument("--inside", choices=STACKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inside:
        sys.stdout.write("RESULT " + json.dumps(inside(args.inside)) + "\n")
        return 0
    info = machine()
    say(f"Most Viewed windows on {info['nproc']} cores ({info['cpu']}), {info['date']}")
    say(f"{STORIES:,} stories, {VIEWS:,} views over {DAYS} days; window cache bypassed.")
    results = {"machine": info, "stacks": {}}
    for stack in args.stack or list(STACKS):
        say(f"\n{stack}: {STACK_LABELS[stack]}")
        stories_ensure(stack)
        env = stack_env(stack, DJANGO_SETTINGS_MODULE="dateline.settings")
        data = measure_inside(__file__, stack, env)
        results["stacks"][stack] = data
        for text in report_lines(stack, data):
            say(text)
    path = result_write("views-windows", results)
    say(f"Written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
