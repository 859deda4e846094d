"""Drafts that survive a page switch and a reload.

Streamlit forgets a widget's value once its page is left, so the desk keeps a copy of every form value in the
session and puts back what was forgotten when the page is drawn again. A reload starts a new session (and a new
sign-in): a copy of the draft is also kept in the browser's own storage (localStorage, this browser only; never
the token), read back once by the first run of the new session.
"""

from __future__ import annotations

import functools
import json

import streamlit as st

DRAFT = "desk_draft"
_FORMS = ("add_", "edit_", "source_", "resolve_", "place_")
_KEPT = ("retire_reason", "restore_id", "history_of")
# Keys that are not widget values: buttons (Streamlit refuses to set them), the map, and the desk's own state,
# which a page switch keeps anyway (and which must not come back once a save removed it).
_NOT_VALUES = {
    "edit_loaded",
    "edit_started",
    "add_candidates",
    "add_candidates_for",
    "add_geocode_error",
    "add_use_date",
    "add_look_up",
    "add_use_place",
    "add_check",
    "add_fill",
    "place_add",
    "source_withdraw",
    "source_bring_back",
    "place_undo",
    "place_undone",
    "place_result",
    "add_save",
    "add_candidates_map",
    "edit_save",
    "edit_resolve",
    "source_register",
}


def _is_value(key: str) -> bool:
    if key in _NOT_VALUES or key.endswith(("_result", "_reload")):
        return False
    return key.startswith(_FORMS) or key in _KEPT


def restore() -> None:
    """Before any widget is drawn: put back the values a page switch dropped (nothing present is overwritten)."""
    for key, value in st.session_state.get(DRAFT, {}).items():
        if key not in st.session_state:
            st.session_state[key] = value


def keep() -> None:
    """After the page is drawn: remember every form value, for the next time the page is drawn."""
    st.session_state[DRAFT] = {key: st.session_state[key] for key in list(st.session_state) if _is_value(str(key))}


def forget(*keys: str) -> None:
    """Drop saved values from the draft as well (a value a form cleared must not come back)."""
    draft = st.session_state.get(DRAFT, {})
    for key in keys:
        draft.pop(key, None)


STORED_TOO = ("edit_loaded", "edit_started")  # the edit form's start: without it a reload would reload the row
LOADED = "desk_draft_loaded"
# Trusted code of our own (no data is ever put into the page as HTML): read the stored draft once, when asked,
# and store the draft it is given.
STORE_JS = """export default function (component) {
  const { data, setStateValue } = component;
  const KEY = "eventmap.desk.draft";
  try {
    if (data && data.load) {
      setStateValue("stored", window.localStorage.getItem(KEY) || "{}");
    } else if (data && typeof data.save === "string") {
      window.localStorage.setItem(KEY, data.save);
    }
  } catch (error) {
    if (data && data.load) setStateValue("stored", "{}");  // storage refused: the session's draft still works
  }
}"""


@functools.lru_cache(maxsize=1)
def _store():
    return st.components.v2.component("eventmap_desk_draft", js=STORE_JS)


def _stored_changed() -> None:
    """The stored draft arrived: the rerun it starts puts it into the form."""


def _snapshot() -> str:
    values = dict(st.session_state.get(DRAFT, {}))
    values |= {key: st.session_state[key] for key in STORED_TOO if key in st.session_state}
    kept = {}
    for key, value in values.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        kept[key] = value
    return json.dumps(kept, ensure_ascii=False)


def browser_copy() -> None:
    """Before any widget: the first run of a session reads the browser's copy into the form; later runs store
    the draft there (as it stands at the top of the run, which already holds what the editor last typed)."""
    loading = not st.session_state.get(LOADED)
    data = {"load": True} if loading else {"save": _snapshot()}
    result = _store()(
        data=data, key="desk_draft_store", default={"stored": None}, on_stored_change=_stored_changed, height=0
    )
    stored = result.get("stored")
    if loading and isinstance(stored, str):
        try:
            draft = json.loads(stored)
        except ValueError:
            draft = {}
        for key, value in (draft if isinstance(draft, dict) else {}).items():
            if _is_value(str(key)) or key in STORED_TOO:  # a new session's first runs drew only empty widgets
                st.session_state[key] = value
        st.session_state[LOADED] = True
