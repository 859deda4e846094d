"""The Map page's "Download this view as an image", in Chromium on the sample dataset: a PNG of the size asked
for, drawn by the map's own canvas code, with the legend and the alt text (frontend/src/compose.js)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pypdf
from PIL import Image

from eventmap import schema
from eventmap.maps import contract
from tests.browser.harness import record_timing
from tests.browser.mapcanvas import (
    MAP,
    colour_near,
    count_colour,
    map_pixels,
    marker_colour,
    screen_position,
    wait_for_markers,
)
from tests.browser.test_map_page import ALPHA_BASE, FIRST_QUOTE, open_map
from tests.conftest import ROOT

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
    fonts = "[...document.fonts].filter((f) => f.family.includes('Noto') && f.status === 'loaded').length"
    assert page.evaluate(fonts) == 3, "the picture's font, from the app's own server"
    small, _, _, _ = download(page, "screen", 1)
    box = page.locator(MAP).first.bounding_box()
    assert small.size == (round(box["width"]), round(box["height"]))
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download this view as one offline HTML file").click()
    offline = Path(info.value.path()).read_text(encoding="utf-8")
    assert len(offline.encode()) < 3_000_000 and info.value.suggested_filename.endswith(".html")
    assert '"id":"SM-001"' in offline and "app/static" not in offline  # its records, its pictures inlined
    assert not view.console_errors and not view.foreign_requests()


def render_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eventmap", "render", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_the_offline_file_draws_the_map_and_its_records_with_every_request_blocked(browser, tmp_path):
    target = tmp_path / "view.html"
    done = render_cli("--format", "html", "-o", str(target))
    assert done.returncode == 0, done.stderr
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    asked: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url == target.as_uri() else route.abort())
    page = context.new_page()
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(target.as_uri())
        wait_for_markers(page)
        spec = json.loads(page.locator("#eventmap-view").text_content())["spec"]
        x, y = screen_position(page, *ALPHA_BASE, view=spec[contract.VIEW])
        assert colour_near(page, map_pixels(page), x, y, marker_colour("Attack")) > 10
        page.mouse.move(x, y)
        tip = page.locator(".eventmap-map-tooltip")
        tip.wait_for(state="visible", timeout=10_000)
        assert "Alpha Base" in tip.inner_text()
        page.mouse.click(x, y)
        record = page.locator("#record")
        record.locator("strong", has_text="SM-001").wait_for(timeout=10_000)
        assert FIRST_QUOTE in record.inner_text()
        assert page.locator("#events tr").count() == 1 + 6  # a header and the sample's six events
        assert [url for url in asked if not url.startswith(("data:", "blob:"))] == [target.as_uri()]
    finally:
        context.close()


def test_the_command_lines_picture_is_the_pages(visit, server, tmp_path):
    view, _ = open_map(visit)
    from_page, _, _, _ = download(view.page, "1920x1080", 1)
    target = tmp_path / "view.png"
    started = time.monotonic()
    done = render_cli("--size", "1920x1080", "--scale", "1", "--base-url", server.url, "-o", str(target))
    record_timing("render --format png 1920x1080 at 1x, command line", time.monotonic() - started)
    assert done.returncode == 0, done.stderr
    from_cli = Image.open(target)
    assert from_cli.size == from_page.size == (1920, 1080)
    assert from_cli.info["Description"] == from_page.info["Description"]
    difference = np.abs(np.asarray(from_cli.convert("RGB")).astype(int) - np.asarray(from_page.convert("RGB")))
    assert (difference.max(axis=2) > 24).mean() < 0.002, "more than 0.2% of the pixels differ"


def test_the_brief_holds_the_views_events_and_places_on_one_page(browser, tmp_path):
    for paper in ("a4", "letter"):
        target = tmp_path / f"brief-{paper}.pdf"
        done = render_cli("--format", "pdf", "--paper", paper, "--theatre", "Land", "-o", str(target))
        assert done.returncode == 0, done.stderr
        assert target.stat().st_size < 2_000_000
        pages = pypdf.PdfReader(target).pages
        assert len(pages) == 1
        text = pages[0].extract_text()
        for event_id in ("SM-001", "SM-002", "SM-003", "SM-006"):
            assert event_id in text
        assert "SM-004" not in text  # at sea: not in the theatre Land
        assert "Alpha Base" in text and "Bravo Town" in text and "Method:" in text


def test_an_empty_view_renders_at_3x_saying_so(tmp_path):
    target = tmp_path / "empty.png"
    done = render_cli("--q", "no event says this", "--size", "1600x1200", "--scale", "3", "-o", str(target))
    assert done.returncode == 0, done.stderr
    image = Image.open(target)
    assert image.size == (4800, 3600)
    assert "no events match these filters" in image.info["Description"]
