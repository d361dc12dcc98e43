"""Writing counted views into the tables: batched adds, and rolling old hours into days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Sum
from wagtail.models import Page

from dateline.popularity.conf import HOURLY_RETENTION, floor_hour
from dateline.popularity.models import DailyViews, HourlyViews, TotalViews

BATCH_ROWS = 1000


def _upsert_add(model, keys: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET views = views + excluded.views.

    Raw SQL because Django's ``bulk_create(update_conflicts=True)`` can only set
    ``views = excluded.views`` (it overwrites, we must add); this statement is the
    same on SQLite (3.24+) and PostgreSQL. One statement per 1,000 rows.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in (*keys, "views")]
    conflict = ", ".join(quote(column) for column in columns[:-1])
    rows = list(rows)
    for start in range(0, len(rows), BATCH_ROWS):
        batch = rows[start : start + BATCH_ROWS]
        values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
        sql = (
            f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES {values} "  # noqa: S608 - names come from model meta, values are parameters
            f"ON CONFLICT ({conflict}) DO UPDATE SET views = {table}.views + excluded.views"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in batch for value in row])


@transaction.atomic
def views_store(*, counts: Mapping[tuple[int, datetime], int]) -> int:
    """Add ``{(page_id, hour): views}`` to the hourly and all-time tables; return rows written.

    Three queries whatever the number of views: the pages that still exist (a story
    deleted since its views were counted is skipped), the hourly rows, the totals.
    """
    page_ids = {page_id for page_id, _hour in counts}
    existing = set(Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
    adapt = connection.ops.adapt_datetimefield_value
    hourly = [
        (page_id, adapt(floor_hour(hour)), views)
        for (page_id, hour), views in sorted(counts.items())
        if page_id in existing and views > 0
    ]
    totals: Counter[int] = Counter()
    for (page_id, _hour), views in counts.items():
        if page_id in existing and views > 0:
            totals[page_id] += views
    if hourly:
        _upsert_add(HourlyViews, ("page", "hour"), hourly)
        _upsert_add(TotalViews, ("page",), sorted(totals.items()))
    return len(hourly)


@transaction.atomic
def views_rollup(*, now: datetime, max_days: int = 7) -> int:
    """Fold hourly rows older than 35 days into daily totals, a day at a time; return rows folded.

    Each day's rows are locked first (PostgreSQL), so two processes rolling up at
    once cannot add the same hours twice; SQLite serialises writers anyway.
    """
    cutoff = floor_hour(now - HOURLY_RETENTION)
    folded = 0
    for _ in range(max_days):
        oldest = HourlyViews.objects.filter(hour__lt=cutoff).order_by("hour").first()
        if oldest is None:
            break
        day_start = oldest.hour.replace(hour=0)
        rows = HourlyViews.objects.filter(
            hour__gte=day_start, hour__lt=min(cutoff, day_start + timedelta(days=1))
        )
        folded += len(rows.select_for_update().values_list("pk", flat=True))
        days = rows.values("page_id").annotate(sum=Sum("views"))
        day = connection.ops.adapt_datefield_value(day_start.date())
        _upsert_add(
            DailyViews, ("page", "day"), sorted((row["page_id"], day, row["sum"]) for row in days)
        )
        rows.delete()
    return folded
