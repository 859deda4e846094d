"""Correct, retire or restore one event: every field with the same checks as a new one.

The form remembers the values it started from; a save sends only the fields the editor changed, with those
values, so a field another editor changed meanwhile comes back as a conflict to resolve, side by side.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from eventmap import schema
from eventmap.curate import events as ops
from eventmap.curate.table import ID
from eventmap.ui.editor.drafts import forget
from eventmap.ui.editor.outcome import reload_form, run_plan, show_outcome
from eventmap.untrusted import escape_markdown

LONG_FIELDS = tuple(c.name for c in schema.EVENT_COLUMNS if c.long)
THEIRS, YOURS = "keep theirs", "keep yours"


def _load(event_id: str, row: dict[str, str]) -> None:
    for name, value in row.items():
        st.session_state[f"edit_{name}"] = value
    st.session_state["edit_loaded"] = event_id
    st.session_state["edit_started"] = dict(row)


def _save_edit(place: ops.Desk, editor: str, event_id: str) -> None:
    started = st.session_state["edit_started"]
    changes = {name: st.session_state.get(f"edit_{name}", "") for name in started if name != ID}
    changes = {name: value for name, value in changes.items() if value != started[name]}
    new_theatre = bool(st.session_state.get("edit_new_theatre"))  # a theatre outside the data's list, on purpose
    plan = ops.plan_edit(event_id, changes, {name: started[name] for name in changes}, new_theatre=new_theatre)
    outcome = ops.save(place, plan, editor=editor)
    if outcome.ok:
        reload_form(place)
        st.session_state.pop("edit_loaded", None)  # the form is drawn again from the row as saved
        st.session_state["edit_new_theatre"] = False  # the next edit starts a new theatre only on purpose too
    st.session_state["edit_result"] = {"outcome": outcome, "saved": outcome.ok, "row": started | changes}


def _resolve(conflicts: list[ops.Conflict]) -> None:
    """Each conflict settled: the editor now starts from their value, and keeps it or their own."""
    started = st.session_state["edit_started"]
    for conflict in conflicts:
        started[conflict.field] = conflict.theirs
        if st.session_state.get(f"resolve_{conflict.field}") != YOURS:
            st.session_state[f"edit_{conflict.field}"] = conflict.theirs
        st.session_state.pop(f"resolve_{conflict.field}", None)
        forget(f"resolve_{conflict.field}")
    st.session_state.pop("edit_result", None)


def conflicts_section() -> None:
    result = st.session_state.get("edit_result")
    conflicts = result["outcome"].conflicts if result else []
    if not conflicts:
        return
    st.warning(
        "Another editor changed these fields since you opened the event. Nothing was saved and nothing of theirs "
        "was overwritten: choose theirs or yours for each, then save again."
    )
    table = {
        "field": [c.field for c in conflicts],
        "theirs (on file now)": [c.theirs for c in conflicts],
        "yours": [c.yours for c in conflicts],
        "original (when you opened it)": [c.original for c in conflicts],
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    for conflict in conflicts:
        st.radio(escape_markdown(conflict.field), (THEIRS, YOURS), key=f"resolve_{conflict.field}", horizontal=True)
    st.button("Use these choices", key="edit_resolve", on_click=_resolve, args=(conflicts,))


def _retired_notice(place: ops.Desk, event_id: str) -> None:
    """The event left the file while this editor had it open: say who retired it; the draft stays below."""
    retired = next((r for r in ops.retired_rows(place) if r.get(ID) == event_id), None)
    st.warning("This event is no longer in the events file. Your draft is kept below; nothing was saved.")
    if retired is not None:
        st.text(
            f"{event_id} was retired by {retired.get('retired_by', '')} at {retired.get('retired_at', '')} "
            f"(reason: {retired.get('reason', '')}). Restore it below to apply your draft."
        )


def _fields(place: ops.Desk, editor: str, event_id: str) -> None:
    for name in st.session_state["edit_started"]:
        if name != ID:
            (st.text_area if name in LONG_FIELDS else st.text_input)(escape_markdown(name), key=f"edit_{name}")
    st.checkbox("The theatre is a new one (none of the data's fits)", key="edit_new_theatre")
    st.button("Save changes", key="edit_save", type="primary", on_click=_save_edit, args=(place, editor, event_id))


def correct_event(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    """Every field of one event, with the same checks as a new one; or retire it with a reason."""
    by_id = {r[ID]: r for r in rows}
    loaded = st.session_state.get("edit_loaded")
    choices = [*by_id, *([loaded] if loaded and loaded not in by_id else [])]  # a draft outlives its event
    event_id = st.selectbox("Event", choices, key="edit_id", index=None)
    if event_id is not None:
        if loaded != event_id and event_id in by_id:
            _load(event_id, by_id[event_id])
        if event_id not in by_id:
            _retired_notice(place, event_id)
        _fields(place, editor, event_id)
        conflicts_section()
        if event_id in by_id:
            st.text_input("Reason for retiring this event", key="retire_reason")
            retire = lambda: ops.plan_retire(event_id, st.session_state.get("retire_reason", ""))  # noqa: E731
            st.button("Retire event", key="retire", on_click=run_plan, args=(place, editor, retire, "edit_result"))
    show_outcome("edit_result", place)
    restore_section(place, editor)


def restore_section(place: ops.Desk, editor: str) -> None:
    retired = ops.retired_rows(place)
    if retired:
        st.subheader("Retired events")
        st.dataframe(pd.DataFrame(retired), hide_index=True, width="stretch")
        back = st.selectbox("Restore", [r[ID] for r in retired], key="restore_id", index=None)
        if back is not None:
            st.button(
                "Restore event",
                key="restore",
                on_click=run_plan,
                args=(place, editor, lambda: ops.plan_restore(back), "restore_result"),
            )
    show_outcome("restore_result", place)
