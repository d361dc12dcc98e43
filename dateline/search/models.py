"""The story search table: one row per story page, kept by the search backend (documents.py).

Wagtail's index table keys its entries by content type and a text object id,
so a search joins pages through ``object_id = id::text`` and, to rank, reads
every match. This table is keyed by the page id and ordered by ``recency`` (the
date readers see, then the id: ``documents.recency``), so the reader's search
can take the newest matches from an index and rank only those; a date filter is
a range of one indexed column, and an edition or section one a prefix of ``path``.

On PostgreSQL ``vector`` holds the story's weighted text (GIN index); on SQLite
``title`` and ``body`` hold its normalised text, indexed by an FTS5 table whose
rowid is ``recency`` (``StoryFTS``). Both are made by migration 0002.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    recency = models.BigIntegerField(unique=True)
    # the page's tree path, so the edition and section filters read this row; kept
    # when Wagtail indexes the page and when a page above it moves (signal_handlers.py)
    path = models.CharField(max_length=255, db_index=True, default="")
    # the page's live state, so a search without tag, topic or author filters reads only
    # this table (copied when the page is indexed, published or unpublished)
    live = models.BooleanField(default=False)
    title = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "search document"

    def __str__(self) -> str:
        return f"search document of page {self.page_id}"


class StoryFTS(models.Model):
    """SQLite only: the FTS5 index of ``SearchDocument`` (external content, rowid ``recency``)."""

    document = models.OneToOneField(
        SearchDocument,
        to_field="recency",
        db_column="rowid",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    title = models.TextField()
    body = models.TextField()

    class Meta:
        managed = False
        db_table = "dateline_search_fts"

    def __str__(self) -> str:
        return f"FTS row {self.document_id}"
