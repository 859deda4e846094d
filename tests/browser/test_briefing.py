"""The Briefing page in a browser: the keyboard moves the step and the URL with it, each step's caption is shown,
and its callout's text is drawn on the map canvas."""

from __future__ import annotations

import io
import json
import shutil
import urllib.parse

import pytest
from PIL import Image

from eventmap import briefing, schema
from tests.browser.conftest import Visit, _serve
from tests.browser.mapcanvas import colour_near, map_pixels, screen_position, wait_for_colour

STORY = {
    "title": "Sample story",
    "steps": [
        {
            "title": "The first day",
            "caption": "One attack on Alpha Base.",
            "filters": {"start": "2024-05-06", "end": "2024-05-06"},
            "callouts": [{"note": "THE DEPOT WAS STRUCK HERE", "place": "Alpha Base"}],
        },
        {"title": "Everything", "caption": "All the sample's events.", "filters": {}},
    ],
}


CAMERA = {"latitude": 33.0, "longitude": 43.2, "zoom": 6}
SHAPES = {
    "title": "Arrows and circles",
    "steps": [
        {
            "title": "From the base",
            "caption": "An arrow and a circle.",
            "filters": {},
            "camera": CAMERA,
            "callouts": [{"from": "Alpha Base", "to": "Samplestan"}, {"radius_km": 30, "place": "Bravo Town"}],
        }
    ],
}


@pytest.fixture(scope="module")
def briefing_server(tmp_path_factory, sample_dir):
    data = tmp_path_factory.mktemp("briefing") / "data"
    shutil.copytree(sample_dir, data)
    briefing.folder_of(data).mkdir()
    (briefing.folder_of(data) / "story.json").write_text(json.dumps(STORY, indent=2), encoding="utf-8")
    (briefing.folder_of(data) / "shapes.json").write_text(json.dumps(SHAPES, indent=2), encoding="utf-8")
    app = _serve("briefing", tmp_path_factory, data)
    yield app
    app.stop()


def test_the_keyboard_moves_the_step_and_the_url(browser, briefing_server):
    view = Visit(browser, briefing_server)
    page = view.page
    try:
        page.goto(f"{briefing_server.url}/Briefing?name=story&step=1")
        page.get_by_text("Step 1 of 2").wait_for(timeout=60_000)
        page.get_by_text("One attack on Alpha Base.").wait_for(timeout=60_000)
        wait_for_colour(page, schema.PROJECTOR["callout label"], minimum=20)  # the callout's text, on the dark map
        page.get_by_text("Step 1 of 2").click()  # focus the page, not the map
        page.keyboard.press("ArrowRight")
        page.get_by_text("Step 2 of 2").wait_for(timeout=60_000)
        page.get_by_text("All the sample's events.").wait_for(timeout=60_000)
        assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["step"] == ["2"]
        page.keyboard.press("Home")
        page.get_by_text("Step 1 of 2").wait_for(timeout=60_000)
        page.keyboard.press("Space")  # Space advances like the right arrow
        page.get_by_text("Step 2 of 2").wait_for(timeout=60_000)
        assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["step"] == ["2"]
        page.get_by_text("Step 2 of 2").click()
        page.keyboard.press("Space")  # the last step: Space does nothing
        page.wait_for_timeout(1500)
        assert page.get_by_text("Step 2 of 2").count() == 1
        corner = page.screenshot(clip={"x": 1300, "y": 5, "width": 20, "height": 20})  # the page, beside the map
        assert Image.open(io.BytesIO(corner)).convert("RGB").getpixel((10, 10)) == schema.PROJECTOR["background"]
        assert page.get_by_test_id("stException").count() == 0
        # A room opens the briefing by its link: Streamlit's frontend first probes /Briefing/_stcore/health and
        # /Briefing/_stcore/host-config, two 404s no app can avoid (streamlit issue 7074, test_every_page.py).
        errors = [e for e in view.console_errors if "/Briefing/_stcore/" not in e]
        assert errors == [] and view.foreign_requests() == []
    finally:
        view.context.close()


def test_an_arrow_is_drawn_between_its_two_places(browser, briefing_server):
    view = Visit(browser, briefing_server)
    page = view.page
    try:
        page.goto(f"{briefing_server.url}/Briefing?name=shapes&step=1")
        page.get_by_text("An arrow and a circle.").wait_for(timeout=60_000)
        colour = schema.PROJECTOR["callout shape"]
        wait_for_colour(page, colour, minimum=60)
        pixels = map_pixels(page)
        (x0, y0), (x1, y1) = screen_position(page, 33.5, 42.5, CAMERA), screen_position(page, 32.0, 44.0, CAMERA)
        for share in (0.35, 0.5, 0.65):  # along the arrow, clear of both places' markers and names
            x, y = x0 + share * (x1 - x0), y0 + share * (y1 - y0)
            assert colour_near(page, pixels, x, y, colour, radius=3) > 0, f"no arrow {share:.0%} of the way"
        beside = screen_position(page, 33.5, 44.0, CAMERA)  # off the arrow's line
        assert colour_near(page, pixels, *beside, colour, radius=3) == 0
        assert page.get_by_test_id("stException").count() == 0
    finally:
        view.context.close()


# Samples a grid of the map's drawn layers on every animation frame (window.__views: the distinct samples seen).
SAMPLE_FRAMES = """() => {
  const canvas = document.querySelector('canvas.eventmap-map-layers');
  const context = canvas.getContext('2d', {willReadFrequently: true});
  window.__views = new Set();
  const started = performance.now();
  const sample = () => {
    const {width, height} = canvas, points = [];
    for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) {
      points.push(context.getImageData(Math.floor(width * i / 8), Math.floor(height * j / 8), 1, 1).data.join(','));
    }
    window.__views.add(points.join(';'));
    if (performance.now() - started < 5000) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}"""


def test_the_camera_flies_from_one_step_to_the_next(browser, briefing_server):
    """A jump shows the old view and the new one (and the new one's pictures as they arrive); a flight shows many
    views between them."""
    view = Visit(browser, briefing_server)
    page = view.page
    try:
        page.goto(f"{briefing_server.url}/Briefing?name=story&step=1")
        page.get_by_text("One attack on Alpha Base.").wait_for(timeout=60_000)
        wait_for_colour(page, schema.PROJECTOR["callout label"], minimum=20)
        page.get_by_text("Step 1 of 2").click()
        page.evaluate(SAMPLE_FRAMES)
        page.keyboard.press("ArrowRight")
        page.get_by_text("Step 2 of 2").wait_for(timeout=60_000)
        page.wait_for_timeout(5_500)
        views = page.evaluate("() => window.__views.size")
        assert views >= 8, f"{views} distinct views of the map from one step to the next"
        assert page.get_by_test_id("stException").count() == 0
    finally:
        view.context.close()
