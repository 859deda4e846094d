"""Events as pydeck layers: one marker per place, precision drawn as area, aggregation above a budget.

Markers stand for places, not events: several events at one base become one marker with a count, so nothing
hides under anything else and nothing is jittered. Above POINT_BUDGET places the markers become grid cells.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from eventmap import schema
from eventmap.basemap import INITIAL_VIEW, SEA_COLOUR, basemap_layer

POINT_BUDGET = 5_000  # places drawn one by one; above it, grid cells
GRID_STEPS_DEG = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)
DEFAULT_AREA_KM = {2: 25.0, 3: 150.0}  # when the gazetteer does not know the place
TOOLTIP_EVENTS = 4  # events listed in a tooltip before "and N more"
MAP_LAYER_ID = "events"
AREA_ALPHA, POINT_ALPHA = 60, 235


@dataclass(frozen=True)
class MapData:
    """What the map draws: one row per marker, and how it was grouped."""

    markers: pd.DataFrame
    aggregated: bool
    cell_deg: float | None
    events_drawn: int
    events_unplaced: int


@lru_cache(maxsize=1)
def place_radius_km() -> dict[str, float]:
    """Area radius of each gazetteer place and its aliases, to draw approximate places at their true size."""
    if not schema.PLACES_PATH.exists():
        return {}
    places = pd.read_csv(schema.PLACES_PATH, dtype=str, keep_default_na=False)
    radius: dict[str, float] = {}
    for _, place in places.iterrows():
        value = pd.to_numeric(place.get("radius_km", ""), errors="coerce")
        if pd.notna(value):
            for name in [place["name"], *str(place.get("aliases", "")).split(";")]:
                if name.strip():
                    radius[name.strip().casefold()] = float(value)
    return radius


def _short(text: pd.Series, limit: int) -> pd.Series:
    text = text.astype(str)
    return text.where(text.str.len() <= limit, text.str.slice(0, limit - 1) + "…")


def _date_label(frame: pd.DataFrame) -> pd.Series:
    """'3 Dec 2023', or '≈ 27 Nov 2023 (within a week)' when the date is not exact."""
    day = frame["event_date"].dt.strftime("%d %b %Y").str.lstrip("0")
    precision = frame["time_precision"].fillna(1).astype(int)
    approx = precision.map(schema.TIME_PRECISION_WORDS)
    return day.where(precision == 1, "≈ " + day + " (" + approx + ")")


def _colour(category: pd.Series, alpha: int) -> list[list[int]]:
    table = {name: [*rgb, alpha] for name, rgb in schema.CATEGORY_COLOURS.items()}
    grey = [128, 128, 128, alpha]
    return [table.get(c, grey) for c in category.astype(str)]


def _dominant(frame: pd.DataFrame, key: str) -> pd.Series:
    counts = frame.groupby([key, "category"], observed=True).size().reset_index(name="n")
    counts = counts.sort_values([key, "n"], ascending=[True, False]).drop_duplicates(key)
    return counts.set_index(key)["category"]


def _place_markers(located: pd.DataFrame) -> pd.DataFrame:
    """One marker per (place, place precision): exact markers and approximate areas never merge."""
    frame = located.sort_values(["event_date", "event_id_cnty"])
    key = (frame["latitude"].round(5).astype(str) + "," + frame["longitude"].round(5).astype(str) + ","
           + frame["geo_precision"].astype(str))
    frame = frame.assign(group=key)
    lines = (_date_label(frame) + " · " + frame["category"].astype(str) + " · " + _short(frame["notes"], 110)
             + " [" + _short(frame["source"].str.replace(";", ", "), 60) + "]")
    frame = frame.assign(line=lines)
    grouped = frame.groupby("group", sort=False)
    markers = grouped.agg(
        latitude=("latitude", "first"), longitude=("longitude", "first"), count=("event_id_cnty", "size"),
        precision=("geo_precision", "first"), location=("location", "first"),
        first=("event_date", "min"), last=("event_date", "max"),
    )
    listed = frame.groupby("group", sort=False).head(TOOLTIP_EVENTS).groupby("group", sort=False)["line"].agg("\n".join)
    ids = grouped["event_id_cnty"].agg(";".join)
    markers["category"] = _dominant(frame, "group")
    markers["ids"] = ids
    more = (markers["count"] - TOOLTIP_EVENTS).clip(lower=0)
    markers["body"] = listed + np.where(more > 0, "\n… and " + more.astype(str) + " more (click for all)", "")
    precision = markers["precision"].fillna(1).astype(int)
    place = markers["location"].astype(str).replace("", "Unnamed place")
    plural = np.where(markers["count"] > 1, markers["count"].astype(str) + " events", "1 event")
    markers["title"] = place + " — " + plural + " — place: " + precision.map(schema.GEO_PRECISION_WORDS)
    known = place_radius_km()
    default = precision.map(DEFAULT_AREA_KM).fillna(0.0)
    radius_km = markers["location"].astype(str).str.casefold().map(known).astype(float).fillna(default)
    markers["area_m"] = np.where(precision > 1, radius_km * 1000.0, 0.0)
    return markers.reset_index(drop=True)


def _grid_markers(located: pd.DataFrame, cell_deg: float) -> pd.DataFrame:
    """Counts per grid cell, drawn at the events' mean position, coloured by the cell's dominant category."""
    cell = ((located["latitude"] // cell_deg).astype("int64") * 100_000
            + (located["longitude"] // cell_deg).astype("int64"))
    frame = located.assign(group=cell.to_numpy())
    grouped = frame.groupby("group", sort=False)
    markers = grouped.agg(
        latitude=("latitude", "mean"), longitude=("longitude", "mean"), count=("event_id_cnty", "size"),
        first=("event_date", "min"), last=("event_date", "max"),
    )
    markers["category"] = _dominant(frame, "group")
    markers["ids"] = ""
    markers["area_m"] = 0.0
    markers["precision"] = 1
    span = markers["first"].dt.strftime("%d %b %Y") + " – " + markers["last"].dt.strftime("%d %b %Y")
    markers["title"] = markers["count"].map("{:,} events".format) + f" in this {cell_deg:g}° cell (aggregated)"
    markers["body"] = "Mostly: " + markers["category"].astype(str) + "\n" + span + "\nFilter to see single events."
    return markers.reset_index(drop=True)


def build_map_data(frame: pd.DataFrame, budget: int = POINT_BUDGET) -> MapData:
    """Group the filtered events into markers; switch to grid cells when there are more places than budget."""
    has_place = frame["latitude"].notna() & frame["longitude"].notna()
    located = frame[has_place]
    unplaced = int((~has_place).sum())
    places = located[["latitude", "longitude"]].drop_duplicates().shape[0] if len(located) > budget else len(located)
    if places <= budget:
        markers = _place_markers(located) if len(located) else _empty_markers()
        return MapData(markers, False, None, len(located), unplaced)
    for cell_deg in GRID_STEPS_DEG:
        markers = _grid_markers(located, cell_deg)
        if len(markers) <= budget:
            break
    return MapData(markers, True, cell_deg, len(located), unplaced)


def _empty_markers() -> pd.DataFrame:
    return pd.DataFrame(columns=["latitude", "longitude", "count", "category", "ids", "title", "body", "area_m",
                                 "precision", "first", "last"])


def layer_records(markers: pd.DataFrame) -> list[dict]:
    """Only what the browser needs, as plain numbers and strings (Timestamps would serialise as {})."""
    if markers.empty:
        return []
    out = pd.DataFrame({
        "lon": markers["longitude"].round(5), "lat": markers["latitude"].round(5),
        "n": markers["count"].astype(int),
        "r": (4 + 3 * np.sqrt(markers["count"].astype(float))).round(1),
        "area": markers["area_m"].round(0),
        "exact": (markers["precision"].fillna(1).astype(int) == 1),
        "label": np.where(markers["count"] > 1, markers["count"].astype(str), ""),
        "title": markers["title"], "body": markers["body"], "ids": markers["ids"],
    })
    out["fill"] = _colour(markers["category"], POINT_ALPHA)
    out["area_fill"] = _colour(markers["category"], AREA_ALPHA)
    return out.to_dict("records")


TOOLTIP = {
    "html": "<b>{title}</b><div style='white-space: pre-line; max-width: 420px'>{body}</div>",
    "style": {"backgroundColor": "#1f2630", "color": "#f5f5f5", "fontSize": "12px"},
}


class CompactDeck(pdk.Deck):
    """pydeck pretty-prints its JSON (indent 2); sent compact, the map costs the browser a third less."""

    def to_json(self) -> str:
        return json.dumps(self, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


def sea_layer() -> pdk.Layer:
    """A plain sea behind the land, so that the map needs no tiles from anywhere."""
    ring = [[-180, -85], [180, -85], [180, 85], [-180, 85]]
    return pdk.Layer("SolidPolygonLayer", data=[{"polygon": ring}], id="sea", get_polygon="polygon",
                     get_fill_color=list(SEA_COLOUR), pickable=False)


def build_deck(map_data: MapData, view: dict | None = None) -> pdk.Deck:
    """The whole map: sea, Natural Earth land and borders, approximate areas, markers, counts."""
    records = layer_records(map_data.markers)
    areas = [r for r in records if r["area"] > 0]
    layers = [
        sea_layer(),
        basemap_layer(),
        pdk.Layer("ScatterplotLayer", data=areas, id="precision-areas", get_position=["lon", "lat"],
                  get_radius="area", radius_units="'meters'", radius_min_pixels=6, get_fill_color="area_fill",
                  get_line_color=[60, 60, 60, 160], stroked=True, line_width_min_pixels=1, pickable=False),
        pdk.Layer("ScatterplotLayer", data=records, id=MAP_LAYER_ID, get_position=["lon", "lat"],
                  get_radius="r", radius_units="'pixels'", get_fill_color="fill", get_line_color=[255, 255, 255],
                  stroked=True, line_width_min_pixels=1.5, pickable=True, auto_highlight=True),
        pdk.Layer("TextLayer", data=[r for r in records if r["label"]], id="counts", get_position=["lon", "lat"],
                  get_text="label", get_size=12, get_color=[255, 255, 255], font_weight=700,
                  get_text_anchor="'middle'", get_alignment_baseline="'center'", pickable=False),
    ]
    view = {**INITIAL_VIEW, **(view or {})}
    return CompactDeck(layers=layers, initial_view_state=pdk.ViewState(**view), map_provider=None, map_style=None,
                    tooltip=TOOLTIP)


def selected_ids(selection: dict | None) -> list[str]:
    """Event ids of the marker a user clicked, from st.pydeck_chart's selection state."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    ids: list[str] = []
    for record in objects.get(MAP_LAYER_ID, []):
        ids += [i for i in str(record.get("ids", "")).split(";") if i]
    return ids
