"""The editors' report: views per story over 30 days, sortable, filterable, exportable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.news.tests.factories import ArticlePageFactory, SectionPageFactory
from dateline.popularity.services import views_store
from dateline.popularity.tests.factories import newsroom

URL = "/admin/reports/most-viewed/"


@pytest.fixture
def stories(db):
    home, politics, (a, b, _c) = newsroom(stories=3)
    economy = SectionPageFactory(parent=home, title="Economy")
    e = ArticlePageFactory(parent=economy, title="Harbour tolls rise")
    now = timezone.now()
    views_store(
        counts={
            (a.pk, now): 5,
            (a.pk, now - timedelta(days=3)): 2,
            (b.pk, now - timedelta(days=40)): 50,  # too old for the 30 days
            (e.pk, now - timedelta(days=1)): 9,
        }
    )
    return a, b, e


def test_the_report_lists_stories_viewed_in_30_days_most_viewed_first(admin_client, stories):
    a, b, e = stories
    html = admin_client.get(URL).content.decode()
    assert html.index(e.title) < html.index(a.title)
    assert b.title not in html
    assert "<polyline" in html


def test_the_report_sorts_by_title(admin_client, stories):
    a, _b, e = stories
    html = admin_client.get(URL, {"ordering": "title"}).content.decode()
    assert html.index(e.title) < html.index(a.title)  # "Harbour ..." before "Story ..."


def test_the_report_filters_by_section(admin_client, stories):
    a, _b, e = stories
    economy = e.get_parent()
    html = admin_client.get(URL, {"section": economy.pk}).content.decode()
    assert e.title in html and a.title not in html


def test_the_report_exports_csv(admin_client, stories):
    a, _b, e = stories
    response = admin_client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith('Title,Section,"Views, last 30 days","Views, all time"')
    assert lines[1].startswith(f"{e.title},Economy,9,9,")
    assert lines[2].startswith(f"{a.title},Politics,7,7,")


def test_readers_cannot_see_the_report(client, stories):
    assert client.get(URL).status_code == 302  # to the admin login


def test_the_report_is_in_the_reports_menu(admin_client, stories):
    assert URL.encode() in admin_client.get("/admin/").content
