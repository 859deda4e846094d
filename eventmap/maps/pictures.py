"""The basemap's pictures on the map: the sea and the land, and a country's shape, tinted and hatched, for the
events coded only to that country; each a BitmapLayer of the spec that names a picture under static/.

What never changes with the filters is not sent in the map's spec (docs/decisions.md, 'Pictures, not polygons'):
land, borders and coasts as pictures made once (eventmap.maps.raster) and one tintable mask per country, static
files under static/ (Streamlit serves them at app/static/) referenced by a relative URL that the map fetches once
per page; a rerun sends the same URL, so the browser does not fetch them again.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
import pydeck as pdk

from eventmap import schema
from eventmap.maps import raster, tiles

if TYPE_CHECKING:
    from PIL import Image

STATIC_DIR: Final = raster.BASEMAP_DIR.parent.parent / "static"  # served by Streamlit (server.enableStaticServing)
STATIC_URL: Final = "app/static"  # relative: resolves against the page's own server, at / as on /Timeline


def bitmap_layer(layer_id: str, image: str, bounds: Sequence[float], **props: Any) -> pdk.Layer:
    """A picture from static/ between bounds (west, south, east, north): a BitmapLayer in the spec, which the map
    (eventmap/ui/deckmap.py) draws on a canvas below its markers.

    The image is set after the layer is made: pydeck turns an `image` argument that is not an absolute URL
    into a local file it reads and inlines, which would put the picture back into every map message.
    """
    layer = pdk.Layer("BitmapLayer", id=layer_id, bounds=list(bounds), pickable=False, **props)
    layer.image = f"{STATIC_URL}/{image}"
    return layer


def basemap_layers(tint: Sequence[int] | None = None) -> list[pdk.Layer]:
    """The sea beyond the box, then land, borders and coasts: pictures made once by scripts/build_basemap.py;
    multiplied by tint (the projector theme's dark map) if one is given."""
    props = {} if tint is None else {"tint_color": list(tint[:3])}
    basemap = bitmap_layer("basemap", raster.BASEMAP_IMAGE, raster.BOX, **props)
    basemap.tiles = tiles.layer_prop(f"{STATIC_URL}/{tiles.TILE_DIR}")  # sharper over the theatre when zoomed in
    return [bitmap_layer("sea", raster.SEA_IMAGE, raster.WORLD, **props), basemap]


def country_layer(name: str, colour: Sequence[int]) -> pdk.Layer:
    """A country's shape, faintly tinted in colour and hatched in it: for the events coded only to that country
    (ACLED's precision 3); the hatch is drawn by the browser, sharp at every zoom (raster.render_country)."""
    return bitmap_layer(
        f"country-{raster.slug(name)}",
        country_image(name),
        country_bounds(name),
        tint_color=list(colour[:3]),
        hatch_color=[*colour[:3], schema.COUNTRY_HATCH_ALPHA],
    )


def country_layers(areas: pd.DataFrame) -> list[pdk.Layer]:
    """The shape of each country an event is coded to, tinted by the events' category (a mask picture)."""
    if "country" not in areas.columns:
        return []
    whole = areas[areas["country"] != ""].drop_duplicates("country")
    return [
        country_layer(name, schema.colour_of(category)) for name, category in zip(whole["country"], whole["category"])
    ]


@functools.cache
def country_bounds(name: str) -> raster.Bounds:
    """The box of a country's mask picture, worked out once per country (every vertex is read)."""
    return raster.geometry_bounds(raster.country_shapes()[name])


def country_image(name: str) -> str:
    return f"{raster.COUNTRY_DIR}/{raster.slug(name)}.png"


def static_pictures() -> dict[str, Image.Image]:
    """The pictures static/ must hold, by path: the sea, the basemap, and one mask per country."""
    pictures = {
        raster.SEA_IMAGE: raster.render_sea(),
        raster.BASEMAP_IMAGE: raster.render_basemap(raster.load_basemap(), raster.load_outlines(), raster.BOX),
    }
    shapes = raster.country_shapes()
    masks = {country_image(name): raster.render_country(shape) for name, shape in shapes.items()}
    if len(masks) != len(shapes):
        raise ValueError("two countries share a mask's file name: change raster.slug")
    return pictures | masks
