"""Names on the map: places with events, countries and seas, each with a priority and the zoom it needs.

A briefing at region scale must show the few names that matter, so every name carries an importance: a
collision priority (deck.gl's CollisionFilterExtension hides the lesser of two names that overlap) and a
minimum zoom (names below the view's zoom are left out). The gazetteer (data/places.csv) is parsed once here.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk

from eventmap import schema
from eventmap.geocode.gazetteer import Place, load_places
from eventmap.problems import DataFileError

SEA_KINDS = ("sea area", "strait")
REGION_KINDS = ("country", *SEA_KINDS)  # named by the region labels, never as a place
PLACE_PRIORITY = 600  # a place with events wins over a country or sea name it overlaps
MAX_PLACE_LABELS = 150  # the most-hit places; the rest are reached by hovering
ZOOM_SLACK = 1.0  # names this much below their zoom still show: the view is fitted, a user zooms in a little
# Every name is one line centred on its point: deck.gl's collision test samples at the point, so a label must
# cover it (measured in Chromium: with getPixelOffset, multi-line text or an edge anchor it hid names at random).
# So a name is moved instead: a place's above its marker (by pixels at the view's zoom), a country's or sea's
# below its point (a marker may stand there: an event placed only to "Iraq" or "the Gulf of Aden").
SIZE_PX = 13
REGION_DROP_DEG = 0.9  # ~16 px at the theatre's zoom


def _degrees_per_px(zoom: float) -> float:
    return 360.0 / (512.0 * 2.0**zoom)  # Web Mercator's 512-px world, along the equator


# The glyphs drawn: printable ASCII and Latin-1/Extended-A (ACLED's place names). Not "auto": that also put
# the line breaks in the font atlas, and the names came out washed out (measured in Chromium).
CHARACTERS = "".join(map(chr, [*range(32, 127), *range(160, 384)]))


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Place, ...]:
    """The curated places, read and checked once; an unreadable file gives none (validate reports it)."""
    try:
        return tuple(load_places())
    except (DataFileError, OSError):
        return ()


@lru_cache(maxsize=1)
def place_index() -> dict[str, Place]:
    """Each place under its name and every alias, case-folded."""
    return {label.casefold(): place for place in gazetteer() for label in (place.name, *place.aliases)}


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and area-weighted centroid of a closed ring (shoelace), in degrees."""
    x, y = np.asarray(ring, dtype=float).T
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if area == 0:
        return 0.0, float(x.mean()), float(y.mean())
    return abs(area), float(((x[:-1] + x[1:]) * cross).sum() / (6 * area)), float(((y[:-1] + y[1:]) * cross).sum() / (6 * area))


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
            labels.append({"name": name, "kind": "country", "lon": round(lon, 3), "lat": round(lat - REGION_DROP_DEG, 3),
                           "priority": min(300, round(100 * math.log10(1 + area))) + 200 * boost,
                           "min_zoom": max(0.0, _country_zoom(area) - boost)})
    for place in places:
        if place.kind in SEA_KINDS:
            labels.append({"name": place.name, "kind": "sea", "lon": round(place.longitude, 3),
                           "lat": round(place.latitude - REGION_DROP_DEG, 3),
                           "priority": 200 + min(300, round(100 * math.log10(1 + place.radius_km))),
                           "min_zoom": _sea_zoom(place.radius_km)})
    return sorted(labels, key=lambda label: (-label["priority"], label["name"]))


def _place_zoom(rank: np.ndarray) -> np.ndarray:
    """The most-hit places are named at any zoom; the next ones once a region is zoomed in."""
    return np.select([rank < 8, rank < 30], [0.0, 5.0], 6.5)


def place_labels(markers: pd.DataFrame, zoom: float, radius_px: pd.Series | None = None) -> list[dict[str, Any]]:
    """Names of the places drawn as markers, beside their marker; regions (countries, seas) are named apart.

    markers: one row per place with latitude, longitude, count, location (mapview's markers).
    """
    if markers.empty or "location" not in markers.columns:
        return []
    names = markers["location"].fillna("").astype(str).str.strip()
    regions = {key for key, place in place_index().items() if place.kind in REGION_KINDS}
    keep = (names != "") & ~names.str.casefold().isin(regions)
    located = markers.assign(name=names, r=radius_px if radius_px is not None else 6.0)[keep]
    located = located.sort_values(["count", "name"], ascending=[False, True]).head(MAX_PLACE_LABELS)
    located = located.assign(min_zoom=_place_zoom(np.arange(len(located))))
    located = located[located["min_zoom"] <= zoom + ZOOM_SLACK]
    step = _degrees_per_px(zoom)
    return [{"name": name, "lon": round(float(lon), 4),
             "lat": round(float(lat) + (float(r) + 3 + SIZE_PX / 2) * step * math.cos(math.radians(float(lat))), 4),
             "priority": PLACE_PRIORITY + min(int(n), 1000 - PLACE_PRIORITY)}
            for name, lon, lat, n, r in zip(located["name"], located["longitude"], located["latitude"],
                                            located["count"], located["r"])]


def text_layer(layer_id: str, data: list[dict] | str, get_color: Any, **props: Any) -> pdk.Layer:
    """Names legible over land, sea and areas (an SDF outline in the halo colour); of two that overlap, the
    one of higher priority shows (deck.gl's CollisionFilterExtension, through pydeck's JSON as a @@type)."""
    extensions = [{"@@type": "CollisionFilterExtension"}, *props.pop("extensions", [])]
    layer = pdk.Layer("TextLayer", data=data, id=layer_id, get_position=["lon", "lat"], get_text="name",
                     get_color=get_color, get_size=SIZE_PX, font_weight=600,
                     font_family="'Helvetica Neue, Arial, sans-serif'", font_settings={"sdf": True}, outline_width=4,
                     outline_color=[*schema.PALETTE["label halo"], 230],
                     get_collision_priority="priority", collision_group="'names'",
                     collision_test_props={"sizeScale": 2}, extensions=extensions, pickable=False, **props)
    layer.character_set = CHARACTERS  # set after: pydeck turns a string (or a list of them) argument into an expression
    return layer
