"""What the last check or save of a form said: problems by field, possible duplicates, what was saved."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from eventmap.curate import events as ops
from eventmap.problems import Problem


def problems_table(problems: list[Problem], place: ops.Desk) -> pd.DataFrame:
    """Problems by the form's field, in words: no row numbers (a form has none) and no server paths."""
    folders = [str(Path(folder)) for folder in (Path(place.events).parent, place.sources) if folder]

    def plain(message: str) -> str:
        for folder in sorted(folders, key=len, reverse=True):
            message = message.replace(folder + "/", "").replace(folder, "the data folder")
        return message

    return pd.DataFrame(
        [{"field": p.column or "(the whole form)", "problem": plain(p.message)} for p in problems],
        columns=["field", "problem"],
    )


def reload_form(place: ops.Desk) -> None:
    st.session_state["desk_digest"] = ops.load_form(place)[0]


def show_outcome(key: str, place: ops.Desk) -> None:
    """What the last check or save of a form said: problems by field, possible duplicates, what was saved."""
    result = st.session_state.get(key)
    if not result:
        return
    outcome, saved, row = result["outcome"], result["saved"], result.get("row")
    if outcome.problems:
        st.error(f"{len(outcome.problems)} problem(s): nothing was saved. Fix them and check again.")
        st.dataframe(problems_table(outcome.problems, place), hide_index=True, width="stretch")
        if any("changed on disk" in p.message for p in outcome.problems):
            st.button(
                "Reload the file (your draft stays in the form)",
                key=f"{key}_reload",
                on_click=reload_form,
                args=(place,),
            )
    if outcome.duplicates and row is not None:
        st.warning(
            "Possible duplicate: an event on the same day, at the same place, of the same sub-type. If it is "
            "a different event, tick 'Save anyway' and save again."
        )
        side = pd.DataFrame({"field": list(row), "this row": list(row.values())})
        for other in outcome.duplicates:
            side[str(other.get("event_id_cnty"))] = [other.get(name, "") for name in row]
        st.dataframe(side, hide_index=True, width="stretch")
    if saved:
        st.success("Saved, and logged in the change history:")
        st.code(f"{outcome.entry['action']} {outcome.entry['event_id']}", language=None)
    elif not outcome.problems and not outcome.duplicates:
        st.success("No problems found: ready to save.")


def run_plan(place: ops.Desk, editor: str, make_plan, key: str) -> None:
    """Retire, restore or undo: the plan is made when the button is clicked, from the form as it is then."""
    outcome = ops.save(place, make_plan(), editor=editor, expected_digest=st.session_state["desk_digest"])
    if outcome.ok:
        reload_form(place)
        for name in ("edit_loaded", "edit_started"):
            st.session_state.pop(name, None)
        st.session_state["edit_id"] = st.session_state["restore_id"] = None
        st.session_state["retire_reason"] = ""
    st.session_state[key] = {"outcome": outcome, "saved": outcome.ok}
