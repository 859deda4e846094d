"""The session's uploaded ACLED file updated with a newer export and ACLED's deletions list, as `acled-update` does
(eventmap/acled_update.py): the merged file becomes the session's upload, and what changed is said in counts."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from eventmap import acled_update
from eventmap.files import digest_bytes
from eventmap.problems import DataFileError
from eventmap.ui.data import UPLOAD_KEY
from eventmap.ui.widgets import problems_table, say

NEWER_KEY, DELETED_KEY, RUN_KEY = "refresh_newer", "refresh_deleted", "refresh_run"
OUTCOME_KEY = "eventmap_refresh_outcome"  # (message, problems) of the last update, shown until the next one
NEWER_LABEL = "Update the loaded file with a newer export"
DELETED_LABEL = "ACLED's deletions file (optional)"
BUTTON_LABEL = "Update the loaded file"


def _update() -> None:
    """on_click: merge in private temporary files removed at once; on success the merge is the session's upload."""
    upload, newer = st.session_state.get(UPLOAD_KEY), st.session_state.get(NEWER_KEY)
    deleted = st.session_state.get(DELETED_KEY)
    if upload is None or newer is None:
        st.session_state[OUTCOME_KEY] = ("Choose a newer export of the same data first.", [])
        return
    _, name, body = upload
    shown = (name, newer.name, *([deleted.name] if deleted is not None else []))
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"{kind}.csv" for kind in ("old", "new", "deleted")]
        paths[0].write_bytes(body)
        paths[1].write_bytes(newer.getvalue())
        if deleted is not None:
            paths[2].write_bytes(deleted.getvalue())
        try:
            update = acled_update.update_files(paths[0], paths[1], paths[2] if deleted is not None else None, shown)
        except DataFileError as error:
            st.session_state[OUTCOME_KEY] = (f"Not updated: {name} is unchanged.", error.problems)
            return
    merged = acled_update.update_bytes(update)
    st.session_state[UPLOAD_KEY] = (f"updated:{digest_bytes(merged)}", name, merged)
    st.session_state[OUTCOME_KEY] = (f"Updated {name} with {newer.name}: {update.counts()}.", [])


def refresh_widgets() -> None:
    """In the upload's popover, once a file is uploaded: the newer export, the deletions file and the button."""
    if st.session_state.get(UPLOAD_KEY) is None:
        return
    st.file_uploader(NEWER_LABEL, type=["csv"], key=NEWER_KEY, help="Merged by event_id_cnty: the newer timestamp wins")
    st.file_uploader(DELETED_LABEL, type=["csv"], key=DELETED_KEY, help="Columns event_id_cnty, deleted_timestamp")
    st.button(BUTTON_LABEL, key=RUN_KEY, on_click=_update)


def refresh_outcome() -> None:
    """What the last update did (counts), or why it did not happen (located problems, as text)."""
    outcome = st.session_state.get(OUTCOME_KEY)
    if outcome is None or st.session_state.get(UPLOAD_KEY) is None:
        return
    message, problems = outcome
    say("caption", message)
    if problems:
        st.dataframe(problems_table(problems), hide_index=True, width="stretch")


def download_merged() -> None:
    """The merged file, to keep: the session forgets it when it closes."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None and str(upload[0]).startswith("updated:"):
        st.download_button(
            "Download the updated file", upload[2], file_name=f"updated_{Path(upload[1]).name}", mime="text/csv"
        )
