"""Register a report: its full text stored in the sources folder under a stable id."""

from __future__ import annotations

import streamlit as st

from eventmap import formats, schema
from eventmap.curate import events as ops
from eventmap.curate.sources import (
    MAX_REPORT_CHARS,
    SourceForm,
    read_sources_table,
    register_source,
    sources_csv_for,
)
from eventmap.curate.withdraw import undo_withdrawal, withdraw_source
from eventmap.problems import Problem
from eventmap.ui.editor.drafts import forget
from eventmap.ui.editor.outcome import problems_table


def _register(place: ops.Desk) -> None:
    form = SourceForm(
        st.session_state.get("source_text", ""),
        st.session_state.get("source_title", ""),
        st.session_state.get("source_published", ""),
        st.session_state.get("source_outlet", ""),
        st.session_state.get("source_url", ""),
        st.session_state.get("source_timezone", ""),
    )
    if place.sources is None:
        st.session_state["source_result"] = (
            None,
            [
                Problem(
                    schema.SOURCES_ENV,
                    None,
                    "",
                    "not set: the server needs the folder of source texts to store a report in",
                )
            ],
        )
        return
    registered, problems = register_source(form, place.sources, sources_csv_for(place.events))
    st.session_state["source_result"] = (registered, problems)
    if registered is not None:  # the next report starts from an empty form: no outlet or URL carried over
        for name in ("text", "title", "outlet", "timezone", "url", "published"):
            st.session_state[f"source_{name}"] = ""
        forget(*(f"source_{name}" for name in ("text", "title", "outlet", "timezone", "url", "published")))


def register(place: ops.Desk, editor: str, *_: object) -> None:
    """Register a report: full text pasted in, stored in the sources folder under a stable id."""
    st.text_area(
        f"Full text of the report (at most {MAX_REPORT_CHARS:,} characters)",
        key="source_text",
        height=200,
        max_chars=MAX_REPORT_CHARS,  # refused in the browser, before the paste travels to the server
    )
    st.text_input("Title", key="source_title")
    cols = st.columns(3)
    cols[0].text_input("Outlet", key="source_outlet")
    # Typed, not a calendar widget: a calendar took "27/01/2024" for 2701-02-04 without a word.
    cols[1].text_input("Published (type YYYY-MM-DD)", key="source_published", placeholder="2024-01-27")
    cols[2].text_input("Time zone of the publication", key="source_timezone")
    st.text_input("URL (kept as text)", key="source_url")
    st.button("Register source", key="source_register", on_click=_register, args=(place,))
    registered, problems = st.session_state.get("source_result", (None, []))
    if problems:
        st.dataframe(problems_table(problems, place), hide_index=True, width="stretch")
    elif registered is not None:
        st.success("Registered as:" if registered.new else "Already registered, as:")
        st.code(registered.source_id, language=None)
    withdraw_section(place, editor)


def _withdraw(place: ops.Desk, editor: str) -> None:
    chosen = st.session_state.get("source_withdraw_id")
    if chosen:
        problems = withdraw_source(chosen, sources_csv_for(place.events), place.events, editor)
        st.session_state["source_withdraw_result"] = problems or f"Withdrawn: {chosen}"
        if not problems:
            st.session_state["source_withdraw_id"] = None


def _bring_back(place: ops.Desk, editor: str) -> None:
    problems = undo_withdrawal(sources_csv_for(place.events), editor)
    st.session_state["source_withdraw_result"] = problems or "The last withdrawn report is listed again."


def withdraw_section(place: ops.Desk, editor: str) -> None:
    """Take a report off the list while no event cites it (its text stays; logged, undoable)."""
    st.subheader("Withdraw a report no event cites")
    listed = read_sources_table(sources_csv_for(place.events))
    named = formats.report_choices(listed)
    st.selectbox("Report", list(named), key="source_withdraw_id", index=None, format_func=lambda i: named.get(i, i))
    cols = st.columns(2)
    cols[0].button("Withdraw the report", key="source_withdraw", on_click=_withdraw, args=(place, editor))
    cols[1].button("Undo the last withdrawal", key="source_bring_back", on_click=_bring_back, args=(place, editor))
    said = st.session_state.get("source_withdraw_result")
    if isinstance(said, list):
        st.dataframe(problems_table(said, place), hide_index=True, width="stretch")
    elif said:
        st.success(said)
