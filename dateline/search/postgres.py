"""Wagtail's PostgreSQL search backend, with a count that can stop early.

Wagtail counts a sliced result set (``results[:n].count()``) by wrapping the
relevance-ordered, sliced query in ``COUNT(*)``: PostgreSQL then ranks and sorts
every match just to count the first n. Here the ranking order is dropped before
slicing, so the count stops after n matching rows. The unsliced count and the
search itself are Wagtail's.

Imported only on PostgreSQL (see backend.py).
"""

from __future__ import annotations

from django.db.utils import ProgrammingError
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchResults,
)


class CappedCountPostgresSearchResults(PostgresSearchResults):
    def _do_count(self):
        try:
            queryset = self.query_compiler.search(
                self.query_compiler.get_config(self.backend), None, None, backend=self.backend
            )
            return queryset.order_by()[self.start : self.stop].count()
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)


class CappedCountPostgresSearchBackend(PostgresSearchBackend):
    results_class = CappedCountPostgresSearchResults
