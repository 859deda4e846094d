"""The basemap stays sharp when zoomed in: the map page at zoom 8 on an event place draws the theatre's level 9
tiles (rivers, 1:10m coasts), fetched from the app's own server; at zoom 4 it draws the one basemap picture alone."""

from __future__ import annotations

from eventmap import schema
from eventmap.maps import provinces
from tests.browser.mapcanvas import MAP, count_colour, map_pixels, wait_for_markers
from tests.browser.test_names import boxes, drawn, open_recorded

WATER = schema.PALETTE["water"]
AIN_AL_ASAD = (33.7856, 42.4412)  # on the Euphrates' plain, in the theatre's tiles


def tile_requests(view) -> list[str]:
    return [url for url in view.requests if "/app/static/tiles/" in url]


def opened_at(visit, zoom: float):
    view = visit()
    view.page.goto(f"{view.server.url}/?at={AIN_AL_ASAD[0]},{AIN_AL_ASAD[1]},{zoom}")
    wait_for_markers(view.page, minimum=1)
    return view


def test_zoomed_in_on_an_event_place_the_map_draws_its_finer_tiles_with_rivers(visit):
    near = opened_at(visit, 8)
    near.page.wait_for_function(
        """() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/tiles/9/'))""",
        timeout=60_000,
    )
    near.page.wait_for_timeout(2000)  # the tiles decoded and drawn
    assert tile_requests(near) and all("/app/static/tiles/9/" in url for url in tile_requests(near))
    assert count_colour(map_pixels(near.page), WATER, tolerance=4) > 100, "the Euphrates and the Tigris drawn"
    assert near.foreign_requests() == [] and near.console_errors == []

    far = opened_at(visit, 4)
    far.page.wait_for_timeout(2000)
    assert tile_requests(far) == [], "at zoom 4 the basemap picture alone is sharp enough"
    assert count_colour(map_pixels(far.page), WATER, tolerance=4) < 20
    assert far.foreign_requests() == [] and far.console_errors == []


def test_zoomed_in_the_provinces_are_named_and_not_at_the_opening_view(visit):
    province_names = {row["name"] for row in provinces.province_names()}
    opening = drawn(open_recorded(visit, "").page)
    assert not set(boxes(opening)) & province_names, "no province named at the opening view"
    zoomed = drawn(open_recorded(visit, f"?at={AIN_AL_ASAD[0]},{AIN_AL_ASAD[1]},7").page)
    assert "Al Anbār" in set(boxes(zoomed)), f"named at zoom 7: {sorted(boxes(zoomed))}"


def test_a_finer_tile_not_yet_loaded_is_drawn_from_the_coarser_one_never_blank(visit):
    view = opened_at(visit, 6.5)
    page = view.page
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/tiles/7/')).length > 0",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)
    held = []
    page.route("**/app/static/tiles/9/**", lambda route: held.append(route))  # the finer tiles stay on their way
    box = page.locator(MAP).first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -250)  # one turn: about a level in
    page.wait_for_function(
        "() => Number((new URLSearchParams(location.search).get('at') || '0,0,0').split(',')[2]) > 7.2",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)
    assert held, "the zoom asked for the finer level's tiles"
    # the basemap picture has no river at all: any river pixel is a coarser tile enlarged
    assert count_colour(map_pixels(page), WATER, tolerance=4) > 20, "meanwhile the coarser tiles' rivers show"
    for route in held:
        route.continue_()
