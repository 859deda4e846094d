"""The Compare page's change map in Chromium, on the sample: the existing map component draws its markers in the
colour of their change level, with the level in the tooltip, and nothing leaves the machine."""

from __future__ import annotations

import pandas as pd

from eventmap import compare_map, schema
from eventmap.maps.camera import fit_view
from tests.browser.mapcanvas import LAND_COLOUR, screen_position, wait_for_colour
from tests.browser.test_every_page import ALL

PLACES = {"Alpha Base": (33.5, 42.5), "Bravo Town": (34.0, 43.0)}  # both gone in the week after the ceasefire


def test_the_change_map_draws_each_place_in_its_levels_colour(visit):
    view = visit()
    page = view.page
    page.goto(view.server.url + "/")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Compare").click()
    page.get_by_text(f"showing {ALL} of {ALL} events").first.wait_for(timeout=60_000)
    page.get_by_text("Place", exact=True).click()  # the week before and after the ceasefire, by place
    alpha = compare_map.ALPHA / 255
    gone = tuple(round(alpha * c + (1 - alpha) * b) for c, b in zip(schema.CHANGE_COLOURS["gone"], LAND_COLOUR))
    wait_for_colour(page, gone, minimum=10)
    fitted = fit_view(pd.DataFrame(PLACES.values(), columns=["latitude", "longitude"]))
    tooltip = page.locator(".eventmap-map-tooltip")
    for name, (lat, lon) in PLACES.items():
        page.mouse.move(*screen_position(page, lat, lon, fitted))
        tooltip.wait_for(state="visible", timeout=10_000)
        assert tooltip.inner_text().splitlines()[0].startswith(f"{name}: ") and "events (gone)" in tooltip.inner_text()
        page.mouse.move(5, 5)
    assert page.get_by_test_id("stException").count() == 0
    assert view.console_errors == [] and view.foreign_requests() == []
