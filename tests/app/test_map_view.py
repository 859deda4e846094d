"""The map's camera follows the filters in the URL, and "Reset view" returns to the whole theatre."""

from __future__ import annotations

import json

import pytest

from eventmap.curate.preview import candidates_deck
from eventmap.geocode.resolver import GeocodeResult
from eventmap.maps.camera import INITIAL_VIEW, POINT_ZOOM
from eventmap.maps.contract import FIT, SENDS_CAMERA
from tests.app.conftest import as_shown, map_spec, page


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


def test_a_link_with_a_camera_opens_on_it_keeps_it_and_reset_clears_it():
    """docs/decisions.md, "The camera in the link"."""
    app = page("Map", theatre="Land", at="33.5,42.5,7.25").run()
    assert camera_of(app) == {"latitude": 33.5, "longitude": 42.5, "zoom": 7.25}
    fit = map_spec(app)[FIT]
    assert fit != map_spec(page("Map", theatre="Land").run())[FIT], "a fit of its own: the map applies it"
    assert app.query_params["at"] == "33.5,42.5,7.25" and app.query_params["theatre"] == "Land"
    assert not app.warning
    assert map_spec(app)[SENDS_CAMERA] is True, "the Map page's map sends its camera back"
    found = GeocodeResult("Kirkuk", "found", 35.47, 44.39, "Kirkuk, Iraq", "gazetteer", "city", 1, 10.0, "ref")
    assert json.loads(candidates_deck([found], 0).to_json())[SENDS_CAMERA] is False, "the desk's does not"
    app.run()  # a rerun (a click, a move) sends the same camera and fit id: the map stays where it is
    assert camera_of(app)["zoom"] == 7.25 and map_spec(app)[FIT] == fit and app.query_params["at"]
    app.button(key="reset_view").click().run()
    assert camera_of(app) == dict(INITIAL_VIEW) and "at" not in app.query_params, "Reset view clears it"
    assert app.query_params["theatre"] == "Land", "the filters stay"


def test_a_bad_camera_in_a_link_is_said_and_the_map_fits_the_events():
    fitted = camera_of(page("Map", theatre="Land").run())
    for bad, why in {
        "95,42.5,7": "the latitude is outside",
        "33.5,east,7": "not a number",
        "1,2,3,4": "4 value",
    }.items():
        app = page("Map", theatre="Land", at=bad).run()
        notices = " ".join(as_shown(w.value) for w in app.warning)
        assert "Ignored at=" in notices and why in notices, bad
        assert camera_of(app) == fitted and "at" not in app.query_params
    app = page("Map", at=["33,42,7", "34,43,8"]).run()
    assert "2 cameras" in " ".join(as_shown(w.value) for w in app.warning)
