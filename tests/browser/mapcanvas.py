"""Reading the deck.gl map as a user sees it: its pixels, and where a place falls on it."""

from __future__ import annotations

import io
import math
import time

import numpy as np
from PIL import Image

from eventmap import schema
from eventmap.basemap import INITIAL_VIEW, LAND_COLOUR, SEA_COLOUR

MAP = '[data-testid="stDeckGlJsonChart"]'


def map_pixels(page) -> np.ndarray:
    """The map as rendered (WebGL included), as an RGB array."""
    shot = page.locator(MAP).first.screenshot(timeout=10_000)
    return np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).astype(int)


def count_colour(pixels: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    return int((np.abs(pixels - np.array(rgb)).max(axis=2) <= tolerance).sum())


def marker_pixels(pixels: np.ndarray) -> int:
    """Pixels in the solid marker colours of the event categories."""
    return sum(count_colour(pixels, rgb) for rgb in schema.CATEGORY_COLOURS.values())


def wait_for_markers(page, timeout: float = 90.0, minimum: int = 40) -> float:
    """Seconds from now until the map shows event markers; fails after timeout."""
    start = time.monotonic()
    page.locator(MAP).first.wait_for(timeout=timeout * 1000)
    while time.monotonic() - start < timeout:
        if marker_pixels(map_pixels(page)) >= minimum:
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"no event markers drawn within {timeout:.0f} s")


def screen_position(page, latitude: float, longitude: float) -> tuple[float, float]:
    """Where a point falls on the page under the map's initial view (Web Mercator, 512-pixel world at zoom 0)."""
    box = page.locator(MAP).first.bounding_box()
    world = 512 * 2 ** INITIAL_VIEW["zoom"]

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = world * (lon + 180) / 360
        y = world * (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
        return x, y

    cx, cy = project(INITIAL_VIEW["latitude"], INITIAL_VIEW["longitude"])
    x, y = project(latitude, longitude)
    return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)


__all__ = ["LAND_COLOUR", "SEA_COLOUR", "count_colour", "map_pixels", "marker_pixels", "screen_position",
           "wait_for_markers"]
