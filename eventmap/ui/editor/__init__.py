"""The Editor page's widgets: sign-in, add an event, correct or retire one, register a source, history and undo.

Every operation is eventmap.curate's, shared with the CLI; this package only draws and collects, one module per
tab (add, correct, register, history, briefings), with the sign-in and the outcome display they share. Untrusted text
(rows, quotes, sources, messages that quote cells) is shown with st.text, st.code or dataframes, never markdown;
a widget label renders markdown, so a column name from the file is escaped there.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from eventmap import schema
from eventmap.curate import events as ops
from eventmap.ui.editor import drafts
from eventmap.ui.editor.add import add_event
from eventmap.ui.editor.briefings import briefings
from eventmap.ui.editor.correct import correct_event
from eventmap.ui.editor.history import history
from eventmap.ui.editor.register import register
from eventmap.ui.editor.signin import signed_in


def desk() -> ops.Desk:
    """The events file the server shows (schema.events_path) and the source texts folder."""
    sources = os.environ.get(schema.SOURCES_ENV)
    return ops.Desk(schema.events_path(), Path(sources) if sources else None)


def desk_page() -> None:
    """The whole desk, once signed in."""
    editor = signed_in()
    if editor is None:
        return
    drafts.restore()
    drafts.keep()
    drafts.browser_copy()
    place = desk()
    digest, rows = ops.load_form(place)
    st.session_state.setdefault("desk_digest", digest)  # a later add or retire is refused if the file changed
    st.text(f"Editing {place.events.name} as {editor}")
    tabs = st.tabs(["Add event", "Correct or retire", "Register source", "History", "Briefings"])
    for tab, draw in zip(tabs, (add_event, correct_event, register, history, briefings)):
        with tab:
            draw(place, editor, rows)
    drafts.keep()
