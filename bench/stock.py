"""The stock Wagtail reference: what a Python team would ship without Dateline.

``stock_ensure`` generates a site with ``wagtail start`` into ``var/bench/stock/`` (not
committed; made again when missing or half-built), adds the minimal article page the
issue names (title, date, rich text; no navigation) and 100 published articles under the
home page, on Wagtail's own defaults: SQLite, ``stock.settings.production`` (DEBUG off,
manifest static files), no cache. The page benchmark (bench/pages.py) serves it with the
same granian settings as ``dateline serve`` and measures its queries per request with
``stock_measure``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, VAR_DIR, say

STOCK_DIR = VAR_DIR / "stock"
WAGTAIL = ROOT / ".venv" / "bin" / "wagtail"
BUILT = STOCK_DIR / ".built"
ARTICLES = 100
SETTINGS = "stock.settings.production"

MODEL = '''

from django.db.models import DateField
from wagtail.fields import RichTextField


class ArticlePage(Page):
    """The minimal article: a title, a date and rich text."""

    date = DateField()
    body = RichTextField()
    parent_page_types = ["home.HomePage"]
'''

TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<article>
    <h1>{{ page.title }}</h1>
    <p><time datetime="{{ page.date|date:'Y-m-d' }}">{{ page.date }}</time></p>
    {{ page.body|richtext }}
</article>
{% endblock %}
"""

LOCAL_SETTINGS = """SECRET_KEY = "stock-wagtail-benchmark-reference-not-a-secret-0123456789abcdef"
ALLOWED_HOSTS = ["*"]
"""

PARAGRAPH = (
    "The harbour authority said the ferries would run to the winter timetable from "
    "Monday, after a week in which storms closed the northern crossing twice. Traders "
    "at the fish market welcomed the news, though several said the late boats mattered "
    "more to them than the early ones, and asked the council to publish the timetable "
    "in <b>both languages</b> before the weekend. "
)

CREATE = f"""
import datetime, json
from home.models import ArticlePage, HomePage
home = HomePage.objects.first()
body = "".join("<p>{PARAGRAPH}</p>" for _ in range(4))
for n in range(1, {ARTICLES} + 1):
    home.add_child(instance=ArticlePage(
        title=f"Ferry timetable changes, part {{n}}", slug=f"story-{{n}}",
        date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n), body=body))
print(json.dumps(ArticlePage.objects.live().count()))
"""

PATHS = """
import json
from home.models import ArticlePage
print(json.dumps([page.url for page in ArticlePage.objects.live().order_by("path")]))
"""

MEASURE = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from home.models import ArticlePage
client, counts, sizes = Client(), [], []
pages = list(ArticlePage.objects.live().order_by("path"))
client.get(pages[0].url)  # warm-up: site root paths, templates
for page in pages[1:21]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200, response.status_code
    counts.append(len(queries))
    sizes.append(len(response.content))
print(json.dumps({"queries": max(counts), "bytes": round(sum(sizes) / len(sizes))}))
"""


def stock_env() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH")
    }
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    return env


def _manage(*args: str) -> str:
    done = subprocess.run(  # noqa: S603 - the generated project's manage.py
        [sys.executable, "manage.py", *args],
        cwd=STOCK_DIR,
        env=stock_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        command = " ".join(args[:2])
        raise SystemExit(f"stock Wagtail: manage.py {command} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _json(code: str):
    return json.loads(_manage("shell", "-c", code).strip().splitlines()[-1])


def stock_ensure() -> Path:
    """The generated stock site, built once (about a minute)."""
    if BUILT.exists():
        return STOCK_DIR
    if STOCK_DIR.exists():
        shutil.rmtree(STOCK_DIR)  # a build that stopped half-way
    say("  generating a stock Wagtail site (wagtail start) in var/bench/stock/ ...")
    STOCK_DIR.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - Wagtail's own project generator
        [str(WAGTAIL), "start", "stock", str(STOCK_DIR)], check=True, capture_output=True
    )
    with (STOCK_DIR / "home" / "models.py").open("a") as models:
        models.write(MODEL)
    (STOCK_DIR / "home" / "templates" / "home" / "article_page.html").write_text(TEMPLATE)
    (STOCK_DIR / "stock" / "settings" / "local.py").write_text(LOCAL_SETTINGS)
    _manage("makemigrations", "home")
    _manage("migrate", "--noinput")
    _manage("collectstatic", "--noinput")
    created = _json(CREATE)
    if created != ARTICLES:
        raise SystemExit(f"stock Wagtail: {created} articles made, not {ARTICLES}.")
    BUILT.write_text("built\n")
    return STOCK_DIR


def stock_paths() -> list[str]:
    """The stock articles' paths (``/story-1/`` ...)."""
    return _json(PATHS)


def stock_measure() -> dict:
    """SQL queries per article request (the most over 20 articles) and average bytes."""
    return _json(MEASURE)


def stock_argv(port: int, *, workers: int, threads: int) -> list[str]:
    """granian as ``dateline serve`` runs it, on the stock project's WSGI application."""
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi",
        "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--blocking-threads", str(threads),
        "--workers-kill-timeout", "10", "--no-access-log",
        "stock.wsgi:application",
    ]  # fmt: skip


if __name__ == "__main__":
    stock_ensure()
    say(json.dumps(stock_measure()))
