"""Keeping the story search table (models.SearchDocument) in step with Wagtail's index.

The backend's index classes call ``documents_sync`` after Wagtail has written a
batch of index entries, ``documents_delete`` when it removes one and
``documents_reset`` when it empties the index, so every path that indexes a page
(publishing, ``update_index``, the bulk demo) keeps this table too; a page move
updates the tree paths below it (``documents_repath``) and a publish or unpublish the
live state (``documents_live``), both from signal_handlers.py. The text is
copied from the entries just written: the normalised text on SQLite, the
tsvectors (headline weighted A, the rest D) on PostgreSQL.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone
from wagtail.search.models import IndexEntry

from dateline.search import registry
from dateline.search.models import SearchDocument

# recency = seconds since 1970 of the date readers see, times SPAN, plus the page
# id: newest first and, within a second, the higher id first (as the results pages
# order stories). Page ids stay below SPAN; a story without a date sorts last.
SPAN = 100_000_000
PAGE_TABLE = "wagtailcore_page"
UNDATED = -(10**10)
LARGEST = 2**63 - 1  # the column's (and SQLite's rowid's) largest value: about the year 4892


def recency(moment: datetime | None, page_id: int) -> int:
    seconds = UNDATED if moment is None else math.floor(moment.timestamp())
    return seconds * SPAN + page_id


def recency_bounds(start: date | None, end: date | None) -> tuple[int, int | None]:
    """The ``[low, high)`` recency range of stories dated within whole days [start, end]."""
    low = (UNDATED + 1) * SPAN
    if start:
        low = math.floor(_day_start(start).timestamp()) * SPAN
    high = math.floor(_day_start(end + timedelta(days=1)).timestamp()) * SPAN if end else None
    # a day far in the future (the form takes years up to 9998) is past every story
    return min(low, LARGEST), None if high is None else min(high, LARGEST)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def story_type_of(model) -> registry.StoryType | None:
    for story_type in registry.story_types():
        if issubclass(model, story_type.model):
            return story_type
    return None


def story_date(page) -> datetime | None:
    """The date readers see on a story (as ``registry.story_date`` computes it in SQL)."""
    story_type = story_type_of(type(page))
    field = story_type.date_field if story_type else None
    return (getattr(page, field, None) if field else None) or page.first_published_at


def _vendor_copy(vendor: str) -> tuple[str, str]:
    """The columns and values that copy an index entry ``e`` into a document."""
    if vendor == "postgresql":
        return "title, body, vector", "'', '', setweight(e.title, 'A') || setweight(e.body, 'D')"
    return "title, body", "e.title, e.body"


def documents_sync(model, objs, *, using: str) -> None:
    """Write the documents of ``objs`` (of ``model``) from their fresh index entries."""
    if story_type_of(model) is None:
        return
    rows = {obj.pk: recency(story_date(obj), obj.pk) for obj in objs}
    if not rows:
        return
    connection = connections[using]
    table = SearchDocument._meta.db_table
    columns, values = _vendor_copy(connection.vendor)
    documents_delete(list(rows), using=using)
    pairs = ", ".join(["(CAST(%s AS INTEGER), CAST(%s AS BIGINT))"] * len(rows))
    params = [value for row in rows.items() for value in row]
    content_type = ContentType.objects.db_manager(using).get_for_model(model).pk
    with connection.cursor() as cursor:
        # the entries' object ids are text: matched as text, read by their unique index
        cursor.execute(
            f"WITH v(page_id, recency) AS (VALUES {pairs}) "  # noqa: S608 - names from models
            f"INSERT INTO {table} (page_id, recency, path, live, {columns}) "
            f"SELECT v.page_id, v.recency, p.path, p.live, {values} FROM v "
            f"JOIN {PAGE_TABLE} p ON p.id = v.page_id "
            f"JOIN {IndexEntry._meta.db_table} e "
            "ON e.content_type_id = %s AND e.object_id = CAST(v.page_id AS TEXT)",
            [*params, content_type],
        )


def documents_repath(path: str, *, using: str = "default") -> int:
    """Copy the tree paths of the pages under ``path`` to their documents where they changed."""
    table = SearchDocument._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET path = p.path FROM {PAGE_TABLE} p "  # noqa: S608 - names
            f"WHERE p.id = {table}.page_id AND p.path LIKE %s AND p.path <> {table}.path",
            [f"{path}%"],
        )
        return cursor.rowcount


def documents_live(page_ids: list[int], *, using: str = "default") -> int:
    """Copy the pages' live state to their documents (after a publish or an unpublish)."""
    table = SearchDocument._meta.db_table
    marks = ", ".join(["%s"] * len(page_ids))
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET live = (SELECT p.live FROM {PAGE_TABLE} p "  # noqa: S608
            f"WHERE p.id = {table}.page_id) WHERE page_id IN ({marks})",
            page_ids,
        )
        return cursor.rowcount


def documents_delete(page_ids: list[int], *, using: str) -> None:
    # raw: no cascade to collect; on SQLite the FTS5 rows follow by trigger
    SearchDocument.objects.using(using).filter(page_id__in=page_ids)._raw_delete(using=using)


def documents_reset(*, using: str) -> None:
    SearchDocument.objects.using(using).all()._raw_delete(using=using)


def _content_type_ids(model) -> list[int]:
    models = [model, *_subclasses(model)]
    return [
        content_type.pk
        for content_type in ContentType.objects.filter(
            app_label__in={m._meta.app_label for m in models},
            model__in={m._meta.model_name for m in models},
        )
        if content_type.model_class() in models
    ]


def _subclasses(model) -> list:
    found = []
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract and not subclass._meta.proxy:
            found.append(subclass)
        found += _subclasses(subclass)
    return found


def documents_backfill(connection) -> int:
    """Add the documents that stories indexed before this table existed lack (idempotent).

    In SQL, from the index entries: seconds at 100,000 stories, where indexing
    again would take minutes.
    """
    table = SearchDocument._meta.db_table
    page_table = PAGE_TABLE
    columns, values = _vendor_copy(connection.vendor)
    if connection.vendor == "postgresql":
        seconds = "FLOOR(EXTRACT(EPOCH FROM {}))::bigint"
    else:
        seconds = "CAST(strftime('%%s', {}) AS INTEGER)"
    added = 0
    for story_type in registry.story_types():
        model = story_type.model
        content_types = _content_type_ids(model)
        if not content_types:
            continue
        story_table = model._meta.db_table
        key = model._meta.pk.column
        moment = "p.first_published_at"
        if story_type.date_field:
            moment = f"COALESCE(s.{story_type.date_field}, p.first_published_at)"
        seconds_of = f"COALESCE({seconds.format(moment)}, {UNDATED})"
        in_marks = ", ".join(["%s"] * len(content_types))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (page_id, recency, path, live, {columns}) "  # noqa: S608
                f"SELECT p.id, {seconds_of} * {SPAN} + p.id, p.path, p.live, {values} "
                f"FROM {IndexEntry._meta.db_table} e "
                f"JOIN {page_table} p ON CAST(p.id AS TEXT) = e.object_id "
                f"JOIN {story_table} s ON s.{key} = p.id "
                f"WHERE e.content_type_id IN ({in_marks}) "
                f"AND NOT EXISTS (SELECT 1 FROM {table} d WHERE d.page_id = p.id)",
                content_types,
            )
            added += max(cursor.rowcount, 0)
    return added
