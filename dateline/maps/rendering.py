"""Drawing a map for one day on the server: SVG shapes for the page, a PNG for link previews.

Both use the same projection (equirectangular, with longitudes shortened by the cosine of
the middle latitude, which is close enough at the scale of a news map) and the same view:
the box around every feature of the map on every day, so the view stays put as the reader
moves through time.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.staticfiles import finders

from dateline.maps import colours

BASEMAP = "dateline/maps/countries-110m.json"
SEA, BORDER, AREA_EDGE = "#dbe7f0", "#9aa5ad", "#ffffff"
EVENT_COLOURS = {
    "clash": "#b3261e",
    "strike": "#6a1b9a",
    "agreement": "#1b5e20",
    "other": "#37474f",
}
LINE_COLOUR = "#222222"
PADDING = 0.15


@dataclass(frozen=True)
class Viewport:
    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    @property
    def _kx(self) -> float:
        return max(math.cos(math.radians((self.south + self.north) / 2)), 0.1)

    @property
    def _scale(self) -> float:
        return min(
            self.width / max((self.east - self.west) * self._kx, 1e-6),
            self.height / max(self.north - self.south, 1e-6),
        )

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + (lon - (self.west + self.east) / 2) * self._kx * self._scale
        y = self.height / 2 - (lat - (self.south + self.north) / 2) * self._scale
        return round(x, 1), round(y, 1)

    def bounds(self) -> tuple[float, float, float, float]:
        """The longitudes and latitudes at the picture's edges (wider than the features)."""
        half_w = self.width / 2 / (self._kx * self._scale)
        half_h = self.height / 2 / self._scale
        lon, lat = (self.west + self.east) / 2, (self.south + self.north) / 2
        return lon - half_w, lat - half_h, lon + half_w, lat + half_h


def positions(geometry: dict):
    """Every [lon, lat] of a geometry."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        yield coordinates
    elif kind in ("LineString",):
        yield from coordinates
    elif kind in ("Polygon", "MultiLineString"):
        for part in coordinates:
            yield from part
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            for ring in polygon:
                yield from ring


def viewport(features, *, width: int, height: int) -> Viewport:
    points = [point for feature in features for point in positions(feature.geometry)]
    if not points:
        return Viewport(-180, -60, 180, 75, width, height)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x, pad_y = max((east - west) * PADDING, 0.05), max((north - south) * PADDING, 0.05)
    return Viewport(west - pad_x, south - pad_y, east + pad_x, north + pad_y, width, height)


def rings_of(geometry: dict) -> list[list]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind in ("Polygon", "MultiLineString"):
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    if kind == "LineString":
        return [coordinates]
    return []


def path_data(geometry: dict, view: Viewport, *, closed: bool) -> str:
    parts = []
    for ring in rings_of(geometry):
        points = [view.project(lon, lat) for lon, lat, *_z in ring]
        text = "M" + "L".join(f"{x},{y}" for x, y in points)
        parts.append(text + ("Z" if closed else ""))
    return "".join(parts)


def label_point(geometry: dict) -> tuple[float, float]:
    """The centroid of the largest ring (shoelace formula), where the area's name goes."""
    best, best_area = None, -1.0
    outer = (
        [geometry["coordinates"][0]]
        if geometry["type"] == "Polygon"
        else [polygon[0] for polygon in geometry["coordinates"]]
    )
    for ring in outer:
        area = cx = cy = 0.0
        for (x1, y1, *_a), (x2, y2, *_b) in zip(ring, ring[1:], strict=False):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if abs(area) > best_area and area:
            best_area, best = abs(area), (cx / (3 * area), cy / (3 * area))
    if best is None:
        lons = [p[0] for p in outer[0]]
        lats = [p[1] for p in outer[0]]
        best = (sum(lons) / len(lons), sum(lats) / len(lats))
    return best


@lru_cache(maxsize=1)
def _basemap() -> list[tuple[tuple[float, float, float, float], dict]]:
    path = finders.find(BASEMAP)
    if not path:
        return []
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    found = []
    for feature in data["features"]:
        points = list(positions(feature["geometry"]))
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        found.append(((min(lons), min(lats), max(lons), max(lats)), feature["geometry"]))
    return found


def base_paths(view: Viewport) -> list[str]:
    """The countries inside the view, as SVG path data."""
    west, south, east, north = view.bounds()
    return [
        path_data(geometry, view, closed=True)
        for (w, s, e, n), geometry in _basemap()
        if w <= east and e >= west and s <= north and n >= south
    ]


def shapes(features, factions: dict, view: Viewport) -> dict:
    """What the SVG template and the PNG draw for one day's features."""
    areas, lines, events = [], [], []
    for feature in features:
        faction = factions.get(feature.faction_id)
        if feature.kind == "area":
            fill = colours.blend(faction.colour) if faction else colours.LAND
            x, y = view.project(*label_point(feature.geometry))
            areas.append(
                {
                    "d": path_data(feature.geometry, view, closed=True),
                    "fill": fill,
                    "label": feature.name,
                    "label_x": x,
                    "label_y": y,
                    "label_colour": colours.label_colour(fill),
                    "faction": faction.name if faction else "",
                }
            )
        elif feature.kind == "line":
            lines.append(
                {
                    "d": path_data(feature.geometry, view, closed=False),
                    "colour": faction.colour if faction else LINE_COLOUR,
                    "label": feature.name,
                }
            )
        elif feature.kind == "event":
            x, y = view.project(*feature.geometry["coordinates"][:2])
            events.append(
                {
                    "x": x,
                    "y": y,
                    "colour": EVENT_COLOURS.get(feature.event_type, EVENT_COLOURS["other"]),
                    "label": feature.name,
                    "type": feature.get_event_type_display(),
                }
            )
    return {"areas": areas, "lines": lines, "events": events}


def _points(geometry: dict, view: Viewport) -> list[list[tuple[float, float]]]:
    return [[view.project(lon, lat) for lon, lat, *_z in ring] for ring in rings_of(geometry)]


def draw_png(features, factions: dict, *, caption: str, size=(1200, 630)) -> bytes:
    """A PNG of one day for link previews (social sites do not take SVG)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = size
    footer = 70
    view = viewport(features, width=width, height=height - footer)
    picture = Image.new("RGB", size, SEA)
    draw = ImageDraw.Draw(picture)
    west, south, east, north = view.bounds()
    for (w, s, e, n), geometry in _basemap():
        if w <= east and e >= west and s <= north and n >= south:
            for ring in _points(geometry, view):
                draw.polygon(ring, fill=colours.LAND, outline=BORDER)
    font = ImageFont.load_default(size=24)
    labels = []
    for feature in features:
        faction = factions.get(feature.faction_id)
        if feature.kind == "area":
            fill = colours.blend(faction.colour) if faction else colours.LAND
            for ring in _points(feature.geometry, view):
                draw.polygon(ring, fill=fill, outline=AREA_EDGE, width=2)
            labels.append((view.project(*label_point(feature.geometry)), feature.name, fill))
    for feature in features:
        if feature.kind == "line":
            faction = factions.get(feature.faction_id)
            for line in _points(feature.geometry, view):
                draw.line(line, fill=faction.colour if faction else LINE_COLOUR, width=5)
        elif feature.kind == "event":
            x, y = view.project(*feature.geometry["coordinates"][:2])
            colour = EVENT_COLOURS.get(feature.event_type, EVENT_COLOURS["other"])
            draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=colour, outline="#ffffff", width=3)
    for (x, y), text, fill in labels:
        draw.text((x, y), text, fill=colours.label_colour(fill), font=font, anchor="mm")
    draw.rectangle((0, height - footer, width, height), fill="#1d2630")
    draw.text((24, height - footer / 2), caption, fill="#ffffff", font=font, anchor="lm")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
