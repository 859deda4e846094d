"""Drafts that survive a page switch: Streamlit forgets a widget's value once its page is left, so the desk
keeps a copy of every form value in the session and puts back what was forgotten when the page is drawn again."""

from __future__ import annotations

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
