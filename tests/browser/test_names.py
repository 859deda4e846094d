"""The names on the map as a user reads them, at the opening view and zoomed in, taken from the map canvas's own
text drawing calls (fillText) and its markers' copies (drawImage of a marker's picture), on the sample data."""

from __future__ import annotations

import csv
import math
import time
import urllib.parse

import pytest

from eventmap.filters import Filters
from eventmap.maps import camera, names, towns
from tests.browser.harness import Server
from tests.browser.mapcanvas import MAP, screen_position, wait_for_markers
from tests.browser.test_map_page import served_view

# What the map's layers canvas draws, frame by frame: a clearRect starts a frame (deckmap.js, cleared).
RECORDER = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  const mine = (context) => context.canvas.classList && context.canvas.classList.contains('eventmap-map-layers');
  const {clearRect, fillText, drawImage} = proto;
  window.__frame = {texts: [], markers: []};
  window.__frames = 0;
  proto.clearRect = function (...args) {
    if (mine(this)) { window.__last = window.__frame; window.__frame = {texts: [], markers: []}; window.__frames++; }
    return clearRect.apply(this, args);
  };
  proto.fillText = function (text, x, y, ...rest) {
    if (mine(this)) {
      const size = Number((/(\\d+(?:\\.\\d+)?)px/.exec(this.font) || [0, 0])[1]);
      window.__frame.texts.push({text: String(text), x, y, w: this.measureText(text).width, size,
                                 align: this.textAlign});
    }
    return fillText.call(this, text, x, y, ...rest);
  };
  proto.drawImage = function (image, ...args) {
    if (mine(this) && args.length === 4 && args[2] < 60) {  // a marker's picture: small, square
      const [left, top, size] = args;
      window.__frame.markers.push({x: left + size / 2, y: top + size / 2, r: size / 2 - 1});
    }
    return drawImage.call(this, image, ...args);
  };
})();
"""
HIDDEN = "hidden"  # the end of the map's count of hidden names ("2 names hidden")


def drawn(page, settle_ms: int = 1500) -> dict:
    """The last complete frame's names and markers, once no new frame has come for settle_ms."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        before = page.evaluate("() => window.__frames")
        page.wait_for_timeout(settle_ms)
        if page.evaluate("() => window.__frames") == before and page.evaluate("() => window.__frame.texts.length"):
            break
    frame = page.evaluate("() => window.__frame")
    frame["box"] = page.locator(MAP).first.bounding_box()
    return frame


def boxes(frame: dict) -> dict[str, tuple[float, float, float, float]]:
    """Each name's box (left, top, right, bottom) in the map's pixels; the count of hidden names left out."""
    out = {}
    for text in frame["texts"]:
        if text["text"].endswith(HIDDEN) or text["align"] != "center":
            continue
        half_w, half_h = text["w"] / 2, text["size"] / 2
        out[text["text"]] = (text["x"] - half_w, text["y"] - half_h, text["x"] + half_w, text["y"] + half_h)
    return out


def assert_legible(frame: dict) -> None:
    """No two names overlap, none covers a marker, none is cut by the map's edge."""
    placed = list(boxes(frame).items())
    width, height = frame["box"]["width"], frame["box"]["height"]
    for i, (name, (x0, y0, x1, y1)) in enumerate(placed):
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, f"{name!r} is cut by the map's edge"
        for other, (a0, b0, a1, b1) in placed[:i]:
            assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, f"{name!r} overlaps {other!r}"
        for marker in frame["markers"]:
            dx = max(x0 - marker["x"], 0, marker["x"] - x1)
            dy = max(y0 - marker["y"], 0, marker["y"] - y1)
            assert math.hypot(dx, dy) >= marker["r"], f"{name!r} covers a marker at {marker}"


def open_recorded(visit, query: str):
    view = visit()
    view.context.add_init_script(RECORDER)
    view.page.goto(view.server.url + "/" + query)
    wait_for_markers(view.page)
    return view


def event_places(sample) -> list[str]:
    """The names the map gives the sample's places with events (with their counts), as the server sends them."""
    _, data = served_view(sample.events, Filters())
    return [label["name"] for label in names.place_labels(data.markers)]


def test_at_the_opening_view_every_place_with_events_is_named_and_nothing_overlaps_or_is_cut(visit, sample):
    view = open_recorded(visit, "")
    frame = drawn(view.page)
    expected = event_places(sample)
    assert expected and set(expected) <= set(boxes(frame)), f"named: {sorted(boxes(frame))}"
    assert not [t for t in frame["texts"] if t["text"].endswith(HIDDEN)], "no name hidden at the opening view"
    assert len(frame["markers"]) >= len(expected)
    assert_legible(frame)
    assert view.console_errors == []


def town_names() -> set[str]:
    with towns.TOWNS_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["name"] for row in csv.DictReader(handle)}


def test_zoomed_in_on_a_place_towns_appear_it_keeps_its_name_and_the_link_draws_the_same_names(visit, sample):
    view = open_recorded(visit, "")
    page = view.page
    opening = drawn(page)
    fitted, data = served_view(sample.events, Filters())
    alpha = data.markers[data.markers["location"] == "Alpha Base"].iloc[0]
    alpha_name = next(name for name in event_places(sample) if name.startswith("Alpha Base"))
    page.mouse.move(*screen_position(page, alpha["latitude"], alpha["longitude"], fitted))
    for _ in range(4):  # a few turns of the wheel, as a user zooms in on Alpha Base
        page.mouse.wheel(0, -250)
        page.wait_for_timeout(150)
    page.wait_for_function("() => new URLSearchParams(location.search).has('at')", timeout=60_000)
    moved, _ = camera.parse_camera(urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["at"][0])
    assert moved and moved["zoom"] >= fitted["zoom"] + 1.5, f"zoomed in: {fitted['zoom']} -> {moved}"
    zoomed = drawn(page)
    named = set(boxes(zoomed))
    assert alpha_name in named, "the place keeps its name"
    assert (named - set(boxes(opening))) & town_names(), f"towns revealed by the zoom: {sorted(named)}"
    assert_legible(zoomed)
    shared = open_recorded(visit, "?" + urllib.parse.urlparse(page.url).query)
    assert set(boxes(drawn(shared.page))) == named, "the link opens on the same view with the same names"


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory, sample_dir):
    """The app on 40 places with events a few kilometres apart: more names than room."""
    with (sample_dir / "events.csv").open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    path = tmp_path_factory.mktemp("crowded") / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(first), lineterminator="\n")
        writer.writeheader()
        for i in range(40):
            place = {"location": f"Crowded Place {i:02d}", "latitude": f"{33.0 + (i % 8) * 0.04:.2f}"}
            writer.writerow(
                {**first, **place, "event_id_cnty": f"SM-9{i:02d}", "longitude": f"{43 + i // 8 * 0.04:.2f}"}
            )
    cache = tmp_path_factory.mktemp("cache-crowded")
    app = Server(
        "crowded", {"EVENTMAP_DATA": str(sample_dir), "EVENTMAP_EVENTS": str(path), "EVENTMAP_CACHE_DIR": str(cache)}
    )
    yield app
    app.stop()


def test_where_places_crowd_each_is_named_or_counted_as_hidden(visit, crowded_server):
    view = visit(crowded_server)
    view.context.add_init_script(RECORDER)
    view.page.goto(view.server.url + "/")
    wait_for_markers(view.page)
    frame = drawn(view.page)
    expected = {f"Crowded Place {i:02d}" for i in range(40)}
    notes = [t["text"] for t in frame["texts"] if t["text"].endswith(HIDDEN)]
    assert len(notes) == 1, f"the map says how many names are hidden: {notes}"
    hidden = int(notes[0].split()[0])
    named = expected & set(boxes(frame))
    assert named and hidden and notes[0] == f"{hidden} names hidden"
    assert len(named) + hidden == len(expected), f"{len(named)} named, {hidden} hidden, of {len(expected)}"
    assert_legible(frame)
    note = next(t for t in frame["texts"] if t["text"] == notes[0])
    assert note["x"] <= frame["box"]["width"] and note["y"] <= frame["box"]["height"], "in the map's corner"
