"""The map's camera follows the filters in the URL, and "Reset view" returns to the whole theatre."""

from __future__ import annotations

import pytest

from eventmap.maps.camera import INITIAL_VIEW, POINT_ZOOM
from eventmap.maps.contract import FIT
from tests.app.conftest import map_spec, page


def camera_of(app) -> dict:
    return map_spec(app)["initialViewState"]


def test_a_shared_url_opens_on_the_camera_its_filters_give_and_reset_returns_to_the_theatre():
    first = page("Map", theatre="Land").run()  # the sample's land events: Alpha Base, Bravo Town, Samplestan
    again = page("Map", theatre="Land").run()
    camera = camera_of(first)
    assert camera == camera_of(again), "the same link gives the same camera"
    assert camera["zoom"] > INITIAL_VIEW["zoom"] and 31 < camera["latitude"] < 35 and 42 < camera["longitude"] < 45
    assert map_spec(first)[FIT] == map_spec(again)[FIT]
    first.button(key="reset_view").click().run()
    reset = camera_of(first)
    assert reset == dict(INITIAL_VIEW), "the whole theatre, exactly: the fit id, not a jitter, makes the map fit again"
    fits = [map_spec(first)[FIT]]
    first.button(key="reset_view").click().run()  # the map may have been moved since: a second reset fits again
    fits.append(map_spec(first)[FIT])
    assert camera_of(first) == reset and len({map_spec(again)[FIT], *fits}) == 3
    first.text_input(key="filter_q").input("Alpha Base").run()  # a new filter fits again: one exact place
    assert camera_of(first)["zoom"] == pytest.approx(POINT_ZOOM, abs=1e-4)


def test_a_one_day_filter_fits_the_day():
    app = page("Map", start="2024-05-06", end="2024-05-06").run()  # SM-001 alone, at Alpha Base (33.5, 42.5)
    camera = camera_of(app)
    assert camera["zoom"] == pytest.approx(POINT_ZOOM, abs=1e-4)
    assert camera["latitude"] == pytest.approx(33.5, abs=1e-3) and camera["longitude"] == pytest.approx(42.5, abs=1e-3)
