"""A link to one event opens the Map page on it, in a browser: the record is shown under the map, with its link as
text, and the event's marker is at the middle of the map."""

from __future__ import annotations

from tests.browser.mapcanvas import map_pixels, wait_for_markers


def test_a_permalink_opens_the_map_on_the_event_with_its_record(visit):
    view = visit()
    page = view.page
    page.goto(f"{view.server.url}/?event=SM-003")
    page.get_by_text("The linked event").wait_for(timeout=60_000)
    page.get_by_text("./?event=SM-003").first.wait_for(timeout=60_000)  # its link, as copyable text
    page.get_by_text("US aircraft then struck a launch site", exact=False).first.wait_for(timeout=60_000)  # its quote
    wait_for_markers(page)
    pixels = map_pixels(page)
    middle = pixels[
        pixels.shape[0] // 2 - 8 : pixels.shape[0] // 2 + 9, pixels.shape[1] // 2 - 8 : pixels.shape[1] // 2 + 9
    ]
    blue = (middle[..., 2] - middle[..., 0]) > 60  # the US strike's blue diamond, drawn half see-through (approximate)
    assert blue.sum() >= 10, "the map is not centred on the event's marker"
    assert "event=SM-003" in page.url
    assert page.get_by_test_id("stException").count() == 0
    assert view.console_errors == [] and view.foreign_requests() == []
