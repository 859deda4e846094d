"""The camera in the link: ?at=latitude,longitude,zoom beside the filters' keys (docs/decisions.md, "The camera
in the link").

A session's first run reads the link's camera (sidebar.run_filters, with the filters' notices); the map opens on
it with a fit id of its own, kept while the filters stay as they are, so that the runs that follow never fit the
map again under the user. The map sends back the camera a user pans or zooms to (contract.CAMERA) once they stop
moving; it is written into the URL, and the spec sent is the same, so the map draws nothing again. New filters
fit the map and drop the camera from the URL; so does "Reset view"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from eventmap.filters import Filters
from eventmap.maps import camera

LINK_KEY = "eventmap_link_camera"  # (filters, view): the camera the session's link opened on
URL_KEY = "eventmap_url_camera"  # (filters, text): the camera the URL carries, for those filters only
SEEN_KEY = "eventmap_seen_camera"  # the camera the map reported last: its state outlives the run that read it


def remember_link(filters: Filters, view: Mapping[str, float] | None) -> None:
    """The camera of the link a session opened (None: it had none, or a bad one) for the filters it opened on."""
    if view:
        st.session_state[LINK_KEY] = (filters, dict(view))
        st.session_state[URL_KEY] = (filters, camera.camera_text(view))


def forget() -> None:
    """ "Reset view": the map fits again, and the URL drops its camera."""
    st.session_state.pop(LINK_KEY, None)
    st.session_state.pop(URL_KEY, None)


def spec_camera(filters: Filters, fitted: Mapping[str, float], resets: int | None) -> dict[str, Any]:
    """The camera the spec sends: the link's while its filters hold and no reset was pressed, else the fitted one
    (camera.camera)."""
    link = st.session_state.get(LINK_KEY)
    if resets is None and link and link[0] == filters:
        return camera.linked(link[1], filters)
    return camera.camera(fitted, filters, resets)


def url_camera(filters: Filters) -> dict[str, list[str]]:
    """The URL's camera parameter for these filters ({} when the map shows their fitted camera)."""
    url = st.session_state.get(URL_KEY)
    return {camera.CAMERA_PARAM: [url[1]]} if url and url[0] == filters else {}


def reported_view(reported: object) -> dict[str, float] | None:
    """The map's report, [latitude, longitude, zoom], as a camera a link can carry; None if it is not one."""
    if not isinstance(reported, Sequence) or isinstance(reported, str) or len(reported) != len(camera.LIMITS):
        return None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in reported):
        return None
    return camera.parse_camera(camera.camera_text(dict(zip(camera.LIMITS, reported))))[0]


def follow(filters: Filters, reported: object) -> None:
    """After the map is drawn: a camera the user moved to since the last run goes into the URL, for these
    filters; the URL's camera is written, or dropped when the map shows the fitted one."""
    if reported is not None and reported != st.session_state.get(SEEN_KEY):
        st.session_state[SEEN_KEY] = reported
        if view := reported_view(reported):
            st.session_state[URL_KEY] = (filters, camera.camera_text(view))
    wanted = url_camera(filters).get(camera.CAMERA_PARAM, [None])[0]
    if wanted is None and camera.CAMERA_PARAM in st.query_params:
        del st.query_params[camera.CAMERA_PARAM]
    elif wanted is not None and st.query_params.get(camera.CAMERA_PARAM) != wanted:
        st.query_params[camera.CAMERA_PARAM] = wanted
