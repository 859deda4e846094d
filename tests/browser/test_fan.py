"""Stacked events fanned out on the Map page (frontend/src/fan.js), in Chromium, on the sample dataset: Alpha Base
stands for SM-001 and SM-002, two attacks at one point."""

from __future__ import annotations

import time

from eventmap.filters import Filters
from tests.browser.mapcanvas import MAP, colour_near, grey, map_pixels, marker_colour, screen_position, sprite_centre
from tests.browser.test_map_page import ALPHA_BASE, FIRST_QUOTE, NO_MARKER, click_marker, open_map, served_view

SECOND_QUOTE = "Rockets hit Alpha Base again the next day"  # SM-002's
ALPHA_RADIUS = 8.0  # Alpha Base's marker: two events (eventmap.maps.markers.radius_px)
FAN_SIZE_PX, FAN_GAP_PX = 7, 4  # frontend/src/fan.js: a fanned event's radius, the gap round it
RING = ALPHA_RADIUS + FAN_SIZE_PX + 2 * FAN_GAP_PX  # fan.js, fanPositions: the ring of two events


def fanned_at(page, x: float, y: float) -> list[int]:
    """Pixels of an attack's colour where each of the two fanned events is drawn, above the place then below
    (a 7 px triangle fills about 20 pixels inside its white outline)."""
    pixels = map_pixels(page)
    colour = marker_colour("Attack")
    return [colour_near(page, pixels, x, y + dy, colour, radius=5) for dy in (-RING, RING)]


def wait_until(check, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def test_a_click_on_a_stack_fans_its_events_out_each_with_its_own_tooltip_and_record(visit, sample):
    view, _ = open_map(visit)
    page = view.page
    fitted, _ = served_view(sample.events, Filters())
    x, y = screen_position(page, *ALPHA_BASE, fitted)
    box = page.locator(MAP).first.bounding_box()
    x = box["x"] + sprite_centre(x - box["x"], ALPHA_RADIUS)  # where the stack's marker is drawn
    y = box["y"] + sprite_centre(y - box["y"], ALPHA_RADIUS)
    assert fanned_at(page, x, y) == [0, 0], "folded: nothing drawn around the place"

    click_marker(page, *ALPHA_BASE, fitted)  # the stack: both records listed, and the fan opens
    page.get_by_text(FIRST_QUOTE).first.wait_for(timeout=30_000)
    page.mouse.move(5, 5)
    wait_until(lambda: min(fanned_at(page, x, y)) > 10, "the two events fanned out above and below their place")
    shades = grey(map_pixels(page))
    line = shades[int(y - box["y"] - RING / 2) - 2 : int(y - box["y"] - RING / 2) + 3, int(x - box["x"]) - 2 :]
    assert line[:, :5].min() < shades.mean() - 60, "a thin dark line joins the upper event to its place"

    tooltip = page.locator(".eventmap-map-tooltip")
    for dy, event_id, other in ((-RING, "SM-001", "SM-002"), (RING, "SM-002", "SM-001")):
        page.mouse.move(x, y + dy)
        tooltip.wait_for(state="visible", timeout=10_000)
        text = tooltip.inner_text()
        assert f"Alpha Base — {event_id}" in text and other not in text, "each fanned event has its own tooltip"

    page.wait_for_timeout(800)  # as a person waits after the tooltip appears (test_map_page.click_marker)
    page.mouse.click(x, y + RING)  # SM-002, below: its record alone
    page.get_by_text(FIRST_QUOTE).first.wait_for(state="detached", timeout=30_000)
    assert page.get_by_text(SECOND_QUOTE).count() > 0
    page.mouse.move(5, 5)
    assert min(fanned_at(page, x, y)) > 10, "the fan stays open after a click on one of its events"

    page.keyboard.press("Escape")
    wait_until(lambda: fanned_at(page, x, y) == [0, 0], "Escape folds the fan")
    click_marker(page, *ALPHA_BASE, fitted)
    wait_until(lambda: min(fanned_at(page, x, y)) > 10, "a second click fans them out again")
    page.mouse.click(*screen_position(page, *NO_MARKER, fitted))
    wait_until(lambda: fanned_at(page, x, y) == [0, 0], "a click beside the markers folds the fan")
