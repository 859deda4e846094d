"""The map's view follows the filters in the URL, and "Reset view" returns to the whole theatre."""

from __future__ import annotations

import pytest

from eventmap.maps.camera import INITIAL_VIEW, POINT_ZOOM
from eventmap.maps.contract import FIT
from tests.app.conftest import map_spec, page


def view_of(app) -> dict:
    return map_spec(app)["initialViewState"]


def test_a_shared_url_opens_on_the_view_its_filters_give_and_reset_returns_to_the_theatre():
    first = page("map", theatre="Iraq").run()
    again = page("map", theatre="Iraq").run()
    view = view_of(first)
    assert view == view_of(again), "the same link gives the same view"
    assert view["zoom"] > INITIAL_VIEW["zoom"] and 32 < view["latitude"] < 37 and 41 < view["longitude"] < 46
    assert map_spec(first)[FIT] == map_spec(again)[FIT]
    first.button(key="reset_view").click().run()
    reset = view_of(first)
    assert reset == dict(INITIAL_VIEW), "the whole theatre, exactly: the fit id, not a jitter, makes the map fit again"
    fits = [map_spec(first)[FIT]]
    first.button(key="reset_view").click().run()  # the map was moved since: a second reset fits again
    fits.append(map_spec(first)[FIT])
    assert view_of(first) == reset and len({map_spec(again)[FIT], *fits}) == 3
    first.multiselect(key="filter_theatre").set_value(["Syria"]).run()  # a new filter fits again
    assert view_of(first)["zoom"] == pytest.approx(POINT_ZOOM, abs=1e-4)  # one place in Syria


def test_a_one_day_filter_fits_the_day():
    app = page("map", start="2023-11-22", end="2023-11-22").run()  # one attack, on Erbil Air Base
    view = view_of(app)
    assert view["zoom"] == pytest.approx(POINT_ZOOM, abs=1e-4)
    assert view["latitude"] == pytest.approx(36.2376, abs=1e-3) and view["longitude"] == pytest.approx(
        43.9632, abs=1e-3
    )
