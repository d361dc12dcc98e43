"""Build the offline base map (country borders and coastlines) from world-atlas.

Run once when upgrading the data, and commit the output::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python -m dateline.maps.tools.build_basemap package/countries-110m.json

world-atlas packages Natural Earth's 1:110m countries (public domain) as TopoJSON. The
browser would need topojson-client to read that, so we decode it here into plain GeoJSON,
rounded to 0.01° (about 1 km, finer than the 1:110m data), which Leaflet draws as is and
the server-side renderer (``rendering.py``) reads too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[2] / "static/dateline/maps/countries-110m.json"
DECIMALS = 2


def _arcs(topology: dict) -> list[list[list[float]]]:
    (scale_x, scale_y), (move_x, move_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(
                [round(x * scale_x + move_x, DECIMALS), round(y * scale_y + move_y, DECIMALS)]
            )
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # consecutive arcs share their end point
        ring.extend(points[1:] if ring else points)
    deduplicated = [ring[0]] + [p for prev, p in zip(ring, ring[1:], strict=False) if p != prev]
    return deduplicated


def _geometry(obj: dict, arcs: list) -> dict | None:
    if obj["type"] == "Polygon":
        rings = [_ring(r, arcs) for r in obj["arcs"]]
        return {"type": "Polygon", "coordinates": [r for r in rings if len(r) >= 4]}
    if obj["type"] == "MultiPolygon":
        polygons = [[_ring(r, arcs) for r in polygon] for polygon in obj["arcs"]]
        polygons = [[r for r in p if len(r) >= 4] for p in polygons]
        return {"type": "MultiPolygon", "coordinates": [p for p in polygons if p]}
    return None


def build(source: Path) -> dict:
    topology = json.loads(source.read_text())
    arcs = _arcs(topology)
    features = []
    for obj in topology["objects"]["countries"]["geometries"]:
        geometry = _geometry(obj, arcs)
        if geometry and geometry["coordinates"]:
            name = obj.get("properties", {}).get("name", "")
            features.append({"type": "Feature", "properties": {"name": name}, "geometry": geometry})
    return {
        "type": "FeatureCollection",
        "attribution": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2",
        "features": features,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(build(Path(argv[1])), separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
