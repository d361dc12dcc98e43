"""Checking and simplifying an uploaded GeoJSON layer: pure functions, no database.

``parse_layer`` turns the bytes an editor uploads into a list of ``FeatureData`` or raises
``GeoJSONError`` with every problem found, each naming the feature's index and what is
wrong ("feature 12: ring 0 is not closed"), so an editor can fix the file in one go.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

AREA, LINE, EVENT = "area", "line", "event"
GEOMETRY_TYPES = {
    AREA: ("Polygon", "MultiPolygon"),
    LINE: ("LineString", "MultiLineString"),
    EVENT: ("Point",),
}
EVENT_TYPES = ("clash", "strike", "agreement", "other")
MAX_ERRORS = 20
NAME_MAX = 120
DESCRIPTION_MAX = 500
# Douglas-Peucker tolerance in degrees (about 100 m): finer detail than a news map shows
SIMPLIFY_TOLERANCE = 0.001
DECIMALS = 5


class GeoJSONError(ValueError):
    """The upload was refused; ``errors`` lists each problem, feature by feature."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class FeatureData:
    kind: str
    name: str
    geometry: dict
    valid_from: date
    valid_to: date | None = None
    faction: str = ""
    event_type: str = ""
    description: str = ""
    properties: dict = field(default_factory=dict)


class Problem(Exception):
    """One thing wrong with one feature; parse_layer prefixes the feature index."""


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _position(value, where: str) -> list[float]:
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise Problem(_("%(where)s is not a [longitude, latitude] pair") % {"where": where})
    if not all(_number(n) for n in value):
        raise Problem(_("%(where)s has a coordinate that is not a number") % {"where": where})
    lon, lat = value[0], value[1]
    if not -180 <= lon <= 180:
        raise Problem(
            _("%(where)s: longitude %(lon)s is outside -180..180") % {"where": where, "lon": lon}
        )
    if not -90 <= lat <= 90:
        raise Problem(
            _("%(where)s: latitude %(lat)s is outside -90..90") % {"where": where, "lat": lat}
        )
    return [float(lon), float(lat)]


def _positions(value, where: str, *, minimum: int) -> list[list[float]]:
    if not isinstance(value, list):
        raise Problem(_("%(where)s is not a list of positions") % {"where": where})
    if len(value) < minimum:
        raise Problem(
            _("%(where)s has %(count)d positions; it needs at least %(minimum)d")
            % {"where": where, "count": len(value), "minimum": minimum}
        )
    return [
        _position(point, _("%(where)s position %(n)d") % {"where": where, "n": n})
        for n, point in enumerate(value)
    ]


def _rings(value, where: str) -> list[list[list[float]]]:
    if not isinstance(value, list) or not value:
        raise Problem(_("%(where)s has no rings") % {"where": where})
    rings = []
    for number, ring in enumerate(value):
        label = _("ring %(n)d") % {"n": number}
        if where:
            label = f"{where} {label}"
        points = _positions(ring, label, minimum=4)
        if points[0] != points[-1]:
            raise Problem(_("%(ring)s is not closed") % {"ring": label})
        rings.append(points)
    return rings


def check_geometry(geometry, kind: str) -> dict:
    """A clean copy of ``geometry`` if it suits the layer ``kind``; else raises Problem."""
    if not isinstance(geometry, dict):
        raise Problem(_("it has no geometry"))
    kind_type = geometry.get("type")
    allowed = GEOMETRY_TYPES[kind]
    if kind_type not in allowed:
        raise Problem(
            _("geometry type %(type)s is not allowed in this layer (use %(allowed)s)")
            % {"type": kind_type or "none", "allowed": " or ".join(allowed)}
        )
    coordinates = geometry.get("coordinates")
    if kind_type == "Point":
        return {"type": "Point", "coordinates": _position(coordinates, _("the point"))}
    if kind_type == "LineString":
        return {"type": kind_type, "coordinates": _positions(coordinates, _("the line"), minimum=2)}
    if kind_type == "Polygon":
        return {"type": kind_type, "coordinates": _rings(coordinates, "")}
    if not isinstance(coordinates, list) or not coordinates:
        raise Problem(_("%(type)s has no parts") % {"type": kind_type})
    if kind_type == "MultiLineString":
        parts = [
            _positions(line, _("line %(n)d") % {"n": n}, minimum=2)
            for n, line in enumerate(coordinates)
        ]
    else:
        parts = [
            _rings(rings, _("polygon %(n)d") % {"n": n}) for n, rings in enumerate(coordinates)
        ]
    return {"type": kind_type, "coordinates": parts}


def _date(properties: dict, name: str, *, required: bool) -> date | None:
    raw = properties.get(name)
    if raw in (None, ""):
        if required:
            raise Problem(
                _("property “%(name)s” is missing (a date like 2025-03-12)") % {"name": name}
            )
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise Problem(
            _("property “%(name)s” is “%(value)s”, not a date like 2025-03-12")
            % {"name": name, "value": raw}
        ) from None


def _text(properties: dict, name: str, limit: int, *, required: bool = False) -> str:
    value = properties.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Problem(_("property “%(name)s” must be text") % {"name": name})
    value = value.strip()
    if required and not value:
        raise Problem(_("property “%(name)s” is missing") % {"name": name})
    if len(value) > limit:
        raise Problem(
            _("property “%(name)s” is longer than %(limit)d characters")
            % {"name": name, "limit": limit}
        )
    return value


def check_feature(feature, kind: str, factions: dict[str, str]) -> FeatureData:
    """One feature of the layer; ``factions`` maps lower-cased names to their spelling."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise Problem(_("it is not a GeoJSON Feature"))
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        raise Problem(_("its properties are not an object"))
    geometry = check_geometry(feature.get("geometry"), kind)
    name = _text(properties, "name", NAME_MAX, required=True)
    valid_from = _date(properties, "valid_from", required=True)
    valid_to = _date(properties, "valid_to", required=False)
    if valid_to is not None and valid_to < valid_from:
        raise Problem(
            _("valid_to (%(to)s) is before valid_from (%(from)s)")
            % {"to": valid_to.isoformat(), "from": valid_from.isoformat()}
        )
    faction = _text(properties, "faction", NAME_MAX, required=kind == AREA)
    if faction:
        if faction.lower() not in factions:
            known = ", ".join(sorted(factions.values())) or _("none yet: add them under Factions")
            raise Problem(
                _("faction “%(faction)s” is unknown (known: %(known)s)")
                % {"faction": faction, "known": known}
            )
        faction = factions[faction.lower()]
    event_type = ""
    if kind == EVENT:
        event_type = _text(properties, "event_type", 20) or "other"
        if event_type not in EVENT_TYPES:
            raise Problem(
                _("event_type “%(type)s” is unknown (use %(known)s)")
                % {"type": event_type, "known": ", ".join(EVENT_TYPES)}
            )
    return FeatureData(
        kind=kind,
        name=name,
        geometry=simplify_geometry(geometry),
        valid_from=valid_from,
        valid_to=valid_to,
        faction=faction,
        event_type=event_type,
        description=_text(properties, "description", DESCRIPTION_MAX),
    )


def parse_layer(
    raw: bytes | str,
    *,
    kind: str,
    factions: list[str],
    max_features: int,
    max_bytes: int,
) -> list[FeatureData]:
    """Every feature of an uploaded layer, checked and simplified; else ``GeoJSONError``."""
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > max_bytes:
        raise GeoJSONError(
            [
                _("The file is %(size).1f MB; the limit is %(limit).1f MB.")
                % {"size": size / 1_048_576, "limit": max_bytes / 1_048_576}
            ]
        )
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise GeoJSONError(
            [_("The file is not valid JSON: %(error)s.") % {"error": error}]
        ) from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        features = [data]
    elif isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeoJSONError([_("The FeatureCollection has no “features” list.")])
    else:
        raise GeoJSONError([_("The file is not a GeoJSON FeatureCollection or Feature.")])
    if not features:
        raise GeoJSONError([_("The file has no features.")])
    if len(features) > max_features:
        raise GeoJSONError(
            [
                _("The file has %(count)d features; the limit is %(limit)d.")
                % {"count": len(features), "limit": max_features}
            ]
        )
    known = {name.lower(): name for name in factions}
    found, errors = [], []
    for index, feature in enumerate(features):
        try:
            found.append(check_feature(feature, kind, known))
        except Problem as problem:
            errors.append(
                _("feature %(index)d: %(problem)s") % {"index": index, "problem": problem}
            )
    if errors:
        if len(errors) > MAX_ERRORS:
            rest = len(errors) - MAX_ERRORS
            errors = errors[:MAX_ERRORS] + [_("… and %(count)d more problems.") % {"count": rest}]
        raise GeoJSONError(errors)
    return found


def _distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list, tolerance: float = SIMPLIFY_TOLERANCE) -> list:
    """Douglas-Peucker: drop the points closer than ``tolerance`` to the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        distance, index = 0.0, first
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > distance:
                distance, index = d, i
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _round(points: list) -> list:
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_z in points]


def _simplify_ring(ring: list) -> list:
    simpler = simplify(ring)
    return _round(simpler if len(simpler) >= 4 else ring)


def simplify_geometry(geometry: dict) -> dict:
    """The same geometry with fewer points and 5 decimals (about 1 m); rings stay closed."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        coordinates = _round([coordinates])[0]
    elif kind == "LineString":
        coordinates = _round(simplify(coordinates))
    elif kind == "MultiLineString":
        coordinates = [_round(simplify(line)) for line in coordinates]
    elif kind == "Polygon":
        coordinates = [_simplify_ring(ring) for ring in coordinates]
    elif kind == "MultiPolygon":
        coordinates = [[_simplify_ring(ring) for ring in polygon] for polygon in coordinates]
    return {"type": kind, "coordinates": coordinates}
