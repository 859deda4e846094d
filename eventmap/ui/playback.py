"""Timeline playback on the map page: the state lives in eventmap.playback; the session only stores it."""

from __future__ import annotations

import streamlit as st

from eventmap import formats, playback
from eventmap.filters import PLAYBACK_MODES, PlaybackDay
from eventmap.filters import days as playback_days
from eventmap.ui.view import View
from eventmap.ui.widgets import DETAIL_ROWS, show_table

PLAYING_KEY, DAY_KEY, SCRIPT_RUN_KEY = "playing", "playback_day", "_script_run"


def _playback_state() -> playback.Playback:
    return playback.Playback(st.session_state.get(DAY_KEY), bool(st.session_state.get(PLAYING_KEY, False)))


def _keep_playback(state: playback.Playback) -> None:
    st.session_state[PLAYING_KEY] = state.playing
    if state.day is not None:
        st.session_state[DAY_KEY] = state.day


def playback_controls(view: View) -> playback.Controls:
    """The playback row above the map (a toggle; mode, speed and Play once it is on); a full run of the page."""
    st.session_state[SCRIPT_RUN_KEY] = True  # a timer rerun of the map fragment alone finds no mark
    columns = st.columns([1.2, 1.4, 1.6, 1.2])
    on = columns[0].toggle("Timeline playback", key="playback")
    rows = view.frame()
    days = playback_days(rows) if on and len(rows) else []
    state = _playback_state().settled(days)
    _keep_playback(state)
    if not days:
        return playback.Controls([], None, None)
    mode = columns[1].radio("Show", PLAYBACK_MODES, key="playback_mode", horizontal=True)
    speed = columns[2].select_slider("Speed", list(playback.SPEEDS), value=playback.DEFAULT_SPEED, key="playback_speed")
    columns[3].button(
        "⏸ Pause" if state.playing else "▶ Play",
        key="play_button",
        on_click=lambda: _keep_playback(_playback_state().toggled(days)),
    )
    return playback.Controls(days, mode, playback.interval_s(state, speed))


def playback_day(controls: playback.Controls, view: View) -> PlaybackDay | None:
    """Inside the map fragment: step the day on a timer rerun, draw the day slider, say how many events the playback
    frame holds and list the day's own; the playback day (None when playback is off)."""
    if controls.mode is None:
        return None
    if not st.session_state.pop(SCRIPT_RUN_KEY, False):
        _keep_playback(_playback_state().ticked(controls.days))
    day = PlaybackDay(st.select_slider("Day", controls.days, key=DAY_KEY, format_func=formats.weekday), controls.mode)
    frame = view.frame(day)
    st.markdown(playback.caption(day.day, len(frame), day.day_only))
    today = frame if day.day_only else PlaybackDay(day.day).frame(frame)
    if len(today):
        show_table(view.records(today.index[:DETAIL_ROWS])[["event_id_cnty", "category", "location", "notes"]])
    return day
