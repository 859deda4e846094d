"""Entry point: the navigation over the pages. Each page is layout only; the logic is in eventmap/."""

from pathlib import Path

import streamlit as st

from eventmap.ui.memory import collect_now_and_then
from eventmap.ui.navigation import pages

st.navigation(pages(Path(__file__).parent)).run()  # "Map" at "/", then /Timeline, /Events, ...
collect_now_and_then()  # closed sessions are freed by a full collection every 30 s, not after every run
