"""The offline basemap: Natural Earth countries shipped in data/basemap/, so the map needs no tile server.

The files are made by scripts/build_basemap.py (see data/basemap/README.md). Country fills and outlines
are separate files because the fills are clipped to a box: stroking the clipped polygons would draw the
box's edges as if they were coastlines, while the outline lines are clipped as lines and leave no trace.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import pydeck as pdk

from eventmap.schema import PALETTE

BASEMAP_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "basemap"
BASEMAP_PATH: Final = BASEMAP_DIR / "countries.geojson"  # polygons, properties.name
OUTLINES_PATH: Final = BASEMAP_DIR / "outlines.geojson"  # lines, properties.kind "border" or "coast"

SEA_COLOUR: Final = PALETTE["sea"]  # the map's background; the basemap draws land only
LAND_COLOUR: Final = PALETTE["land"]
BORDER_COLOUR: Final = PALETTE["border"]

# Northern Iraq and Syria (37.4N) down to the Gulf of Aden (11N) on a 560 px tall map; zoom 4 would cut both off.
# Read-only: use `{**INITIAL_VIEW, ...}` to change it.
INITIAL_VIEW: Final[Mapping[str, float]] = MappingProxyType({"latitude": 24.0, "longitude": 44.0, "zoom": 3.6})


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def load_basemap() -> dict[str, Any]:
    """The country polygons as a GeoJSON FeatureCollection; cached and shared, so do not modify it."""
    return _read(BASEMAP_PATH)


def load_outlines() -> dict[str, Any]:
    """Borders and coastlines as a GeoJSON FeatureCollection of MultiLineStrings; cached, do not modify."""
    return _read(OUTLINES_PATH)


def basemap_layer() -> pdk.Layer:
    """Pale land with thin grey borders and coasts, as one non-pickable GeoJsonLayer with id "basemap".

    stroked is False on purpose: it only outlines polygons, and the clipped polygons' edges along the
    box are not coastlines. The outline LineStrings in the same data are drawn whatever stroked says.
    """
    features = load_basemap()["features"] + load_outlines()["features"]
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id="basemap",
        filled=True,
        stroked=False,
        get_fill_color=list(LAND_COLOUR),
        get_line_color=list(BORDER_COLOUR),
        get_line_width=1,
        line_width_units="'pixels'",  # quoted: pydeck turns a bare string into a JS expression
        line_width_min_pixels=1,
        pickable=False,
    )
