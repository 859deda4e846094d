"""Provinces (admin-1) named for context when a user zooms in: data/basemap/provinces.csv (ISO 3166-2's names and
points for the theatre's countries, made by scripts/build_provinces.py), below the places with events, the seas,
the countries and the large towns. Their boundaries are drawn into the basemap's tiles (eventmap.maps.tiles)."""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Any, Final

from eventmap import schema
from eventmap.maps import raster

PROVINCES_PATH: Final = raster.BASEMAP_DIR / "provinces.csv"
# Named from zoom 5.5 (contract.NAME_RULES' zoomSlack below this), when the tiles draw the boundaries.
PROVINCE_ZOOM: Final = 6.5
PROVINCE_PRIORITY: Final = 110  # a town of about 25,000 people (towns.py): the big towns first, the villages after


@lru_cache(maxsize=1)
def province_names() -> tuple[dict[str, Any], ...]:
    """The provinces as name candidates (contract.NAME_FIELDS), centred on their point; none when the file is
    absent."""
    if not PROVINCES_PATH.exists():
        return ()
    colour = list(schema.PALETTE["province label"])
    with PROVINCES_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        {
            "name": row["name"],
            "lon": round(float(row["longitude"]), 3),
            "lat": round(float(row["latitude"]), 3),
            "offset": [0, 0],
            "color": colour,
            "priority": PROVINCE_PRIORITY,
            "zoom": PROVINCE_ZOOM,
            "r": 0,
        }
        for row in rows
    )
