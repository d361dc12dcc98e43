"""Dates and digits per edition: Gregorian English and Arabic, Solar Hijri Persian."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from dateline.core import dates

MONDAY = datetime(2024, 7, 22, 9, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("gregorian", "persian"),
    [
        # Known conversions: Nowruz 1403 and 1404, the last day of Tir and the first of Mordad.
        (date(2024, 3, 20), "چهارشنبه ۱ فروردین ۱۴۰۳"),
        (date(2025, 3, 21), "جمعه ۱ فروردین ۱۴۰۴"),
        (date(2024, 7, 21), "یک\u200cشنبه ۳۱ تیر ۱۴۰۳"),
        (date(2024, 7, 22), "دوشنبه ۱ مرداد ۱۴۰۳"),
        (date(2023, 3, 20), "دوشنبه ۲۹ اسفند ۱۴۰۱"),
    ],
)
def test_persian_long_date_is_solar_hijri_with_persian_digits(gregorian, persian):
    assert dates.long_date(gregorian, "fa") == persian


def test_english_long_date_is_weekday_day_month_year():
    assert dates.long_date(MONDAY, "en") == "Monday 22 July 2024"


def test_arabic_long_date_has_arabic_day_and_month_names_and_western_digits_by_default():
    assert dates.long_date(MONDAY, "ar") == "الاثنين 22 يوليو 2024"


@override_settings(DATELINE_ARABIC_DIGITS="eastern")
def test_arabic_edition_can_print_eastern_arabic_digits():
    assert dates.long_date(MONDAY, "ar") == "الاثنين ٢٢ يوليو ٢٠٢٤"
    assert dates.localise_digits("Page 10 of 12", "ar") == "Page ١٠ of ١٢"
    # the setting is the Arabic edition's alone
    assert dates.localise_digits("10", "en") == "10"
    assert dates.localise_digits("10", "fa") == "۱۰"


def test_digits_per_locale():
    assert dates.localise_digits(1403, "fa") == "۱۴۰۳"
    assert dates.localise_digits(1403, "ar") == "1403"
    assert dates.localise_digits(1403, "en") == "1403"
    assert dates.localise_digits(1403, "fa-ir") == "۱۴۰۳"


def test_day_date_and_date_time_per_locale():
    assert dates.day_date(MONDAY, "en") == "22 July 2024"
    assert dates.day_date(MONDAY, "fa") == "۱ مرداد ۱۴۰۳"
    assert dates.date_time(MONDAY, "en") == "22 July 2024, 09:05"
    assert dates.date_time(MONDAY, "ar") == "22 يوليو 2024، 09:05"
    assert dates.date_time(MONDAY, "fa") == "۱ مرداد ۱۴۰۳، ۰۹:۰۵"


def test_persian_date_follows_the_site_time_zone():
    # 23:30 UTC on 20 March 2024 is still the first day of 1403 in UTC, the site's zone.
    assert dates.day_date(datetime(2024, 3, 20, 23, 30, tzinfo=UTC), "fa") == "۱ فروردین ۱۴۰۳"


def test_relative_times_are_localised():
    now = MONDAY + timedelta(hours=3, minutes=12)
    assert dates.time_ago(MONDAY, now, "en") == "3\xa0hours ago"
    with translation.override("ar"):
        arabic = dates.time_ago(MONDAY, now)
    assert arabic.startswith("منذ ") and "ساعات" in arabic
    assert dates.time_ago(MONDAY, now, "fa") == "۳\xa0ساعت پیش"
    assert dates.time_ago(MONDAY, MONDAY, "fa") == "همین حالا"


def test_nothing_formats_as_empty():
    assert dates.long_date(None) == dates.day_date(None) == dates.date_time(None) == ""
    assert dates.time_ago(None) == ""


def test_filters_use_the_active_edition():
    template = Template(
        "{% load dateline_tags %}{{ when|long_date }}|{{ when|day_date }}|{{ 12|digits }}"
    )
    with translation.override("fa"):
        rendered = template.render(Context({"when": MONDAY}))

    assert rendered == "دوشنبه ۱ مرداد ۱۴۰۳|۱ مرداد ۱۴۰۳|۱۲"


def test_counted_phrases_take_the_edition_digits():
    template = Template(
        "{% load i18n dateline_tags %}{% filter digits %}{% blocktranslate count counter=n %}"
        "{{ counter }} comment{% plural %}{{ counter }} comments{% endblocktranslate %}"
        "{% endfilter %}"
    )
    rendered = {}
    for language in ("en", "ar", "fa"):
        with translation.override(language):
            rendered[language] = template.render(Context({"n": 12}))

    assert rendered == {"en": "12 comments", "ar": "12 تعليقًا", "fa": "۱۲ نظر"}
