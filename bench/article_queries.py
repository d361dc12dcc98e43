"""SQL queries of a full article page (three states) at 1,000 and at 100,000 stories.

Usage: .venv/bin/python bench/article_queries.py [--scale 1k|100k ...] [--postgres]

The issue's target: a cold render of a full article (every body block, several authors,
tags, comments, Editor's Choice and Most Viewed) makes at most 12 queries, as many at
1,000 stories as at 100,000. The anonymous page cache is off in every state:

- *cold*: the Django cache emptied (``cache.clear()``) just before the request: every
  fragment rebuilt, the shared ones (menu, settings, Most Viewed, Editor's Choice) too;
- *cold article*: what a reader of an old story meets on a running site (``bench/pages.py``
  rotating through thousands of stories): the cache emptied, then another story of the
  same section rendered (the one with the fewest body blocks), so the shared parts are
  cached and nothing of this story is;
- *warm*: the Django cache (fragments, settings, menus, renditions) filled by the
  request before.

The story is the demo story with the most approved comments (then the most tags). The
demo's bodies hold paragraphs, a heading, a pull quote and an image; inside a transaction
that is rolled back, the script adds a related-story block, a map block (when the demo
has a map) and an embed (with its oEmbed answer stored, as Wagtail keeps it), so every
block type renders and the database is left as it was.

Databases: ``1k`` is ``var/bench/queries-1k/`` (created on first use with ``dateline
demo --scale 1000``); ``100k`` is the sqlite bench stack's ``var/bench/sqlite/`` (seeded
by ``make bench-search``; this script does not seed it); ``--postgres`` adds the
postgres bench stack's database at its current size. The cache is local memory in every
case (the script never clears the bench's Redis). Figures go to
bench/results/article-queries-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    POSTGRES_URL,
    ROOT,
    VAR_DIR,
    machine,
    manage,
    measure_inside,
    result_write,
    say,
    stack_env,
)

EMBED_URL = "https://www.youtube.com/watch?v=dateline-bench"
TARGET = 12
SCALES = {"1k": VAR_DIR / "queries-1k", "100k": VAR_DIR / "sqlite"}


def _env(target: str) -> dict[str, str]:
    extra = {"DJANGO_SETTINGS_MODULE": "dateline.settings", "DATELINE_PAGE_CACHE": "0"}
    if target == "postgres":
        env = stack_env("postgres", **extra)
        env.pop("REDIS_URL", None)  # local memory: clearing it touches nobody's data
        return env
    return stack_env("sqlite", DATELINE_VAR_DIR=str(SCALES[target]), **extra)


def ensure_small() -> None:
    """The 1,000-story database, made once: the demo, then 1,000 stories in bulk."""
    if (SCALES["1k"] / "dateline.sqlite3").exists():
        return
    say("  creating var/bench/queries-1k/ (dateline demo --scale 1000) ...")
    env = _env("1k")
    manage("sqlite", "migrate", "--noinput", env=env)
    manage("sqlite", "demo", "--scale", "1000", env=env)


def prepare(target: str) -> None:
    """Apply new migrations and collect static files (pages name their hashed files).

    The postgres database is used as the bench harness left it (it migrates it)."""
    if target == "postgres":
        return
    env = _env(target)
    manage("sqlite", "migrate", "--noinput", env=env)
    manage("sqlite", "collectstatic", "--noinput", env=env)


def _full_body(article, related, map_page, image_id) -> list[dict]:
    body = list(article.body.raw_data)
    if image_id and not any(block["type"] == "image" for block in body):
        body.append({"type": "image", "value": {"image": image_id, "caption": "", "credit": ""}})
    body.append({"type": "related_article", "value": {"page": related.pk, "label": ""}})
    if map_page is not None:
        body.append({"type": "map", "value": {"page": map_page.pk, "date": None, "caption": ""}})
    body.append({"type": "embed", "value": EMBED_URL})
    return [{"type": block["type"], "value": block["value"]} for block in body]


def _get(client, url: str) -> None:
    status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"{url} answered {status}, not 200")


def inside() -> dict:
    """In the target's Django: build the full story (rolled back), count its queries."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from dateline.maps.models import MapPage
    from dateline.news.models import ArticlePage

    live = ArticlePage.objects.live()
    article = (
        live.annotate(
            shown=Count("comments", filter=Q(comments__status="approved"), distinct=True),
            tag_total=Count("tagged_items", distinct=True),
        )
        .order_by("-shown", "-tag_total", "pk")
        .first()
    )
    related = live.exclude(pk=article.pk).order_by("pk").first()
    # the section's other story that brings least of its own to the cache
    siblings = list(live.sibling_of(article, inclusive=False).order_by("-pk")[:50])
    neighbour = min(siblings or [related], key=lambda story: len(story.body.raw_data))
    with transaction.atomic():
        image_id = article.image_id or related.image_id
        article.body = _full_body(article, related, MapPage.objects.live().first(), image_id)
        article.save(update_fields=["body"])
        Embed.objects.get_or_create(
            hash=get_embed_hash(EMBED_URL),
            defaults={"url": EMBED_URL, "type": "video", "title": "A video", "html": "<p></p>"},
        )
        client = Client(HTTP_HOST="127.0.0.1")
        url = article.url
        _get(client, url)  # renditions made, as after publishing
        counts = {}
        for state in ("cold", "cold_article", "warm"):
            if state == "cold":
                cache.clear()
            elif state == "cold_article":
                cache.clear()
                _get(client, neighbour.url)  # the shared parts, nothing of this story
            with CaptureQueriesContext(connection) as queries:
                _get(client, url)
            sql = [query["sql"][:160] for query in queries.captured_queries]  # copied now
            counts[state], counts[f"{state}_sql"] = len(sql), sql
        transaction.set_rollback(True)
    counts.update(
        stories=ArticlePage.objects.count(),
        article=url,
        neighbour=neighbour.url,
        blocks=sorted({block["type"] for block in article.body.raw_data}),
        database=connection.vendor,
    )
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="append", choices=sorted(SCALES))
    parser.add_argument("--postgres", action="store_true", help=f"also {POSTGRES_URL}")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inside:
        sys.stdout.write("RESULT " + json.dumps(inside()) + "\n")
        return 0
    info = machine()
    say(f"Article page queries, {info['date']}; page cache off; target: cold article <= {TARGET}")
    targets = list(args.scale or SCALES) + (["postgres"] if args.postgres else [])
    results = {"machine": info, "target_cold_article": TARGET, "databases": {}}
    for target in targets:
        if target == "1k":
            ensure_small()
        elif target == "100k" and not (SCALES["100k"] / "dateline.sqlite3").exists():
            say("  100k: var/bench/sqlite/ is not seeded (make bench-search does it); skipped")
            continue
        prepare(target)
        data = measure_inside(__file__, target, _env(target))
        results["databases"][target] = data
        say(
            f"  {target:>8} ({data['database']}, {data['stories']:,} stories): "
            f"cold {data['cold']} queries, cold article {data['cold_article']}, "
            f"warm {data['warm']}; target {'met' if data['cold_article'] <= TARGET else 'not met'}"
        )
    path = result_write("article-queries", results)
    say(f"Written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
