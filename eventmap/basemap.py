"""The offline basemap: Natural Earth countries shipped in data/basemap/, so the map needs no tile server.

The files are made by scripts/build_basemap.py (see data/basemap/README.md). Country fills and outlines
are separate files because the fills are clipped to a box: stroking the clipped polygons would draw the
box's edges as if they were coastlines, while the outline lines are clipped as lines and leave no trace.

What never changes with the filters (land, borders, country and sea names) is not sent in the map's spec:
it is a static file under static/ (Streamlit serves it at app/static/), referenced by a relative URL that
deck.gl fetches once per page; a rerun sends the same URL, so the browser neither re-reads nor re-draws it.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd
import pydeck as pdk

from eventmap import labels
from eventmap.schema import PALETTE

BASEMAP_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "basemap"
BASEMAP_PATH: Final = BASEMAP_DIR / "countries.geojson"  # polygons, properties.name
OUTLINES_PATH: Final = BASEMAP_DIR / "outlines.geojson"  # lines, properties.kind "border" or "coast"
STATIC_DIR: Final = BASEMAP_DIR.parent.parent / "static"  # served by Streamlit (server.enableStaticServing)
STATIC_URL: Final = "app/static"  # relative: resolves against the page's own server, at / as on /Timeline
BASEMAP_FILE: Final = "basemap.json"  # .json: Streamlit serves other suffixes as text/plain
NAMES_FILE: Final = "names.json"

SEA_COLOUR: Final = PALETTE["sea"]  # the map's background; the basemap draws land only
LAND_COLOUR: Final = PALETTE["land"]
BORDER_COLOUR: Final = PALETTE["border"]

# Northern Iraq and Syria (37.4N) down to the Gulf of Aden (11N) on a 560 px tall map; zoom 4 would cut both off.
# Read-only: use `{**INITIAL_VIEW, ...}` to change it.
INITIAL_VIEW: Final[Mapping[str, float]] = MappingProxyType({"latitude": 24.0, "longitude": 44.0, "zoom": 3.6})
# The view that follows the data: a single place at POINT_ZOOM at most, and never wider than INITIAL_VIEW.
POINT_ZOOM, MAP_WIDTH_PX, MAP_HEIGHT_PX, FIT_MARGIN = 7.0, 900, 560, 0.4


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def load_basemap() -> dict[str, Any]:
    """The country polygons as a GeoJSON FeatureCollection; cached and shared, so do not modify it."""
    return _read(BASEMAP_PATH)


@functools.lru_cache(maxsize=1)
def country_shapes() -> Mapping[str, dict[str, Any]]:
    """Each basemap country's geometry by its Natural Earth name, to highlight a country-level event."""
    return MappingProxyType({f["properties"]["name"]: f["geometry"] for f in load_basemap()["features"]})


def load_outlines() -> dict[str, Any]:
    """Borders and coastlines as a GeoJSON FeatureCollection of MultiLineStrings; cached, do not modify."""
    return _read(OUTLINES_PATH)


def basemap_layer() -> pdk.Layer:
    """Pale land with thin grey borders and coasts, as one non-pickable GeoJsonLayer with id "basemap".

    stroked is False on purpose: it only outlines polygons, and the clipped polygons' edges along the
    box are not coastlines. The outline LineStrings in the same data are drawn whatever stroked says.
    """
    return pdk.Layer(
        "GeoJsonLayer",
        data=f"{STATIC_URL}/{BASEMAP_FILE}",
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


def fit_view(frame: pd.DataFrame, width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX) -> dict[str, float]:
    """The view that shows every point of frame (latitude, longitude; area_m, a radius in metres, if present),
    at POINT_ZOOM at most for a single place and never wider than the whole theatre (INITIAL_VIEW)."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(float) if len(frame) else np.empty(0)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(float) if len(frame) else np.empty(0)
    placed = np.isfinite(lat) & np.isfinite(lon)
    if not placed.any():
        return dict(INITIAL_VIEW)
    lat, lon = lat[placed], lon[placed]
    reach = frame["area_m"].to_numpy(float)[placed] / 111_320.0 if "area_m" in frame.columns else np.zeros(len(lat))
    reach = np.nan_to_num(reach)
    lon_reach = reach / np.maximum(np.cos(np.radians(lat)), 0.1)
    south, north = np.clip([(lat - reach).min(), (lat + reach).max()], -80, 80)
    west, east = (lon - lon_reach).min(), (lon + lon_reach).max()

    def mercator(y: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(y) / 2))

    zoom_x = math.log2(width_px * 360 / (512 * max(east - west, 1e-6)))
    zoom_y = math.log2(height_px * 2 * math.pi / (512 * max(mercator(north) - mercator(south), 1e-9)))
    zoom = min(zoom_x, zoom_y) - FIT_MARGIN
    if zoom < INITIAL_VIEW["zoom"]:
        return dict(INITIAL_VIEW)
    middle = math.degrees(2 * math.atan(math.exp((mercator(north) + mercator(south)) / 2)) - math.pi / 2)
    return {"latitude": round(middle, 4), "longitude": round((west + east) / 2, 4), "zoom": round(min(zoom, POINT_ZOOM), 2)}


def static_files() -> dict[str, bytes]:
    """The files static/ must hold, made from data/basemap and the gazetteer (scripts/build_basemap.py writes them)."""
    features = load_basemap()["features"] + load_outlines()["features"]
    basemap = {"type": "FeatureCollection", "features": features}
    colour = {"sea": list(PALETTE["sea label"]), "country": list(PALETTE["country label"])}
    names = [{**name, "color": colour[name["kind"]]} for name in labels.region_labels(load_basemap(), labels.gazetteer())]
    return {name: (json.dumps(content, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")
            for name, content in ((BASEMAP_FILE, basemap), (NAMES_FILE, names))}


def names_layer(zoom: float) -> pdk.Layer:
    """Country and sea names from the static file: a name shows from its zoom on (DataFilterExtension on
    min_zoom), and of two that overlap the more important one. Below the markers: a name never hides an event."""
    return labels.text_layer(
        "region-names", f"{STATIC_URL}/{NAMES_FILE}", "color",
        get_filter_value="min_zoom", filter_range=[0, zoom + labels.ZOOM_SLACK],
        extensions=[{"@@type": "DataFilterExtension", "filterSize": 1}],
    )
