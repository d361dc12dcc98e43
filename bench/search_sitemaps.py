"""Search and sitemaps at 100,000 stories: time per search page and per sitemap page.

Usage: .venv/bin/python bench/search_sitemaps.py [--stack sqlite|postgres ...] [--repeats N]

For each stack: load the demo and add stories in bulk up to 100,000 (``dateline demo
--scale``, which indexes each batch for search), index any story the search index is
missing (a database seeded before bulk mode indexed), then ``ANALYZE`` so the planner
knows the tables' sizes (SQLite picks a poor plan without statistics). Then, in one
process with the Django test client (the whole request: middleware, view, template;
no HTTP server, no network), it times:

- ``/search/?q=...`` for rare terms, common terms and filtered queries from the demo
  vocabulary, REPEATS times each after a warm-up: p50/p95 per query and over all, and
  the database queries of one more request;
- ``/sitemap-stories.xml?p=1`` (10,000 story URLs with their lead images), with the
  syndication cache bumped before each request so that every one is built anew.

The page cache is switched off (``DATELINE_PAGE_CACHE=false``) for the run: search is
never page-cached, but the sitemaps would be. Figures go to
bench/results/search-sitemaps-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
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
REPEATS = 30
SITEMAP_REPEATS = 5
INDEX_BATCH = 1_000
TARGETS_MS = {"search_p95": {"sqlite": 150, "postgres": 50}, "sitemap_page": 1000}
SITEMAP_URL = "/sitemap-stories.xml?p=1"

# From the demo vocabulary (dateline/news/demo/content.py): how many stories match
# each is counted in the run and kept in the results.
QUERIES = {
    "rare": [
        "q=lantern",  # one culture headline of five: about 3 % of stories
        "q=demining+Veloria",  # one security headline in one of twelve places
        "q=choirs+Kestrel+Strait",  # one culture headline, one place
        "q=zanzibar",  # not in the vocabulary: no match at all
    ],
    "common": [
        "q=water",  # the most common word, in about two stories of three
        "q=council",
        "q=harbour+markets",
    ],
    "filtered": [
        "q=water&section=economy",
        "q=council&from=2026-01-01&to=2026-06-30",
    ],
}

COUNT = """
import json
from dateline.news.models import ArticlePage
print(json.dumps(ArticlePage.objects.count()))
"""


def stories_ensure(stack: str) -> None:
    manage(stack, "migrate", "--noinput")
    manage(stack, "collectstatic", "--noinput")  # pages name their hashed static files
    have = django_json(stack, COUNT)
    if have == 0:
        say("  loading the demo (dateline demo) ...")
        manage(stack, "demo")
        have = django_json(stack, COUNT)
    if have < STORIES:
        say(f"  adding {STORIES - have:,} stories in bulk (dateline demo --scale) ...")
        started = time.monotonic()
        manage(stack, "demo", "--scale", str(STORIES - have))
        say(f"  done in {time.monotonic() - started:.0f} s")


def index_ensure() -> dict:
    """Index the stories the search index or the story search table lacks (as bulk mode
    would), then ANALYZE."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.search.backends import get_search_backends
    from wagtail.search.models import IndexEntry

    from dateline.news.models import ArticlePage
    from dateline.search.models import SearchDocument

    kind = ContentType.objects.get_for_model(ArticlePage)
    indexed = {
        int(pk)
        for pk in IndexEntry.objects.filter(content_type=kind).values_list("object_id", flat=True)
    }
    # the story search table (filled from the index by its migration)
    indexed &= set(SearchDocument.objects.values_list("page_id", flat=True))
    missing = sorted(set(ArticlePage.objects.values_list("pk", flat=True)) - indexed)
    started = time.monotonic()
    for start in range(0, len(missing), INDEX_BATCH):
        stories = (
            ArticlePage.get_indexed_objects()
            .filter(pk__in=missing[start : start + INDEX_BATCH])
            .prefetch_related("tagged_items__tag", "article_authors__author")
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, stories)
    out = {"indexed_now": len(missing), "index_s": round(time.monotonic() - started)}
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    out["analyze_s"] = round(time.monotonic() - started, 1)
    out["index_entries"] = IndexEntry.objects.count()
    out["search_documents"] = SearchDocument.objects.count()
    return out


def summary(samples: list[float]) -> dict:
    """p50/p95/max (nearest rank) of samples in milliseconds, rounded to 0.1 ms."""
    if not samples:
        raise ValueError("no samples")
    return {
        "runs": len(samples),
        "p50_ms": round(percentile(samples, 50), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "max_ms": round(max(samples), 1),
    }


def get_timed(client, url: str, host: str) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(url, HTTP_HOST=host)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed, response


def matches(query: str, home) -> int:
    """How many stories a query finds, through the page's own selector."""
    from urllib.parse import parse_qs

    from dateline.search import selectors

    params = {key: values[0] for key, values in parse_qs(query).items()}
    choices = selectors.filter_choices(home, requested_tag="")
    filters = selectors.Filters(section=choices.sections.get(params.get("section", "")))
    if "from" in params:
        from datetime import date

        filters.start = date.fromisoformat(params["from"])
        filters.end = date.fromisoformat(params["to"])
    found = selectors.search(home, filters, selectors.query_terms(params["q"]), newest=False)
    return found.count() if hasattr(found, "count") else len(found)


def inside(stack: str, repeats: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from dateline.news.models import ArticlePage
    from dateline.search import selectors
    from dateline.syndication.cache import syndication_invalidate

    # a database seeded by an older checkout gets the search tables (and their
    # backfill) here too; migrating again is a no-op
    call_command("migrate", "--noinput", verbosity=0)
    out = {"stories": ArticlePage.objects.count(), "prepare": index_ensure()}
    site = Site.objects.get(is_default_site=True)
    host = site.hostname
    home = selectors.edition_home("en")
    client = Client()
    out["search"] = {}
    everything = []
    for group, queries in QUERIES.items():
        samples_group = []
        for query in queries:
            url = f"/search/?{query}"
            for _ in range(3):  # warm-up: code paths, the database's caches
                get_timed(client, url, host)
            samples = [get_timed(client, url, host)[0] for _ in range(repeats)]
            with CaptureQueriesContext(connection) as queries:
                get_timed(client, url, host)
            try:
                found = matches(query, home)
            except Exception as error:  # noqa: BLE001 - a count is a courtesy, not the measure
                found = f"not counted: {error}"
            out["search"][query] = {
                "group": group,
                "matches": found,
                "queries": len(queries),
                **summary(samples),
            }
            samples_group += samples
        out[f"search_{group}"] = summary(samples_group)
        everything += samples_group
    out["search_all"] = summary(everything)
    samples = []
    syndication_invalidate()
    _elapsed, response = get_timed(client, SITEMAP_URL, host)  # warm-up
    out["sitemap_urls"] = response.content.count(b"<url>")
    out["sitemap_bytes"] = len(response.content)
    for _ in range(SITEMAP_REPEATS):
        syndication_invalidate()
        samples.append(get_timed(client, SITEMAP_URL, host)[0])
    out["sitemap"] = summary(samples)
    return out


def report_lines(stack: str, data: dict) -> list[str]:
    lines = []
    for query, figures in data["search"].items():
        lines.append(
            f"  {figures['group']:8} {query:42} matches {figures['matches']!s:>7}  "
            f"p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
            f"{figures.get('queries', '?')} queries"
        )
    for group in (*QUERIES, "all"):
        figures = data[f"search_{group}"]
        lines.append(
            f"  search {group}: p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms"
        )
    sitemap = data["sitemap"]
    lines.append(
        f"  {SITEMAP_URL} ({data['sitemap_urls']:,} URLs, {data['sitemap_bytes'] / 1e6:.1f} MB): "
        f"p50 {sitemap['p50_ms']:.0f} ms, p95 {sitemap['p95_ms']:.0f} ms"
    )
    target = TARGETS_MS["search_p95"][stack]
    lines.append(
        f"  targets: search p95 < {target} ms: "
        f"{'met' if data['search_all']['p95_ms'] < target else 'NOT met'}; "
        f"sitemap page < {TARGETS_MS['sitemap_page']} ms: "
        f"{'met' if sitemap['p95_ms'] < TARGETS_MS['sitemap_page'] else 'NOT met'}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", action="append", choices=STACKS)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument(
        "--label", default="", help="write bench/results/search-sitemaps-<label>-<date>.json"
    )
    parser.add_argument("--inside", choices=STACKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inside:
        sys.stdout.write("RESULT " + json.dumps(inside(args.inside, args.repeats)) + "\n")
        return 0
    info = machine()
    say(f"Search and sitemaps on {info['nproc']} cores ({info['cpu']}), {info['date']}")
    say(
        f"{STORIES:,} stories; Django test client in one process (no HTTP server); "
        f"{args.repeats} runs per query after 3 warm-ups; page cache off."
    )
    results = {
        "machine": info,
        "method": "Django test client, in-process; DATELINE_PAGE_CACHE=false; "
        "syndication cache bumped before each sitemap request",
        "repeats": args.repeats,
        "sitemap_repeats": SITEMAP_REPEATS,
        "targets_ms": TARGETS_MS,
        "stacks": {},
    }
    for stack in args.stack or list(STACKS):
        say(f"\n{stack}: {STACK_LABELS[stack]}")
        stories_ensure(stack)
        env = stack_env(
            stack, DJANGO_SETTINGS_MODULE="dateline.settings", DATELINE_PAGE_CACHE="false"
        )
        data = measure_inside(__file__, stack, env, "--repeats", str(args.repeats))
        results["stacks"][stack] = data
        for text in report_lines(stack, data):
            say(text)
    path = result_write("-".join(filter(None, ["search-sitemaps", args.label])), results)
    say(f"Written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
