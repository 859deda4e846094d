"""The Map page's "Download this view as an image", in Chromium on the sample dataset: a PNG of the size asked
for, drawn by the map's own canvas code, with the legend and the alt text (frontend/src/compose.js)."""

from __future__ import annotations

import json
import math
import time

import numpy as np
from PIL import Image

from eventmap import schema
from tests.browser.harness import record_timing
from tests.browser.mapcanvas import MAP, count_colour, marker_colour
from tests.browser.test_map_page import ALPHA_BASE, open_map

ALT = "Map of 5 events, 2024-05-06 to 2024-05-10. By category: Attack 2, US strike 2, Interception 1."


def project(box: dict, latitude: float, longitude: float) -> tuple[float, float]:
    """Where a place falls in the picture (CSS pixels): Web Mercator about the map box's centre."""
    world = 512 * 2 ** box["zoom"]

    def mercator(lat: float, lon: float) -> tuple[float, float]:
        y = world * (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
        return world * (lon + 180) / 360, y

    cx, cy = mercator(box["latitude"], box["longitude"])
    x, y = mercator(latitude, longitude)
    return box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy


def download(page, size: str, scale: int):
    """Choose a size and scale on the map and click its download; the PNG and what the map says it drew."""
    bar = page.locator(".eventmap-map-export")
    bar.get_by_label("Image size").select_option(size)
    bar.get_by_label("Image scale").select_option(str(scale))
    started = time.monotonic()
    with page.expect_download(timeout=60_000) as info:
        bar.get_by_role("button", name="Download this view as an image").click()
    seconds = time.monotonic() - started
    image = Image.open(info.value.path())
    image.load()
    drawn = json.loads(page.locator(MAP).first.get_attribute("data-picture-map"))
    return image, drawn, seconds, info.value.suggested_filename


def test_the_view_downloads_as_a_picture_of_the_chosen_size_with_its_legend_and_alt_text(visit):
    view, _ = open_map(visit)
    page = view.page
    image, drawn, seconds, name = download(page, "1920x1080", 2)
    record_timing("picture 1920x1080 at 2x, click to file", seconds)
    assert image.size == (3840, 2160) and name.endswith(".png")
    assert image.info["Description"].startswith(ALT), image.info
    pixels = np.asarray(image.convert("RGB")).astype(int)
    x, y = project(drawn, *ALPHA_BASE)  # SM-001 and SM-002, attacks at an exact place
    window = pixels[int(y * 2) - 16 : int(y * 2) + 17, int(x * 2) - 16 : int(x * 2) + 17]
    assert count_colour(window, marker_colour("Attack")) >= 20, "no attack marker where Alpha Base projects"
    side = pixels[:, int((drawn["x"] + drawn["width"]) * 2) :]  # the legend's column, right of the map
    for category in ("Attack", "US strike", "Interception"):
        assert count_colour(side, schema.CATEGORY_COLOURS[category], 2) >= 100, f"{category} not in the legend"
    assert page.get_by_text(ALT, exact=False).first.is_visible()  # shown beside the map, to copy
    small, _, _, _ = download(page, "screen", 1)
    box = page.locator(MAP).first.bounding_box()
    assert small.size == (round(box["width"]), round(box["height"]))
    assert not view.console_errors and not view.foreign_requests()
