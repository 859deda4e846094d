"""The one detector of "the map is drawn" (drawn.js), shared by the browser tests and the benchmark.

A map is drawn when its canvases hold marker colours (schema.CATEGORY_COLOURS) and, where asked, the basemap's
land colour (schema.PALETTE["land"]) and the ink of its names (the label colours of schema.PALETTE). The tests
ask for markers (mapcanvas.wait_for_markers); the benchmark asks for all three, in a frame drawn after the page
open or the Enter key, timed on the page's own clock (bench/browser.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from eventmap import schema

DETECTOR_JS = Path(__file__).with_name("drawn.js").read_text(encoding="utf-8")
STEP = 2  # drawn.js samples every STEP-th pixel of every STEP-th row: one pixel in STEP * STEP
MIN_MARKER_PIXELS = 12  # sampled pixels of marker colour that make "markers drawn"
MIN_LAND_PIXELS = 2000  # sampled pixels of the land colour that make "basemap drawn" (the view is mostly land)
MIN_NAME_PIXELS = 20  # sampled pixels of the names' ink that make "names drawn" (a few names are enough)
NAME_COLOURS = ("place label", "country label", "sea label")
NAME_TOLERANCE = 4
MARKER_TOLERANCE = 30  # the markers are drawn translucent over land or sea: near their colour, not on it
LAND_TOLERANCE = 4
POLL_MS = 50  # how often the page looks for new draw calls...
FENCE_POLL_MS = 10  # ...and, once there are, whether the GPU has drawn them


def minimums(basemap: bool) -> tuple[int, int, int]:
    """Sampled pixels of (markers, land, names) a frame needs; land and names only on a map with a basemap."""
    return MIN_MARKER_PIXELS, MIN_LAND_PIXELS if basemap else 0, MIN_NAME_PIXELS if basemap else 0


def detector_script(basemap: bool = True) -> str:
    """drawn.js with its values filled in: for context.add_init_script, or page.evaluate in an open page."""
    markers, land, names = minimums(basemap)
    return DETECTOR_JS % {
        "colours": json.dumps([list(rgb) for rgb in schema.CATEGORY_COLOURS.values()]),
        "tolerance": MARKER_TOLERANCE,
        "land": json.dumps(list(schema.PALETTE["land"])),
        "land_tolerance": LAND_TOLERANCE,
        "interval": POLL_MS,
        "fence_interval": FENCE_POLL_MS,
        "names": json.dumps([list(schema.PALETTE[name]) for name in NAME_COLOURS]),
        "name_tolerance": NAME_TOLERANCE,
        "minimum": markers,
        "land_minimum": land,
        "name_minimum": names,
    }


def install(context, basemap: bool = True) -> None:
    """The detector in every page of a browser context, before the page's own scripts."""
    context.add_init_script(detector_script(basemap))


def scan(page) -> dict:
    """Sampled pixels of markers, land and names in the page's canvases now: {count, land, names, ...}."""
    if not page.evaluate("() => Boolean(window.__bench)"):
        page.evaluate(detector_script())
    return page.evaluate("() => window.__bench.scan()")
