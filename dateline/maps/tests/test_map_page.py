"""The map page: the day in the URL, the server-drawn SVG and the events table."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from dateline.maps.tests.factories import (
    MARCH,
    FactionFactory,
    MapPageFactory,
    area,
    event,
    square,
)
from dateline.multimedia.tests.factories import MultimediaIndexPageFactory
from dateline.news.tests.factories import home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return MultimediaIndexPageFactory(parent=home_page())


@pytest.fixture
def war_map(index):
    north = FactionFactory(name="Northern Front", colour="#1f5aa6")
    south = FactionFactory(name="Southern Union", colour="#c4661f")
    return MapPageFactory(
        parent=index,
        title="The valley war",
        slug="valley",
        situation_date=date(2025, 3, 20),
        features=[
            area("Old Town", north, date(2025, 3, 1), date(2025, 3, 10)),
            area("Old Town", south, date(2025, 3, 11), geometry=square(10, 10)),
            area("Hill Farm", north, date(2025, 3, 1), geometry=square(11, 10)),
            event("Bridge clash", date(2025, 3, 5), description="Shots at the bridge."),
            event("Ceasefire signed", date(2025, 3, 15), "agreement"),
        ],
        changelog=[(date(2025, 3, 11), "Old Town changed hands."), (MARCH, "Map published.")],
    )


def features_in_svg(html: str, kind: str) -> int:
    svg = html.split('<svg class="map-svg"', 1)[1].split("</svg>", 1)[0]
    return svg.count(f'data-feature="{kind}"')


def shown_events(response) -> list[str]:
    return [row["name"] for row in response.context["map_events"] if row["shown"]]


def test_a_feature_valid_1_to_10_march_shows_on_the_5th_not_the_11th(client, war_map):
    on_fifth = client.get("/multimedia/valley/?date=2025-03-05")
    on_eleventh = client.get("/multimedia/valley/?date=2025-03-11")

    fifth = {area["label"]: area["faction"] for area in on_fifth.context["map_svg"]["areas"]}
    eleventh = {area["label"]: area["faction"] for area in on_eleventh.context["map_svg"]["areas"]}
    assert fifth["Old Town"] == "Northern Front"
    assert eleventh["Old Town"] == "Southern Union"
    assert features_in_svg(on_fifth.content.decode(), "area") == 2


def test_the_default_day_is_the_situation_date(client, war_map):
    response = client.get("/multimedia/valley/")

    assert response.status_code == 200
    assert response.context["map_day"] == date(2025, 3, 20)
    assert "The situation on Thursday 20 March 2025" in response.content.decode()


def test_the_events_table_lists_the_events_up_to_the_day(client, war_map):
    response = client.get("/multimedia/valley/?date=2025-03-06")
    html = response.content.decode()

    assert shown_events(response) == ["Bridge clash"]
    assert features_in_svg(html, "event") == 2 - 1  # the ceasefire comes later
    assert "<caption" in html and "Events up to Thursday 6 March 2025" in html
    assert '<th scope="col">Event</th>' in html
    assert '<th scope="row">Bridge clash</th>' in html
    # later events are in the table for map.js, but hidden from every reader
    assert '<tr data-event-date="2025-03-15" hidden>' in html


def test_previous_and_next_links_step_through_the_changes(client, war_map):
    html = client.get("/multimedia/valley/?date=2025-03-11").content.decode()

    assert 'href="?date=2025-03-05"' in html  # the clash, the change before
    assert 'href="?date=2025-03-15"' in html  # the ceasefire, the change after


@pytest.mark.parametrize("raw", ["yesterday", "2025-13-01", "12/03/2025"])
def test_a_date_that_is_not_a_date_gets_a_400_that_says_so(client, war_map, raw):
    response = client.get("/multimedia/valley/", {"date": raw})

    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a date. Write it like 2025-03-20" in html
    assert 'role="alert"' in html
    assert features_in_svg(html, "area") == 2  # the map of the latest day is still there


def test_a_day_outside_the_map_shows_the_nearest_day_with_a_notice(client, war_map):
    response = client.get("/multimedia/valley/?date=2031-01-01")

    assert response.status_code == 200
    assert response.context["map_day"] == date(2025, 3, 20)
    assert "The map ends on Thursday 20 March 2025" in response.content.decode()


def test_the_changelog_is_public_newest_first(client, war_map):
    html = client.get("/multimedia/valley/").content.decode()

    changelog = html.split('id="map-changelog-heading"', 1)[1]
    assert changelog.index("Old Town changed hands.") < changelog.index("Map published.")
    assert '<time datetime="2025-03-11">11 March 2025</time>' in changelog


def test_the_legend_lists_the_factions_on_the_day(client, war_map):
    response = client.get("/multimedia/valley/?date=2025-03-05")

    legend = {e["faction"].name: e["shown"] for e in response.context["map_legend"]["factions"]}
    assert legend == {"Northern Front": True, "Southern Union": False}


def test_the_page_carries_the_beacon_comments_and_structured_data(client, war_map):
    html = client.get("/multimedia/valley/").content.decode()

    assert f'data-page="{war_map.pk}"' in html and "data-views-beacon" in html
    assert 'id="comments"' in html
    assert '"@type": "Map"' in html
    assert '"temporalCoverage": "2025-03-01/2025-03-20"' in html


def test_the_map_page_query_count_does_not_grow_with_features(client, index):
    faction = FactionFactory(name="Side")
    small = MapPageFactory(
        parent=index, slug="small", features=[area(f"A{n}", faction, MARCH) for n in range(3)]
    )
    large = MapPageFactory(
        parent=index,
        slug="large",
        features=[area(f"A{n}", faction, MARCH) for n in range(60)]
        + [event(f"E{n}", MARCH) for n in range(60)],
    )
    counts = []
    for page in (small, large):
        client.get(page.url)  # warm the caches the sidebar and metadata use
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert counts[1] <= 20


def test_the_zoom_buttons_are_named_in_the_editions_language(client, war_map):
    """Leaflet's own "Zoom in"/"Zoom out" titles come from the page, translated (map.js)."""
    html = client.get("/multimedia/valley/").content.decode()
    assert 'data-zoom-in-label="Zoom in"' in html
    assert 'data-zoom-out-label="Zoom out"' in html
    with translation.override("ar"):
        assert gettext("Zoom in") == "تكبير"
    with translation.override("fa"):
        assert gettext("Zoom out") == "کوچک‌نمایی"
