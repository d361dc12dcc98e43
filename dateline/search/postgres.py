"""Wagtail's PostgreSQL search backend, with a count that can stop early.

Wagtail counts a sliced result set (``results[:n].count()``) by wrapping the
relevance-ordered, sliced query in ``COUNT(*)``: PostgreSQL then ranks and sorts
every match just to count the first n. Here the ranking order is dropped before
slicing, so the count stops after n matching rows. The unsliced count and the
search itself are Wagtail's. The index also keeps the story search table, which
``search_stories`` reads (stories.py).

Imported only on PostgreSQL (see backend.py).
"""

from __future__ import annotations

from django.db.utils import ProgrammingError
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)

from dateline.search.documents import (
    documents_delete,
    documents_reset,
    documents_sync,
    story_type_of,
)
from dateline.search.stories import PostgresStoryCompiler, StorySearchMixin


class CappedCountPostgresSearchResults(PostgresSearchResults):
    def _do_count(self):
        try:
            queryset = self.query_compiler.search(
                self.query_compiler.get_config(self.backend), None, None, backend=self.backend
            )
            return queryset.order_by()[self.start : self.stop].count()
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)


class DocumentsPostgresIndex(PostgresIndex):
    """Wagtail's index, keeping the story search table (documents.py) in step."""

    def add_items(self, model, objs):
        objs = list(objs)
        super().add_items(model, objs)
        if model.get_search_fields():
            documents_sync(model, objs, using=self.write_connection.alias)

    def delete_item(self, item):
        super().delete_item(item)
        if story_type_of(type(item)) is not None:
            documents_delete([item.pk], using=self.write_connection.alias)

    def reset(self):
        super().reset()
        documents_reset(using=self.write_connection.alias)


class CappedCountPostgresSearchBackend(StorySearchMixin, PostgresSearchBackend):
    results_class = CappedCountPostgresSearchResults
    index_class = DocumentsPostgresIndex
    story_compiler_class = PostgresStoryCompiler
