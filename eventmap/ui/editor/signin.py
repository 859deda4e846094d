"""Sign-in to the desk: the server's editor token and the editor's name, recorded with every change.

A token a guesser could find is refused at the start: shorter than MIN_TOKEN characters, or an example from
the documentation. Wrong tokens are counted per client address: after FREE_FAILURES in a row each further try
waits twice as long as the one before (1 s, 2 s, 4 s ... at most MAX_WAIT_S), and every failure is logged on the
server, without the token.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
import time

import streamlit as st

from eventmap import schema
from eventmap.curate.hygiene import visible_name

MIN_TOKEN = 24
EXAMPLE_TOKENS = ("a-long-secret",)  # given as examples in the documentation, so the first a guesser tries
FREE_FAILURES, MAX_WAIT_S = 5, 300.0
_log = logging.getLogger("eventmap.desk")
_failures: dict[str, tuple[int, float]] = {}  # client -> (wrong tokens in a row, when the next try is allowed)
_guard = threading.Lock()
_now = time.monotonic


def _client() -> str:
    address = st.context.ip_address  # None when the page is not served over a socket (tests, bare runs)
    return address if isinstance(address, str) and address else "local"


def wait_left(client: str) -> float:
    with _guard:
        return max(0.0, _failures.get(client, (0, 0.0))[1] - _now())


def failed(client: str) -> None:
    with _guard:
        count = _failures.get(client, (0, 0.0))[0] + 1
        wait = 0.0 if count < FREE_FAILURES else min(MAX_WAIT_S, 2.0 ** (count - FREE_FAILURES))
        _failures[client] = (count, _now() + wait)
    _log.warning("editor sign-in refused for client %s: wrong token (%d in a row)", client, count)


def forget_failures(client: str) -> None:
    with _guard:
        _failures.pop(client, None)


def _weak(token: str) -> bool:
    return len(token) < MIN_TOKEN or token in EXAMPLE_TOKENS


def _explain_off() -> None:
    st.info(
        f"Editing is off on this server. To enable it, start the server with an editor token of at least "
        f"{MIN_TOKEN} characters, e.g. `{schema.EDITOR_TOKEN_ENV}="
        "$(python -c 'import secrets; print(secrets.token_urlsafe(32))') "
        "streamlit run app.py`, and give the token to the editors. Viewers of the dashboard never see a way to "
        "change the data."
    )


def _try(given: str, name: str, token: str) -> None:
    client = _client()
    if (left := wait_left(client)) > 0:
        st.error(f"Too many wrong tokens from your address: try again in {left:.0f} s.")
    elif not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        failed(client)
        st.error("That token is not the editor token of this server.")
    elif (said := visible_name(name)) is not None:
        st.error(said)
    else:
        forget_failures(client)
        st.session_state["desk_editor"] = name.strip()
        st.session_state.pop("desk_token", None)
        st.rerun()


def signed_in() -> str | None:
    """The editor's name once the token was given; otherwise draws the sign-in (or says how editing is enabled)."""
    token = os.environ.get(schema.EDITOR_TOKEN_ENV, "")
    if not token:
        _explain_off()
        return None
    if _weak(token):
        st.error(
            f"Editing is off: this server's editor token is too easy to guess (shorter than {MIN_TOKEN} "
            "characters, or the documentation's example). Restart the server with a long random token."
        )
        return None
    if st.session_state.get("desk_editor"):
        return st.session_state["desk_editor"]
    given = st.text_input("Editor token", type="password", key="desk_token")
    name = st.text_input("Your name (recorded with every change)", key="desk_name", max_chars=80)
    if st.button("Start editing", key="desk_sign_in"):
        _try(given, name, token)
    return None
