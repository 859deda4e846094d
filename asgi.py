"""The server: the dashboard (app.py) served by Streamlit's st.App, with the feeds' routes beside it
(eventmap/ui/routes.py) and the security headers on every answer (eventmap/headers.py). `python -m eventmap serve`
runs `streamlit run asgi.py`, which finds `app` and serves it (docs/decisions.md, 'Feeds served by st.App beside
the app'; "Headers from the app's own server")."""

import streamlit as st
from starlette.middleware import Middleware

from eventmap import schema
from eventmap.headers import SecurityHeaders
from eventmap.ui.answers import keep_answers_through_a_new_run
from eventmap.ui.routes import ROUTES

keep_answers_through_a_new_run()  # before any session: a download's answer survives a run that starts
app = st.App(
    "app.py", routes=ROUTES, middleware=[Middleware(SecurityHeaders, frame_ancestors=schema.frame_ancestors())]
)
