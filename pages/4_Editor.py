"""Editor page: add, correct and retire events with their sources. Layout only; the desk is eventmap.curate."""

import streamlit as st

from eventmap.ui import editor

st.set_page_config(page_title="Editor · Conflict event map", page_icon="🗺️", layout="wide")
st.title("Editors' desk")
editor.desk_page()
