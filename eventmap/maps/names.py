"""Names on the map: places with events, countries and seas, each with a priority and the zoom it needs.

A briefing at region scale must show the few names that matter, so every name carries an importance: a
priority (of two names that would overlap, the lesser is left out) and a minimum zoom (names below the view's
zoom are left out). The names are placed here, on the server, for the view the map opens on (fitted to the
filters, or the whole theatre after "Reset view"), most important first, so that none covers another or a
marker (deck.gl's collision filter sees neither markers nor, reliably, names: see arrange). A name keeps its
place in pixels beside its point when a user zooms; the next filter change or reset places them again
(docs/decisions.md, 'Names placed on the server').
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pydeck as pdk

from eventmap import schema
from eventmap.geocode.base import SEA_KINDS
from eventmap.geocode.gazetteer import Place, gazetteer, place_key, region_keys
from eventmap.maps import raster
from eventmap.maps.contract import NAME_FIELDS

PLACE_PRIORITY = 600  # a place with events wins over a country or sea name it overlaps
MAX_PLACE_LABELS = 150  # the most-hit places; the rest are reached by hovering
ZOOM_SLACK = 1.0  # names this much below their zoom still show: the view is fitted, a user zooms in a little
# Every name is one line, centred a few pixels off its point: a place's above its marker, a country's or sea's
# below its point (a marker may stand there: an event placed only to "Iraq"). The name's pixel offset keeps the
# gap the same at every zoom.
SIZE_PX = 13
CHAR_WIDTH_EM = 0.62  # a generous mean width of a glyph of the sans-serif font, for a name's box
GAP_PX = 3  # room kept between two names
REGION_DROP_PX = 16


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
                    "min_zoom": max(0.0, _country_zoom(area) - boost),
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
                    "min_zoom": _sea_zoom(place.radius_km),
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
            "min_zoom": float("-inf"),
        }
        for note, lat, lon in pins
    ]


def _place_zoom(rank: np.ndarray) -> np.ndarray:
    """The most-hit places are named at any zoom; the next ones once a region is zoomed in."""
    return np.select([rank < 8, rank < 30], [0.0, 5.0], 6.5)


def place_labels(
    markers: pd.DataFrame, zoom: float, radius_px: pd.Series | None = None, regions: Iterable[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Names of the places drawn as markers, beside their marker, with the number of events when more than one
    ("Erbil Air Base (4)"); a marker that stands for a whole country or sea shows its number only
    (the region's own name is drawn apart, below its point). With regions (country and sea names with their
    min_zoom), those of this zoom too: all placed together by one arrange.

    markers: one row per place or cell with latitude, longitude, count and, for places, location.
    """
    radius = radius_px if radius_px is not None else pd.Series(6.0, index=markers.index)
    wanted = [region for region in regions if region["min_zoom"] <= zoom + ZOOM_SLACK]
    if not markers.empty:
        wanted += _place_names(markers, zoom, radius)
    return arrange(
        wanted, markers["longitude"].to_numpy(float), markers["latitude"].to_numpy(float), radius.to_numpy(float), zoom
    )


def _place_names(markers: pd.DataFrame, zoom: float, radius: pd.Series) -> list[dict[str, Any]]:
    """The candidate names of the markers: the most-hit places of this zoom, in the place colour."""
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
    located = located.assign(min_zoom=_place_zoom(np.arange(len(located))))
    located = located[located["min_zoom"] <= zoom + ZOOM_SLACK]
    colour = list(schema.PALETTE["place label"])
    return [
        {
            "name": name,
            "lon": round(float(lon), 4),
            "lat": round(float(lat), 4),
            "offset": [0, -round(float(r) + 3 + SIZE_PX / 2, 1)],
            "color": colour,
            "priority": PLACE_PRIORITY + min(int(n), 1000 - PLACE_PRIORITY),
        }
        for name, lon, lat, n, r in zip(
            located["name"], located["longitude"], located["latitude"], located["count"], located["r"]
        )
    ]


def _pixels(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixels of the 512-px world at this zoom."""
    world = 512.0 * 2.0**zoom
    return world * (lon + 180) / 360, world * (1 - raster.mercator_y(lat) / np.pi) / 2


def arrange(
    names: list[dict[str, Any]], lon: np.ndarray, lat: np.ndarray, radius: np.ndarray, zoom: float
) -> list[dict[str, Any]]:
    """The names, most important first, that at this zoom neither cover a marker (at lon, lat, of radius
    pixels) nor an earlier name. A name's box: its point, moved by its pixel offset, and its estimated size.

    Why here and not deck.gl's CollisionFilterExtension: it cannot see the markers, it hid every name whose
    middle is a space ("Red Sea") and faded others (visgl/deck.gl#10386), and with the box that mends that it
    cost about 1 s of every page open in software WebGL (docs/decisions.md, 'Names placed on the server')."""
    ordered = sorted(names, key=lambda name: -name["priority"])
    if not ordered:
        return []
    offset = np.array([name.get("offset", (0, 0)) for name in ordered], dtype=float)
    xs, ys = _pixels(
        np.array([n["lon"] for n in ordered], dtype=float), np.array([n["lat"] for n in ordered], dtype=float), zoom
    )
    xs, ys = xs + offset[:, 0], ys + offset[:, 1]
    half_w, half_h = CHAR_WIDTH_EM * SIZE_PX * np.array([len(n["name"]) for n in ordered]) / 2, SIZE_PX / 2
    # Whether a marker reaches into each name's box: every name against every marker at once (a name's test
    # does not depend on the names kept before it), not one numpy pass per name.
    mx, my = _pixels(lon, lat, zoom)
    gap_x = np.maximum(np.abs(mx[None, :] - xs[:, None]) - half_w[:, None], 0)
    gap_y = np.maximum(np.abs(my[None, :] - ys[:, None]) - half_h, 0)
    on_a_marker = (gap_x * gap_x + gap_y * gap_y < (radius * radius)[None, :]).any(axis=1)
    kept: list[dict[str, Any]] = []
    boxes: list[tuple[float, float, float]] = []
    for label, x, y, w, covers in zip(ordered, xs.tolist(), ys.tolist(), half_w.tolist(), on_a_marker.tolist()):
        if covers or any(abs(x - bx) < w + bw + GAP_PX and abs(y - by) < 2 * half_h + GAP_PX for bx, by, bw in boxes):
            continue
        kept.append(label)
        boxes.append((x, y, w))
    return kept


def text_layer(layer_id: str, names: list[dict[str, Any]]) -> pdk.Layer:
    """Names legible over land, sea and areas: a halo (outline_width pixels of the halo colour) round each.

    names: dicts with name, lon, lat, offset (pixels) and color, placed by arrange; one layer for all. The map
    (eventmap/ui/deckmap.py) draws it as canvas text, so any character a name holds is drawn."""
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
        outline_color=[*schema.PALETTE["label halo"], 230],
        get_pixel_offset="offset",
        pickable=False,
    )
