"""Wagtail's database search backend, with SQLite's ranking and indexing done by FTS5 itself.

On PostgreSQL this is Wagtail's backend, ranking the title vector and each
field's boost with ``ts_rank`` over its GIN index, except that a sliced count
(``results[:n].count()``) stops at n matches (``postgres.py``). On SQLite (FTS5) it is
Wagtail's backend with the changes in ``sqlite_fts.py``: the headline weighted
above the body, relevance ranking in one FTS5 query instead of one per match, and
indexing without work per row or per save that the ranking does not use. Without
FTS5, it is Wagtail's fallback backend.

``WAGTAILSEARCH_BACKENDS`` names this module instead of
``wagtail.search.backends.database``.
"""

from __future__ import annotations

from django.db import connection
from wagtail.search.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from dateline.search.postgres import CappedCountPostgresSearchBackend

        return CappedCountPostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if type(backend) is not SQLiteSearchBackend:
        return backend  # SQLite without FTS5: Wagtail's fallback backend
    # imported here: the FTS5 model it uses exists only when the database is SQLite
    from dateline.search.sqlite_fts import WeightedSQLiteSearchBackend

    return WeightedSQLiteSearchBackend(params)
