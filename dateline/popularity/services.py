"""Writing counted views into the tables: batched adds, rolling windows, old hours into days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Sum
from wagtail.models import Page

from dateline.popularity.conf import HOURLY_RETENTION, WINDOWS, floor_hour, window_start
from dateline.popularity.models import (
    DailyViews,
    HourlyViews,
    TotalViews,
    ViewsWindow,
    WindowViews,
)

BATCH_ROWS = 1000


def _upsert_add(model, keys: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET views = views + excluded.views.

    Raw SQL because Django's ``bulk_create(update_conflicts=True)`` can only set
    ``views = excluded.views`` (it overwrites, we must add); this statement is the
    same on SQLite (3.24+) and PostgreSQL. One statement per 1,000 rows; on PostgreSQL
    the rows go as one array per column (``unnest``), since psycopg spends far longer
    (in Python, holding the GIL) binding 3,000 single parameters than 3 arrays.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = [model._meta.get_field(name) for name in (*keys, "views")]
    columns = [field.column for field in fields]
    conflict = ", ".join(quote(column) for column in columns[:-1])
    update = f"ON CONFLICT ({conflict}) DO UPDATE SET views = {table}.views + excluded.views"
    into = f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)})"
    rows = list(rows)
    if connection.vendor == "postgresql" and rows:
        arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                f"{into} SELECT * FROM unnest({arrays}) {update}",  # noqa: S608 - names from model meta
                [list(column) for column in zip(*rows, strict=True)],
            )
        return
    for start in range(0, len(rows), BATCH_ROWS):
        batch = rows[start : start + BATCH_ROWS]
        values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
        with connection.cursor() as cursor:
            cursor.execute(
                f"{into} VALUES {values} {update}",  # noqa: S608 - names from model meta, values are parameters
                [value for row in batch for value in row],
            )


@transaction.atomic
def views_store(*, counts: Mapping[tuple[int, datetime], int]) -> int:
    """Add ``{(page_id, hour): views}`` to the hourly, window and all-time tables.

    Returns the hourly rows written. Five queries whatever the number of views: the
    windows' starts (locked, so a window cannot move meanwhile), the pages that still
    exist (a story deleted since its views were counted is skipped), the hourly rows,
    the windows' running totals (each view in every window it falls in), the totals.
    """
    starts = {
        state.name: state.start
        for state in ViewsWindow.objects.select_for_update().order_by("name")
        if state.start is not None
    }
    page_ids = {page_id for page_id, _hour in counts}
    existing = set(Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
    adapt = connection.ops.adapt_datetimefield_value
    hourly = [
        (page_id, adapt(floor_hour(hour)), views)
        for (page_id, hour), views in sorted(counts.items())
        if page_id in existing and views > 0
    ]
    totals: Counter[int] = Counter()
    in_windows: Counter[tuple[str, int]] = Counter()
    for (page_id, hour), views in counts.items():
        if page_id in existing and views > 0:
            totals[page_id] += views
            for name, start in starts.items():
                if floor_hour(hour) >= start:
                    in_windows[(name, page_id)] += views
    if hourly:
        _upsert_add(HourlyViews, ("page", "hour"), hourly)
        if in_windows:
            rows = sorted((name, page_id, views) for (name, page_id), views in in_windows.items())
            _upsert_add(WindowViews, ("window", "page"), rows)
        _upsert_add(TotalViews, ("page",), sorted(totals.items()))
    return len(hourly)


def window_rebuild_due(start: datetime | None, target: datetime, window: str) -> bool:
    """Whether to recount a window from its hours rather than subtract the hours that left.

    Recount when it was never counted, when more than the window has passed, or when
    the hours to subtract may be gone (hours are kept 35 days; a month is 30).
    """
    if start is None:
        return True
    return target - start >= min(WINDOWS[window], HOURLY_RETENTION - WINDOWS["month"])


def views_windows_advance(*, now: datetime) -> bool:
    """Move each window's running totals to ``now``; False when ``now`` is before them.

    Up to date (the usual case): one query, no write. Otherwise, under the windows'
    lock, each window subtracts the hours that left it (one query for the sums, one
    upsert), or is recounted from the hourly rows (window_rebuild_due).
    """
    targets = {name: window_start(name, now) for name in WINDOWS}
    current = dict(ViewsWindow.objects.values_list("name", "start"))
    if current == targets:
        return True
    if any(current.get(name) and current[name] > targets[name] for name in WINDOWS):
        return False  # a question about the past: the caller sums the hours instead
    with transaction.atomic():
        ViewsWindow.objects.bulk_create(
            [ViewsWindow(name=name) for name in WINDOWS if name not in current],
            ignore_conflicts=True,
        )
        for state in ViewsWindow.objects.select_for_update().order_by("name"):
            target = targets.get(state.name)
            if target is None or state.start == target:
                continue
            if state.start is not None and state.start > target:
                return False
            if window_rebuild_due(state.start, target, state.name):
                _window_recount(state.name, target)
            else:
                _window_subtract(state.name, state.start, target)
            state.start = target
            state.save(update_fields=["start"])
    return True


def _window_recount(window: str, start: datetime) -> None:
    """The window's totals from scratch: one INSERT ... SELECT over its hourly rows."""
    WindowViews.objects.filter(window=window).delete()
    quote = connection.ops.quote_name
    table, hourly = quote(WindowViews._meta.db_table), quote(HourlyViews._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({quote('window')}, {quote('page_id')}, {quote('views')}) "  # noqa: S608 - names from model meta
        f"SELECT %s, {quote('page_id')}, SUM({quote('views')}) FROM {hourly} "
        f"WHERE {quote('hour')} >= %s GROUP BY {quote('page_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [window, connection.ops.adapt_datetimefield_value(start)])


def _window_subtract(window: str, start: datetime, target: datetime) -> None:
    """Take the hours from ``start`` up to ``target`` out of the window's totals."""
    left = (
        HourlyViews.objects.filter(hour__gte=start, hour__lt=target)
        .values("page_id")
        .annotate(sum=Sum("views"))
        .values_list("page_id", "sum")
    )
    rows = sorted((window, page_id, -views) for page_id, views in left)
    if rows:
        _upsert_add(WindowViews, ("window", "page"), rows)
        WindowViews.objects.filter(window=window, views__lte=0).delete()


@transaction.atomic
def views_rollup(*, now: datetime, max_days: int = 7) -> int:
    """Fold hourly rows older than 35 days into daily totals, a day at a time; return rows folded.

    The windows move first, so no hour is folded before every window let it go.
    Each day's rows are locked first (PostgreSQL), so two processes rolling up at
    once cannot add the same hours twice; SQLite serialises writers anyway.
    """
    views_windows_advance(now=now)
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
