"""The server: the dashboard (app.py) served by Streamlit with the feeds' routes beside it (eventmap/ui/routes.py).
`python -m eventmap serve` runs `streamlit run asgi.py`, which finds `app` and serves it (docs/decisions.md, 'Feeds
served by st.App beside the app')."""

import streamlit as st

from eventmap.ui.routes import ROUTES

app = st.App("app.py", routes=ROUTES)
