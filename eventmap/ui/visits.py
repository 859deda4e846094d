"""Following changes from the Map page: where its feeds are (feed_addresses), and "N changes since your last
visit" (changes_note). The time of the last visit is kept in the browser's own storage (localStorage, this browser
only), read once per session by a small component and replaced by this visit's time; the changes are the desk's
change log's, to the events of the view (retired ones included)."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import streamlit as st

from eventmap import feeds, filters, schema
from eventmap.curate.log import now_utc, read_entries
from eventmap.curate.table import log_path
from eventmap.files import version
from eventmap.ui.data import Dataset
from eventmap.ui.view import View
from eventmap.ui.widgets import say

LAST_VISIT_KEY, NOW_KEY = "eventmap_last_visit", "eventmap_this_visit"
# Trusted code of our own: once per session, hand back the stored time of the last visit and store this one's.
VISIT_JS = """export default function (component) {
  const { data, setStateValue } = component;
  const KEY = "eventmap.map.lastVisit";
  if (!data || typeof data.now !== "string" || data.known) return;
  let last = "";
  try {
    last = window.localStorage.getItem(KEY) || "";
    window.localStorage.setItem(KEY, data.now);
  } catch (error) {
    last = "";  // storage refused: every visit is a first one
  }
  setStateValue("last", last);
}"""


@functools.lru_cache(maxsize=1)
def _component():
    return st.components.v2.component("eventmap_last_visit", js=VISIT_JS)


def _arrived() -> None:
    """The stored time arrived: the rerun it starts counts the changes."""


@st.cache_resource(max_entries=2, show_spinner=False)
def _entries(path: str, stamp: tuple) -> list[dict]:
    return read_entries(log_path(Path(path)))


def _edited_file(data: Dataset) -> Path | None:
    """The events file the desk edits, when the session shows it (an upload has no change log)."""
    return schema.events_path() if data.is_curated or data.token.startswith("file:") else None


def _view_ids(view: View, events: Path) -> set[str]:
    """The ids of the view's events and of the retired events its filters keep."""
    ids = set(view.rows(("event_id_cnty",))["event_id_cnty"].astype("str"))
    retired = feeds.retired_events(events)
    if len(retired):
        ids |= set(filters.apply(retired, view.filters)["event_id_cnty"].astype("str"))
    return ids


def last_visit() -> str | None:
    """The time of this browser's last visit ("" on a first one), once the component has said it; None before."""
    known = LAST_VISIT_KEY in st.session_state
    now = st.session_state.setdefault(NOW_KEY, now_utc())
    result = _component()(
        data={"now": now, "known": known},
        key="map_last_visit",
        default={"last": None},
        on_last_change=_arrived,
        height=0,
    )
    stored = result.get("last")
    if not known and isinstance(stored, str):
        st.session_state[LAST_VISIT_KEY] = stored
    return st.session_state.get(LAST_VISIT_KEY)


def changes_note(view: View) -> None:
    """A caption: how many changes the desk made to this view's events since the last visit (curated data only:
    an analyst's file has no change log)."""
    since = last_visit()
    events = _edited_file(view.data)
    if not since or events is None or not log_path(events).exists() or (last := feeds.utc(since)) is None:
        return
    entries = _entries(str(events), version(log_path(events)))
    count = feeds.changes_since(entries, since, _view_ids(view, events)) if entries else 0
    if count is not None:
        when = last.strftime("%d %b %Y %H:%M UTC")
        say("caption", f"{count:,} change{'s' if count != 1 else ''} to these events since your last visit ({when})")


def _origin() -> str:
    """The app's address as the browser sees it ("" when unknown: the addresses are then relative)."""
    parts = urlsplit(str(st.context.url or ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def feed_addresses(view: View) -> None:
    """Where a feed reader follows this view: the feeds' addresses with the view's filters, as copyable text (never
    a link: the filters come from the URL)."""
    query = urlencode(filters.to_query(view.filters), doseq=True)
    with st.expander("Follow this view in a feed reader"):
        for kind, label in ((feeds.ATOM, "Atom"), (feeds.JSON, "JSON Feed")):
            say("caption", label)
            st.code(f"{_origin()}/{feeds.FEED_PATH}.{kind}" + (f"?{query}" if query else ""), language=None)
