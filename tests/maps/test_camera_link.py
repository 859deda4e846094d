"""The camera in a link (?at=latitude,longitude,zoom): any text is read without an error, a bad one is said and
ignored, and a camera written into a link reads back the same (docs/decisions.md, "The camera in the link")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventmap.maps import camera

LATITUDE, LONGITUDE, ZOOM = (st.floats(*camera.LIMITS[key]) for key in ("latitude", "longitude", "zoom"))
numberish = st.one_of(st.text(max_size=12), st.floats(allow_nan=True).map(str), st.integers().map(str))


@given(st.text(max_size=300))
def test_any_text_is_read_without_an_error(text):
    view, why = camera.parse_camera(text)
    assert (view is None) == bool(why)


@given(st.lists(numberish, max_size=5).map(",".join))
def test_any_comma_separated_values_are_read_without_an_error_and_a_camera_read_is_within_range(text):
    view, _ = camera.parse_camera(text)
    if view is not None:
        assert all(low <= view[key] <= high for key, (low, high) in camera.LIMITS.items())


@given(st.dictionaries(st.text(max_size=5), st.lists(st.text(max_size=40), max_size=3), max_size=4))
def test_any_query_gives_a_camera_or_notices_never_an_error(query):
    view, notices = camera.from_query(query)
    assert not (view and notices)
    if camera.CAMERA_PARAM not in query or not query[camera.CAMERA_PARAM]:
        assert (view, notices) == (None, [])


@given(LATITUDE, LONGITUDE, ZOOM)
def test_a_camera_written_into_a_link_reads_back_the_same(latitude, longitude, zoom):
    view = {"latitude": latitude, "longitude": longitude, "zoom": zoom}
    text = camera.camera_text(view)
    assert camera.parse_camera(text) == (camera.rounded(view), "")
    assert camera.camera_text(camera.rounded(view)) == text
    assert camera.from_query({camera.CAMERA_PARAM: [text]}) == (camera.rounded(view), [])


def test_a_link_camera_is_short_and_says_what_it_is():
    assert camera.camera_text({"latitude": 33.5, "longitude": 42.5, "zoom": 7.0}) == "33.5,42.5,7"
    assert camera.camera_text({"latitude": -0.00001, "longitude": 179.99999, "zoom": 3.456}) == "0,180,3.46"


def test_bad_cameras_are_said_and_ignored():
    cases = {
        "91,40,5": "the latitude is outside -85.0511 to 85.0511",
        "33,200,5": "the longitude is outside -180 to 180",
        "33,40,25": "the zoom is outside 0 to 20",
        "33,forty,5": "the longitude is not a number",
        "nan,40,5": "the latitude is not a number",
        "1e3,40,5": "the latitude is not a number",
        "33,40": "it has 2 value(s), not 3",
        "33,40,5,6": "it has 4 value(s), not 3",
    }
    for text, why in cases.items():
        view, notices = camera.from_query({camera.CAMERA_PARAM: [text]})
        assert view is None and notices == [
            f"Ignored at={text!r}: {why} (use latitude,longitude,zoom); the map fits the events."
        ]
    view, notices = camera.from_query({camera.CAMERA_PARAM: ["33,40,5", "34,41,6"]})
    assert view is None and "2 cameras" in notices[0]


def test_a_linked_camera_has_a_fit_id_of_its_own_that_stays_for_the_same_link():
    view = {"latitude": 33.5, "longitude": 42.5, "zoom": 7.0}
    linked = camera.linked(view, "filters")
    assert linked == {**view, "fit": linked["fit"]} and linked == camera.linked(view, "filters")
    assert linked["fit"] != camera.camera(view, "filters")["fit"] != camera.linked(view, "other filters")["fit"]
