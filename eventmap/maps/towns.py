"""Towns named for context when a user zooms in: data/basemap/towns.csv (GeoNames, made by scripts/build_towns.py),
the most populous first and sooner, below every place with events, sea and country name."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from eventmap import schema
from eventmap.maps import raster

TOWNS_PATH: Final = raster.BASEMAP_DIR / "towns.csv"
# The least zoom a town is named at, by its people: a capital at a region's scale, a town of 80,000 once the
# view is a province (the opening view is about zoom 3.6; two levels in, the towns of 150,000 and more show).
TOWN_ZOOMS: Final = ((2_000_000, 4.5), (500_000, 5.5), (150_000, 6.5), (0, 7.5))
TOWN_PRIORITY_MAX: Final = 190  # below the seas (200 and up) and the theatre's countries


def _zoom(population: int) -> float:
    return next(zoom for least, zoom in TOWN_ZOOMS if population >= least)


def point_names(
    path: Path, colour: str, priority: Callable[[dict], float], zoom: Callable[[dict], float]
) -> tuple[dict[str, Any], ...]:
    """Name candidates (contract.NAME_FIELDS) centred on the points of a CSV of name, longitude, latitude (and what
    priority and zoom read); none when the file is absent."""
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    shown = list(schema.PALETTE[colour])
    return tuple(
        {
            "name": row["name"],
            "lon": round(float(row["longitude"]), 3),
            "lat": round(float(row["latitude"]), 3),
            "offset": [0, 0],
            "color": shown,
            "priority": priority(row),
            "zoom": zoom(row),
            "r": 0,
        }
        for row in rows
    )


@lru_cache(maxsize=1)
def town_names() -> tuple[dict[str, Any], ...]:
    """The towns as name candidates, centred on their point; none when the file is absent."""
    return point_names(
        TOWNS_PATH,
        "town label",
        lambda row: min(TOWN_PRIORITY_MAX, round(25 * math.log10(max(int(row["population"]), 1)))),
        lambda row: _zoom(int(row["population"])),
    )
