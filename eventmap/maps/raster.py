"""The basemap: the Natural Earth geometry shipped in data/basemap/, and the pictures made from it once: land,
borders and coasts pre-rendered into a Web Mercator PNG, and each country's shape as a white mask that the map
tints in an event's category colour.

The geometry files are made by scripts/build_basemap.py (see data/basemap/README.md). Country fills and outlines
are separate files because the fills are clipped to a box: stroking the clipped polygons would draw the box's
edges as if they were coastlines, while the outline lines are clipped as lines and leave no trace.

Why pictures (docs/decisions.md, 'Pictures, not polygons'): a picture is one textured square to draw, where the
polygons cost more than the whole floor page with no GPU. scripts/build_basemap.py writes the pictures into
static/ (eventmap.maps.pictures.static_pictures); tests/maps/test_pictures.py checks that the committed pictures
are what the build makes.

Pillow (a dependency of Streamlit) is imported only by the functions that draw: the app only reads geometry, names
and bounds from here.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import ArrayLike

from eventmap.schema import AREA_LINE_ALPHA, COUNTRY_FILL_ALPHA, PALETTE

if TYPE_CHECKING:
    from PIL import Image

Bounds = tuple[float, float, float, float]  # west, south, east, north (degrees), as deck.gl's BitmapLayer takes them

BASEMAP_DIR: Final = Path(__file__).resolve().parents[2] / "data" / "basemap"  # geometry, not the dataset
BASEMAP_PATH: Final = BASEMAP_DIR / "countries.geojson"  # polygons, properties.name
OUTLINES_PATH: Final = BASEMAP_DIR / "outlines.geojson"  # lines, properties.kind "border" or "coast"
BASEMAP_IMAGE: Final = "basemap.png"
SEA_IMAGE: Final = "sea.png"  # beyond the box: a plain sea, stretched over the world
COUNTRY_DIR: Final = "countries"  # static/countries/<slug>.png
# What data/basemap/ is clipped to (scripts/build_basemap.py), and so the basemap picture's bounds: Iraq, Syria,
# Yemen, the Red Sea and the Gulf of Aden, with room so that the cut edges stay outside the theatre's view.
BOX: Final[Bounds] = (8.0, -3.0, 80.0, 50.0)
WORLD: Final[Bounds] = (-180.0, -85.0, 180.0, 85.0)
BASEMAP_WIDTH_PX = 4096  # ~57 px a degree: sharp to about zoom 5.5, the theatre's views; a common texture limit
COUNTRY_PX_PER_DEG, COUNTRY_MAX_PX = 64, 1024
SUPERSAMPLE = 2  # drawn at twice the size and averaged down: smooth coasts without Pillow's anti-aliasing
BORDER_PX = 1.0  # at the picture's scale, before the averaging
COUNTRY_LINE_PX = 2.0


@functools.cache
def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def load_basemap() -> dict[str, Any]:
    """The country polygons as a GeoJSON FeatureCollection; cached and shared, so do not modify it."""
    return _read(BASEMAP_PATH)


def load_outlines() -> dict[str, Any]:
    """Borders and coastlines as a GeoJSON FeatureCollection of MultiLineStrings; cached, do not modify."""
    return _read(OUTLINES_PATH)


@functools.lru_cache(maxsize=1)
def country_shapes() -> Mapping[str, dict[str, Any]]:
    """Each basemap country's geometry by its Natural Earth name, to highlight a country-level event."""
    return MappingProxyType({f["properties"]["name"]: f["geometry"] for f in load_basemap()["features"]})


def mercator_y(lat: ArrayLike) -> Any:
    """Web Mercator's y (in radians) of a latitude or an array of them, clipped to ±85° as the map is: the one
    projection formula of the package (the pictures, the fitted view and the names' boxes use it)."""
    return np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85.0, 85.0)) / 2))


def slug(name: str) -> str:
    """A file name for a country's mask: ASCII letters, digits and dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-") or "country"


def _rings(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings (outer first)."""
    return list(geometry["coordinates"]) if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def geometry_bounds(geometry: Mapping[str, Any]) -> Bounds:
    """The shape's box, rounded outwards to a tenth of a degree so that the picture's edges are stable numbers."""
    points = [point for polygon in _rings(geometry) for ring in polygon for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (
        math.floor(min(lons) * 10) / 10,
        math.floor(min(lats) * 10) / 10,
        math.ceil(max(lons) * 10) / 10,
        math.ceil(max(lats) * 10) / 10,
    )


def picture_size(bounds: Bounds, width_px: int) -> tuple[int, int]:
    """Width and height of a Web Mercator picture of bounds that is width_px wide."""
    west, south, east, north = bounds
    height = width_px * (mercator_y(north) - mercator_y(south)) / math.radians(east - west)
    return width_px, max(1, round(height))


def country_width_px(bounds: Bounds) -> int:
    west, south, east, north = bounds
    width, height = picture_size(bounds, max(1, round((east - west) * COUNTRY_PX_PER_DEG)))
    return max(8, round(width * min(1.0, COUNTRY_MAX_PX / max(width, height))))


class _Canvas:
    """A supersampled Pillow drawing in Web Mercator pixels of bounds."""

    def __init__(self, bounds: Bounds, width_px: int, mode: str, background: Any) -> None:
        from PIL import Image, ImageDraw

        self.bounds, self.size = bounds, picture_size(bounds, width_px)
        self.image = Image.new(mode, (self.size[0] * SUPERSAMPLE, self.size[1] * SUPERSAMPLE), background)
        self.draw = ImageDraw.Draw(self.image)
        west, south, east, north = bounds
        self._x = self.image.width / (east - west)
        self._top, self._y = mercator_y(north), self.image.height / (mercator_y(north) - mercator_y(south))

    def xy(self, ring: Iterable[list[float]]) -> list[tuple[float, float]]:
        lon, lat = np.asarray(list(ring), dtype=float).reshape(-1, 2).T
        x, y = (lon - self.bounds[0]) * self._x, (self._top - mercator_y(lat)) * self._y
        return list(zip(x.tolist(), y.tolist()))

    def polygons(self, geometry: Mapping[str, Any], fill: Any, hole: Any) -> None:
        for polygon in _rings(geometry):
            self.draw.polygon(self.xy(polygon[0]), fill=fill)
            for ring in polygon[1:]:
                self.draw.polygon(self.xy(ring), fill=hole)

    def lines(self, lines: Iterable[Iterable[list[float]]], fill: Any, width_px: float) -> None:
        width = max(1, round(width_px * SUPERSAMPLE))
        for line in lines:
            self.draw.line(self.xy(line), fill=fill, width=width, joint="curve")

    def reduced(self) -> Image.Image:
        return self.image.reduce(SUPERSAMPLE)


def _palette(colours: list[tuple[int, int, int]]) -> Image.Image:
    """The pure colours and their halfway and quarter blends: every pixel snaps to one, so land stays exactly land."""
    from PIL import Image

    shades = list(colours)
    for i, a in enumerate(colours):
        for b in colours[i + 1 :]:
            for t in (0.25, 0.5, 0.75):
                shades.append(tuple(round(x + (y - x) * t) for x, y in zip(a, b)))
    flat = [value for shade in shades for value in shade]
    image = Image.new("P", (1, 1))
    image.putpalette(flat + flat[:3] * (256 - len(shades)))
    return image


def render_basemap(
    countries: Mapping[str, Any], outlines: Mapping[str, Any], bounds: Bounds, width_px: int = BASEMAP_WIDTH_PX
) -> Image.Image:
    """Sea, land, and the borders and coasts over it, as a palette PNG's picture."""
    from PIL import Image

    sea, land, border = PALETTE["sea"], PALETTE["land"], PALETTE["border"]
    canvas = _Canvas(bounds, width_px, "RGB", sea)
    for feature in countries["features"]:
        canvas.polygons(feature["geometry"], land, sea)
    for feature in outlines["features"]:
        canvas.lines(feature["geometry"]["coordinates"], border, BORDER_PX)
    return canvas.reduced().quantize(palette=_palette([sea, land, border]), dither=Image.Dither.NONE)


def render_sea() -> Image.Image:
    from PIL import Image

    return Image.new("RGB", (2, 2), PALETTE["sea"])


def render_country(geometry: Mapping[str, Any]) -> Image.Image:
    """White where the country is: a faint fill, and its outline stronger. The map tints it in the category's
    colour (BitmapLayer's tintColor multiplies white into that colour) and hatches it (the layer's hatchColor:
    lines drawn by the browser at a fixed spacing on the screen, sharp at every zoom), so that the basemap under
    it stays readable (docs/decisions.md, 'A country hatched, not tinted')."""
    bounds = geometry_bounds(geometry)
    canvas = _Canvas(bounds, country_width_px(bounds), "LA", (255, 0))
    canvas.polygons(geometry, (255, COUNTRY_FILL_ALPHA), (255, 0))
    for polygon in _rings(geometry):
        canvas.lines(polygon, (255, AREA_LINE_ALPHA), COUNTRY_LINE_PX)
    return canvas.reduced()
