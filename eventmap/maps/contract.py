"""The map's contract with the browser: what the spec holds and what frontend/src/deckmap.js reads of it.

The browser draws a spec's layers on a 2D canvas (docs/decisions.md, "A 2D canvas behind deck.gl's view"), so it
draws only the layer kinds and properties listed here; anything else is refused, not silently ignored. The
JavaScript imports these names from frontend/src/contract.js, which is generated from this module:

    python -m eventmap.maps.contract > frontend/src/contract.js

tests/maps/test_contract.py checks that the file is current, that every spec Python builds sends only these
properties, and that deckmap.js reads layer properties and marker fields only through them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

PICKED: Final = "picked"  # the component's state sent back: the key of the marker clicked last, None beside one
# A spec's fit instruction: an id that changes when the camera must be fitted again (the filters changed, "Reset
# view" was pressed). The browser applies the spec's initialViewState only when it changes, and otherwise keeps the
# view the user panned or zoomed.
FIT: Final = "fit"
VIEW: Final = "initialViewState"
TOOLTIP: Final = "tooltip"  # {"style": CSS of the marker tooltip box}
LAYERS: Final = "layers"
SPEC_KEYS: Final = (LAYERS, VIEW, TOOLTIP, FIT)
# pydeck writes these too; the browser's deck has its own view, and no base map style (the basemap is pictures).
PYDECK_KEYS: Final = ("views", "mapStyle")
# The Map page's spec also describes the view as a picture (eventmap.maps.picture): what the image download draws
# around the map. Optional: other maps (the editor's candidates) have none and offer no download.
PICTURE: Final = "picture"
OPTIONAL_KEYS: Final = (PICTURE,)

TYPE: Final = "@@type"  # pydeck's key for a layer's kind
# What the browser reads of every layer: its kind, its id (named in an error) and whether it is picked.
COMMON_PROPS: Final = (TYPE, "id", "pickable")
# Per kind, the properties the browser draws. An accessor ("getX") is a field name of each row or a constant.
LAYER_PROPS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "BitmapLayer": ("image", "bounds", "tintColor"),
        "ScatterplotLayer": (
            "data",
            "getPosition",
            "getRadius",
            "radiusUnits",
            "radiusMinPixels",
            "getFillColor",
            "getLineColor",
            "stroked",
            "lineWidthMinPixels",
            "autoHighlight",
        ),
        "TextLayer": (
            "data",
            "getPosition",
            "getText",
            "getColor",
            "getSize",
            "fontWeight",
            "fontFamily",
            "outlineWidth",
            "outlineColor",
            "getPixelOffset",
        ),
    }
)
# A marker (the one pickable layer's row): where, its radius in pixels, its colour, its tooltip's two parts and the
# key a click sends back (PICKED; -1 for a grid cell, which has no single place).
MARKER_FIELDS: Final = ("lon", "lat", "r", "title", "body", "key", "fill")
AREA_FIELDS: Final = ("lon", "lat", "area", "fill", "line")  # an approximate place: radius in metres, two colours
NAME_FIELDS: Final = ("name", "lon", "lat", "offset", "color")  # a name placed on the server, offset in pixels


def javascript() -> str:
    """frontend/src/contract.js: the same names for deckmap.js."""
    constants = {
        "PICKED": PICKED,
        "FIT": FIT,
        "VIEW": VIEW,
        "TOOLTIP": TOOLTIP,
        "LAYERS": LAYERS,
        "PICTURE": PICTURE,
        "TYPE": TYPE,
        "COMMON_PROPS": list(COMMON_PROPS),
        "LAYER_PROPS": {kind: list(props) for kind, props in LAYER_PROPS.items()},
        "MARKER_FIELDS": list(MARKER_FIELDS),
    }
    lines = [f"export const {name} = {json.dumps(value)};" for name, value in constants.items()]
    header = "// Generated from eventmap/maps/contract.py by `python -m eventmap.maps.contract`: do not edit.\n"
    return header + "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(javascript(), end="")
