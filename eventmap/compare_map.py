"""The Compare page's change map: one marker per place (or province) with events in either period, sized by the
larger of its two counts, coloured by its change level and shaped by the direction of the change, so that it
reads in grey too.

A province is drawn at the mean point of its events, not as a boundary: no boundaries are shipped. Events counted
apart (placed only to a region or a country, or not named at the level compared) are not drawn. The markers are
rows of eventmap.maps.contract.MARKER_FIELDS, drawn by the map component's one pickable layer like the Map page's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pydeck as pdk

from eventmap import compare, schema
from eventmap.maps.camera import fit_view
from eventmap.maps.markers import POINT_BUDGET, radius_px
from eventmap.maps.pictures import basemap_layers
from eventmap.maps.spec import TOOLTIP, CompactDeck, markers_layer

GONE = "gone"  # the map's level of a place with events in A and none in B (compare's: a large decrease)
COLUMNS = (*compare.COLUMNS, "latitude", "longitude")  # what the map reads of the view's rows
ALPHA = 235  # nearly opaque: the level's colour reads true over land and sea
# The direction each level points, as a marker shape (contract.SHAPES): up for more, down for fewer.
SHAPES = {
    compare.NEW: "triangle",
    "large increase": "triangle",
    "moderate increase": "triangle",
    "limited change": "circle",
    "large decrease": "triangle down",
    GONE: "triangle down",
}


def map_level(table: pd.DataFrame) -> pd.Series:
    """compare's level of each row, GONE for a place with events in A and none in B."""
    gone = (table["events_a"] > 0) & (table["events_b"] == 0)
    return table["level"].where(~gone, GONE)


def _text(column: pd.Series) -> pd.Series:
    """A key column as compare names it: the text, "" for a missing or blank name."""
    text = column.astype(object).where(column.notna(), "").astype(str)
    return text.where(text.str.strip() != "", "")


def points(rows: pd.DataFrame, a: compare.Period, b: compare.Period, by: str) -> pd.DataFrame:
    """The mean point of each place's (or province's) events in A or B, by compare's key columns; events counted
    apart and events with no coordinates are left out."""
    keys = list(compare.BY[by])
    either = a.holds(rows["event_date"]) | b.holds(rows["event_date"])
    located = either & rows["latitude"].notna().to_numpy() & rows["longitude"].notna().to_numpy()
    precision = rows["geo_precision"] if "geo_precision" in rows else pd.Series(pd.NA, index=rows.index)
    located &= ~(precision == 3).fillna(False).to_numpy(dtype=bool)
    chosen = rows.loc[located]
    frame = pd.DataFrame({name: _text(chosen[name]) for name in keys})
    frame = frame.assign(lat=chosen["latitude"].astype(float), lon=chosen["longitude"].astype(float), n=1)
    frame = frame[frame[keys[-1]] != ""]
    sums = frame.groupby(keys, sort=False, as_index=False)[["lat", "lon", "n"]].sum()
    return sums.assign(latitude=sums["lat"] / sums["n"], longitude=sums["lon"] / sums["n"])[
        [*keys, "latitude", "longitude"]
    ]


def drawable(table: pd.DataFrame, where: pd.DataFrame, by: str) -> pd.DataFrame:
    """The rows of a comparison (compare.compare's table, numbers not text) the map can draw, at their points
    (points())."""
    return table[table["placed"] == ""].merge(where, on=list(compare.BY[by]), how="inner")


def marker_rows(table: pd.DataFrame, where: pd.DataFrame, by: str, budget: int = POINT_BUDGET) -> list[dict]:
    """The markers (contract.MARKER_FIELDS) of a comparison at the places' points (points()): at most `budget`,
    those with the most events (the Map page's budget: a spec of ten thousand places by name at a million rows
    weighed 2.1 MB), the largest first so that the smaller are drawn over them."""
    keys = list(compare.BY[by])
    placed = drawable(table, where, by)
    if placed.empty:
        return []
    placed = placed.assign(level=map_level(placed), count=np.maximum(placed["events_a"], placed["events_b"]))
    placed = placed.sort_values("count", ascending=False, kind="stable").head(budget).reset_index(drop=True)
    radius = radius_px(placed)
    rows = []
    for i, row in placed.iterrows():
        name = row[keys[-1]]
        within = ", ".join(part for part in (row[k] for k in reversed(keys[:-1])) if part) or compare.NO_COUNTRY
        rows.append(
            {
                "lon": round(float(row["longitude"]), 4),
                "lat": round(float(row["latitude"]), 4),
                "r": float(radius[i]),
                "title": f"{name}: {row['events_a']:,} → {row['events_b']:,} events ({row['level']})",
                "body": f"{within}\nFatalities: {row['fatalities_a']:,} → {row['fatalities_b']:,}",
                "key": int(i),
                "fill": [*schema.CHANGE_COLOURS[row["level"]], ALPHA],
                "shape": SHAPES[row["level"]],
                "fan": [],
            }
        )
    return rows


def not_drawn(table: pd.DataFrame, where: pd.DataFrame, by: str) -> int:
    """Events in A or B the map does not draw: those counted apart, and those of places with no coordinates."""
    drawn = drawable(table, where, by)
    return int(table["events_a"].sum() + table["events_b"].sum() - drawn["events_a"].sum() - drawn["events_b"].sum())


def deck(markers: list[dict]) -> CompactDeck:
    """The change map: the basemap pictures and the markers, fitted to them."""
    frame = pd.DataFrame({"latitude": [m["lat"] for m in markers], "longitude": [m["lon"] for m in markers]})
    view = fit_view(frame)
    return CompactDeck(
        layers=[*basemap_layers(), markers_layer(markers)],
        initial_view_state=pdk.ViewState(**view),
        map_provider=None,
        tooltip=TOOLTIP,
    )


def legend() -> list[tuple[str, schema.RGB, str]]:
    """The levels as the map draws them, most to fewest: name, colour, shape (one of eventmap.maps.contract.SHAPES)."""
    return [(name, schema.CHANGE_COLOURS[name], SHAPES[name]) for name in schema.CHANGE_LEVELS]
