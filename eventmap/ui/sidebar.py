"""The sidebar filters, the widgets that hold them and the URL that shares them; the frame of every page."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

from eventmap import schema
from eventmap.filters import CHOICE_PARAMS, MAX_TEXT, PRESETS, Filters, describe, from_query, preset_dates, to_query
from eventmap.maps import camera
from eventmap.ui import camlink, eventlink, refresh
from eventmap.ui.data import UPLOAD_KEY, Dataset, dataset, date_range, keep_upload, options, titles, with_curated
from eventmap.ui.view import View
from eventmap.ui.widgets import STALE_DOWNLOADS_CSS, problems_table, say

FILTERS_KEY = "eventmap_filters"
PENDING_KEY = "eventmap_pending_filters"
PAGE_KEY = "eventmap_filters_page"  # the page whose widgets hold the filters
TOKEN_KEY, PRESET_NOTICE_KEY = "eventmap_dataset_token", "eventmap_preset_notice"
CUSTOM = "Custom range"


def _widget_key(param: str) -> str:
    return f"filter_{param}"


def _store(filters: Filters, data: Dataset) -> None:
    """Put filters into the widgets (before they are drawn) and into the session."""
    first, last = date_range(data)
    start, end = filters.start or first, filters.end or last
    st.session_state[_widget_key("dates")] = (max(min(start, last), first), min(max(end, first), last))
    for param in CHOICE_PARAMS:
        st.session_state[_widget_key(param)] = list(filters.chosen(param))
    st.session_state[_widget_key("q")] = filters.text
    st.session_state[FILTERS_KEY] = filters


def _from_widgets(data: Dataset) -> Filters:
    first, last = date_range(data)
    dates = tuple(st.session_state.get(_widget_key("dates")) or ())
    start = dates[0] if len(dates) >= 1 else None
    end = dates[1] if len(dates) >= 2 else start
    if (start, end) == (first, last):  # the whole period: no date filter, so the link follows the data
        start = end = None
    choices = {p: tuple(st.session_state.get(_widget_key(p)) or ()) for p in CHOICE_PARAMS}
    return Filters(start, end, choices, st.session_state.get(_widget_key("q"), "").strip())


def _apply_preset(data: Dataset) -> None:
    name = st.session_state[_widget_key("preset")]
    if name != CUSTOM:
        st.session_state[_widget_key("dates")], st.session_state[PRESET_NOTICE_KEY] = preset_dates(
            name, data.events, data.curated.periods
        )


def run_filters(data: Dataset, title: str = "") -> tuple[Filters, list[str]]:
    """The filters of this run, from the session's widgets (they hold their values before they are drawn): the
    session's first run takes them from the URL, and every run writes them back. Draws nothing, so that a page
    may draw its own elements before the sidebar (page). Returns the filters and the notices for the user (the
    URL's unknown keys, a reset), which the page shows."""
    notices: list[str] = []
    linked_view = linked_event = None  # the link's camera and event, read on the session's first run
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending is not None:
        _store(pending, data)
    elif FILTERS_KEY not in st.session_state:  # the session's first run: the link's filters
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        linked, notices = from_query(query, data.events)
        linked_view, camera_notices = camera.from_query(query)
        notices += camera_notices
        linked_event, event_notices = eventlink.from_link(query, data)
        notices += event_notices
        _store(linked, data)
    elif st.session_state.get(TOKEN_KEY) != data.token:  # new data: the old filters would cut it silently
        _store(Filters(), data)
        notices.append(f"New data ({data.name}): the filters were reset to show all of it.")
    elif _widget_key("dates") not in st.session_state or st.session_state.get(PAGE_KEY) != title:
        # a page switch (st.navigation gives each page its own widgets), or a run cut short before they were drawn
        _store(st.session_state[FILTERS_KEY], data)
    st.session_state[PAGE_KEY] = title
    st.session_state[TOKEN_KEY] = data.token
    if notice := st.session_state.pop(PRESET_NOTICE_KEY, None):
        notices.append(notice)
    filters = _from_widgets(data)
    camlink.remember_link(filters, linked_view)
    eventlink.remember(filters, linked_event)
    st.session_state[FILTERS_KEY] = filters
    st.query_params.from_dict({**to_query(filters), **camlink.url_camera(filters), **eventlink.url_event(filters)})
    return filters, notices


def filter_widgets(data: Dataset, filters: Filters) -> None:
    """The sidebar: the widgets that hold the filters (run_filters reads them), and the upload.

    An analyst's filters and the upload sit in popovers. Streamlit's page draws a shut popover's widgets only when
    it opens, and every widget it draws costs the browser time on every rerun: the map of a 1M-row filter change
    redrew about 0.04 s sooner (docs/decisions.md, "The analyst's filters in a popover"). Their values and the URL
    work as before."""
    first, last = date_range(data)
    choices = options(data)

    def choice_widget(choice: schema.ChoiceFilter) -> None:
        st.multiselect(choice.label, choices[choice.key], key=_widget_key(choice.key))

    more = [choice for choice in schema.CHOICE_FILTERS if choice.more]
    in_use = sum(bool(filters.chosen(choice.key)) for choice in more)  # said on the label, seen while it is shut
    with st.sidebar:
        st.header("Filters")
        st.selectbox(
            "Date preset", (CUSTOM, *PRESETS), key=_widget_key("preset"), on_change=_apply_preset, args=(data,)
        )
        st.date_input("Dates", min_value=first, max_value=last, key=_widget_key("dates"), format="YYYY-MM-DD")
        for choice in schema.CHOICE_FILTERS:
            if not choice.more:
                choice_widget(choice)
        st.text_input("Search notes, places and quotes", key=_widget_key("q"), max_chars=MAX_TEXT)
        with st.popover(
            f"More filters ({in_use} in use)" if in_use else "More filters",
            width="stretch",
            help=", ".join(choice.label for choice in more),
        ):
            for choice in more:
                choice_widget(choice)
        st.divider()
        with st.popover("Bring your own data", width="stretch", help="An ACLED export or our CSV format"):
            st.file_uploader(
                "Bring your own data (ACLED export or our CSV format)",
                type=["csv"],
                key="upload",
                on_change=keep_upload,
            )
            refresh.refresh_widgets()
        if st.session_state.get(UPLOAD_KEY) is not None:
            say("caption", f"In use for this session: {st.session_state[UPLOAD_KEY][1]}")
            refresh.refresh_outcome()
            refresh.download_merged()
            st.button(
                "Back to the curated data",
                key="drop_upload",
                on_click=st.session_state.update,
                kwargs={UPLOAD_KEY: None},
            )


@contextlib.contextmanager
def page(title: str, heading: str | None = None) -> Iterator[View]:
    """Around every page's body: config, title, the view of this run and the load problems before it; the sidebar
    and how many rows the filters keep after it, so the body's elements (the map) reach the browser first: a
    1M-row filter change's map message came 0.07-0.10 s sooner (docs/decisions.md, 'The map sent before the sidebar').
    The rows themselves are each page's to ask the view for (View.rows), of the columns it reads.

    A body cut short by a rerun (st.rerun, or a newer change) leaves the sidebar undrawn for that run; Streamlit
    keeps the widgets' state when a run stops for a rerun (1.67, ScriptRunner._on_script_finished)."""
    st.set_page_config(page_title=f"{title} · Conflict event map", page_icon="🗺️", layout="wide")
    st.html(STALE_DOWNLOADS_CSS)  # in the page's event container: no place in the layout
    data = dataset()
    if not data.is_curated and st.sidebar.checkbox("Add the curated events", key="add_curated"):
        data = with_curated(data)
    if heading is None:
        st.title(title)
    else:  # a heading names the data: an analyst's file gets its own (data.titles), never the briefing's
        shown, subtitle = titles(data, heading)
        say("title", shown)
        with st.container():  # always there, so the map below keeps its place whichever data is shown
            if subtitle:
                say("caption", subtitle)
    # Notices and load problems come and go: in one slot that is always there, the elements below (the map) keep
    # their place in the page, so the browser updates them instead of building them again (measured: a map that
    # moved down one element was a new WebGL canvas, its pictures uploaded and its programs compiled again).
    slot = st.container()
    filters, notices = run_filters(data, title)
    view = View(data, filters)
    with slot:
        for notice in notices:
            say("warning", notice, icon="⚠️")
        if data.problems:
            with st.expander(
                f"⚠️ {len(data.problems)} problem(s) in the data: {data.rows_left_out} row(s) left out", expanded=True
            ):
                st.dataframe(problems_table(data.problems), hide_index=True, width="stretch")
    counted = st.empty()  # the row count's place, under the title; written once the body is sent
    yield view
    filter_widgets(data, filters)
    with counted:
        say(
            "caption",
            f"Data: {data.name} · showing {view.count():,} of {len(data.events):,} events · {describe(filters)}",
        )


def set_dates(view: View, start, end) -> None:
    """Change the view's date filter from a page (e.g. a chart selection): applied on the rerun, before the
    widgets."""
    new = Filters(start, end, view.filters.choices, view.filters.text)
    if new != view.filters:
        st.session_state[PENDING_KEY] = new
        st.rerun()
