"""Where views are counted before they reach the tables, behind one small interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class ViewsBackend(ABC):
    """Count views per story and hour; answer the windows' top stories.

    ``record`` runs on every counted view, so it must be O(1) and never touch the
    database. ``flush`` moves what was counted into ``HourlyViews``/``TotalViews``
    (services.views_store) and may run from any thread or process. ``top`` gives
    the most viewed page ids of a window, most views first, live or not: the
    caller filters and breaks ties.
    """

    @abstractmethod
    def record(self, page_id: int, when: datetime, count: int = 1) -> None:
        """Count ``count`` views of ``page_id`` in the hour of ``when``."""

    @abstractmethod
    def pending(self) -> int:
        """Views counted and not yet flushed."""

    @abstractmethod
    def flush(self) -> int:
        """Store what was counted since the last flush; return the story-hours written."""

    @abstractmethod
    def top(self, window: str, limit: int, *, now: datetime | None = None) -> list[tuple[int, int]]:
        """``[(page_id, views), ...]`` for "day", "week" or "month", most views first."""

    @abstractmethod
    def clear(self) -> None:
        """Forget what is buffered (tests and the demo's fresh start)."""
