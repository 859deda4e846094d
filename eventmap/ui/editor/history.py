"""The change log of the file or of one event, and undo of the last change."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from eventmap.curate import events as ops
from eventmap.curate import log
from eventmap.curate.table import log_path
from eventmap.problems import Problem
from eventmap.ui.editor.outcome import run_plan, show_outcome


def history(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    """The change log of the file or of one event, and undo of the last change (itself a logged change)."""
    damaged: list[Problem] = []
    entries = log.read_entries(log_path(place.events), damaged)
    for problem in damaged:  # said by the log's name and line: the server's paths are not the editor's business
        line = f" line {problem.row}" if problem.row else ""
        st.text(f"Change log ({Path(problem.path).name}{line}): {problem.message}")
    which = st.selectbox("History of", ["the whole file", *[r["event_id_cnty"] for r in rows]], key="history_of")
    shown = log.history(entries, None if which == "the whole file" else which)
    st.dataframe(
        pd.DataFrame(shown, columns=["seq", "time", "editor", "action", "event_id", "change"]),
        hide_index=True,
        width="stretch",
    )
    target = log.undo_target(entries)
    if target is not None:
        st.text(f"Undo would revert change {target['seq']}: {target['action']} {target['event_id']}")
        st.button(
            "Undo the last change",
            key="undo",
            on_click=run_plan,
            args=(place, editor, lambda: ops.plan_undo, "undo_result"),
        )
    show_outcome("undo_result", place)
