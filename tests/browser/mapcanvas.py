"""Reading the map as a user sees it: whether it is drawn (the detector in drawn.py), its pixels, and where a
place falls on it."""

from __future__ import annotations

import io
import math
import time

import numpy as np
from PIL import Image

from eventmap import schema
from eventmap.maps import contract
from eventmap.maps.camera import INITIAL_VIEW
from eventmap.maps.markers import POINT_ALPHA
from tests.browser import drawn

MAP = '[data-testid="eventmapMap"]'  # the map component's own box (frontend/src/deckmap.js)
LAND_COLOUR, SEA_COLOUR = schema.PALETTE["land"], schema.PALETTE["sea"]


def map_pixels(page) -> np.ndarray:
    """The map as the compositor shows it (its WebGL and 2D canvases), as an RGB array.

    A page screenshot clipped to the chart, not an element screenshot: that one waits for the element to be
    "stable" over animation frames, which a busy two-core machine drawing WebGL in software may never grant.
    """
    chart = page.locator(MAP).first
    chart.wait_for(timeout=60_000)
    box = chart.bounding_box()
    if not box or box["width"] < 10 or box["height"] < 10:
        return np.zeros((1, 1, 3), dtype=int)
    shot = page.screenshot(clip=box, timeout=60_000)
    return np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).astype(int)


def count_colour(pixels: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 6) -> int:
    return int((np.abs(pixels - np.array(rgb)).max(axis=2) <= tolerance).sum())


def marker_colour(category: str, background: tuple[int, int, int] = LAND_COLOUR) -> tuple[int, int, int]:
    """The colour of an exact place's marker on screen: its category colour at POINT_ALPHA over the map."""
    alpha = POINT_ALPHA / 255
    rgb = schema.CATEGORY_COLOURS[category]
    return tuple(round(alpha * c + (1 - alpha) * b) for c, b in zip(rgb, background))


def count_marker(pixels: np.ndarray, category: str) -> int:
    """Pixels of exact-place markers of a category, on land or at sea."""
    return sum(count_colour(pixels, marker_colour(category, ground)) for ground in {LAND_COLOUR, SEA_COLOUR})


def wait_for_markers(page, timeout: float = 120.0, minimum: int = 40) -> float:
    """Seconds from now until the map's canvases show at least `minimum` pixels of event markers (drawn.scan,
    the detector the benchmark uses too); fails after timeout.

    The time is taken when the first scan that shows them was asked for: the markers were drawn by the end of
    that scan at the latest, and not before the end of the previous one, which did not show them.
    """
    start = time.monotonic()
    page.locator(MAP).first.wait_for(timeout=timeout * 1000)
    sampled = max(1, minimum // (drawn.STEP * drawn.STEP))
    while time.monotonic() - start < timeout:
        asked = time.monotonic()
        if drawn.scan(page)["count"] >= sampled:
            return asked - start
        time.sleep(0.1)
    raise AssertionError(f"no event markers drawn within {timeout:.0f} s")


def wait_for_colour(page, rgb: tuple[int, int, int], minimum: int, timeout: float = 120.0) -> None:
    """Wait until a capture of the map holds at least minimum pixels of a colour (a tint, a label)."""
    start = time.monotonic()
    page.locator(MAP).first.wait_for(timeout=timeout * 1000)
    while time.monotonic() - start < timeout:
        if count_colour(map_pixels(page), rgb, 4) >= minimum:
            return
        time.sleep(0.2)
    raise AssertionError(f"fewer than {minimum} pixels of {rgb} within {timeout:.0f} s")


def blend(rgb: tuple[int, int, int], alpha: int, background: tuple[int, int, int]) -> tuple[int, int, int]:
    """A translucent colour as it shows over a background."""
    a = alpha / 255
    return tuple(round(a * c + (1 - a) * b) for c, b in zip(rgb, background))


def screen_position(page, latitude: float, longitude: float, view=INITIAL_VIEW) -> tuple[float, float]:
    """Where a point falls on the page under a view of the map (Web Mercator, 512-pixel world at zoom 0)."""
    box = page.locator(MAP).first.bounding_box()
    world = 512 * 2 ** view["zoom"]

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = world * (lon + 180) / 360
        y = world * (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
        return x, y

    cx, cy = project(view["latitude"], view["longitude"])
    x, y = project(latitude, longitude)
    return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)


def colour_near(page, pixels: np.ndarray, x: float, y: float, rgb: tuple[int, int, int], radius: int = 8) -> int:
    """Pixels of a colour within a square of +-radius around a page position, in a capture of the map."""
    box = page.locator(MAP).first.bounding_box()
    col, row = int(round(x - box["x"])), int(round(y - box["y"]))
    window = pixels[max(row - radius, 0) : row + radius + 1, max(col - radius, 0) : col + radius + 1]
    return count_colour(window, rgb) if window.size else 0


def grey(pixels: np.ndarray) -> np.ndarray:
    """The map as a grey-scale printout shows it (ITU-R BT.601 luma, as PIL's "L" mode)."""
    return pixels[..., 0] * 0.299 + pixels[..., 1] * 0.587 + pixels[..., 2] * 0.114


def sprite_centre(x: float, r: float, line: float = 1.5) -> float:
    """Where a marker of radius r meant for page position x is drawn (one screen pixel a CSS pixel): its
    picture, 2r + line + 2 pixels wide, is copied at a whole pixel (frontend/src/deckmap.js, drawCircles)."""
    size = math.ceil(2 * r + line) + 2
    return round(x - size / 2) + size / 2


def fill_radius(shape: str, r: float, line: float = 1.5) -> float:
    """The radius at which a marker's shape shows its fill: its outline, stroked on the path at r, covers half the
    line's width inside every edge, so a convex shape's fill is the shape scaled down by that over its inradius."""
    outline = contract.SHAPES[shape]
    edges = zip(outline, outline[1:] + outline[:1])
    inradius = min((abs(x0 * y1 - x1 * y0) / math.hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in edges), default=1)
    return r - line / 2 / inradius


def shape_mask(shape: str, r: float, half: int, dx: float = 0.0, dy: float = 0.0) -> np.ndarray:
    """A marker's shape (contract.SHAPES, a circle when empty) scaled to radius r, on a box of half-width `half`
    around pixel (c, w): a pixel is in when its centre is. dx, dy: the pixel c, w's centre from the marker's."""
    yy, xx = np.mgrid[-half : half + 1, -half : half + 1].astype(float)
    xx, yy = xx + dx, yy + dy
    outline = contract.SHAPES[shape]
    if not outline:
        return xx**2 + yy**2 <= r * r
    inside = np.zeros(xx.shape, dtype=bool)
    points = [(x * r, y * r) for x, y in outline]
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):  # even-odd rule
        crosses = (y0 > yy) != (y1 > yy)
        at = (x1 - x0) * (yy - y0) / np.where(y1 == y0, 1, y1 - y0) + x0
        inside ^= crosses & (xx < at)
    return inside


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two masks."""
    return float((a & b).sum() / max((a | b).sum(), 1))


__all__ = [
    "LAND_COLOUR",
    "MAP",
    "SEA_COLOUR",
    "blend",
    "colour_near",
    "count_colour",
    "count_marker",
    "grey",
    "overlap",
    "fill_radius",
    "shape_mask",
    "sprite_centre",
    "map_pixels",
    "marker_colour",
    "screen_position",
    "wait_for_colour",
    "wait_for_markers",
]
