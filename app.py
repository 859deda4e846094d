"""Entry point: the navigation over the pages. Each page is layout only; the logic is in eventmap/."""

from pathlib import Path

import streamlit as st

from eventmap.ui.navigation import pages

st.navigation(pages(Path(__file__).parent)).run()  # "Map" at "/", then /Timeline, /Events, ...
