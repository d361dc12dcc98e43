"""Where views are counted before they reach the tables, behind one small interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from enum import Enum

from dateline.popularity import counting


class Offer(Enum):
    """What became of a beacon that passed the filters (``ViewsBackend.view_offer``)."""

    COUNTED = "counted"
    REPEAT = "repeat"  # this client was counted on this story in the last 30 minutes
    FLOOD = "flood"  # over the client's rate limit for this minute: answered with a 429


class ViewsBackend(ABC):
    shared = False  # True when every process sees the same counts (Redis), not its own
    """Count views per story and hour; answer the windows' top stories.

    ``record`` runs on every counted view, so it must be O(1) and never touch the
    database. ``flush`` moves what was counted into ``HourlyViews``/``TotalViews``
    (services.views_store) and may run from any thread or process. ``top`` gives
    the most viewed page ids of a window, most views first, live or not: the
    caller filters and breaks ties. A window is rolling by the hour: "day" holds the
    hour 24 hours ago and every later one.
    """

    @abstractmethod
    def record(self, page_id: int, when: datetime, count: int = 1) -> None:
        """Count ``count`` views of ``page_id`` in the hour of ``when``."""

    def view_offer(self, *, client: str, page_id: int, when: datetime) -> Offer:
        """Rate-limit, dedupe, then record one reader's view: what the beacon does per view.

        This default keeps the rate and repeat keys in Django's cache (each process's
        local memory in the embedded mode); the Redis backend does all three in one
        script call.
        """
        if counting.is_flooding(client, when):
            return Offer.FLOOD
        if counting.is_repeat(client, page_id):
            return Offer.REPEAT
        self.record(page_id, when)
        return Offer.COUNTED

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
    def windows_advance(self, *, now: datetime) -> bool:
        """Move the windows' running totals on to ``now``; False when ``now`` is before them.

        ``top`` calls it, and the flusher too, so that readers seldom wait for a move.
        """

    @abstractmethod
    def top_from_hours(self, window: str, limit: int, *, now: datetime) -> list[tuple[int, int]]:
        """What ``top`` answers, summed from the hour buckets (the slow, obviously right way).

        ``top`` reads running window totals; it falls back to this for a ``now``
        before them, and the tests check that both agree as the clock moves.
        """

    @abstractmethod
    def clear(self) -> None:
        """Forget what is buffered (tests and the demo's fresh start)."""
