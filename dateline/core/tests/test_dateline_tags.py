"""Template helpers: the newsroom's date format and pagination links."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from dateline.core.templatetags.dateline_tags import long_date, page_url


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_long_date_prints_weekday_day_month_year():
    assert long_date(datetime(2024, 7, 22, 9, 30, tzinfo=UTC)) == "Monday 22 July 2024"


def test_long_date_has_no_leading_zero_on_the_day():
    assert long_date(datetime(2024, 3, 5, 12, 0, tzinfo=UTC)) == "Tuesday 5 March 2024"


def test_long_date_converts_aware_datetimes_to_site_time_zone():
    # 01:00 on the 23rd in UTC+2 is still the 22nd in UTC, the site's time zone.
    plus_two = timezone(timedelta(hours=2))

    assert long_date(datetime(2024, 7, 23, 1, 0, tzinfo=plus_two)) == "Monday 22 July 2024"


def test_long_date_accepts_plain_dates():
    assert long_date(date(2024, 7, 22)) == "Monday 22 July 2024"


def test_long_date_of_nothing_is_empty():
    assert long_date(None) == ""


def test_long_date_filter_in_a_template():
    rendered = Template("{% load dateline_tags %}{{ when|long_date }}").render(
        Context({"when": datetime(2024, 7, 22, tzinfo=UTC)})
    )

    assert rendered == "Monday 22 July 2024"


def test_page_url_replaces_page_and_keeps_other_parameters():
    request = RequestFactory().get("/politics/", {"q": "water", "page": "2"})

    assert page_url({"request": request}, 3) == "?page=3&q=water"


def test_page_url_keeps_repeated_parameters():
    request = RequestFactory().get("/search/?tag=water&tag=trade")

    assert page_url({"request": request}, 2) == "?page=2&tag=water&tag=trade"


def test_page_url_on_a_bare_url_adds_page():
    assert page_url({"request": RequestFactory().get("/")}, 4) == "?page=4"


def test_page_url_is_escaped_for_html_attributes():
    request = RequestFactory().get("/", {"q": "a&b", "page": "1"})
    rendered = Template('{% load dateline_tags %}<a href="{% page_url 2 %}">').render(
        Context({"request": request})
    )

    assert rendered == '<a href="?page=2&amp;q=a%26b">'
