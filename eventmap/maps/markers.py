"""Events as markers: one marker per place, precision drawn as area, aggregation above a budget.

Markers stand for places, not events: several events at one base become one marker with a count, so nothing
hides under anything else and nothing is jittered. Above POINT_BUDGET places the markers become hexagons
(eventmap.maps.hexes), each marked at its centre.
A marker's record (layer_records) holds the fields of eventmap.maps.contract.MARKER_FIELDS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.acled_rules import country_level
from eventmap.geocode.gazetteer import place_index, place_key
from eventmap.maps.fan import fanned
from eventmap.maps.grid import dominant_per_code
from eventmap.maps.hexes import hexagon_markers
from eventmap.maps.raster import country_shapes
from eventmap.maps.tooltips import event_lines
from eventmap.schema import AREA_ALPHA, AREA_LINE_ALPHA

POINT_BUDGET = 2_500  # places drawn one by one; above it, hexagons (keeps a render under ~1.5 MB)
CELL_MARK_PX = 3.5  # a hexagon's centre mark, its dominant category: small, so the fill (the count) shows
DEFAULT_AREA_KM = {2: 25.0, 3: 150.0}  # when the gazetteer does not know the place
MAX_RADIUS_PX = 24  # a place with a thousand events must not cover its neighbours; its name says how many
TOOLTIP_EVENTS = 3  # events listed in a tooltip before "and N more"...
TOOLTIP_EVENTS_CROWDED = 1  # ...or only one when the map has more markers than CROWDED
CROWDED = 1_000
UNPLACED_SHOWN = 20  # ids of unplaced events named under the map
POINT_ALPHA, APPROXIMATE_POINT_ALPHA = 235, 120
BIG_AREA_M = 150_000  # areas wider than this (a sea) are drawn fainter
# What build_map_data reads of every event (and groups); the rest it reads only of the events tooltips list.
MAP_COLUMNS = (
    "latitude",
    "longitude",
    "event_id_cnty",
    "geo_precision",
    "location",
    "country",
    "event_date",
    "category",
)


@dataclass(frozen=True)
class MapData:
    """What the map draws: one row per marker, and how it was grouped."""

    markers: pd.DataFrame
    areas: pd.DataFrame  # approximate places: latitude, longitude, area_m, category
    aggregated: bool
    events_drawn: int
    events_unplaced: int
    unplaced_ids: tuple[str, ...] = ()  # the first UNPLACED_SHOWN of them, named under the map
    events_country: int = 0  # placed only to a country: its shape is their mark, never a point
    country_ids: tuple[str, ...] = ()  # the first UNPLACED_SHOWN of them, named under the map
    resolution: int | None = None  # the H3 resolution of the hexagons when aggregated (markers hold `cell`)
    events_region: int = 0  # hexagons only: placed only to a region, counted apart (hexes.hexagon_markers)

    # Worked out once: a MapData is shared by every run and session that shows its view (ui.map_data).
    @cached_property
    def categories(self) -> list[str]:
        """The categories on the map, in the legend's order (read off the markers, not the million rows)."""
        present = set(self.markers["category"].astype(str)) | set(self.areas["category"].astype(str))
        return [name for name in schema.CATEGORIES if name in present]

    @cached_property
    def shapes(self) -> tuple[bool, bool]:
        """Whether the map draws approximate-place circles, and country shapes: what the legend must explain."""
        country = self.areas["country"] if "country" in self.areas.columns else pd.Series([], dtype=str)
        return bool((country == "").sum() if len(country) else len(self.areas)), bool((country != "").any())


def place_radius_km() -> dict[str, float]:
    """Area radius of each gazetteer place under the geocoder's key of its name and aliases (place_key), to draw
    approximate places at their true size."""
    return {key: place.radius_km for key, place in place_index().items()}


def _country_shape_names(location: pd.Series, precision: pd.Series) -> pd.Series:
    """The basemap country an event coded to a whole country stands for ("" otherwise): its shape is drawn."""
    shapes = country_shapes()
    index = place_index()

    def shape_of(name: str) -> str:
        place = index.get(place_key(name))
        if place is not None and place.kind == "country":
            name = place.country or place.name
        return name if name in shapes else ""

    names = location.astype(str).map(shape_of)
    return names.where(precision.fillna(1).astype(int).to_numpy() >= 3, "")


def _colour(category: pd.Series, alpha: int | np.ndarray) -> list[list[int]]:
    """[r, g, b, alpha] of each row's category: looked up once per distinct category, not once per row."""
    alphas = np.broadcast_to(np.asarray(alpha), (len(category),)).tolist()
    code, names = pd.factorize(category.astype(str))
    rgb = [list(schema.colour_of(name)) for name in names]
    return [[*rgb[c], int(a)] for c, a in zip(code.tolist(), alphas)]


def _dominant(frame: pd.DataFrame, keys: str | list[str]) -> pd.Series:
    """The most frequent category of each group of rows with the same keys (a tie: the category listed first),
    indexed by the keys: counted as the hexagons count theirs (grid.dominant_per_code)."""
    keys = [keys] if isinstance(keys, str) else keys
    grouped = pd.MultiIndex.from_frame(frame[keys]) if len(keys) > 1 else pd.Index(frame[keys[0]], name=keys[0])
    group, index = pd.factorize(grouped)
    return pd.Series(dominant_per_code(group, len(index), frame["category"]), index=index)


def _place_keys(located: pd.DataFrame) -> np.ndarray:
    """An integer per distinct point (to about a metre): hashing integers is what keeps a million rows fast."""
    lat = np.round((located["latitude"].to_numpy() + 90.0) * 1e5).astype(np.int64)
    lon = np.round((located["longitude"].to_numpy() + 180.0) * 1e5).astype(np.int64)
    return lat * 40_000_000 + lon


def marker_keys(located: pd.DataFrame) -> np.ndarray:
    """The key of the marker each event is drawn in: its point. A click resolves the same key."""
    return _place_keys(located)


def _area_radius_m(location: pd.Series, precision: pd.Series) -> np.ndarray:
    """An approximate place's true size: the gazetteer's radius, else a default by precision; 0 when exact."""
    precision = precision.fillna(1).astype(int)
    default = precision.map(DEFAULT_AREA_KM).fillna(0.0)
    radius_km = location.astype(str).map(place_key).map(place_radius_km()).astype(float).fillna(default)
    return np.where(precision > 1, radius_km.to_numpy() * 1000.0, 0.0)


def _place_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """One translucent area per (place, precision) of the events whose place is approximate."""
    approximate = frame[frame["geo_precision"].fillna(1) > 1]
    if approximate.empty:
        return pd.DataFrame(columns=["latitude", "longitude", "area_m", "category", "country"])
    keys = ["group", "geo_precision"]
    grouped = approximate.groupby(keys, sort=False, observed=True)
    areas = grouped.agg(
        latitude=("latitude", "first"), longitude=("longitude", "first"), location=("location", "first")
    )
    areas["category"] = _dominant(approximate, keys).reindex(areas.index)
    areas = areas.reset_index()
    areas["area_m"] = _area_radius_m(areas["location"], areas["geo_precision"])
    areas["country"] = _country_shape_names(areas["location"], areas["geo_precision"])
    return areas


def _place_markers(
    located: pd.DataFrame, details: pd.DataFrame | None, source_names: Mapping[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One marker per point, whatever the events' precision, so nothing hides under anything; and the areas.

    Only the columns that group are put in date order; the rest (notes, sources) are read from `details` for the
    few events a tooltip lists (sorting every column of 150,000 events took most of the time)."""
    order = (
        located[["event_date", "event_id_cnty"]]
        .assign(row=np.arange(len(located)))
        .sort_values(["event_date", "event_id_cnty"])["row"]
        .to_numpy()
    )
    frame = located[list(MAP_COLUMNS)].take(order).assign(group=marker_keys(located)[order], row=order)
    grouped = frame.groupby("group", sort=False)
    markers = grouped.agg(
        latitude=("latitude", "first"),
        longitude=("longitude", "first"),
        count=("event_id_cnty", "size"),
        precision=("geo_precision", "min"),
        location=("location", "first"),
        first=("event_date", "min"),
        last=("event_date", "max"),
    )
    listed_events = TOOLTIP_EVENTS if len(markers) <= CROWDED else TOOLTIP_EVENTS_CROWDED
    head = grouped.head(listed_events)  # only these need a tooltip line
    rows = head["row"].to_numpy()
    shown = located.take(rows) if details is None else details.loc[located.index[rows]]
    shown = shown.assign(group=head["group"].to_numpy())
    lines = event_lines(shown, source_names, crowded=listed_events != TOOLTIP_EVENTS)
    listed = _joined_per_group(lines, shown["group"])
    markers["category"] = _dominant(frame, "group")
    markers["key"] = markers.index
    markers["fan"] = fanned(frame, located, details, markers["count"], source_names, POINT_ALPHA)
    more = (markers["count"] - listed_events).clip(lower=0)
    markers["body"] = listed.reindex(markers.index) + np.where(
        more > 0, "\n… and " + more.astype(str) + " more: click", ""
    )
    precision = markers["precision"].fillna(1).astype(int)
    place = markers["location"].astype(str).replace("", "Unnamed place")
    plural = np.where(markers["count"] > 1, markers["count"].astype(str) + " events", "1 event")
    approximate = np.where(precision > 1, " — place: " + precision.map(schema.GEO_PRECISION_WORDS), "")
    markers["title"] = place + " — " + plural + approximate
    return markers.reset_index(drop=True), _place_areas(frame)


def _joined_per_group(lines: pd.Series, group: pd.Series) -> pd.Series:
    """Each group's lines joined by line breaks, in their order: a column per rank, not a Python call per group
    (a group lists at most TOOLTIP_EVENTS lines)."""
    rank = group.groupby(group, sort=False).cumcount().to_numpy()
    table = pd.Series(lines.to_numpy(), index=pd.MultiIndex.from_arrays([group.to_numpy(), rank])).unstack()
    joined = table[0]
    for column in table.columns[1:]:
        joined = joined + ("\n" + table[column]).fillna("")
    return joined


def build_map_data(
    frame: pd.DataFrame,
    budget: int = POINT_BUDGET,
    details: pd.DataFrame | None = None,
    source_names: Mapping[str, str] | None = None,
) -> MapData:
    """Group the filtered events into markers; switch to hexagons when there are more places than budget.

    `frame` may hold only MAP_COLUMNS when `details` holds the events' whole records under the same index labels
    (the dataset itself): copying a million rows' notes to list a few thousand in tooltips took 0.02-0.2 s."""
    has_place = (frame["latitude"].notna() & frame["longitude"].notna()).to_numpy()
    whole = has_place & country_level(frame).to_numpy()
    pointed = has_place & ~whole
    located = frame[pointed] if not pointed.all() else frame
    only_country = frame[whole]
    countries = _place_areas(only_country.assign(group=marker_keys(only_country)) if whole.any() else only_country)
    listed = (
        int((~has_place).sum()),
        tuple(frame.loc[~has_place, "event_id_cnty"].astype(str).head(UNPLACED_SHOWN)),
        int(whole.sum()),
        tuple(frame.loc[whole, "event_id_cnty"].astype(str).head(UNPLACED_SHOWN)),
    )
    if not len(located):
        return MapData(_empty_markers(), countries, False, 0, *listed)
    if len(located) <= budget or pd.unique(_place_keys(located)).size <= budget:
        markers, areas = _place_markers(located, details, source_names or {})
        return MapData(markers, _joined_areas(areas, countries), False, len(located), *listed)
    cells, resolution, apart = hexagon_markers(located, budget)
    return MapData(cells, countries, True, len(located) - apart, *listed, resolution, apart)


def _joined_areas(areas: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([areas, countries], ignore_index=True) if len(countries) else areas


def _empty_markers() -> pd.DataFrame:
    return pd.DataFrame(
        columns=["latitude", "longitude", "count", "category", "key", "title", "body", "precision", "first", "last"]
    )


def layer_records(markers: pd.DataFrame) -> list[dict]:
    """Only what the browser needs (contract.MARKER_FIELDS), as plain numbers and strings (Timestamps would
    serialise as {}).
    Built from columns as Python lists: DataFrame.to_dict reads Arrow-backed text one cell at a time."""
    if markers.empty:
        return []
    exact = markers["precision"].fillna(1).astype(int).to_numpy() == 1
    columns = {
        "lon": markers["longitude"].round(4).tolist(),
        "lat": markers["latitude"].round(4).tolist(),
        "r": radius_px(markers).tolist(),
        "title": markers["title"].tolist(),
        "body": markers["body"].tolist(),
        "key": markers["key"].astype("int64").tolist(),
        "fill": _colour(markers["category"], np.where(exact, POINT_ALPHA, APPROXIMATE_POINT_ALPHA)),
        "shape": markers["category"].astype(str).map(schema.shape_of).tolist(),
        "fan": markers["fan"].tolist() if "fan" in markers.columns else [[]] * len(markers),
    }
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    return [rows[i] for i in np.argsort(exact, kind="stable").tolist()]  # approximate first: drawn beneath


def radius_px(markers: pd.DataFrame) -> pd.Series:
    """The area grows with the count. To the half pixel: the map draws each size once and copies it (about 40
    sizes in all, not one per marker: frontend/src/deckmap.js, sprite). A hexagon's mark is one size: its fill
    says the count."""
    if "cell" in markers.columns:
        return pd.Series(CELL_MARK_PX, index=markers.index, dtype=float)
    return ((4 + 3 * np.sqrt(markers["count"].astype(float))).clip(upper=MAX_RADIUS_PX) * 2).round() / 2


def area_records(areas: pd.DataFrame) -> list[dict]:
    """Approximate places as outlined circles of their true size with a light fill; seas fainter still.
    Events coded to a whole country are drawn as its shape instead (country_layers)."""
    areas = areas[areas["country"] == ""] if "country" in areas.columns else areas
    alpha = np.where(areas["area_m"] > BIG_AREA_M, AREA_ALPHA // 2, AREA_ALPHA)
    return [
        {"lon": round(lon, 4), "lat": round(lat, 4), "area": round(area), "fill": fill, "line": line}
        for lon, lat, area, fill, line in zip(
            areas["longitude"],
            areas["latitude"],
            areas["area_m"],
            _colour(areas["category"], alpha),
            _colour(areas["category"], AREA_LINE_ALPHA),
        )
    ]


def events_at(frame: pd.DataFrame, keys: list[int | str]) -> pd.DataFrame:
    """The events drawn in the clicked marker(s) (a place's key) or fanned event(s) (an event id), in date order."""
    located = frame[frame["latitude"].notna() & frame["longitude"].notna() & ~country_level(frame)]
    wanted, ids = [k for k in keys if isinstance(k, int) and k >= 0], [k for k in keys if isinstance(k, str)]
    if not (wanted or ids) or located.empty:
        return located.iloc[0:0]
    chosen = np.isin(marker_keys(located), wanted) | located["event_id_cnty"].isin(ids).to_numpy()
    return located[chosen].sort_values("event_date")
