"""Timeline playback on the map page: the state lives in eventmap.playback; the session only stores it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from eventmap import filters, playback
from eventmap.ui.data import Dataset, records
from eventmap.ui.widgets import DETAIL_ROWS, show_table

PLAYING_KEY, DAY_KEY, SCRIPT_RUN_KEY = "playing", "playback_day", "_script_run"


def _playback_state() -> playback.Playback:
    return playback.Playback(st.session_state.get(DAY_KEY), bool(st.session_state.get(PLAYING_KEY, False)))


def _keep_playback(state: playback.Playback) -> None:
    st.session_state[PLAYING_KEY] = state.playing
    if state.day is not None:
        st.session_state[DAY_KEY] = state.day


def playback_controls(shown: pd.DataFrame) -> playback.Controls:
    """The playback row above the map (a toggle; mode, speed and Play once it is on); a full run of the page."""
    st.session_state[SCRIPT_RUN_KEY] = True  # a timer rerun of the map fragment alone finds no mark
    columns = st.columns([1.2, 1.4, 1.6, 1.2])
    on = columns[0].toggle("Timeline playback", key="playback")
    days = filters.days(shown) if on and len(shown) else []
    state = _playback_state().settled(days)
    _keep_playback(state)
    if not days:
        return playback.Controls([], None, None)
    mode = columns[1].radio("Show", filters.PLAYBACK_MODES, key="playback_mode", horizontal=True)
    speed = columns[2].select_slider("Speed", list(playback.SPEEDS), value=playback.DEFAULT_SPEED, key="playback_speed")
    columns[3].button(
        "⏸ Pause" if state.playing else "▶ Play",
        key="play_button",
        on_click=lambda: _keep_playback(_playback_state().toggled(days)),
    )
    return playback.Controls(days, mode, playback.interval_s(state, speed))


def playback_view(controls: playback.Controls, shown: pd.DataFrame, data: Dataset) -> tuple[pd.DataFrame, object]:
    """Inside the map fragment: step the day on a timer rerun, draw the day slider; the rows (of `shown`, rows of
    `data` with event_date) and the day shown."""
    if controls.mode is None:
        return shown, None
    if not st.session_state.pop(SCRIPT_RUN_KEY, False):
        _keep_playback(_playback_state().ticked(controls.days))
    day = st.select_slider("Day", controls.days, key=DAY_KEY, format_func=lambda d: d.strftime("%a %d %b %Y"))
    view = filters.playback_frame(shown, day, controls.mode)
    on_the_day = controls.mode == filters.PLAYBACK_MODES[0]
    st.markdown(playback.caption(day, len(view), on_the_day))
    today = view if on_the_day else filters.playback_frame(shown, day, filters.PLAYBACK_MODES[0])
    if len(today):
        show_table(records(data, today.head(DETAIL_ROWS))[["event_id_cnty", "category", "location", "notes"]])
    return view, day
