"""What a user sees and does on the map page, in Chromium."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time

from eventmap import filters, schema
from eventmap.filters import Filters
from eventmap.load import load_curated
from tests.browser.conftest import record_timing
from tests.browser.mapcanvas import (LAND_COLOUR, SEA_COLOUR, count_colour, map_pixels, screen_position,
                                     wait_for_markers)

GULF_OF_ADEN = (12.0, 48.0)  # EM-SEA-001, alone on the map
MASON_QUOTE = "two ballistic missiles were fired toward the USS Mason in the Gulf of Aden"


def open_map(visit, server=None, query: str = ""):
    view = visit(server) if server else visit()
    started = time.monotonic()
    view.page.goto(view.server.url + "/" + query)
    seconds = time.monotonic() - started + wait_for_markers(view.page)
    return view, seconds


def caption_text(page) -> str:
    return page.get_by_text(re.compile(r"showing [\d,]+ of [\d,]+ events")).first.inner_text(timeout=30_000)


def test_map_draws_the_events_on_the_offline_basemap(visit):
    first, cold = open_map(visit)  # the server's first page also imports and loads everything
    view, warm = open_map(visit)
    record_timing("map page open to points drawn, first page of a new server (s)", cold)
    record_timing("map page open to points drawn, server warm (s)", warm)
    print(f"\nmap page: open to points drawn in {cold:.2f} s (new server), {warm:.2f} s (warm)")
    pixels = map_pixels(view.page)
    # Solid markers are exact places (the bases: attacks); approximate ones are drawn translucent on their area.
    assert count_colour(pixels, schema.CATEGORY_COLOURS["Attack"]) > 60
    assert count_colour(pixels, LAND_COLOUR, 3) > 20_000, "the Natural Earth land is drawn"
    assert count_colour(pixels, SEA_COLOUR, 3) > 20_000, "the sea is drawn"
    assert view.foreign_requests() == []


def test_url_filters_give_the_same_rows_as_the_sidebar_and_the_csv(visit, tmp_path):
    events = load_curated().events
    expected = filters.apply(events, Filters(dt.date(2023, 11, 20), dt.date(2023, 11, 23), {"theatre": ("Iraq",)}))
    assert len(expected) == 6

    linked, _ = open_map(visit, query="?start=2023-11-20&end=2023-11-23&theatre=Iraq")
    assert "showing 6 of 14 events" in caption_text(linked.page)

    clicked, _ = open_map(visit)
    sidebar = clicked.page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").first.click()
    clicked.page.get_by_role("option", name="Before the ceasefire").click()
    theatre = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Theatre")
    theatre.click()
    clicked.page.get_by_role("option", name="Iraq", exact=True).click()
    clicked.page.keyboard.press("Escape")
    clicked.page.wait_for_function("() => location.search.includes('theatre=Iraq')", timeout=30_000)
    assert "showing 6 of 14 events" in caption_text(clicked.page)
    query = clicked.page.evaluate("location.search")
    assert "start=2023-11-20" in query and "end=2023-11-23" in query and "theatre=Iraq" in query

    with linked.page.expect_download(timeout=60_000) as download:
        linked.page.get_by_role("button", name="Download these 6 rows as CSV").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "events_2023-11-20_2023-11-23.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == list(expected["event_id_cnty"])


def hover_tooltip(page, latitude: float, longitude: float) -> str:
    x, y = screen_position(page, latitude, longitude)
    tooltip = page.locator(".deck-tooltip")
    for dx, dy in ((0, 0), (1, 1), (-1, 1), (1, -1)):
        page.mouse.move(x + dx, y + dy)
        try:
            tooltip.wait_for(state="visible", timeout=3_000)
            return tooltip.inner_text()
        except Exception:
            continue
    raise AssertionError("no tooltip appeared over the marker")


def test_hovering_a_marker_shows_its_summary(visit):
    view, _ = open_map(visit)
    text = hover_tooltip(view.page, *GULF_OF_ADEN)
    assert "Gulf of Aden — 1 event" in text
    assert "≈ 27 Nov 2023 (within a week)" in text and "001_fbbc51a253459b42.txt" in text


def test_html_in_the_data_is_shown_as_text_and_never_runs(visit, hostile_server):
    view, _ = open_map(visit, hostile_server)
    text = hover_tooltip(view.page, *GULF_OF_ADEN)
    assert "<img src=x onerror=" in text and "<script>" in text, "the markup is shown as text"
    assert view.page.locator(".deck-tooltip img, .deck-tooltip script").count() == 0  # our own <b> title aside
    assert view.page.evaluate("window.__xss") is None
    view.page.mouse.move(5, 5)  # away, so that the click is a fresh press on the marker
    view.page.mouse.click(*screen_position(view.page, *GULF_OF_ADEN))
    view.page.get_by_text("Selected on the map").wait_for(timeout=30_000)
    assert view.page.get_by_text("<script>window.__xss=2</script>", exact=False).count() > 0
    assert view.page.evaluate("window.__xss") is None


def test_clicking_a_marker_shows_the_full_record_and_its_quote(visit):
    view, _ = open_map(visit)
    view.page.mouse.click(*screen_position(view.page, *GULF_OF_ADEN))
    view.page.get_by_text("Selected on the map").wait_for(timeout=30_000)
    view.page.get_by_text(MASON_QUOTE).first.wait_for(timeout=10_000)
    assert view.page.get_by_text("EM-SEA-001").count() > 0


def test_playback_steps_forward_when_played(visit):
    view, _ = open_map(visit)
    page = view.page
    page.get_by_text("Timeline playback").click()
    day = page.get_by_text(re.compile(r"^\w+day \d\d \w+ 2023$")).first
    day.wait_for(timeout=30_000)
    first = day.inner_text()
    assert first == "Monday 20 November 2023"
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function(
        "(first) => Array.from(document.querySelectorAll('strong')).some(e => /\\w+day \\d\\d \\w+ 2023/.test(e.textContent) && e.textContent !== first)",
        arg=first, timeout=20_000)
    assert view.console_errors == []
