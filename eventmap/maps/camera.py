"""The camera the map opens on: the whole theatre, or fitted to what the filters keep; and the fit id that tells
the browser when to apply it (eventmap.maps.contract.FIT) rather than keep the view a user panned or zoomed."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd

from eventmap.maps.contract import FIT, TRANSITION
from eventmap.maps.raster import mercator_y

# Northern Iraq and Syria (37.4N) down to the Gulf of Aden (11N) on a 560 px tall map, each about 55 px inside the
# edge (room for a marker and its name); zoom 4 would cut both off. Read-only: use `{**INITIAL_VIEW, ...}`.
INITIAL_VIEW: Final[Mapping[str, float]] = MappingProxyType({"latitude": 25.0, "longitude": 44.0, "zoom": 3.5})
# The view that follows the data: a single place at POINT_ZOOM at most, and never wider than INITIAL_VIEW.
POINT_ZOOM, MAP_WIDTH_PX, MAP_HEIGHT_PX = 7.0, 900, 560
# Pixels kept free at each side of the fitted points: the largest marker's radius (24) and, above and below it,
# a name's height and gap (eventmap.maps.names), so no marker or name is cut at the edge; at the sides a name
# beside an edge marker turns inward.
FIT_PAD_X_PX, FIT_PAD_Y_PX = 36, 44


def fit_view(frame: pd.DataFrame, width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX) -> dict[str, float]:
    """The view that shows every point of frame (latitude, longitude; area_m, a radius in metres, if present),
    at POINT_ZOOM at most for a single place and never wider than the whole theatre (INITIAL_VIEW)."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(float) if len(frame) else np.empty(0)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(float) if len(frame) else np.empty(0)
    placed = np.isfinite(lat) & np.isfinite(lon)
    if not placed.any():
        return dict(INITIAL_VIEW)
    lat, lon = lat[placed], lon[placed]
    reach = frame["area_m"].to_numpy(float)[placed] / 111_320.0 if "area_m" in frame.columns else np.zeros(len(lat))
    reach = np.nan_to_num(reach)
    lon_reach = reach / np.maximum(np.cos(np.radians(lat)), 0.1)
    south, north = np.clip([(lat - reach).min(), (lat + reach).max()], -80, 80)
    west, east = (lon - lon_reach).min(), (lon + lon_reach).max()

    top, bottom = float(mercator_y(north)), float(mercator_y(south))
    zoom_x = math.log2((width_px - 2 * FIT_PAD_X_PX) * 360 / (512 * max(east - west, 1e-6)))
    zoom_y = math.log2((height_px - 2 * FIT_PAD_Y_PX) * 2 * math.pi / (512 * max(top - bottom, 1e-9)))
    zoom = min(zoom_x, zoom_y)
    if zoom < INITIAL_VIEW["zoom"]:
        return dict(INITIAL_VIEW)
    middle = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    return {
        "latitude": round(middle, 4),
        "longitude": round((west + east) / 2, 4),
        "zoom": round(min(zoom, POINT_ZOOM), 2),
    }


def fit_map(map_data: Any) -> dict[str, float]:
    """fit_view of what a MapData (eventmap.maps.markers) draws: its markers and the areas of its approximate
    places."""
    points = [map_data.markers[["latitude", "longitude"]]]
    if len(map_data.areas):
        points.append(map_data.areas[["latitude", "longitude", "area_m"]])
    return fit_view(pd.concat(points, ignore_index=True))


def fit_id(*reasons: object) -> str:
    """A short id that is the same for the same reasons to fit (a filter state, a count of resets) and differs
    otherwise: the same link gives the same spec, bytes included."""
    return hashlib.sha256(repr(reasons).encode()).hexdigest()[:12]


def camera(fitted: Mapping[str, float], filters_key: object, resets: int | None = None) -> dict[str, Any]:
    """The camera the map opens on, with its fit id (contract.FIT): fitted to what the filters keep, or the whole
    theatre when "Reset view" was pressed since they last changed (resets: how many times it was pressed in all,
    so that pressing it again fits again; None when it was not)."""
    view = dict(fitted) if resets is None else dict(INITIAL_VIEW)
    return {**view, FIT: fit_id(filters_key, resets)}


def split(camera_: Mapping[str, Any] | None) -> tuple[dict[str, float], str]:
    """A camera's view (INITIAL_VIEW's keys filled in) and its fit id; a view with no fit id is fitted whenever it
    changes (its id is made of its own numbers)."""
    view = {**INITIAL_VIEW, **{key: value for key, value in (camera_ or {}).items() if key != FIT}}
    return view, str((camera_ or {}).get(FIT) or fit_id(*sorted(view.items())))


# --- the camera in a link: ?at=latitude,longitude,zoom (docs/decisions.md, "The camera in the link") ------------

CAMERA_PARAM: Final = "at"
# What a link's camera may be: Web Mercator's latitudes, any longitude, the zooms deck.gl's map controller allows.
LIMITS: Final[Mapping[str, tuple[float, float]]] = MappingProxyType(
    {"latitude": (-85.0511, 85.0511), "longitude": (-180.0, 180.0), "zoom": (0.0, 20.0)}
)
DECIMALS: Final[Mapping[str, int]] = MappingProxyType({"latitude": 4, "longitude": 4, "zoom": 2})  # 11 m; 1.4 %
NUMBER = re.compile(r"[+-]?([0-9]{1,3}(\.[0-9]{0,12})?|\.[0-9]{1,12})")  # plain decimals: no 1e3, nan, 0x10 or 1_0
MAX_CAMERA_CHARS = 60  # what a reader of the notice is shown of a bad value, at most


def camera_text(view: Mapping[str, float]) -> str:
    """A camera as the link writes it: "33.5,42.5,7" (latitude, longitude, zoom; no trailing zeros)."""
    numbers = (f"{round(float(view[key]), DECIMALS[key]) + 0.0:.{DECIMALS[key]}f}" for key in LIMITS)
    return ",".join(number.rstrip("0").rstrip(".") for number in numbers)


def rounded(view: Mapping[str, float]) -> dict[str, float]:
    """A camera to the link's precision: what reading its text gives back."""
    return {key: round(float(view[key]), DECIMALS[key]) for key in LIMITS}


def parse_camera(text: str) -> tuple[dict[str, float] | None, str]:
    """A link's camera and "", or None and why it was ignored. Never raises, whatever the text."""
    parts = str(text).split(",")
    if len(parts) != len(LIMITS):
        return None, f"it has {len(parts)} value(s), not {len(LIMITS)}"
    view: dict[str, float] = {}
    for (key, (low, high)), part in zip(LIMITS.items(), parts):
        if not NUMBER.fullmatch(part.strip()):
            return None, f"the {key} is not a number"
        value = float(part)
        if not low <= value <= high:
            return None, f"the {key} is outside {low:g} to {high:g}"
        view[key] = round(value, DECIMALS[key])
    return view, ""


def from_query(params: Mapping[str, Any]) -> tuple[dict[str, float] | None, list[str]]:
    """A link's camera (None when it has none, or a bad one) and the notices for the user: a bad camera is said,
    and the map opens on the camera that fits the filters."""
    values = params.get(CAMERA_PARAM) or []
    values = [str(v) for v in (values if isinstance(values, (list, tuple)) else [values])]
    if not values:
        return None, []
    shown = repr(values[-1][:MAX_CAMERA_CHARS])
    if len(values) > 1:
        return None, [f"Ignored {CAMERA_PARAM}: the link has {len(values)} cameras; the map fits the events."]
    view, why = parse_camera(values[0])
    notices = [f"Ignored {CAMERA_PARAM}={shown}: {why} (use latitude,longitude,zoom); the map fits the events."]
    return view, [] if view else notices


def linked(view: Mapping[str, float], filters_key: object) -> dict[str, Any]:
    """The camera a link opens on, with a fit id of its own: applied once, then kept as the user moves."""
    return {**rounded(view), FIT: fit_id(filters_key, CAMERA_PARAM, camera_text(view))}


def with_transition(spec_json: str, milliseconds: int) -> str:
    """The map's spec asking it to fly to each new fit over `milliseconds` (contract.TRANSITION); joined to the
    text, as the spec is serialised once and shared by the maps that jump."""
    return spec_json[:-1] + f',"{TRANSITION}":{int(milliseconds)}}}' if milliseconds > 0 else spec_json
