"""Uploaded GeoJSON is checked feature by feature; each problem names the feature."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dateline.maps import colours, geojson

RING = [[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]
LIMITS = {"max_features": 5, "max_bytes": 100_000}


def feature(geometry=None, **properties) -> dict:
    props = {"name": "Old Town", "valid_from": "2025-03-01", "faction": "North"}
    props.update(properties)
    props = {key: value for key, value in props.items() if value is not None}
    return {
        "type": "Feature",
        "geometry": geometry or {"type": "Polygon", "coordinates": [RING]},
        "properties": props,
    }


def parse(*features, kind="area", raw=None):
    text = (
        raw if raw is not None else json.dumps({"type": "FeatureCollection", "features": features})
    )
    return geojson.parse_layer(text, kind=kind, factions=["North", "South"], **LIMITS)


def errors_of(*features, kind="area", raw=None) -> list[str]:
    with pytest.raises(geojson.GeoJSONError) as caught:
        parse(*features, kind=kind, raw=raw)
    return caught.value.errors


def test_a_valid_layer_gives_its_features_with_dates_and_faction():
    found = parse(feature(valid_to="2025-03-10", faction="north"))

    assert len(found) == 1
    assert found[0].name == "Old Town"
    assert found[0].faction == "North"  # matched whatever the case, stored as spelt
    assert (found[0].valid_from, found[0].valid_to) == (date(2025, 3, 1), date(2025, 3, 10))


def test_a_single_feature_is_accepted_too():
    assert len(parse(raw=json.dumps(feature()))) == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "The file is not valid JSON"),
        ('{"type": "Polygon", "coordinates": []}', "not a GeoJSON FeatureCollection or Feature"),
        ('{"type": "FeatureCollection"}', "has no “features” list"),
        ('{"type": "FeatureCollection", "features": []}', "The file has no features."),
        (b"\xff\xfe", "The file is not valid JSON"),
    ],
)
def test_files_that_are_not_geojson_are_refused(raw, message):
    assert message in errors_of(raw=raw)[0]


def test_too_many_features_are_refused():
    assert errors_of(*[feature()] * 6) == ["The file has 6 features; the limit is 5."]


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(geojson.GeoJSONError) as caught:
        geojson.parse_layer(
            "x" * 2_000_000, kind="area", factions=[], max_features=5, max_bytes=1_048_576
        )
    assert caught.value.errors == ["The file is 1.9 MB; the limit is 1.0 MB."]


@pytest.mark.parametrize(
    ("geometry", "kind", "message"),
    [
        (
            {"type": "Point", "coordinates": [1, 1]},
            "area",
            "feature 1: geometry type Point is not allowed in this layer "
            "(use Polygon or MultiPolygon)",
        ),
        (
            {"type": "Polygon", "coordinates": [RING]},
            "event",
            "feature 1: geometry type Polygon is not allowed in this layer (use Point)",
        ),
        (
            {"type": "Polygon", "coordinates": [RING[:-1] + [[10, 10.5]]]},
            "area",
            "feature 1: ring 0 is not closed",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]},
            "area",
            "feature 1: ring 0 has 3 positions; it needs at least 4",
        ),
        (
            {"type": "MultiPolygon", "coordinates": [[RING], [RING[:-1] + [[10, 10.5]]]]},
            "area",
            "feature 1: polygon 1 ring 0 is not closed",
        ),
        (
            {"type": "Polygon", "coordinates": [[[200, 10], [11, 10], [11, 11], [200, 10]]]},
            "area",
            "feature 1: ring 0 position 0: longitude 200 is outside -180..180",
        ),
        (
            {"type": "Point", "coordinates": [10, -95]},
            "event",
            "feature 1: the point: latitude -95 is outside -90..90",
        ),
        (
            {"type": "Point", "coordinates": ["10", 5]},
            "event",
            "feature 1: the point has a coordinate that is not a number",
        ),
        (
            {"type": "LineString", "coordinates": [[1, 1]]},
            "line",
            "feature 1: the line has 1 positions; it needs at least 2",
        ),
        (
            {"type": "Point", "coordinates": [1, 2, 3, 4]},
            "event",
            "feature 1: the point is not a [longitude, latitude] pair",
        ),
    ],
)
def test_each_geometry_problem_names_the_feature_and_the_problem(geometry, kind, message):
    good = feature(
        {"type": "Point", "coordinates": [1, 1]}
        if kind == "event"
        else {"type": "LineString", "coordinates": [[1, 1], [2, 2]]}
        if kind == "line"
        else None
    )

    assert errors_of(good, feature(geometry), kind=kind) == [message]


@pytest.mark.parametrize(
    ("properties", "message"),
    [
        ({"name": None}, "feature 0: property “name” is missing"),
        (
            {"valid_from": None},
            "feature 0: property “valid_from” is missing (a date like 2025-03-12)",
        ),
        (
            {"valid_from": "12 March"},
            "feature 0: property “valid_from” is “12 March”, not a date like 2025-03-12",
        ),
        (
            {"valid_to": "2025-02-01"},
            "feature 0: valid_to (2025-02-01) is before valid_from (2025-03-01)",
        ),
        ({"faction": "East"}, "feature 0: faction “East” is unknown (known: North, South)"),
        ({"faction": None}, "feature 0: property “faction” is missing"),
        ({"name": 12}, "feature 0: property “name” must be text"),
    ],
)
def test_each_property_problem_names_the_feature_and_the_problem(properties, message):
    assert errors_of(feature(**properties)) == [message]


def test_an_unknown_event_type_is_refused():
    bad = feature({"type": "Point", "coordinates": [1, 1]}, event_type="party", faction=None)

    assert errors_of(bad, kind="event") == [
        "feature 0: event_type “party” is unknown (use clash, strike, agreement, other)"
    ]


def test_every_bad_feature_is_listed_not_only_the_first():
    errors = errors_of(feature(), feature(name=None), feature(), feature(valid_from="x"))

    assert [error.split(":")[0] for error in errors] == ["feature 1", "feature 3"]


def test_douglas_peucker_drops_points_on_a_straight_line_and_keeps_corners():
    line = [[0, 0], [0.5, 0.0001], [1, 0], [1, 1]]

    assert geojson.simplify(line, tolerance=0.001) == [[0, 0], [1, 0], [1, 1]]


def test_simplified_rings_stay_closed_with_four_positions():
    dense = [[10 + i / 1000, 10] for i in range(1000)] + [[11, 11], [10, 11], [10, 10]]
    found = parse(feature({"type": "Polygon", "coordinates": [dense]}))

    ring = found[0].geometry["coordinates"][0]
    assert ring[0] == ring[-1]
    assert 4 <= len(ring) < 10


@pytest.mark.parametrize("colour", ["#ffff00", "#000080", "#777777", "#1f5aa6", "#c4661f"])
def test_label_text_on_any_faction_colour_reaches_4_5_to_1(colour):
    fill = colours.blend(colour)

    assert colours.contrast(fill, colours.label_colour(fill)) >= 4.5


@pytest.mark.parametrize("value", ["red", "#12345", "#1234567", "#ggg000", ""])
def test_faction_colours_must_be_six_hex_digits(value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        colours.validate_hex_colour(value)
