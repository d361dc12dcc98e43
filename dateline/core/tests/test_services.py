"""Planner statistics: gathered after bulk loads and, on SQLite, every hour."""

from __future__ import annotations

import pytest
from django.db import connection

from dateline.core.scheduler import housekeeping_jobs
from dateline.core.services import database_analyze, database_housekeeping
from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


def statistics_rows() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'wagtailcore_page'")
        return cursor.fetchone()[0]


def test_analyze_gives_the_planner_statistics_on_the_page_table():
    section = SectionPageFactory(parent=home_page())
    for _ in range(3):
        ArticlePageFactory(parent=section)

    database_analyze()

    assert statistics_rows() > 0


def test_the_hourly_housekeeping_refreshes_statistics_on_sqlite():
    assert database_housekeeping in housekeeping_jobs()
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps its own statistics")
    ArticlePageFactory(parent=SectionPageFactory(parent=home_page()))

    database_housekeeping()

    assert statistics_rows() > 0
