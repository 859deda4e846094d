"""A link to one event (`/?event=ID`, eventmap/permalink.py): read with the link's filters on a session's first run
(sidebar.run_filters), the Map page opens centred on the event with its full record and its history; kept in the
URL while the link's filters hold and until a marker is clicked, like the link's camera (ui/camlink.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from eventmap import permalink, schema
from eventmap.curate import log
from eventmap.curate.table import log_path
from eventmap.files import version
from eventmap.filters import Filters
from eventmap.maps.camera import POINT_ZOOM
from eventmap.ui.data import Dataset
from eventmap.ui.view import View
from eventmap.ui.widgets import event_details

LINKED_KEY = "eventmap_linked_event"  # (filters, event id): the event the session's link opened on


def from_link(query: Mapping[str, Any], data: Dataset) -> tuple[str | None, list[str]]:
    """The event a session's link names, if the dataset holds it, and the notices: an unknown or malformed id is
    said plainly, and the map is the full map."""
    event_id, notices = permalink.from_query(query)
    if event_id is not None and _record(data, event_id).empty:
        return None, [*notices, permalink.unknown_notice(event_id)]
    return event_id, notices


def remember(filters: Filters, event_id: str | None) -> None:
    if event_id is not None:
        st.session_state[LINKED_KEY] = (filters, event_id)


def _linked_id(filters: Filters) -> str | None:
    linked = st.session_state.get(LINKED_KEY)
    return linked[1] if linked and linked[0] == filters else None


def url_event(filters: Filters) -> dict[str, list[str]]:
    """The URL's event parameter for these filters ({} when no event is linked)."""
    event_id = _linked_id(filters)
    return {permalink.EVENT_PARAM: [event_id]} if event_id is not None else {}


def forget() -> None:
    """A marker was clicked: its records replace the linked event's, which leaves the URL."""
    st.session_state.pop(LINKED_KEY, None)
    if permalink.EVENT_PARAM in st.query_params:
        del st.query_params[permalink.EVENT_PARAM]


@st.cache_resource(max_entries=64, show_spinner=False)
def _find(token: str, event_id: str, _events: pd.DataFrame) -> pd.DataFrame:
    return permalink.find(_events, event_id)


def _record(data: Dataset, event_id: str) -> pd.DataFrame:
    return _find(data.token, event_id, data.events)


def linked_event(view: View) -> pd.DataFrame | None:
    """The full record of the event the session's link named, while the link's filters hold; None otherwise."""
    event_id = _linked_id(view.filters)
    if event_id is None:
        return None
    record = _record(view.data, event_id)
    return None if record.empty else record


def event_camera(record: pd.DataFrame | None) -> dict[str, float] | None:
    """The camera centred on the linked event's place (None: no event, or one with no point)."""
    return None if record is None else permalink.centre(record, POINT_ZOOM)


@st.cache_resource(max_entries=4, show_spinner=False)
def _entries(path: Path, stamp: tuple) -> list[dict]:
    return log.read_entries(path)


def linked_record(view: View, record: pd.DataFrame) -> None:
    """Under the map: the linked event's full record, its link, and its history when the data is the desk's."""
    st.subheader("The linked event", anchor=False)
    event_details(record)
    if view.data.is_curated:
        history(str(record["event_id_cnty"].iloc[0]))


def history(event_id: str) -> None:
    """The changes the desk's log holds for an event, newest first: who changed what and when (text only)."""
    path = log_path(schema.data_files().events)
    stamp = version(path)
    if stamp is None:
        return  # no desk log beside this dataset: nothing to say
    shown = log.history(_entries(path, stamp), event_id)
    st.markdown("**History**")
    if not shown:
        st.caption("No change to this event is recorded in the desk's change log.")
        return
    table = pd.DataFrame(shown, columns=["seq", "time", "editor", "action", "change"])
    st.dataframe(table, hide_index=True, width="stretch")
