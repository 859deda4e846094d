"""The theatre's provinces: the build script's reading of its two wheels (on hand-made bytes, no download) and the
shipped files it made."""

from __future__ import annotations

import csv
import importlib.util
import json
import struct
from pathlib import Path

import pytest

from eventmap.maps import provinces, tiles

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_provinces", ROOT / "scripts" / "build_provinces.py")
assert _spec and _spec.loader
build_provinces = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_provinces)


def record(number: int, content: bytes) -> bytes:
    return struct.pack(">ii", number, len(content) // 2) + content


def polyline(parts: list[list[tuple[float, float]]]) -> bytes:
    points = [point for part in parts for point in part]
    starts = [sum(len(p) for p in parts[:i]) for i in range(len(parts))]
    head = struct.pack("<i4d2i", 3, 0, 0, 0, 0, len(parts), len(points))
    return head + struct.pack(f"<{len(parts)}i", *starts) + b"".join(struct.pack("<dd", *p) for p in points)


def test_a_shapefiles_polylines_are_read_part_by_part_and_null_shapes_skipped() -> None:
    first, second = [(40.0, 33.0), (41.0, 33.5), (42.0, 33.0)], [(44.0, 35.0), (45.0, 35.5)]
    shp = bytes(100) + record(1, struct.pack("<i", 0)) + record(2, polyline([first, second]))
    assert build_provinces.polylines(shp) == [first, second]


def test_only_lines_inside_the_theatres_countries_are_kept() -> None:
    square = {"type": "Polygon", "coordinates": [[[40, 30], [46, 30], [46, 36], [40, 36], [40, 30]]]}
    countries = {
        "features": [
            {"properties": {"name": "Iraq"}, "geometry": square},
            {
                "properties": {"name": "Iran"},
                "geometry": {**square, "coordinates": [[[p[0] + 7, p[1]] for p in square["coordinates"][0]]]},
            },
        ]
    }
    inside, beyond = [(41.0, 31.0), (42.0, 32.0)], [(48.0, 31.0), (49.0, 32.0)]
    (feature,) = build_provinces.boundary_features([inside, beyond], countries)
    assert feature["geometry"]["coordinates"] == [[[41.0, 31.0], [42.0, 32.0]]]


def test_names_are_the_theatres_governorates_with_their_points() -> None:
    iso = {
        "IQ": {
            "IQ-AN": {"name": "Al Anbār", "type": "Governorate", "latLng": [32.7889, 41.6094]},
            "IQ-KR": {"name": "Herêm-î Kurdistan", "type": "Region", "latLng": [36.4, 44.3]},
        },
        "SY": {"SY-HL": {"name": "Ḩalab", "type": "Province", "latLng": [36.2988, 37.7594]}},
        "YE": {"YE-SA": {"name": "Amānat al ‘Āşimah [city]", "type": "Municipality", "latLng": [15.35, 44.2]}},
        "IR": {"IR-01": {"name": "Elsewhere", "type": "Province", "latLng": [38.0, 46.0]}},
    }
    rows = build_provinces.name_rows(iso)
    assert [(r["name"], r["latitude"], r["longitude"], r["code"]) for r in rows] == [
        ("Al Anbār", "32.7889", "41.6094", "IQ-AN"),
        ("Ḩalab", "36.2988", "37.7594", "SY-HL"),
    ]


def test_a_wheel_with_another_hash_is_refused() -> None:
    with pytest.raises(SystemExit, match="hash mismatch"):
        build_provinces.read_wheel(b"not the wheel", build_provinces.NAMES, build_provinces.NAMES_MEMBER)


def test_the_shipped_files_cover_the_theatre() -> None:
    with provinces.PROVINCES_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts = {code: sum(1 for row in rows if row["country_code"] == code) for code in ("IQ", "SY", "YE")}
    assert counts == {"IQ": 18, "SY": 14, "YE": 21}
    lines = json.loads(tiles.PROVINCES.read_text(encoding="utf-8"))["features"][0]["geometry"]["coordinates"]
    west, south, east, north = tiles.FINE_BOX
    assert lines and all(west <= x <= east and south <= y <= north for line in lines for x, y in line)
