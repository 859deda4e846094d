"""Entry point: the navigation over the pages. Each page is layout only; the logic is in eventmap/."""

import streamlit as st

PAGES = [
    st.Page("pages/0_Map.py", title="Map", default=True),  # served at "/"
    st.Page("pages/1_Timeline.py", title="Timeline", url_path="Timeline"),
    st.Page("pages/2_Events.py", title="Events", url_path="Events"),
    st.Page("pages/3_Sources_and_method.py", title="Sources and method", url_path="Sources_and_method"),
    st.Page("pages/4_Editor.py", title="Editor", url_path="Editor"),
]

st.navigation(PAGES).run()
