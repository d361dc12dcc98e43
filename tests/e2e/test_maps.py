"""Readers move a map through time: Leaflet draws it from this site only, the slider and the
next button change the day and the URL, and without JavaScript the SVG and table show."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from dateline.maps.tests.factories import FactionFactory, MapPageFactory, area, event, square
from dateline.multimedia.tests.factories import MultimediaIndexPageFactory
from dateline.news.tests.factories import home_page

pytestmark = pytest.mark.browser


@pytest.fixture
def map_url(live_site):
    north = FactionFactory(name="Northern Front", colour="#1f5aa6")
    south = FactionFactory(name="Southern Union", colour="#c4661f")
    index = MultimediaIndexPageFactory(parent=home_page())
    the_map = MapPageFactory(
        parent=index,
        title="The valley war",
        slug="valley",
        situation_date=date(2025, 3, 20),
        features=[
            area("Old Town", north, date(2025, 3, 1), date(2025, 3, 10)),
            area("Old Town", south, date(2025, 3, 11)),
            area("Hill Farm", north, date(2025, 3, 1), geometry=square(11, 10)),
            event("Bridge clash", date(2025, 3, 5)),
            event("Ceasefire signed", date(2025, 3, 15), "agreement"),
        ],
    )
    return live_site.url + the_map.url


def visible_events(page) -> list[str]:
    return page.locator(".map-events tbody tr:visible th").all_inner_texts()


def test_leaflet_draws_the_layers_from_this_site_only(page, map_url):
    local = urlsplit(map_url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route(lambda url: urlsplit(url).netloc != local, lambda route: route.abort())

    page.goto(map_url)
    expect(page.locator(".map__canvas.leaflet-container")).to_be_visible()
    expect(page.locator(".map__figure")).to_be_hidden()
    page.wait_for_load_state("networkidle")

    drawn = page.locator(".leaflet-overlay-pane path")
    expect(drawn.first).to_be_attached()
    assert drawn.count() > 0
    foreign = [url for url in requested if urlsplit(url).netloc != local]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert any(url.endswith("leaflet.js") for url in requested)
    assert any("countries-110m" in url for url in requested)


def test_the_next_button_and_the_slider_change_the_day_the_url_and_the_table(page, map_url):
    page.goto(map_url + "?date=2025-03-05")
    heading = page.locator("#map-day-heading")
    expect(heading).to_contain_text("5 March 2025")
    expect(page.locator("[data-legend-faction]:visible")).to_have_count(1)
    assert visible_events(page) == ["Bridge clash"]

    page.locator("a[data-map-next]").click()
    expect(heading).to_contain_text("11 March 2025")
    assert page.url.endswith("?date=2025-03-11")
    expect(page.locator("[data-legend-faction]:visible")).to_have_count(2)

    slider = page.locator("input[data-map-slider]")
    expect(slider).to_be_visible()
    slider.focus()
    page.keyboard.press("End")
    expect(heading).to_contain_text("20 March 2025")
    assert page.url.endswith("?date=2025-03-20")
    assert visible_events(page) == ["Ceasefire signed", "Bridge clash"]
    expect(page.locator("input[data-map-date]")).to_have_value("2025-03-20")
    page.keyboard.press("Home")
    expect(heading).to_contain_text("1 March 2025")
    assert visible_events(page) == []


def test_without_javascript_the_svg_and_the_events_table_show(new_context, map_url):
    reader = new_context(java_script_enabled=False).new_page()
    reader.goto(map_url + "?date=2025-03-05")

    svg = reader.locator("svg.map-svg")
    expect(svg).to_be_visible()
    expect(svg.locator('[data-feature="area"]')).to_have_count(2)
    expect(svg.locator('[data-feature="event"]')).to_have_count(1)
    expect(reader.locator(".map-events caption")).to_contain_text(
        "Events up to Wednesday 5 March 2025"
    )
    assert visible_events(reader) == ["Bridge clash"]
    expect(reader.locator("input[data-map-slider]")).to_be_hidden()

    reader.locator("a[data-map-next]").click()
    expect(reader.locator("#map-day-heading")).to_contain_text("11 March 2025")
    reader.locator("input[data-map-date]").fill("2025-03-16")
    reader.locator("button[data-map-show]").click()
    expect(reader.locator("#map-day-heading")).to_contain_text("16 March 2025")
    assert visible_events(reader) == ["Ceasefire signed", "Bridge clash"]
