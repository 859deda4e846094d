"""The camera the map opens on: fitted to the events, never wider than the theatre, and its fit id, which changes
exactly when the map must fit again."""

from __future__ import annotations

import json
import math

import pandas as pd
import pydeck as pdk
import pytest

from eventmap.maps import camera, contract
from eventmap.maps.camera import INITIAL_VIEW, MAP_WIDTH_PX, POINT_ZOOM
from eventmap.maps.contract import FIT


def points(*latlon: tuple[float, float], area_m: float = 0.0) -> pd.DataFrame:
    return pd.DataFrame(
        {"latitude": [p[0] for p in latlon], "longitude": [p[1] for p in latlon], "area_m": [area_m] * len(latlon)}
    )


def test_initial_view_is_read_only_and_usable_by_pydeck() -> None:
    view = pdk.ViewState(**INITIAL_VIEW)
    assert 20 <= view.latitude <= 30 and 40 <= view.longitude <= 48
    with pytest.raises(TypeError):
        INITIAL_VIEW["zoom"] = 9  # type: ignore[index]


def test_fit_view_centres_a_single_place_at_the_closest_zoom_allowed():
    view = camera.fit_view(points((36.24, 43.96)))
    assert view == {"latitude": 36.24, "longitude": 43.96, "zoom": POINT_ZOOM}


def test_fit_view_never_goes_wider_than_the_whole_theatre():
    assert camera.fit_view(points((37.0, 42.0), (12.0, 48.0), (-30.0, 10.0))) == dict(INITIAL_VIEW)
    assert camera.fit_view(points()) == dict(INITIAL_VIEW)
    assert camera.fit_view(pd.DataFrame({"latitude": [float("nan")], "longitude": [1.0]})) == dict(INITIAL_VIEW)


def test_fit_view_shows_every_point_and_the_areas_around_them():
    view = camera.fit_view(points((36.24, 43.96), (33.79, 42.44)))
    assert INITIAL_VIEW["zoom"] < view["zoom"] < POINT_ZOOM
    assert 33.79 < view["latitude"] < 36.24 and 42.44 < view["longitude"] < 43.96
    half_width_deg = MAP_WIDTH_PX / 2 * 360 / (512 * 2 ** view["zoom"])
    assert abs(43.96 - view["longitude"]) < half_width_deg and abs(42.44 - view["longitude"]) < half_width_deg
    wider = camera.fit_view(points((36.24, 43.96), (33.79, 42.44), area_m=100_000))
    assert wider["zoom"] < view["zoom"]


def test_the_camera_is_fitted_until_reset_and_its_fit_id_changes_when_the_map_must_fit_again():
    fitted = {"latitude": 36.24, "longitude": 43.96, "zoom": POINT_ZOOM}
    iraq, syria = (("theatre", ("Iraq",)),), (("theatre", ("Syria",)),)
    opened = camera.camera(fitted, iraq)
    assert {key: opened[key] for key in fitted} == fitted, "the view itself, not moved by a jitter"
    assert camera.camera(fitted, iraq) == opened, "the same link, the same camera (and the same spec)"
    first_reset, second_reset = camera.camera(fitted, iraq, resets=1), camera.camera(fitted, iraq, resets=2)
    assert {key: first_reset[key] for key in INITIAL_VIEW} == dict(INITIAL_VIEW)
    assert {key: second_reset[key] for key in INITIAL_VIEW} == dict(INITIAL_VIEW), "the same view again..."
    ids = [opened[FIT], first_reset[FIT], second_reset[FIT], camera.camera(fitted, syria)[FIT]]
    assert len(set(ids)) == 4, "...with a new fit id: each reset and each new filter state fits again"


def test_a_view_without_a_fit_id_is_fitted_whenever_it_changes():
    view, fit = camera.split({"zoom": 5.0})
    assert view == {**INITIAL_VIEW, "zoom": 5.0}
    assert camera.split({"zoom": 5.0})[1] == fit != camera.split({"zoom": 5.5})[1]
    assert camera.split({**view, FIT: "abc"}) == (view, "abc")


def test_the_fitted_view_keeps_room_for_markers_and_names_at_every_edge():
    """The shipped data's spread, northern Syria to the Gulf of Aden: every point at least the fit's padding in
    from the edge of a MAP_WIDTH_PX x MAP_HEIGHT_PX map, so no marker or name is cut there."""
    spread = points((36.8978, 41.9975), (36.2376, 43.9632), (35.4681, 44.3922), (33.7856, 42.4412), (12.0, 48.0))
    view = camera.fit_view(spread)
    world = 512 * 2 ** view["zoom"]

    def pixel(lat: float, lon: float) -> tuple[float, float]:
        return world * (lon + 180) / 360, world * (1 - float(camera.mercator_y(lat)) / math.pi) / 2

    cx, cy = pixel(view["latitude"], view["longitude"])
    for lat, lon in zip(spread["latitude"], spread["longitude"]):
        x, y = pixel(lat, lon)
        x, y = x - cx + camera.MAP_WIDTH_PX / 2, y - cy + camera.MAP_HEIGHT_PX / 2
        assert camera.FIT_PAD_X_PX - 1 <= x <= camera.MAP_WIDTH_PX - camera.FIT_PAD_X_PX + 1, (lat, lon, x)
        assert camera.FIT_PAD_Y_PX - 1 <= y <= camera.MAP_HEIGHT_PX - camera.FIT_PAD_Y_PX + 1, (lat, lon, y)
    north, south = (
        pixel(36.8978, 0)[1] - cy + camera.MAP_HEIGHT_PX / 2,
        pixel(12.0, 0)[1] - cy + camera.MAP_HEIGHT_PX / 2,
    )
    assert min(north, camera.MAP_HEIGHT_PX - south) <= camera.FIT_PAD_Y_PX + 2, "and no wider than it needs"


def test_only_a_map_that_asks_flies_to_its_new_fits():
    spec = '{"layers":[],"fit":"abc"}'
    assert json.loads(camera.with_transition(spec, 1200)) == {"layers": [], "fit": "abc", contract.TRANSITION: 1200}
    assert camera.with_transition(spec, 0) == spec
