"""Dates and digits as each edition prints them: the one place reader-facing dates go through.

- English: "Monday 22 July 2024" (Gregorian, Western digits).
- Arabic: Gregorian with Arabic month and day names from Django's own translations;
  Western or Eastern Arabic digits by ``DATELINE_ARABIC_DIGITS``.
- Persian: the Solar Hijri calendar (``jdatetime``) with Persian digits, as Iranian
  and Afghan newsrooms print it: "دوشنبه ۱ مرداد ۱۴۰۳".

Every function takes the language explicitly or uses the active one, so templates only
need the filters in ``dateline_tags`` and the edition's language does the rest.
"""

from __future__ import annotations

from datetime import date, datetime

import jdatetime
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext

WESTERN = "0123456789"
EASTERN_ARABIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"

# Persian separates a date from its time with the Arabic comma, as Arabic does.
_COMMA = {"ar": "، ", "fa": "، "}


def language_of(language: str | None = None) -> str:
    """The base language code ("fa-ir" -> "fa") of ``language`` or of the active one."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0].split("_")[0].lower()


def digits_for(language: str | None = None) -> str:
    """The ten digits an edition prints numbers with."""
    code = language_of(language)
    if code == "fa":
        return PERSIAN
    if code == "ar" and settings.DATELINE_ARABIC_DIGITS == "eastern":
        return EASTERN_ARABIC
    return WESTERN


def numbering_system(language: str | None = None) -> str:
    """The edition's digits as a Unicode numbering system name, for the browser's ``Intl``."""
    return {PERSIAN: "arabext", EASTERN_ARABIC: "arab"}.get(digits_for(language), "latn")


def localise_digits(text: object, language: str | None = None) -> str:
    """``text`` with its Western digits written in the edition's digits."""
    text = str(text)
    digits = digits_for(language)
    if digits == WESTERN:
        return text
    return text.translate(str.maketrans(WESTERN, digits))


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _solar_hijri(value: date | datetime) -> tuple[str, int, str, int]:
    """(weekday name, day, month name, year) of ``value`` in the Solar Hijri calendar."""
    day = value.date() if isinstance(value, datetime) else value
    jalali = jdatetime.date.fromgregorian(date=day)
    # jdatetime's lists are indexed from Saturday (weekday() == 0), its months from 1.
    return (
        jdatetime.date.j_weekdays_fa[jalali.weekday()],
        jalali.day,
        jdatetime.date.j_months_fa[jalali.month - 1],
        jalali.year,
    )


def _format(value: date | datetime, django_format: str, language: str | None) -> str:
    code = language_of(language)
    with translation.override(code):
        return localise_digits(formats.date_format(value, django_format), code)


def long_date(value: date | datetime | None, language: str | None = None) -> str:
    """The dateline date: "Monday 22 July 2024", "الاثنين 22 يوليو 2024", "دوشنبه ۱ مرداد ۱۴۰۳"."""
    return _calendar_date(value, language, weekday=True)


def day_date(value: date | datetime | None, language: str | None = None) -> str:
    """A date without its weekday: "22 July 2024", "۱ مرداد ۱۴۰۳"."""
    return _calendar_date(value, language, weekday=False)


def _calendar_date(value: date | datetime | None, language: str | None, *, weekday: bool) -> str:
    """Day, month name and year, after the weekday's name if asked; Persian in the Solar
    Hijri calendar, the others in the Gregorian one."""
    if value is None:
        return ""
    value = _local(value)
    code = language_of(language)
    if code == "fa":
        weekday_name, day, month, year = _solar_hijri(value)
        words = f"{weekday_name} {day} {month} {year}" if weekday else f"{day} {month} {year}"
        return localise_digits(words, code)
    return _format(value, "l j F Y" if weekday else "j F Y", code)


def date_time(value: datetime | None, language: str | None = None) -> str:
    """A date and the time of day: "22 July 2024, 09:05", "۱ مرداد ۱۴۰۳، ۰۹:۰۵"."""
    if value is None:
        return ""
    value = _local(value)
    code = language_of(language)
    clock = _format(value, "H:i", code)
    return day_date(value, code) + _COMMA.get(code, ", ") + clock


def time_ago(
    value: datetime | None, now: datetime | None = None, language: str | None = None
) -> str:
    """How long ago, in the edition's words and digits: "3 hours ago", "۳ ساعت پیش"."""
    if value is None:
        return ""
    code = language_of(language)
    with translation.override(code):
        # Django's timesince is translated (with plurals) in Arabic and Persian; one unit
        # is enough for a newsroom ("3 hours ago", not "3 hours, 12 minutes ago").
        elapsed = timesince(value, now or timezone.now(), depth=1)
        if elapsed.startswith("0"):
            return localise_digits(gettext("just now"), code)
        return localise_digits(gettext("%(elapsed)s ago") % {"elapsed": elapsed}, code)
