"""The demo map: invented, complete, and light (JavaScript and data under 250 KB gzipped)."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime

import pytest
from django.contrib.staticfiles import finders

from dateline.maps.demo import demo_maps
from dateline.maps.models import MapPage
from dateline.multimedia.tests.factories import MultimediaIndexPageFactory
from dateline.news.tests.factories import home_page

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
BUDGET = 250 * 1024


@pytest.fixture
def demo_map():
    home = home_page()
    MultimediaIndexPageFactory(parent=home)
    assert demo_maps(home=home, seed=1, now=NOW) == {"maps": 1}
    return MapPage.objects.get()


def test_the_demo_map_is_illustrative_with_three_factions_and_a_dozen_events(demo_map):
    features = list(demo_map.features.all())
    factions = {feature.faction.name for feature in features if feature.faction_id}
    events = sorted(feature.valid_from for feature in features if feature.kind == "event")

    assert "illustrative" in demo_map.title.lower()
    assert len(factions) == 3 and all("(fictional)" in name for name in factions)
    assert len(events) == 12
    assert (demo_map.situation_date - events[0]).days <= 60
    assert demo_map.changelog.count() >= 3
    # the islands are in the open South Pacific, far from any country
    lons = [
        p[0]
        for f in features
        for p in re.findall(r"\[(-?[\d.]+), (-?[\d.]+)\]", json.dumps(f.geometry))
    ]
    assert all(-127 < float(lon) < -122 for lon in lons)


def test_areas_change_hands_over_the_demo_days(client, demo_map):
    start = client.get(demo_map.url + "?date=2026-09-30")
    end = client.get(demo_map.url)

    holders = [
        {a["label"]: a["faction"] for a in response.context["map_svg"]["areas"]}
        for response in (start, end)
    ]
    assert holders[0]["Central Serrin"] == "Highland Compact (fictional)"
    assert holders[1]["Central Serrin"] == "Serrin Council (fictional)"


def test_the_demo_map_page_ships_at_most_250_kb_of_javascript_and_data(client, demo_map):
    html = client.get(demo_map.url).content.decode()
    scripts = re.findall(r'<script src="/static/([^"]+)"', html)
    data = json.loads(
        re.search(
            r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    files = [*scripts, data["basemap"].removeprefix("/static/")]

    assert "dateline/vendor/leaflet/leaflet.js" in scripts
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)  # no CDN
    assert not re.search(r'<link rel="stylesheet"[^>]+href="(https?:)?//', html)
    sizes = {}
    for name in files:
        path = finders.find(name)
        assert path, name
        with open(path, "rb") as handle:
            sizes[name] = len(gzip.compress(handle.read()))
    sizes["inline map data"] = len(gzip.compress(json.dumps(data).encode()))
    assert sum(sizes.values()) <= BUDGET, sizes
