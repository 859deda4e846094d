"""The basemap's tiles: the theatre drawn again at finer levels, so the map stays sharp when zoomed in.

The one basemap picture (static/basemap.png) is sharp to about zoom 5.5. Beyond that the map draws, over it, the
tiles of the level that matches its zoom (frontend/src/tiles.js), each a 512-pixel Web Mercator square, so that
level z is pixel for pixel at deck.gl's zoom z. Only the theatre's countries have tiles (docs/decisions.md, 'Tiles
for the theatre, the picture for the rest'): elsewhere the picture, softer, stays.

The tiles are drawn from finer geometry than the picture (Natural Earth 1:10m coasts and borders, and its rivers
and lakes: data/basemap/README.md), all made by scripts/build_basemap.py into static/tiles/<z>/<x>/<y>.png.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from eventmap.maps import raster
from eventmap.schema import PALETTE

if TYPE_CHECKING:
    from PIL import Image

TILE_DIR: Final = "tiles"  # static/tiles/<z>/<x>/<y>.png
TILE_PX: Final = 512  # deck.gl's world is 512 px wide at zoom 0: a level-z tile is sharp at zoom z
LEVELS: Final = (7, 9)  # each drawn from the zoom above the one before (or FROM_ZOOM) up to its own
FROM_ZOOM: Final = 5.5  # below, the basemap picture alone is sharp enough (raster.BASEMAP_WIDTH_PX)
# The data's countries, and the seas off Yemen where its ships are struck, with room for a view's edges.
THEATRE: Final = ("Iraq", "Syria", "Yemen")
MARGIN_DEG: Final = 0.5
# The finer geometry's box: the theatre's countries and their margins (scripts/build_basemap.py clips to it).
FINE_BOX: Final[raster.Bounds] = (34.0, 11.0, 54.0, 38.5)
FINE_COUNTRIES: Final = raster.BASEMAP_DIR / "fine-countries.geojson"
FINE_OUTLINES: Final = raster.BASEMAP_DIR / "fine-outlines.geojson"
RIVERS: Final = raster.BASEMAP_DIR / "rivers.geojson"
LAKES: Final = raster.BASEMAP_DIR / "lakes.geojson"
PROVINCES: Final = raster.BASEMAP_DIR / "provinces.geojson"  # scripts/build_provinces.py
LINE_PX: Final = {7: (1.0, 0.0), 9: (1.2, 0.0)}  # borders and coasts, before the supersampling's averaging
PROVINCE_PX: Final = 0.5  # half a pixel, so a light grey once averaged, dashed: a province is not a country
DASH_PX: Final = (5.0, 4.0)  # on, off
RIVER_PX: Final = {7: (0.4, 1.2), 9: (0.8, 2.6)}  # (least, per unit of Natural Earth's stroke weight)


def tile_x(lon: float, level: int) -> float:
    return (lon + 180.0) / 360.0 * 2**level


def tile_y(lat: float, level: int) -> float:
    return (1.0 - float(raster.mercator_y(lat)) / math.pi) / 2.0 * 2**level


def tile_bounds(level: int, x: int, y: int) -> raster.Bounds:
    """West, south, east, north of a tile (the slippy-map scheme: y counts down from the north)."""
    n = 2**level
    lat = [math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n)))) for row in (y + 1, y)]
    return (x / n * 360.0 - 180.0, lat[0], (x + 1) / n * 360.0 - 180.0, lat[1])


def _range(bounds: raster.Bounds, level: int) -> list[int]:
    west, south, east, north = bounds
    return [
        math.floor(tile_x(west - MARGIN_DEG, level)),
        math.floor(tile_y(north + MARGIN_DEG, level)),
        math.floor(tile_x(east + MARGIN_DEG, level)),
        math.floor(tile_y(south - MARGIN_DEG, level)),
    ]


@functools.cache
def ranges() -> Mapping[int, tuple[tuple[int, ...], ...]]:
    """Per level, the theatre's countries' tile ranges (x0, y0, x1, y1, inclusive): what static/tiles/ holds."""
    shapes = raster.country_shapes()
    return {
        level: tuple(tuple(_range(raster.geometry_bounds(shapes[name]), level)) for name in THEATRE) for level in LEVELS
    }


def tile_keys(levels: Sequence[int] = LEVELS) -> list[tuple[int, int, int]]:
    """Every tile of the pyramid, (level, x, y), each once, in a stable order."""
    keys = {
        (level, x, y)
        for level in levels
        for x0, y0, x1, y1 in ranges()[level]
        for x in range(x0, x1 + 1)
        for y in range(y0, y1 + 1)
    }
    return sorted(keys)


def tile_path(level: int, x: int, y: int) -> str:
    return f"{TILE_DIR}/{level}/{x}/{y}.png"


def _box(coordinates: Any) -> raster.Bounds:
    flat = coordinates
    while flat and isinstance(flat[0][0], list):
        flat = [point for part in flat for point in part]
    lons, lats = [p[0] for p in flat], [p[1] for p in flat]
    return min(lons), min(lats), max(lons), max(lats)


def _meets(a: raster.Bounds, b: raster.Bounds) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


@functools.cache
def _layers() -> dict[str, list[tuple[raster.Bounds, dict[str, Any]]]]:
    """The fine geometry's features, each with its box, to draw into a tile only those that reach it."""
    files = {
        "land": FINE_COUNTRIES,
        "outlines": FINE_OUTLINES,
        "lakes": LAKES,
        "rivers": RIVERS,
        "provinces": PROVINCES,
    }
    return {
        kind: [(_box(f["geometry"]["coordinates"]), f) for f in raster._read(path)["features"]]
        for kind, path in files.items()
    }


def render_tile(level: int, x: int, y: int) -> Image.Image:
    """One tile: sea, land, lakes, rivers, provinces, then borders and coasts, as a palette picture."""
    from PIL import Image

    bounds = tile_bounds(level, x, y)
    sea, land, border, water = PALETTE["sea"], PALETTE["land"], PALETTE["border"], PALETTE["water"]
    canvas = raster._Canvas(bounds, TILE_PX, "RGB", sea)
    layers = {kind: [f for box, f in features if _meets(box, bounds)] for kind, features in _layers().items()}
    for feature in layers["land"]:
        canvas.polygons(feature["geometry"], land, sea)
    for feature in layers["lakes"]:  # as the sea, so that a marker on a lake is on a ground the map already has
        canvas.polygons(feature["geometry"], sea, land)
    least, per_weight = RIVER_PX[level]
    for feature in layers["rivers"]:
        width = least + per_weight * float(feature["properties"].get("strokeweig") or 0.2)
        canvas.lines([feature["geometry"]["coordinates"]], water, width)
    for feature in layers["provinces"]:
        _dashed(canvas, feature["geometry"]["coordinates"], border)
    for feature in layers["outlines"]:
        canvas.lines(feature["geometry"]["coordinates"], border, LINE_PX[level][0])
    picture = canvas.reduced()
    return picture.quantize(palette=raster._palette([sea, land, border, water]), dither=Image.Dither.NONE)


def _dashed(canvas: raster._Canvas, lines: Sequence[Sequence[list[float]]], fill: Any) -> None:
    """Lines drawn as dashes of DASH_PX, the pattern carried on from one segment to the next."""
    on, off = (length * raster.SUPERSAMPLE for length in DASH_PX)
    width = max(1, round(PROVINCE_PX * raster.SUPERSAMPLE))
    for line in lines:
        points, at = canvas.xy(line), 0.0  # at: how far into the pattern (on + off) the next point is
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            length = math.hypot(x1 - x0, y1 - y0)
            done = 0.0
            while done < length:
                step = min(length - done, (on - at) if at < on else (on + off - at))
                if at < on:
                    a, b = done / length, (done + step) / length
                    start = (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a)
                    canvas.draw.line([start, (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], fill=fill, width=width)
                done, at = done + step, (at + step) % (on + off)


def static_tiles(levels: Sequence[int] = LEVELS) -> Iterator[tuple[str, Image.Image]]:
    """The tiles static/ must hold, by path, drawn one at a time (the pyramid would not fit in memory at once)."""
    for level, x, y in tile_keys(levels):
        yield tile_path(level, x, y), render_tile(level, x, y)


def layer_prop(url: str, inline: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The basemap layer's `tiles`: where the tiles are, which exist, from which zoom they are drawn; or, for a
    file that requests nothing, the few it needs as data: URIs by "z/x/y"."""
    prop: dict[str, Any] = {
        "url": url,
        "px": TILE_PX,
        "from": FROM_ZOOM,
        "levels": list(LEVELS),
        "ranges": {str(level): [list(r) for r in rows] for level, rows in ranges().items()},
    }
    return prop if inline is None else {**prop, "inline": dict(inline)}


def level_for(zoom: float) -> int | None:
    """The level drawn at a zoom (frontend/src/tiles.js levelFor): the first at or above it, else the finest."""
    if zoom < FROM_ZOOM:
        return None
    return next((level for level in LEVELS if level >= zoom), LEVELS[-1])


def tiles_in_view(latitude: float, longitude: float, zoom: float, size: tuple[int, int]) -> list[tuple[int, int, int]]:
    """The pyramid's tiles a view of size (pixels) at that camera shows: what a file that requests nothing inlines."""
    level = level_for(zoom)
    if level is None:
        return []
    scale = 2 ** (level - zoom) / TILE_PX  # tiles per pixel of the view
    cx, cy = tile_x(longitude, level), tile_y(latitude, level)
    half_w, half_h = size[0] / 2 * scale, size[1] / 2 * scale
    x0, x1, y0, y1 = (math.floor(v) for v in (cx - half_w, cx + half_w, cy - half_h, cy + half_h))
    wanted = {(level, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)}
    return sorted(wanted.intersection(tile_keys([level])))
