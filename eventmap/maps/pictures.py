"""The offline basemap: Natural Earth countries shipped in data/basemap/, so the map needs no tile server.

The files are made by scripts/build_basemap.py (see data/basemap/README.md). Country fills and outlines
are separate files because the fills are clipped to a box: stroking the clipped polygons would draw the
box's edges as if they were coastlines, while the outline lines are clipped as lines and leave no trace.

What never changes with the filters is not sent in the map's spec: land, borders and coasts as pictures made
once from those files (eventmap/raster.py) and one tintable mask per country, static files under static/
(Streamlit serves them at app/static/) referenced by a relative URL that the map fetches once per page; a rerun
sends the same URL, so the browser does not fetch them again. The country and sea names travel with the
place names in the map's spec (a few kB): one layer, placed together so that none covers another.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd
import pydeck as pdk

from eventmap import labels, raster
from eventmap.schema import PALETTE

if TYPE_CHECKING:
    from PIL import Image

BASEMAP_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "basemap"
BASEMAP_PATH: Final = BASEMAP_DIR / "countries.geojson"  # polygons, properties.name
OUTLINES_PATH: Final = BASEMAP_DIR / "outlines.geojson"  # lines, properties.kind "border" or "coast"
STATIC_DIR: Final = BASEMAP_DIR.parent.parent / "static"  # served by Streamlit (server.enableStaticServing)
STATIC_URL: Final = "app/static"  # relative: resolves against the page's own server, at / as on /Timeline

# Northern Iraq and Syria (37.4N) down to the Gulf of Aden (11N) on a 560 px tall map; zoom 4 would cut both off.
# Read-only: use `{**INITIAL_VIEW, ...}` to change it.
INITIAL_VIEW: Final[Mapping[str, float]] = MappingProxyType({"latitude": 24.0, "longitude": 44.0, "zoom": 3.6})
# The view that follows the data: a single place at POINT_ZOOM at most, and never wider than INITIAL_VIEW.
POINT_ZOOM, MAP_WIDTH_PX, MAP_HEIGHT_PX, FIT_MARGIN = 7.0, 900, 560, 0.4


@functools.cache
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


def bitmap_layer(layer_id: str, image: str, bounds: Sequence[float], **props: Any) -> pdk.Layer:
    """A picture from static/ between bounds (west, south, east, north): a BitmapLayer in the spec, which the map
    (eventmap/ui/deckmap.py) draws on a canvas below its markers.

    The image is set after the layer is made: pydeck turns an `image` argument that is not an absolute URL
    into a local file it reads and inlines, which would put the picture back into every map message.
    """
    layer = pdk.Layer("BitmapLayer", id=layer_id, bounds=list(bounds), pickable=False, **props)
    layer.image = f"{STATIC_URL}/{image}"
    return layer


def basemap_layers() -> list[pdk.Layer]:
    """The sea beyond the box, then land, borders and coasts: pictures made once by scripts/build_basemap.py."""
    return [
        bitmap_layer("sea", raster.SEA_IMAGE, raster.WORLD),
        bitmap_layer("basemap", raster.BASEMAP_IMAGE, raster.BOX),
    ]


def country_layer(name: str, colour: Sequence[int]) -> pdk.Layer:
    """A country's shape, tinted in colour: for the events coded only to that country (ACLED's precision 3)."""
    return bitmap_layer(
        f"country-{raster.slug(name)}", country_image(name), country_bounds(name), tint_color=list(colour[:3])
    )


@functools.cache
def country_bounds(name: str) -> raster.Bounds:
    """The box of a country's mask picture, worked out once per country (every vertex is read)."""
    return raster.geometry_bounds(country_shapes()[name])


def country_image(name: str) -> str:
    return f"{raster.COUNTRY_DIR}/{raster.slug(name)}.png"


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

    top, bottom = float(raster.mercator_y(north)), float(raster.mercator_y(south))
    zoom_x = math.log2(width_px * 360 / (512 * max(east - west, 1e-6)))
    zoom_y = math.log2(height_px * 2 * math.pi / (512 * max(top - bottom, 1e-9)))
    zoom = min(zoom_x, zoom_y) - FIT_MARGIN
    if zoom < INITIAL_VIEW["zoom"]:
        return dict(INITIAL_VIEW)
    middle = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    return {
        "latitude": round(middle, 4),
        "longitude": round((west + east) / 2, 4),
        "zoom": round(min(zoom, POINT_ZOOM), 2),
    }


@functools.lru_cache(maxsize=1)
def region_names() -> tuple[dict[str, Any], ...]:
    """Country names (at a point inside each country's largest part) and the gazetteer's seas and straits, each
    with its colour, priority and minimum zoom; worked out once from data/."""
    colour = {"sea": list(PALETTE["sea label"]), "country": list(PALETTE["country label"])}
    return tuple(
        {**name, "color": colour[name["kind"]]} for name in labels.region_labels(load_basemap(), labels.gazetteer())
    )


def static_pictures() -> dict[str, Image.Image]:
    """The pictures static/ must hold, by path: the sea, the basemap, and one mask per country."""
    pictures = {
        raster.SEA_IMAGE: raster.render_sea(),
        raster.BASEMAP_IMAGE: raster.render_basemap(load_basemap(), load_outlines(), raster.BOX),
    }
    masks = {country_image(name): raster.render_country(shape) for name, shape in country_shapes().items()}
    if len(masks) != len(country_shapes()):
        raise ValueError("two countries share a mask's file name: change raster.slug")
    return pictures | masks
