"""Work on the database as a whole, outside any request."""

from __future__ import annotations

from django.db import connection

# Rows SQLite samples per index when it gathers statistics: enough for the planner, and
# quick even at 100,000 stories (https://sqlite.org/lang_analyze.html#approx).
SQLITE_ANALYSIS_LIMIT = 1000


def database_analyze() -> None:
    """Refresh the query planner's statistics (after a bulk load, and hourly on SQLite).

    Without them SQLite picks full scans for search and listings once the archive is
    large; PostgreSQL's autovacuum keeps its own, but a bulk load outruns it.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")


def database_housekeeping() -> None:
    """The hourly job: SQLite has no autovacuum daemon to keep its statistics current."""
    if connection.vendor == "sqlite":
        database_analyze()
