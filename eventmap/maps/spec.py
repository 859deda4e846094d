"""The map's spec: every layer, bottom up, in the JSON the browser draws (frontend/src/deckmap.js, which reads it
by the names of eventmap.maps.contract)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from eventmap import schema
from eventmap.maps import camera, contract, hexes, names, pictures
from eventmap.maps.markers import MapData, area_records, layer_records, radius_px
from eventmap.maps.rtl import rtl_layers

MAP_LAYER_ID = "events"
NAMES_LAYER_ID = "names"
CALLOUTS_LAYER_ID = "callouts"
CALLOUT_WIDTH_PX = 4
AREAS_LAYER_ID = "precision-areas"
Callouts = tuple[tuple[str, float, float], ...]  # a briefing step's notes: text, latitude, longitude
CELLS_LAYER_ID = "hexagons"

# The look of a marker's tooltip. The map (eventmap/ui/deckmap.py) writes the marker's title and body into it as
# text, one under the other, never as HTML.
TOOLTIP = {
    "style": {
        "backgroundColor": schema.css(schema.PALETTE["tooltip background"]),
        "color": schema.css(schema.PALETTE["tooltip text"]),
        "fontSize": "12px",
        "whiteSpace": "pre-line",
        "maxWidth": "420px",
    },
}


class CompactDeck(pdk.Deck):
    """pydeck pretty-prints its JSON (indent 2); sent compact, the map costs the browser a third less. pydeck
    keeps the tooltip out of its JSON (st.pydeck_chart sends it apart); the map reads it from the spec, and the fit
    id (contract.FIT; by default one made of the view's numbers, so the map fits whenever the view changes), and
    whether the map sends back its camera (contract.SENDS_CAMERA: the Map page's map does)."""

    def __init__(self, *args: Any, fit: str | None = None, sends_camera: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fit = fit
        self._sends_camera = sends_camera

    def to_json(self) -> str:
        """Serialised once: a deck is not changed after it is built, and a cached one is shown many times."""
        if getattr(self, "_compact_json", None) is None:
            spec = {**default_serialize(self), contract.TOOLTIP: self._tooltip}
            spec[contract.SENDS_CAMERA] = bool(spec.pop("_sendsCamera", False))  # pydeck camel-cases names
            fit = spec.pop("_fit", None)
            if fit is None:  # a deck built without a camera (the editor's candidates): fitted when its view changes
                fit = camera.split(json.loads(json.dumps(spec[contract.VIEW], default=default_serialize)))[1]
            spec[contract.FIT] = fit
            self._compact_json = json.dumps(spec, default=default_serialize, separators=(",", ":"), ensure_ascii=False)
        return self._compact_json


# The names' colours the projector theme swaps (schema.PROJECTOR, by the same key as schema.PALETTE)
PROJECTOR_NAMES = ("place label", "country label", "sea label", "town label", "callout label", "province label")


def projector_names(placed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Names placed for the light map, in the projector theme's colours: light names for a dark map."""
    swap = {tuple(schema.PALETTE[key]): list(schema.PROJECTOR[key]) for key in PROJECTOR_NAMES}
    return [{**name, "color": swap.get(tuple(name["color"][:3]), name["color"])} for name in placed]


def areas_layer(map_data: MapData) -> pdk.Layer:
    """The circles of approximate places: how far each may be, under the names and the markers."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=area_records(map_data.areas),
        id=AREAS_LAYER_ID,
        get_position=["lon", "lat"],
        get_radius="area",
        radius_units="'meters'",
        radius_min_pixels=6,
        get_fill_color="fill",
        get_line_color="line",
        stroked=True,
        line_width_min_pixels=1.5,
        pickable=False,
    )


def callouts_layer(shapes: tuple[tuple, ...], colour: tuple[int, int, int]) -> pdk.Layer:
    """A briefing step's arrows ("arrow", lat, lon, lat2, lon2) and circles ("circle", lat, lon, metres), as rows
    of contract.CALLOUT_FIELDS, drawn under the names so that no callout hides one."""
    rows = []
    for shape in shapes:
        if shape[0] == "arrow":
            rows.append({"kind": "arrow", "lon": shape[2], "lat": shape[1], "lon2": shape[4], "lat2": shape[3]})
        else:
            rows.append({"kind": "circle", "lon": shape[2], "lat": shape[1], "radius": shape[3]})
    data = [{field: row.get(field, 0) for field in contract.CALLOUT_FIELDS} for row in rows]
    return pdk.Layer(
        "CalloutLayer",
        data=data,
        id=CALLOUTS_LAYER_ID,
        get_color=list(colour),
        width_pixels=CALLOUT_WIDTH_PX,
        pickable=False,
    )


def markers_layer(records: list[dict[str, Any]]) -> pdk.Layer:
    """The markers (contract.MARKER_FIELDS rows): the one pickable layer, drawn last."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=records,
        id=MAP_LAYER_ID,
        get_position=["lon", "lat"],
        get_radius="r",
        radius_units="'pixels'",
        get_fill_color="fill",
        get_line_color=list(schema.PALETTE["marker outline"]),
        stroked=True,
        line_width_min_pixels=1.5,
        pickable=True,
        auto_highlight=True,
    )


def build_deck(
    map_data: MapData,
    view: dict[str, Any] | None = None,
    callouts: Callouts = (),
    projector: bool = False,
    shapes: tuple[tuple, ...] = (),
    rtl: bool = False,
) -> pdk.Deck:
    """The whole map, bottom up: sea, land and borders (pictures), countries, hexagons (above the point budget),
    areas of approximate places,
    names, markers (the only pickable layer). Layer ids never change between renders.

    The map (eventmap/ui/deckmap.py) draws them in this order on one 2D canvas: pictures, circles of approximate
    places, one layer of names (the candidates of names.candidates: places with the number of their events,
    countries, seas and towns, which the browser places on every frame clear of the markers and of each other),
    and the markers, which it picks.

    view: a camera (camera.camera: latitude, longitude, zoom and a fit id), or a view alone, which the map fits
    whenever it changes. callouts: a briefing step's notes (text, latitude, longitude), drawn as names first.
    projector: the Briefing page's dark map (schema.PROJECTOR): the pictures darkened, the names light. shapes: a
    briefing step's arrows and circles (eventmap.callouts.shapes), drawn in the callout shape colour under the names.
    rtl: the places' names in Arabic script too, where the gazetteer has them (eventmap.maps.rtl)."""

    markers = map_data.markers
    view, fit = camera.split(view)
    radius = radius_px(markers)
    placed = _names(markers, radius, callouts)
    theme = schema.PROJECTOR if projector else None
    layers = [
        *pictures.basemap_layers(theme and theme["basemap tint"]),
        *pictures.country_layers(map_data.areas),
        cells_layer(map_data),
        areas_layer(map_data),
        *([callouts_layer(shapes, (theme or schema.PALETTE)["callout shape"])] if shapes else []),
        names.text_layer(NAMES_LAYER_ID, projector_names(placed) if theme else placed, theme and theme["label halo"]),
        *(rtl_layers(markers, radius) if rtl else []),
        markers_layer(layer_records(markers)),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view),
        map_provider=None,
        tooltip=TOOLTIP,
        fit=fit,
        sends_camera=True,
    )


def cells_layer(map_data: MapData) -> pdk.Layer:
    """The hexagons of an aggregated view, filled by density (eventmap.maps.hexes); empty for a view of places,
    so that the layers' ids never change."""
    aggregated = "cell" in map_data.markers.columns
    return pdk.Layer(
        "PolygonLayer",
        data=hexes.polygon_records(map_data.markers) if aggregated else [],
        id=CELLS_LAYER_ID,
        get_polygon="poly",
        get_fill_color="fill",
        get_line_color=[*schema.PALETTE["cell outline"], hexes.OUTLINE_ALPHA],
        stroked=True,
        line_width_min_pixels=1,
        pickable=False,
    )


def _names(markers: pd.DataFrame, radius: pd.Series, callouts: Callouts) -> list[dict]:
    """The names placed clear of the markers. A hexagon says its count by its fill, not by a number: numbers
    above the marks of adjacent hexagons covered their neighbours, so only some middling ones found room
    (docs/decisions.md, 'Hexagons above the point budget'). The marks still keep the other names off them."""
    labelled = markers.assign(count=1) if "cell" in markers.columns else markers
    return names.candidates(labelled, radius, callouts)
