"""Register a report: its full text stored in the sources folder under a stable id."""

from __future__ import annotations

import streamlit as st

from eventmap import schema
from eventmap.curate import events as ops
from eventmap.curate.sources import SourceForm, register_source, sources_csv_for
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


def register(place: ops.Desk, *_: object) -> None:
    """Register a report: full text pasted in, stored in the sources folder under a stable id."""
    st.text_area("Full text of the report", key="source_text", height=200)
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
