"""What a user sees and does on the map page, in Chromium, on the tests' sample dataset (tests/sample.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import time
import urllib.parse

import numpy as np

from eventmap import filters, schema
from eventmap.filters import Filters
from eventmap.load import load_events
from eventmap.maps import camera, markers, pictures, raster, spec
from eventmap.ui import deckmap
from tests.browser.harness import record_timing
from tests.browser.mapcanvas import (
    LAND_COLOUR,
    MAP,
    SEA_COLOUR,
    blend,
    colour_near,
    count_colour,
    count_marker,
    fill_radius,
    grey,
    map_pixels,
    marker_colour,
    overlap,
    screen_position,
    shape_mask,
    sprite_centre,
    wait_for_colour,
    wait_for_markers,
)
from tests.conftest import FIXTURES
from tests.sample import IDS, SOURCE_ID

ALPHA_BASE = (33.5, 42.5)  # SM-001 and SM-002: the sample's attacks, at an exact place
SAMPLE_SEA = (20.0, 39.0)  # SM-004, alone at sea: an approximate place
NO_MARKER = (27.0, 41.0)  # inland Arabia, far from every sample place
FIRST_QUOTE = "a drone struck the depot at Alpha Base"  # SM-001's
LAND = ["SM-001", "SM-002", "SM-003", "SM-006"]  # the sample's events in the theatre "Land"

HOSTILE_EVENTS = FIXTURES / "hostile_events.csv"  # the browser servers' EVENTMAP_EVENTS (conftest.hostile_server)
GULF_OF_ADEN = (12.0, 48.0)  # EM-SEA-001 of the hostile events file, alone on its map
MASON_QUOTE = "two ballistic missiles were fired toward the USS Mason in the Gulf of Aden"
HOSTILE_NOTES = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>'
DAY = re.compile(r"^\w+day \d\d \w+ 2024$")
EARTH_CIRCUMFERENCE_M = 40_075_017  # at the equator


def open_map(visit, server=None, query: str = ""):
    """Open the map page; seconds from asking for the page to a capture of the map showing event markers."""
    view = visit(server) if server else visit()
    started = time.monotonic()
    view.page.goto(view.server.url + "/" + query)
    seconds = time.monotonic() - started + wait_for_markers(view.page)
    return view, seconds


def choose(page, label: str, value: str, within: str = "stSidebar") -> None:
    """Pick a value in a sidebar multiselect by typing it, as a keyboard user does: the option list of a
    multiselect low in the sidebar re-renders under the pointer, so a click on an option can miss."""
    box = page.get_by_test_id(within).get_by_role("combobox", name=label)
    box.click()
    box.fill(value)
    page.get_by_role("option", name=value, exact=True).first.wait_for(timeout=30_000)
    box.press("Enter")
    page.keyboard.press("Escape")


def caption_text(page) -> str:
    return page.get_by_text(re.compile(r"showing [\d,]+ of [\d,]+ events")).first.inner_text(timeout=60_000)


def download_csv(page, label: str, folder) -> tuple[str, list[dict[str, str]]]:
    """Click a download button once the page has been quiet for a moment, as a person waits for it. A button
    drawn by a run that a later run replaced can wait for its file forever (its spinner turns); a person then
    reloads the page, whose URL holds the filters, and clicks again: so does this."""
    for attempt in range(3):
        status = page.get_by_test_id("stStatusWidget")
        status.wait_for(state="hidden", timeout=60_000)
        page.wait_for_timeout(1_500)
        status.wait_for(state="hidden", timeout=60_000)
        try:
            with page.expect_download(timeout=20_000) as download:
                page.get_by_role("button", name=label).click(timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.reload()
            caption_text(page)
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path.name, list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def served_view(events, filters_: Filters) -> tuple[dict, markers.MapData]:
    """The camera and markers the server computes for these filters (the page's camera follows the filters)."""
    data = markers.build_map_data(filters.apply(events, filters_))
    return camera.fit_map(data), data


def test_map_draws_the_events_on_the_offline_basemap(visit, sample):
    first, cold = open_map(visit)  # the server's first page also imports and loads everything
    view, warm = open_map(visit)
    record_timing("map page: open to points drawn, first page of a new server (s)", cold)
    record_timing("map page: open to points drawn, warm server (s)", warm)
    print(f"\nmap page: open to points drawn in {cold:.2f} s (new server), {warm:.2f} s (warm)")
    pixels = map_pixels(view.page)
    assert count_colour(pixels, LAND_COLOUR, 3) > 20_000, "the Natural Earth land is drawn"
    assert count_colour(pixels, SEA_COLOUR, 3) > 20_000, "the sea is drawn"
    assert count_marker(pixels, "Attack") > 40, "the attack marker (red) is drawn"
    fitted, _ = served_view(sample.events, Filters())
    x, y = screen_position(view.page, *ALPHA_BASE, fitted)
    assert colour_near(view.page, pixels, x, y, marker_colour("Attack")) > 20, "a red marker on Alpha Base"
    assert first.foreign_requests() == [] and view.foreign_requests() == []


def test_more_filters_open_from_the_sidebar_stay_open_and_filter_the_map(visit):
    shipping = "Civilians (commercial shipping)"  # an actor of SM-005 only
    view, _ = open_map(visit)
    page = view.page
    page.get_by_test_id("stSidebar").get_by_role("button", name="More filters").click()
    choose(page, "Actor", shipping, within="stPopoverBody")
    page.wait_for_function("() => location.search.includes('actor=')", timeout=60_000)
    assert f"showing 1 of {len(IDS)} events" in caption_text(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name="More filters (1 in use)").wait_for(timeout=30_000)
    assert page.get_by_test_id("stPopoverBody").get_by_role("combobox", name="Weapon").is_visible()  # still open


def test_url_filters_give_the_same_rows_as_the_sidebar_and_the_csv(visit, tmp_path):
    ids = ["SM-001", "SM-002", "SM-003"]  # on land, 6 and 7 May: before the sample's truce (8 to 9 May)
    linked, _ = open_map(visit, query="?start=2024-05-06&end=2024-05-07&theatre=Land")
    assert f"showing 3 of {len(IDS)} events" in caption_text(linked.page)

    clicked, _ = open_map(visit)
    page = clicked.page
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Date preset").click()
    page.get_by_role("option", name="Before the ceasefire").click()  # 6 to 7 May: the truce began on 8 May
    page.wait_for_function("() => location.search.includes('end=2024-05-07')", timeout=60_000)
    # the run is done once it has written the caption (after the sidebar): a click sooner would send the dates as
    # the page still shows them
    page.get_by_text(re.compile("showing 3 of .* 2024-05-06 to 2024-05-07")).first.wait_for(timeout=60_000)
    choose(page, "Theatre", "Land")
    page.wait_for_function("() => location.search.includes('theatre=Land')", timeout=60_000)
    assert f"showing 3 of {len(IDS)} events" in caption_text(page)
    query = page.evaluate("location.search")
    assert "start=2024-05-06" in query and "end=2024-05-07" in query and "theatre=Land" in query

    for view in (linked, clicked):
        name, rows = download_csv(view.page, "Download these 3 rows as CSV", tmp_path)
        assert name == "events_2024-05-06_2024-05-07.csv"
        assert [row["event_id_cnty"] for row in rows] == ids
        assert {row["theatre"] for row in rows} == {"Land"}


def hover_tooltip(page, latitude: float, longitude: float, camera=camera.INITIAL_VIEW) -> str:
    x, y = screen_position(page, latitude, longitude, camera)
    tooltip = page.locator(".eventmap-map-tooltip")
    for dx, dy in ((0, 0), (1, 1), (-1, 1), (1, -1), (-2, -2), (2, 2)):
        page.mouse.move(x + dx, y + dy)
        try:
            tooltip.wait_for(state="visible", timeout=5_000)
            return tooltip.inner_text()
        except Exception:
            continue
    raise AssertionError(f"no tooltip appeared over the marker at {x:.0f},{y:.0f}")


def click_marker(page, latitude: float, longitude: float, camera=camera.INITIAL_VIEW) -> None:
    """Point at the marker, wait as a person would, and click it; again if the click was lost.

    Measured here: a press within about 300 ms of the tooltip appearing is not taken as a click on the marker
    (deck.gl is still busy with the hover), one 400 ms or more after it always is.
    """
    selected = page.get_by_text("Selected on the map")
    for _ in range(3):
        hover_tooltip(page, latitude, longitude, camera)
        page.wait_for_timeout(800)
        page.mouse.down()
        page.mouse.up()
        try:
            selected.wait_for(timeout=20_000)
            return
        except Exception:
            page.mouse.move(5, 5)
    raise AssertionError("clicking the marker three times did not select it")


def test_hovering_a_marker_shows_its_summary_and_highlights_it(visit, sample):
    view, _ = open_map(visit)
    fitted, _ = served_view(sample.events, Filters())
    x, y = screen_position(view.page, *ALPHA_BASE, fitted)
    box = view.page.locator(MAP).first.bounding_box()
    col, row = int(x - box["x"]), int(y - box["y"])

    def marker_red() -> float:  # inside the attack's triangle, round the pointer: the tooltip opens 12 px away
        return float(map_pixels(view.page)[row - 2 : row + 2, col - 2 : col + 2, 0].mean())

    before = marker_red()
    text = hover_tooltip(view.page, *ALPHA_BASE, fitted)
    assert "Alpha Base — 2 events" in text
    assert "6 May 2024 · Attack" in text and "7 May 2024 · Attack" in text
    assert "[Test, 11 May 2024]" in text and SOURCE_ID not in text  # the report by outlet and date, not file id
    assert marker_red() < before - 40, "the marker under the pointer is tinted navy (deck.gl's highlight)"
    tip = view.page.locator(".eventmap-map-tooltip")
    background = tip.evaluate("t => getComputedStyle(t).backgroundColor").replace(" ", "")
    assert background == schema.css(schema.PALETTE["tooltip background"]), "the spec's tooltip style"
    inside = tip.bounding_box()
    assert box["y"] <= inside["y"] and inside["y"] + inside["height"] <= box["y"] + box["height"] + 1, "not cut off"
    assert view.page.evaluate("getComputedStyle(document.querySelector('.eventmap-map-view')).cursor") == "pointer"
    view.page.mouse.move(*screen_position(view.page, *NO_MARKER, fitted))
    view.page.locator(".eventmap-map-tooltip").wait_for(state="hidden", timeout=10_000)
    assert abs(marker_red() - before) < 8, "and no longer once the pointer has left it"


def test_after_a_zoom_the_summary_is_of_what_is_under_the_pointer(visit, sample):
    view, _ = open_map(visit)
    fitted, _ = served_view(sample.events, Filters())
    x, y = screen_position(view.page, *ALPHA_BASE, fitted)
    view.page.mouse.move(x - 5, y + 2)  # on the marker (8 px), off its centre, away from Bravo Town's
    tip = view.page.locator(".eventmap-map-tooltip")
    tip.wait_for(state="visible", timeout=10_000)
    assert "Alpha Base" in tip.inner_text()
    view.page.mouse.wheel(0, -600)  # zoomed in about the pointer: the marker's centre moves away from it
    tip.wait_for(state="hidden", timeout=10_000)
    cursor = "getComputedStyle(document.querySelector('.eventmap-map-view')).cursor"
    assert view.page.evaluate(cursor) == "grab", "no marker under the pointer any more"


def alpha_base_drawn(page, x: float, y: float) -> bool:
    return colour_near(page, map_pixels(page), x, y, marker_colour("Attack")) > 20


def test_reset_view_fits_the_map_again_each_time_it_is_pressed(visit, sample):
    """The map applies the spec's camera only when its fit id changes: a second "Reset view" shows the same camera
    as the first, and must still bring a zoomed map back to the whole theatre."""
    view, _ = open_map(visit)
    page = view.page
    fitted, _ = served_view(sample.events, Filters())
    assert alpha_base_drawn(page, *screen_position(page, *ALPHA_BASE, fitted))
    x, y = screen_position(page, *ALPHA_BASE)  # where it is on the whole theatre's camera
    for press in range(2):
        page.get_by_role("button", name="Reset view").click()
        deadline = time.monotonic() + 60
        while not alpha_base_drawn(page, x, y) and time.monotonic() < deadline:
            page.wait_for_timeout(300)
        assert alpha_base_drawn(page, x, y), f"press {press + 1} of Reset view brings the whole theatre back"
        page.mouse.move(x + 120, y + 90)
        page.mouse.wheel(0, -600)  # zoomed in about the pointer: Alpha Base leaves its place
        deadline = time.monotonic() + 30
        while alpha_base_drawn(page, x, y) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert not alpha_base_drawn(page, x, y), f"zoomed ({press})"


def injected(page) -> dict[str, int]:
    """Elements the hostile text would have created, had it been parsed as HTML anywhere in the page."""
    return page.evaluate("""() => ({
        img: document.querySelectorAll('img[src="x"]').length,
        script: Array.from(document.scripts).filter(s => s.textContent.includes('__xss')).length,
        bold: Array.from(document.querySelectorAll('b')).filter(b => b.textContent === 'bold').length,
    })""")


def test_html_in_the_data_is_shown_as_text_and_never_runs(visit, hostile_server):
    view, _ = open_map(visit, hostile_server)
    page = view.page
    assert "showing 14 of 14 events" in caption_text(page), "the hostile file is a valid events file"
    assert page.get_by_text("problem(s) in the data").count() == 0
    fitted, _ = served_view(load_events(HOSTILE_EVENTS).frame, Filters())  # northern Syria to the Gulf of Aden
    text = hover_tooltip(page, *GULF_OF_ADEN, fitted)
    assert HOSTILE_NOTES in text, "the markup is shown, as text, in the tooltip"
    click_marker(page, *GULF_OF_ADEN, fitted)
    page.get_by_text(MASON_QUOTE).first.wait_for(timeout=30_000)
    page.mouse.move(5, 5)
    page.wait_for_timeout(1_000)  # an injected <img src=x> would have failed to load and run onerror by now
    assert injected(page) == {"img": 0, "script": 0, "bold": 0}
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not [url for url in view.requests if url.rstrip("/").endswith("/x")], "no injected <img> was loaded"


def test_html_in_the_url_is_shown_as_text_and_never_runs(visit, hostile_server):
    view = visit(hostile_server)
    page = view.page
    page.goto(hostile_server.url + "/?" + urllib.parse.urlencode({"q": '<img src=x onerror="window.__xss=1">'}))
    caption = caption_text(page)
    assert "showing 1 of 14 events" in caption  # the search finds the one row whose notes hold that markup
    assert """text: '<img src=x onerror="window.__xss=1">'""" in caption
    page.wait_for_timeout(1_000)
    assert injected(page)["img"] == 0 and page.evaluate("typeof window.__xss") == "undefined"


def test_clicking_a_marker_shows_the_full_record_and_its_quote_and_a_click_beside_hides_it(visit, sample):
    view, _ = open_map(visit)
    fitted, _ = served_view(sample.events, Filters())
    click_marker(view.page, *ALPHA_BASE, fitted)
    view.page.get_by_text(FIRST_QUOTE).first.wait_for(timeout=30_000)
    assert view.page.get_by_text("SM-001").count() > 0 and view.page.get_by_text("SM-002").count() > 0
    view.page.mouse.click(*screen_position(view.page, *NO_MARKER, fitted))
    view.page.get_by_text("Selected on the map").wait_for(state="detached", timeout=30_000)
    assert view.page.get_by_text(FIRST_QUOTE).count() == 0


def test_after_a_click_the_other_markers_still_give_their_summary(visit, sample):
    """The click reruns the page and the map's spec comes again unchanged: what is drawn is still what is picked."""
    view, _ = open_map(visit)
    fitted, _ = served_view(sample.events, Filters())
    click_marker(view.page, *ALPHA_BASE, fitted)
    view.page.get_by_text(FIRST_QUOTE).first.wait_for(timeout=30_000)
    view.page.mouse.move(5, 5)
    assert "Sample Sea" in hover_tooltip(view.page, *SAMPLE_SEA, fitted)


def test_playback_steps_forward_when_played(visit):
    view, _ = open_map(visit)
    page = view.page
    page.get_by_text("Timeline playback").click()
    day = page.locator("strong").filter(has_text=DAY).first
    day.wait_for(timeout=60_000)
    first = day.inner_text()
    assert first == "Monday 06 May 2024"  # the sample's first day
    page.get_by_role("button", name="▶ Play").click()
    started = time.monotonic()
    page.wait_for_function(
        "(first) => Array.from(document.querySelectorAll('strong'))"
        ".some(e => /^\\w+day \\d\\d \\w+ 2024$/.test(e.textContent) && e.textContent !== first)",
        arg=first,
        timeout=30_000,
    )
    record_timing(
        "playback: Play clicked to the next day shown, normal speed 1 s a day (s)", time.monotonic() - started
    )
    # One day a tick; on a loaded machine the page may show a later tick first, never an earlier day.
    shown = dt.datetime.strptime(page.locator("strong").filter(has_text=DAY).first.inner_text(), "%A %d %B %Y").date()
    assert dt.date(2024, 5, 7) <= shown <= dt.date(2024, 5, 10)
    assert view.console_errors == []


# --- names, shapes, the view, and what a rerun sends ---------------------------------------------------------


def record_frames(page) -> list[bytes]:
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())
        ),
    )
    return frames


def test_the_names_of_the_places_are_drawn_beside_their_markers(visit, sample):
    """Sent as candidates and placed by the browser (tests/browser/test_names.py reads where, from the canvas's
    own text calls): here, the ink of each name in the pixels beside its marker."""
    view = visit()
    frames = record_frames(view.page)
    view.page.goto(view.server.url + "/?theatre=Land")
    wait_for_markers(view.page)
    received = b"".join(frames)
    assert f'"id":"{spec.NAMES_LAYER_ID}"'.encode() in received
    assert b'"name":"Alpha Base' in received and b'"name":"Bravo Town' in received, "the label layer's data"
    fitted, data = served_view(sample.events, Filters(choices={"theatre": ("Land",)}))
    ink = schema.PALETTE["place label"]
    for place in ("Alpha Base", "Bravo Town"):
        marker = data.markers[data.markers["location"] == place].iloc[0]
        x, y = screen_position(view.page, marker["latitude"], marker["longitude"], fitted)
        radius = float(markers.radius_px(data.markers[data.markers["location"] == place]).iloc[0])
        deadline = time.monotonic() + 60
        while True:  # the names are drawn after deck.gl's frame: wait for it
            pixels = map_pixels(view.page)
            box = view.page.locator(MAP).first.bounding_box()
            col, row = int(x - box["x"]), int(y - box["y"])
            reach = int(radius) + 22
            window = pixels[max(row - reach, 0) : row + reach, max(col - reach - 100, 0) : col + reach + 100]
            if count_colour(window, ink, 40) >= 15 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert count_colour(window, ink, 40) >= 15, f"the name {place} is drawn beside its marker"


def test_an_event_placed_only_to_a_country_tints_that_country(visit, hostile_server):
    """On the hostile events file, the tests' own, whose 21 Nov 2023 has US strikes placed only "inside Iraq" (a
    real country: the sample's places are made up, and a tint is a picture of a real one). A faint fill crossed by
    a hatch: zoomed in, the basemap under it still shows as it is."""
    view = visit(hostile_server)
    view.page.goto(view.server.url + "/?start=2023-11-21&end=2023-11-21")
    tint = blend(schema.CATEGORY_COLOURS["US strike"], schema.COUNTRY_FILL_ALPHA, LAND_COLOUR)
    wait_for_colour(view.page, tint, 5_000)
    fitted, _ = served_view(load_events(HOSTILE_EVENTS).frame, Filters(dt.date(2023, 11, 21), dt.date(2023, 11, 21)))
    pixels = map_pixels(view.page)
    for latitude, longitude in ((31.5, 45.5), (34.5, 42.0), (36.0, 43.5)):  # south, west and north of Iraq
        x, y = screen_position(view.page, latitude, longitude, fitted)
        assert colour_near(view.page, pixels, x, y, tint, radius=4) > 20, f"Iraq tinted at {latitude}, {longitude}"
    x, y = screen_position(view.page, 24.0, 45.0, fitted)  # Saudi Arabia, not tinted
    assert colour_near(view.page, pixels, x, y, tint, radius=4) == 0
    view.page.mouse.move(*screen_position(view.page, 32.5, 44.0, fitted))  # central Iraq, no border near
    for _ in range(2):
        view.page.mouse.wheel(0, -600)
        view.page.wait_for_timeout(1_000)
    deadline = time.monotonic() + 30
    while True:  # the land shows almost as it is (under the old tint, alpha 28, no pixel did)
        window = map_pixels(view.page)[180:380, 370:570]
        land = float((np.abs(window - np.array(LAND_COLOUR)).max(axis=2) <= 10).mean())
        if land >= 0.7 or time.monotonic() > deadline:
            break
        view.page.wait_for_timeout(500)
    assert land >= 0.7, f"zoomed in, {land:.0%} of Iraq shows the land as it is"
    bluish = (window[..., 2] - window[..., 0] > 20).mean()  # the hatch's lines, in the strikes' blue
    assert 0.03 <= bluish <= 0.3, f"{bluish:.0%} of the view is the hatch's lines"


def drawn_marker(page, pixels: np.ndarray, lat_lon, radius: float, view) -> tuple[np.ndarray, np.ndarray, dict]:
    """A marker's box in a capture (half-width radius + 4), the mask of where it is darker than the ground in grey
    (by more than 30 of 255: its fill, not its white outline) and where its pixels' centres lie."""
    x, y = screen_position(page, *lat_lon, view)
    box = page.locator(MAP).first.bounding_box()
    cx, cy = sprite_centre(x - box["x"], radius), sprite_centre(y - box["y"], radius)
    col, row, half = int(cx), int(cy), int(radius) + 4
    window = pixels[row - half : row + half + 1, col - half : col + half + 1]
    shades = grey(window)
    ground = float(np.median(np.concatenate([shades[:2].ravel(), shades[-2:].ravel()])))
    at = {"half": half, "dx": col + 0.5 - cx, "dy": row + 0.5 - cy}
    return window, ground - shades > 30, at


def test_a_marker_is_its_category_colour_in_its_categorys_shape_outlined_at_its_radius(visit, sample):
    """The markers are copies of a picture drawn once per look (frontend/src/deckmap.js, sprite): each is still
    its colour at its place, in its category's shape (an attack's triangle) at the radius the server gave it,
    outlined."""
    view = visit()
    view.page.goto(view.server.url + "/?start=2024-05-06&end=2024-05-06")  # SM-001 alone, at Alpha Base
    wait_for_markers(view.page)
    fitted, data = served_view(sample.events, Filters(dt.date(2024, 5, 6), dt.date(2024, 5, 6)))
    marker = data.markers.iloc[0]
    radius = float(markers.radius_px(data.markers).iloc[0])
    shape = schema.shape_of(marker["category"])
    assert (radius, shape, marker["precision"]) == (7.0, "triangle", 1)
    window, mask, at = drawn_marker(view.page, map_pixels(view.page), ALPHA_BASE, radius, fitted)
    fill = blend(schema.CATEGORY_COLOURS[marker["category"]], markers.POINT_ALPHA, LAND_COLOUR)
    coloured = np.abs(window - np.array(fill)).max(axis=2) <= 12
    assert coloured.sum() >= 20 and not (coloured & ~shape_mask(shape, radius, **at)).any(), "its colour, within"
    assert overlap(mask, shape_mask(shape, fill_radius(shape, radius), **at)) >= 0.7, "its shape"
    assert overlap(mask, shape_mask("circle", fill_radius("circle", radius), **at)) <= 0.6, "not a circle"
    edge = shape_mask(shape, radius + 0.75, **at) & ~shape_mask(shape, radius - 0.25, **at)
    white = np.abs(window - np.array(schema.PALETTE["marker outline"])).max(axis=2) <= 40
    assert (white & edge).sum() >= 0.5 * edge.sum(), f"outlined at {radius} px"


def test_in_grey_scale_the_categories_are_told_apart_by_their_shapes(visit, sample):
    """A grey-scale printout of the map: Alpha Base's attacks and Bravo Town's US strike differ in shape, each
    drawn as its category's (docs/decisions.md, "Shapes as well as colours")."""
    view, _ = open_map(visit, query="?theatre=Land")  # Alpha Base and Bravo Town far enough apart to be seen alone
    fitted, data = served_view(sample.events, Filters(choices={"theatre": ["Land"]}))
    pixels = map_pixels(view.page)
    drawn = {}
    for place, lat_lon in {"Alpha Base": ALPHA_BASE, "Bravo Town": (34.0, 43.0)}.items():
        marker = data.markers[data.markers["location"] == place].iloc[0]
        radius = float(markers.radius_px(data.markers).loc[marker.name])
        _, mask, at = drawn_marker(view.page, pixels, lat_lon, radius, fitted)
        drawn[schema.shape_of(marker["category"])] = (mask, radius, at)
    assert set(drawn) == {"triangle", "diamond"}
    legend = view.page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('span[data-shape]'))
        .map((swatch) => [swatch.dataset.shape, getComputedStyle(swatch).clipPath]))""")
    assert set(legend) == set(drawn) and legend["triangle"] == "polygon(50% 0%, 93.3% 75%, 6.7% 75%)", "the legend too"
    for shape, (mask, radius, at) in drawn.items():
        other = ({"triangle", "diamond"} - {shape}).pop()
        # pixels where the printout differs from the shape: the edges' smoothing, and what is not that shape
        alike, unlike = (int((mask ^ shape_mask(s, fill_radius(s, radius), **at)).sum()) for s in (shape, other))
        assert overlap(mask, shape_mask(shape, fill_radius(shape, radius), **at)) >= 0.7 and 2 * alike <= unlike, (
            f"{shape}: {alike} pixels unlike itself, {unlike} unlike a {other}"
        )


def test_an_approximate_place_is_an_outline_of_its_true_size_beneath_its_name(visit, sample):
    view = visit()
    view.page.goto(view.server.url + "/?q=Bravo+Town")  # SM-003, near Bravo Town: 40 km in the sample gazetteer
    fitted, data = served_view(sample.events, Filters(text="Bravo Town"))
    area = data.areas[data.areas["location"] == "Bravo Town"].iloc[0]
    # Web Mercator: pixels per metre at the place's latitude, in a world of 512 pixels at zoom 0
    radius = (
        area["area_m"] * 512 * 2 ** fitted["zoom"] / (EARTH_CIRCUMFERENCE_M * math.cos(math.radians(area["latitude"])))
    )
    x, y = screen_position(view.page, area["latitude"], area["longitude"], fitted)
    box = view.page.locator(MAP).first.bounding_box()
    outline = [
        blend(schema.CATEGORY_COLOURS[area["category"]], schema.AREA_LINE_ALPHA, ground)
        for ground in (SEA_COLOUR, LAND_COLOUR)
    ]
    wait_for_colour(view.page, outline[1], 200)  # a faint ring on land, not one wait_for_markers knows
    pixels = map_pixels(view.page)

    def outlined(r: float) -> float:
        """The share of points round a circle of r pixels with the outline's colour within a pixel of them."""
        points = [
            (x - box["x"] + r * math.cos(a), y - box["y"] + r * math.sin(a))
            for a in np.linspace(0, 2 * math.pi, 48, endpoint=False)
        ]
        inside = [
            (int(round(px)), int(round(py)))
            for px, py in points
            if 2 <= px < pixels.shape[1] - 2 and 2 <= py < pixels.shape[0] - 2
        ]
        near = [
            any(count_colour(pixels[py - 1 : py + 2, px - 1 : px + 2], c, 10) for c in outline) for px, py in inside
        ]
        return sum(near) / max(len(inside), 1)

    assert radius > 60, "the area is a few times larger than the markers at this view"
    assert outlined(radius) >= 0.7, f"an outline at the area's true radius ({radius:.0f} px)"
    assert outlined(radius - 6) <= 0.15 and outlined(radius + 6) <= 0.15, "and nowhere near it"
    col, row = int(x - box["x"]), int(y - box["y"])
    name = pixels[row - 30 : row + 30, col - 110 : col + 110]  # beside its marker, at the area's centre
    assert count_colour(name, schema.PALETTE["place label"], 3) >= 15, "the place's name, untinted, over its area"


def test_a_picture_that_cannot_be_fetched_is_named_on_the_map_and_the_events_are_still_drawn(visit):
    view = visit()
    view.page.route(f"**/{raster.BASEMAP_IMAGE}", lambda route: route.abort())
    view.page.goto(view.server.url + "/")
    wait_for_markers(view.page)
    notice = view.page.get_by_text("Part of the map could not be loaded")
    notice.wait_for(timeout=30_000)
    assert f"app/static/{raster.BASEMAP_IMAGE}" in notice.inner_text()
    assert count_colour(map_pixels(view.page), LAND_COLOUR) < 2_000, "no land drawn without its picture"


def test_the_map_fits_a_one_day_filter(visit):
    view = visit()
    view.page.goto(view.server.url + "/?start=2024-05-06&end=2024-05-06")  # one attack, on Alpha Base
    wait_for_markers(view.page, minimum=20)
    box = view.page.locator(MAP).first.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pixels = map_pixels(view.page)
    alpha_base = colour_near(view.page, pixels, *centre, marker_colour("Attack"), radius=6)
    assert alpha_base > 20, "Alpha Base in the middle (a triangle 14 px across)"
    view.page.wait_for_timeout(1500)  # the map sends a camera back 0.4 s after a move; the rerun writes the URL
    assert "at=" not in view.page.url, "a fitted camera is not written into the URL"
    assert count_marker(pixels, "Attack") < 400, "one marker, drawn at its own size"


def test_the_basemap_is_fetched_once_and_a_filter_change_sends_only_the_events(visit, sample):
    view = visit()
    page = view.page
    frames = record_frames(page)
    page.goto(view.server.url + "/")
    wait_for_markers(page)
    page.wait_for_timeout(1_000)
    opened = len(frames)
    choose(page, "Theatre", "Land")
    page.wait_for_function("() => location.search.includes('theatre=Land')", timeout=60_000)
    page.get_by_text(f"showing {len(LAND)} of {len(IDS)} events").first.wait_for(timeout=60_000)
    page.wait_for_timeout(2_000)
    fetched = [url.split("/app/static/", 1)[1].split("?")[0] for url in view.requests if "/app/static/" in url]
    tiles_fetched = [name for name in fetched if name.startswith("tiles/")]  # the views' basemap tiles (tiles.js)
    assert len(set(tiles_fetched)) == len(tiles_fetched), "each tile once"
    static = [name for name in fetched if not name.startswith("tiles/")]
    _, everything = served_view(sample.events, Filters())
    masks = [pictures.country_image(name) for name in everything.areas["country"] if name]  # none: made-up places
    assert sorted(static) == sorted([raster.BASEMAP_IMAGE, raster.SEA_IMAGE, *masks, deckmap.BUNDLE.name]), (
        "each picture, and the map's code, once: the filter change fetched nothing again"
    )
    after = b"".join(frames[opened:])
    assert b'"id":"events"' in after, "the filter change re-sent the events"
    assert len(after) < 100_000, f"a filter change sent {len(after):,} bytes"
    sent = b"".join(frames)
    assert b"\x89PNG" not in sent and b"base64" not in sent, "no picture in any websocket message"
    assert view.foreign_requests() == []


def attack_centre(page, view, near: tuple[float, float], radius: int = 14) -> tuple[float, float]:
    """Where the attack marker near a page position is drawn: the centre of its colour's pixels in a capture."""
    pixels = map_pixels(page)
    box = page.locator(MAP).first.bounding_box()
    col, row = int(near[0] - box["x"]), int(near[1] - box["y"])
    window = pixels[row - radius : row + radius + 1, col - radius : col + radius + 1]
    rows, cols = np.nonzero(np.abs(window - np.array(marker_colour("Attack"))).max(axis=2) <= 12)
    assert len(rows) >= 10, f"no attack marker drawn near {near}"
    return col - radius + cols.mean() + box["x"], row - radius + rows.mean() + box["y"]


def test_a_pan_and_a_zoom_go_into_the_link_which_opens_on_the_same_camera(visit, sample):
    """docs/decisions.md, "The camera in the link": the camera is written once the user stops moving, the map does
    not move again (no fit, no redraw loop), and the link opens on it: Alpha Base at the same pixel."""
    view, _ = open_map(visit, query="?theatre=Land")
    page = view.page
    box = page.locator(MAP).first.bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*middle)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(middle[0] - 12 * step, middle[1] + 6 * step)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => new URLSearchParams(location.search).has('at')", timeout=60_000)
    page.wait_for_timeout(1500)  # the rerun that wrote it has drawn
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query["theatre"] == ["Land"], "the filters' keys stay as they are"
    moved, notice = camera.parse_camera(query["at"][0])
    assert (
        moved
        and not notice
        and moved["zoom"] > served_view(sample.events, Filters(choices={"theatre": ["Land"]}))[0]["zoom"]
    )
    expected = screen_position(page, *ALPHA_BASE, moved)
    here = attack_centre(page, moved, expected)
    page.wait_for_timeout(1500)
    assert attack_centre(page, moved, expected) == here, "still: no fit back, no redraw"
    assert (
        page.url.count("at=") == 1 and urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["at"] == query["at"]
    )
    shared, _ = open_map(visit, query="?" + urllib.parse.urlparse(page.url).query)
    there = attack_centre(shared.page, moved, expected)
    assert math.dist(here, there) <= 2, f"Alpha Base at {here} and, on the shared link, at {there}"
    assert not shared.page.get_by_text("Ignored at").count()
