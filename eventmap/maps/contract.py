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
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

# The component's state sent back: the key of the marker clicked last (a fanned event's: its event id, a string),
# None beside one.
PICKED: Final = "picked"
# The component's other state: the camera [latitude, longitude, zoom] a user panned or zoomed to, sent once they
# stop moving (docs/decisions.md, "The camera in the link").
CAMERA: Final = "camera"
# A spec's fit instruction: an id that changes when the camera must be fitted again (the filters changed, "Reset
# view" was pressed). The browser applies the spec's initialViewState only when it changes, and otherwise keeps the
# view the user panned or zoomed.
FIT: Final = "fit"
VIEW: Final = "initialViewState"
TOOLTIP: Final = "tooltip"  # {"style": CSS of the marker tooltip box}
LAYERS: Final = "layers"
# Whether the map sends back its camera (CAMERA): the Map page's, whose URL carries it, and not the desk's, whose
# every pan would rerun the page for nothing.
SENDS_CAMERA: Final = "sendsCamera"
SPEC_KEYS: Final = (LAYERS, VIEW, TOOLTIP, FIT, SENDS_CAMERA)
# pydeck writes these too; the browser's deck has its own view, and no base map style (the basemap is pictures).
PYDECK_KEYS: Final = ("views", "mapStyle")
# The Map page's spec also describes the view as a picture (eventmap.maps.picture): what the image download draws
# around the map. Optional: other maps (the editor's candidates) have none and offer no download.
PICTURE: Final = "picture"
# A map whose new fits are flown to rather than jumped to: the flight's length in milliseconds (the Briefing page's
# map, from step to step; frontend/src/flyto.js). Optional: without it a new fit is taken at once.
TRANSITION: Final = "transition"
OPTIONAL_KEYS: Final = (PICTURE, TRANSITION)

TYPE: Final = "@@type"  # pydeck's key for a layer's kind
# What the browser reads of every layer: its kind, its id (named in an error) and whether it is picked.
COMMON_PROPS: Final = (TYPE, "id", "pickable")
# Per kind, the properties the browser draws. An accessor ("getX") is a field name of each row or a constant.
LAYER_PROPS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        # hatchColor: a country's mask crossed by thin lines of this colour (frontend/src/hatch.js); tiles:
        # eventmap.maps.tiles.layer_prop
        "BitmapLayer": ("image", "bounds", "tintColor", "hatchColor", "tiles"),
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
            "fontUrl",  # the font of fontFamily's first family, for names in Arabic script (frontend/src/rtl.js)
        ),
        # A briefing step's arrows and circles (frontend/src/callouts.js), drawn under the names: one colour, one
        # line width in pixels.
        "CalloutLayer": ("data", "getColor", "widthPixels"),
        # The hexagons above the point budget (eventmap.maps.hexes), drawn by frontend/src/cells.js.
        "PolygonLayer": ("data", "getPolygon", "getFillColor", "getLineColor", "stroked", "lineWidthMinPixels"),
    }
)
# A marker (the one pickable layer's row): where, its radius in pixels, its colour, its tooltip's two parts, the
# key a click sends back (PICKED; -1 for a hexagon, which has no single place), its shape (SHAPES), and the events
# a click fans out around it when it stands for several (eventmap.maps.fan; an empty list otherwise).
MARKER_FIELDS: Final = ("lon", "lat", "r", "title", "body", "key", "fill", "shape", "fan")
# A fanned event (frontend/src/fan.js): its key (PICKED: its event id), colour, shape, tooltip's two parts, and the
# colour of the thin line that joins it to its place.
FAN_FIELDS: Final = ("key", "fill", "shape", "title", "body", "line")
AREA_FIELDS: Final = ("lon", "lat", "area", "fill", "line")  # an approximate place: radius in metres, two colours
# A name the browser may place (eventmap.maps.names): its text, point, fixed offset in pixels (a name of no marker),
# colour, priority, the least zoom it is shown at, and the radius of the marker it stands beside (0: none).
NAME_FIELDS: Final = ("name", "lon", "lat", "offset", "color", "priority", "zoom", "r")
# A callout's shape: "arrow" from (lon, lat) to (lon2, lat2), or "circle" round (lon, lat) of radius metres; the
# fields a kind does not use are 0.
CALLOUT_FIELDS: Final = ("kind", "lon", "lat", "lon2", "lat2", "radius")
# A hexagon: its outline as one flat list [lon, lat, lon, lat, ...] (H3's six or seven corners to 3 decimals, about
# 100 m: a fifth of the bytes of GeoJSON rings), and its fill, its count's class on the density ramp.
CELL_FIELDS: Final = ("poly", "fill")


def _star(points: int, inner: float) -> tuple[tuple[float, float], ...]:
    """A star's outline, its first point up: alternately on the unit circle and on the inner one."""
    step = math.pi / points
    return tuple(
        (
            round(math.sin(i * step) * (1 if i % 2 == 0 else inner), 3),
            round(-math.cos(i * step) * (1 if i % 2 == 0 else inner), 3),
        )
        for i in range(2 * points)
    )


def _cross(arm: float, turn: float) -> tuple[tuple[float, float], ...]:
    """A plus (turn 0) or a saltire (turn 45 degrees) with arms `arm` wide, its points on the unit circle."""
    reach = math.sqrt(1 - arm * arm)
    corners = [(arm, -reach), (arm, -arm), (reach, -arm), (reach, arm), (arm, arm), (arm, reach)]
    outline = corners + [(-x, -y) for x, y in corners]
    c, s = math.cos(turn), math.sin(turn)
    return tuple((round(x * c - y * s, 3), round(x * s + y * c, 3)) for x, y in outline)


# A marker's shape, as the outline of its polygon within the unit circle (x right, y down; none: the circle).
# The map scales it to the marker's radius, and the legend draws the same outline (docs/decisions.md, "Shapes as
# well as colours").
SHAPES: Final[Mapping[str, tuple[tuple[float, float], ...]]] = MappingProxyType(
    {
        "circle": (),
        "triangle": ((0.0, -1.0), (0.866, 0.5), (-0.866, 0.5)),
        "triangle down": ((0.0, 1.0), (-0.866, -0.5), (0.866, -0.5)),
        "diamond": ((0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)),
        "square": ((-0.707, -0.707), (0.707, -0.707), (0.707, 0.707), (-0.707, 0.707)),
        "star": _star(5, 0.45),
        "plus": _cross(0.32, 0.0),
        "cross": _cross(0.32, math.pi / 4),
    }
)


# Where a name beside a marker may stand, in the order tried (eventmap.maps.names): right, left, above, below, then
# the diagonals; each a direction from the marker's centre, the name's box just clear of the marker that way.
NAME_POSITIONS: Final = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
# The rules' pixels and zooms, the same for the server's candidates and the browser's placing (names.py says why).
NAME_RULES: Final[Mapping[str, float]] = MappingProxyType(
    {"sizePx": 13, "gapPx": 3, "clearancePx": 3, "leaderPx": 16, "edgePx": 2, "zoomSlack": 1.0}
)


def javascript() -> str:
    """frontend/src/contract.js: the same names for deckmap.js."""
    constants = {
        "PICKED": PICKED,
        "CAMERA": CAMERA,
        "FIT": FIT,
        "VIEW": VIEW,
        "TOOLTIP": TOOLTIP,
        "LAYERS": LAYERS,
        "PICTURE": PICTURE,
        "SENDS_CAMERA": SENDS_CAMERA,
        "TYPE": TYPE,
        "COMMON_PROPS": list(COMMON_PROPS),
        "LAYER_PROPS": {kind: list(props) for kind, props in LAYER_PROPS.items()},
        "MARKER_FIELDS": list(MARKER_FIELDS),
        "SHAPES": {name: [list(point) for point in outline] for name, outline in SHAPES.items()},
        "NAME_FIELDS": list(NAME_FIELDS),
        "NAME_POSITIONS": [list(position) for position in NAME_POSITIONS],
        "NAME_RULES": dict(NAME_RULES),
        "CALLOUT_FIELDS": list(CALLOUT_FIELDS),
        "TRANSITION": TRANSITION,
        "FAN_FIELDS": list(FAN_FIELDS),
        "CELL_FIELDS": list(CELL_FIELDS),
    }
    lines = [f"export const {name} = {json.dumps(value)};" for name, value in constants.items()]
    header = "// Generated from eventmap/maps/contract.py by `python -m eventmap.maps.contract`: do not edit.\n"
    return header + "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(javascript(), end="")
