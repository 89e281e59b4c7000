"""Build the dashboard's world map, `src/newsevents/web/static/world-110m.geojson`, from Natural Earth.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), as shipped inside the
`pyogrio` wheel as a test fixture (`pyogrio/tests/fixtures/naturalearth_lowres/`, 177 countries). Run once,
with pyogrio installed only for this (it is not a dependency of newsevents):

    pip install pyogrio && python tools/build_world_geojson.py

What it does:
- keeps two properties per country, `iso_a3` and `name`;
- fixes the rows whose `iso_a3` is -99: France FRA, Norway NOR, Kosovo XKX (the code CAMEO and newsevents
  use); N. Cyprus is merged into CYP and Somaliland into SOM, the countries ISO 3166 counts them in;
- rounds coordinates to 2 decimals (about 1 km) and drops the points and rings that rounding collapses.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/newsevents/web/static/world-110m.geojson"
FIXTURE = "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
MERGED = {"N. Cyprus": "CYP", "Somaliland": "SOM"}  # no ISO code of their own
DECIMALS = 2


def main() -> int:
    try:
        import pyogrio
        from pyogrio import raw
    except ImportError:
        print("this tool needs pyogrio: pip install pyogrio", file=sys.stderr)
        return 2
    source = Path(pyogrio.__file__).parent / FIXTURE
    meta, _fids, geometry, fields = raw.read(source)
    names = list(meta["fields"])
    with tempfile.TemporaryDirectory() as tmp:
        # GDAL writes the WKB geometries out as GeoJSON; the rest is plain JSON work below.
        path = Path(tmp) / "world.geojson"
        raw.write(path, geometry, fields, fields=names, driver="GeoJSON", geometry_type="MultiPolygon",
                  crs=meta["crs"], promote_to_multi=True)
        features = json.loads(path.read_text(encoding="utf-8"))["features"]

    by_code: dict[str, dict] = {}
    # Countries first, then the merged areas added to theirs.
    for feature in sorted(features, key=lambda f: f["properties"]["name"] in MERGED):
        props = feature["properties"]
        polygons = [p for p in (_round_polygon(poly) for poly in feature["geometry"]["coordinates"]) if p]
        if props["name"] in MERGED:
            by_code[MERGED[props["name"]]]["geometry"]["coordinates"].extend(polygons)
            continue
        code = ISO_FIXES.get(props["name"], props["iso_a3"])
        if not code or code == "-99" or code in by_code:
            raise SystemExit(f"no unique ISO code for {props['name']}: add it to ISO_FIXES")
        by_code[code] = {"type": "Feature", "properties": {"iso_a3": code, "name": props["name"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": polygons}}
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries, public domain (naturalearthdata.com); "
                  "built by tools/build_world_geojson.py",
        "features": sorted(by_code.values(), key=lambda f: f["properties"]["iso_a3"]),
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(by_code)} countries, {OUT.stat().st_size // 1024} KiB, to {OUT}")
    return 0


def _round_polygon(polygon: list) -> list:
    """A polygon's rings rounded; an outer ring that collapses drops the polygon, a hole that does is left out."""
    rings = []
    for i, ring in enumerate(polygon):
        points: list[list[float]] = []
        for x, y in ring:
            point = [round(x, DECIMALS), round(y, DECIMALS)]
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 4:  # a closed ring needs three distinct points and the closing one
            if i == 0:
                return []
            continue
        rings.append(points)
    return rings


if __name__ == "__main__":
    sys.exit(main())
