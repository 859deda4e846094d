"""Briefing page: one step of a briefing at a time, the map large, for a room. Layout only; logic is in eventmap/."""

import streamlit as st

from eventmap import ui
from eventmap.ui import briefing as present

st.set_page_config(page_title="Briefing · Conflict event map", page_icon="🗺️", layout="wide")
dark = present.theme()
found = present.chosen()
if found is None:
    st.stop()
shown, index = found
step = shown.steps[index]
present.heading(shown, step)
present.step_buttons(index, len(shown.steps))
view, camera, day, pins, shapes = present.step_view(step)
deck = view.deck(camera, day, pins, projector=dark, shapes=shapes)
ui.map_chart(deck, key="briefing_map", height=620, transition_ms=present.FLIGHT_MS)  # flown from step to step
present.caption(step)
present.callouts(step)
present.step_event(view, step)
st.link_button("Leave the briefing for the full map at this view", present.leave_link(step, camera))
present.theme_toggle()
