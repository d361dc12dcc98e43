"""Which day a reader sees, and which features show on it: pure functions on dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from dateline.core.templatetags.dateline_tags import long_date


class BadDate(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Span:
    """The days a map covers, and the days on which something changes."""

    first: date
    last: date
    changes: tuple[date, ...]

    def previous(self, day: date) -> date | None:
        earlier = [change for change in self.changes if change < day]
        return earlier[-1] if earlier else None

    def next(self, day: date) -> date | None:
        later = [change for change in self.changes if change > day]
        return later[0] if later else None


@dataclass(frozen=True)
class Choice:
    day: date
    notice: str


def shows_on(feature, day: date) -> bool:
    """A feature shows from its first day to its last, both included."""
    return feature.valid_from <= day and (feature.valid_to is None or day <= feature.valid_to)


def span(features, situation_date: date | None, *, today: date | None = None) -> Span:
    starts = {feature.valid_from for feature in features}
    # the day after a feature's last day is a change too: it disappears then
    ends = {feature.valid_to + timedelta(days=1) for feature in features if feature.valid_to}
    changes = starts | ends
    if not changes:
        day = situation_date or today or date.today()  # noqa: DTZ011 - a calendar day
        return Span(day, day, (day,))
    first = min(starts) if starts else min(changes)
    last = situation_date or max(starts | {e - timedelta(days=1) for e in ends})
    last = max(last, first)
    inside = sorted(change for change in changes if first <= change <= last)
    return Span(first, last, tuple(sorted({*inside, first, last})))


def choose_date(raw: str | None, span: Span) -> Choice:
    """The day asked for in ``?date=``; outside the map's days, the nearest one with a notice.

    Raises BadDate when ``raw`` is not a date like 2025-03-12.
    """
    if raw is None or raw.strip() == "":
        return Choice(span.last, "")
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise BadDate(
            _("“%(raw)s” is not a date. Write it like %(example)s, or pick a day below.")
            % {"raw": raw[:40], "example": span.last.isoformat()}
        ) from None
    if day < span.first:
        return Choice(
            span.first,
            _("The map starts on %(first)s, so it shows that day.")
            % {"first": long_date(span.first)},
        )
    if day > span.last:
        return Choice(
            span.last,
            _("The map ends on %(last)s, so it shows that day.") % {"last": long_date(span.last)},
        )
    return Choice(day, "")
