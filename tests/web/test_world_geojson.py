"""The world map shipped with the dashboard (built by tools/build_world_geojson.py from Natural Earth)."""
from __future__ import annotations

import json
import re

import pytest

from newsevents.web.api import STATIC_DIR

WORLD = STATIC_DIR / "world-110m.geojson"


@pytest.fixture(scope="module")
def world():
    return json.loads(WORLD.read_text(encoding="utf-8"))


def test_small_and_sourced(world):
    assert WORLD.stat().st_size < 250_000
    assert "Natural Earth" in world["source"] and "public domain" in world["source"]
    notice = (STATIC_DIR / "NOTICE.md").read_text(encoding="utf-8")
    assert "world-110m.geojson" in notice and "public domain" in notice.lower()


def test_one_feature_per_iso_code(world):
    codes = [f["properties"]["iso_a3"] for f in world["features"]]
    assert len(codes) == len(set(codes)) > 170
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    # The rows Natural Earth leaves at -99, fixed as CAMEO codes them.
    assert {"FRA", "NOR", "XKX", "PSE", "TWN", "CYP", "SOM"} <= set(codes)


def test_coordinates_rounded_and_rings_closed(world):
    for feature in world["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                for x, y in ring:
                    assert round(x, 2) == x and round(y, 2) == y
                    assert -180 <= x <= 180 and -90 <= y <= 90
