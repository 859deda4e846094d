"""Sign-in to the desk: the server's editor token and the editor's name, recorded with every change."""

from __future__ import annotations

import hmac
import os

import streamlit as st

TOKEN_ENV = "EVENTMAP_EDITOR_TOKEN"


def signed_in() -> str | None:
    """The editor's name once the token was given; otherwise draws the sign-in (or says how editing is enabled)."""
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        st.info(
            f"Editing is off on this server. To enable it, start the server with an editor token, e.g. "
            f"`{TOKEN_ENV}=a-long-secret streamlit run app.py`, and give the token to the editors. "
            "Viewers of the dashboard never see a way to change the data."
        )
        return None
    if st.session_state.get("desk_editor"):
        return st.session_state["desk_editor"]
    given = st.text_input("Editor token", type="password", key="desk_token")
    name = st.text_input("Your name (recorded with every change)", key="desk_name", max_chars=80)
    if st.button("Start editing", key="desk_sign_in"):
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            st.error("That token is not the editor token of this server.")
        elif not name.strip():
            st.error("Give your name: every change is logged with it.")
        else:
            st.session_state["desk_editor"] = name.strip()
            st.session_state.pop("desk_token", None)
            st.rerun()
    return None
