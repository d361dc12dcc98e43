"""The embedded default: a per-process buffer, flushed to the database every few seconds.

A hard crash loses at most one flush interval of this process's views; a clean
exit flushes (flusher.py registers the flush at exit). The windows are running
totals per story (``WindowViews``), added to at each flush and moved on by the hour,
so a window's top stories are one indexed query however large the archive.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime

from django.db.models import Sum
from django.utils import timezone

from dateline.popularity import services
from dateline.popularity.backends.base import ViewsBackend
from dateline.popularity.conf import floor_hour, window_start
from dateline.popularity.models import HourlyViews, WindowViews


class DatabaseBackend(ViewsBackend):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, datetime]] = Counter()
        # The last window check: Most Viewed asks top() for every window with the same
        # ``now``, and one check of the window table answers them all.
        self._checked: tuple[datetime, bool] | None = None

    def record(self, page_id: int, when: datetime, count: int = 1) -> None:
        with self._lock:
            self._counts[(page_id, floor_hour(when))] += count

    def pending(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def flush(self) -> int:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        if not counts:
            return 0
        try:
            return services.views_store(counts=counts)
        except BaseException:
            with self._lock:  # keep them for the next flush
                self._counts.update(counts)
            raise

    def top(self, window: str, limit: int, *, now: datetime | None = None) -> list[tuple[int, int]]:
        now = now or timezone.now()
        checked = self._checked
        if checked is not None and checked[0] == now:
            current = checked[1]
        else:
            current = self.windows_advance(now=now)
            self._checked = (now, current)
        if not current:
            return self.top_from_hours(window, limit, now=now)
        rows = (
            WindowViews.objects.filter(window=window, views__gt=0)
            .order_by("-views", "-page_id")
            .values_list("page_id", "views")[:limit]
        )
        return list(rows)

    def windows_advance(self, *, now: datetime) -> bool:
        return services.views_windows_advance(now=now)

    def top_from_hours(self, window: str, limit: int, *, now: datetime) -> list[tuple[int, int]]:
        """The same answer summed from the hourly rows: for times before the running totals."""
        start = window_start(window, now)
        rows = (
            HourlyViews.objects.filter(hour__gte=start)
            .values("page_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "-page_id")
            .values_list("page_id", "total")[:limit]
        )
        return [(page_id, total) for page_id, total in rows]

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()
