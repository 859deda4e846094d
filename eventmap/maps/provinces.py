"""Provinces (admin-1) named for context when a user zooms in: data/basemap/provinces.csv (ISO 3166-2's names and
points for the theatre's countries, made by scripts/build_provinces.py), below the places with events, the seas,
the countries and the large towns. Their boundaries are drawn into the basemap's tiles (eventmap.maps.tiles)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final

from eventmap.maps import raster
from eventmap.maps.towns import point_names

PROVINCES_PATH: Final = raster.BASEMAP_DIR / "provinces.csv"
# Named from zoom 5.5 (contract.NAME_RULES' zoomSlack below this), when the tiles draw the boundaries.
PROVINCE_ZOOM: Final = 6.5
PROVINCE_PRIORITY: Final = 110  # a town of about 25,000 people (towns.py): the big towns first, the villages after


@lru_cache(maxsize=1)
def province_names() -> tuple[dict[str, Any], ...]:
    """The provinces as name candidates, centred on their point; none when the file is absent."""
    return point_names(PROVINCES_PATH, "province label", lambda _row: PROVINCE_PRIORITY, lambda _row: PROVINCE_ZOOM)
