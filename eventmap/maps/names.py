"""Names on the map: places with events, countries, seas and towns, each a candidate with a priority and the
least zoom it is shown at; the browser places them on every pan and zoom (frontend/src/labels.js).

This module is the one description of the rules; the numbers they use are contract.NAME_POSITIONS and NAME_RULES,
which the browser reads from contract.js:
- Only names whose zoom is at most the view's zoom plus NAME_RULES["zoomSlack"] are tried (a fitted view is a
  little wider than a user's), most important first: a briefing's callouts, places with events (more events
  first), then seas and countries (the theatre's and the large first), then towns (the most populous first).
- A name beside a marker (r > 0, the marker's radius in pixels) tries NAME_POSITIONS in order: right, left,
  above, below, then the diagonals, its box clearancePx off the marker; when none fits, the same positions
  leaderPx farther out, joined to the marker by a thin line. A name of no marker (a country, a sea, a town, a
  callout) has one position: centred on its point moved by its pixel offset.
- A position fits when the name's box (its measured text, sizePx tall) lies wholly inside the map (edgePx in),
  overlaps no name placed before it by less than gapPx, and no marker.
- A place with events whose point is in view but which finds no position is counted, and the map says how many
  names are hidden.
Placed in the browser and not here: the server placed them once per served view, so a user's zoom neither
revealed nor thinned them (docs/decisions.md, 'Names placed in the browser').
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk

from eventmap import schema
from eventmap.geocode.base import SEA_KINDS
from eventmap.geocode.gazetteer import Place, gazetteer, place_key, region_keys
from eventmap.maps import provinces, raster, towns
from eventmap.maps.contract import NAME_FIELDS, NAME_RULES

PLACE_PRIORITY = 600  # a place with events wins over a country or sea name it overlaps
MAX_PLACE_LABELS = 150  # the most-hit places; the rest are reached by hovering
SIZE_PX = int(NAME_RULES["sizePx"])
REGION_DROP_PX = 16  # a country's or sea's name below its point: a marker may stand there ("Iraq")


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and area-weighted centroid of a closed ring (shoelace), in degrees."""
    x, y = np.asarray(ring, dtype=float).T
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if area == 0:
        return 0.0, float(x.mean()), float(y.mean())
    return (
        abs(area),
        float(((x[:-1] + x[1:]) * cross).sum() / (6 * area)),
        float(((y[:-1] + y[1:]) * cross).sum() / (6 * area)),
    )


def _crossings(ring: list[list[float]], lat: float) -> list[float]:
    """Longitudes where a ring crosses a parallel, sorted: inside runs between pairs."""
    out = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 <= lat) != (y1 <= lat):
            out.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    return sorted(out)


def label_point(geometry: dict[str, Any]) -> tuple[float, float, float]:
    """Where a country's name goes: the centroid of its largest part, or, when that falls outside the shape
    (a crescent, a coast), the middle of the widest run across the shape at the centroid's latitude.
    Returns (area in square degrees, lon, lat)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = [polygon[0] for polygon in polygons if polygon and len(polygon[0]) >= 4]
    if not rings:
        return 0.0, 0.0, 0.0
    total = sum(_ring_centroid(ring)[0] for ring in rings)
    _, lon, lat = max((_ring_centroid(ring) for ring in rings), key=lambda c: c[0])
    ring = max(rings, key=lambda r: _ring_centroid(r)[0])
    crossings = _crossings(ring, lat)
    runs = list(zip(crossings[::2], crossings[1::2]))
    if runs and not any(west <= lon <= east for west, east in runs):
        west, east = max(runs, key=lambda run: run[1] - run[0])
        lon = (west + east) / 2
    return total, lon, lat


def _country_zoom(area: float) -> float:
    """Big countries are named at region scale, small ones once zoomed in."""
    return 0.0 if area >= 20 else 4.0 if area >= 5 else 5.0 if area >= 1 else 6.0


def _sea_zoom(radius_km: float) -> float:
    return 0.0 if radius_km >= 400 else 4.5 if radius_km >= 100 else 5.5


def region_labels(basemap: dict[str, Any], places: tuple[Place, ...]) -> list[dict[str, Any]]:
    """Country names (from the basemap's shapes) and sea names (gazetteer seas and straits), most important first."""
    labels = []
    theatre = {place.country or place.name for place in places if place.kind == "country"}
    for feature in basemap["features"]:
        area, lon, lat = label_point(feature["geometry"])
        name = feature["properties"]["name"]
        if area > 0:  # the gazetteer's countries are the theatre's: they are named first and sooner
            boost = name in theatre
            labels.append(
                {
                    "name": name,
                    "kind": "country",
                    "lon": round(lon, 3),
                    "lat": round(lat, 3),
                    "offset": [0, REGION_DROP_PX],
                    "priority": min(300, round(100 * math.log10(1 + area))) + 200 * boost,
                    "zoom": max(0.0, _country_zoom(area) - boost),
                    "r": 0,
                }
            )
    for place in places:
        if place.kind in SEA_KINDS:
            labels.append(
                {
                    "name": place.name,
                    "kind": "sea",
                    "lon": round(place.longitude, 3),
                    "lat": round(place.latitude, 3),
                    "offset": [0, REGION_DROP_PX],
                    "priority": 200 + min(300, round(100 * math.log10(1 + place.radius_km))),
                    "zoom": _sea_zoom(place.radius_km),
                    "r": 0,
                }
            )
    return sorted(labels, key=lambda label: (-label["priority"], label["name"]))


def region_names(places_path: Path | None = None) -> tuple[dict[str, Any], ...]:
    """Country names (at a point inside each country's largest part) and the gazetteer's seas and straits, each
    with its colour, priority and minimum zoom; worked out once per dataset folder."""
    return _region_names(places_path or schema.data_files().places)


@lru_cache(maxsize=4)
def _region_names(places_path: Path) -> tuple[dict[str, Any], ...]:
    colour = {"sea": list(schema.PALETTE["sea label"]), "country": list(schema.PALETTE["country label"])}
    return tuple(
        {**name, "color": colour[name["kind"]]} for name in region_labels(raster.load_basemap(), gazetteer(places_path))
    )


CALLOUT_PRIORITY = 2000  # a briefing's callout is placed before every other name
CALLOUT_DROP_PX = 2 * SIZE_PX + 6  # below its point, clear of the marker and of the place's name above it


def callout_names(pins: Iterable[tuple[str, float, float]]) -> list[dict[str, Any]]:
    """A briefing's callouts (note, latitude, longitude) as names, placed first, at any zoom, in their colour."""
    colour = list(schema.PALETTE["callout label"])
    return [
        {
            "name": note,
            "lon": round(float(lon), 4),
            "lat": round(float(lat), 4),
            "offset": [0, CALLOUT_DROP_PX],
            "color": colour,
            "priority": CALLOUT_PRIORITY,
            "zoom": 0.0,
            "r": 0,
        }
        for note, lat, lon in pins
    ]


def _place_zoom(rank: np.ndarray) -> np.ndarray:
    """The most-hit places are named at any zoom; the next ones once a region is zoomed in."""
    return np.select([rank < 8, rank < 30], [0.0, 5.0], 6.5)


def candidates(
    markers: pd.DataFrame, radius_px: pd.Series | None = None, callouts: Iterable[tuple[str, float, float]] = ()
) -> list[dict[str, Any]]:
    """Every name the browser may place for these markers, most important first: a briefing's callouts, the
    places with events, the countries and seas, and the towns and provinces that are not already a place with
    events."""
    places = place_labels(markers, radius_px)
    radius = radius_px if radius_px is not None else pd.Series(6.0, index=markers.index)
    located = markers["location"] if "location" in markers.columns else pd.Series("", index=markers.index)
    named = {place_key(str(name)): float(r) for name, r in zip(located.fillna(""), radius)}
    # A sea or country with events placed only to it is named like a place with events: at any zoom, before
    # the other regions, below its marker and clear of the number beside it (centred on the marker's middle).
    regions = [
        {**region, "zoom": 0.0, "priority": PLACE_PRIORITY, "offset": [0, _below(named[key])]}
        if (key := place_key(region["name"])) in named
        else region
        for region in region_names()
    ]
    context = [
        name for name in (*towns.town_names(), *provinces.province_names()) if place_key(name["name"]) not in named
    ]
    return [*callout_names(callouts), *places, *sorted(regions, key=lambda r: -r["priority"]), *context]


def _below(radius: float) -> float:
    """How far below a marker's centre a name goes: under the marker, and under a name centred beside it."""
    clear = max(radius + NAME_RULES["clearancePx"], SIZE_PX / 2 + 1 + NAME_RULES["gapPx"])
    return max(REGION_DROP_PX, round(clear + SIZE_PX / 2 + 1 + 1, 1))


def place_labels(markers: pd.DataFrame, radius_px: pd.Series | None = None) -> list[dict[str, Any]]:
    """Names of the places drawn as markers, with the number of events when more than one ("Erbil Air Base
    (4)"), most hit first, each with its marker's radius (the browser places it beside the marker); a grid cell
    or a marker that stands for a whole country or sea shows its number only (the region's own name is drawn
    apart, below its point).

    markers: one row per place or cell with latitude, longitude, count and, for places, location."""
    if markers.empty:
        return []
    radius = radius_px if radius_px is not None else pd.Series(6.0, index=markers.index)
    names = (
        markers["location"].fillna("").astype(str).str.strip()
        if "location" in markers.columns
        else pd.Series("", index=markers.index)
    )
    names = names.where(~names.map(place_key).isin(region_keys()), "")
    count = markers["count"].astype(int)
    named = ((names != "") | (count > 1)).to_numpy(copy=True)  # a name, or a number worth saying
    if not named.any():
        return []
    if named.sum() > MAX_PLACE_LABELS:  # only the most-hit can be kept: no text for the rest (ties kept)
        named &= count.to_numpy() >= np.sort(count.to_numpy()[named])[-MAX_PLACE_LABELS]
    names, count, markers, radius = names[named], count[named], markers[named], radius[named]
    number = count.map("{:,}".format)
    text = (names + np.where(count > 1, " (" + number + ")", "")).where(names != "", number)
    located = markers[["latitude", "longitude", "count"]].assign(name=text.str.strip(), r=radius)
    located = located.sort_values(["count", "name"], ascending=[False, True]).head(MAX_PLACE_LABELS)
    located = located.assign(zoom=_place_zoom(np.arange(len(located))))
    colour = list(schema.PALETTE["place label"])
    return [
        {
            "name": name,
            "lon": round(float(lon), 4),
            "lat": round(float(lat), 4),
            "offset": [0, 0],
            "color": colour,
            "priority": PLACE_PRIORITY + min(int(n), 1000 - PLACE_PRIORITY),
            "zoom": float(zoom),
            "r": round(float(r), 1),
        }
        for name, lon, lat, n, r, zoom in zip(
            located["name"], located["longitude"], located["latitude"], located["count"], located["r"], located["zoom"]
        )
    ]


def text_layer(layer_id: str, names: list[dict[str, Any]], halo: Sequence[int] | None = None) -> pdk.Layer:
    """Names legible over land, sea and areas: a halo (outline_width pixels of the halo colour) round each.

    names: candidates (name, lon, lat, offset, color, priority, zoom, r), placed by the browser on every frame;
    one layer for all. The map draws them as canvas text, so any character a name holds is drawn."""
    drawn = [{key: name[key] for key in NAME_FIELDS} for name in names]
    return pdk.Layer(
        "TextLayer",
        data=drawn,
        id=layer_id,
        get_position=["lon", "lat"],
        get_text="name",
        get_color="color",
        get_size=SIZE_PX,
        font_weight=600,
        font_family="'Helvetica Neue, Arial, sans-serif'",
        outline_width=4,
        outline_color=[*(halo or schema.PALETTE["label halo"])[:3], 230],
        get_pixel_offset="offset",
        pickable=False,
    )
