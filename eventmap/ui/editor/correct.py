"""Correct, retire or restore one event: every field with the same checks as a new one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from eventmap import schema
from eventmap.curate import events as ops
from eventmap.ui.editor.outcome import reload_form, run_plan, show_outcome
from eventmap.untrusted import escape_markdown

LONG_FIELDS = tuple(c.name for c in schema.EVENT_COLUMNS if c.long)


def _save_edit(place: ops.Desk, editor: str, event_id: str, before: dict[str, str]) -> None:
    changes = {name: st.session_state.get(f"edit_{name}", "") for name in before}
    changes = {name: value for name, value in changes.items() if value != before[name]}
    plan = ops.plan_edit(event_id, changes)
    outcome = ops.save(place, plan, editor=editor, expected_digest=st.session_state["desk_digest"])
    if outcome.ok:
        reload_form(place)
        st.session_state.pop("edit_loaded", None)
    st.session_state["edit_result"] = {"outcome": outcome, "saved": outcome.ok, "row": before | changes}


def correct_event(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    """Every field of one event, with the same checks as a new one; or retire it with a reason."""
    by_id = {r["event_id_cnty"]: r for r in rows}
    event_id = st.selectbox("Event", list(by_id), key="edit_id", index=None)
    if event_id is not None:
        before = by_id[event_id]
        if st.session_state.get("edit_loaded") != event_id:
            for name, value in before.items():
                st.session_state[f"edit_{name}"] = value
            st.session_state["edit_loaded"] = event_id
        for name in before:
            if name != "event_id_cnty":
                (st.text_area if name in LONG_FIELDS else st.text_input)(escape_markdown(name), key=f"edit_{name}")
        st.button(
            "Save changes", key="edit_save", type="primary", on_click=_save_edit, args=(place, editor, event_id, before)
        )
        st.text_input("Reason for retiring this event", key="retire_reason")
        st.button(
            "Retire event",
            key="retire",
            on_click=run_plan,
            args=(
                place,
                editor,
                lambda: ops.plan_retire(event_id, st.session_state.get("retire_reason", "")),
                "edit_result",
            ),
        )
    show_outcome("edit_result", place)
    retired = ops.retired_rows(place)
    if retired:
        st.subheader("Retired events")
        st.dataframe(pd.DataFrame(retired), hide_index=True, width="stretch")
        back = st.selectbox("Restore", [r["event_id_cnty"] for r in retired], key="restore_id", index=None)
        if back is not None:
            st.button(
                "Restore event",
                key="restore",
                on_click=run_plan,
                args=(place, editor, lambda: ops.plan_restore(back), "restore_result"),
            )
    show_outcome("restore_result", place)
