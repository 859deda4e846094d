"""Map page: where and when things happened, and how sure we are. Layout only; logic is in eventmap/."""

import streamlit as st

from eventmap import filters, mapview, ui

data, state, shown = ui.page_header("Map", "Attacks on US forces and shipping: Iraq, Syria, Red Sea")

SPEEDS = {"Slow (2 s a day)": 2.0, "Normal (1 s a day)": 1.0, "Fast (0.5 s a day)": 0.5}
controls = st.columns([1.2, 1.4, 1.6, 1.2])
playback = controls[0].toggle("Timeline playback", key="playback")
days = filters.days(shown) if playback and len(shown) else []
if playback and days:
    mode = controls[1].radio("Show", filters.PLAYBACK_MODES, key="playback_mode", horizontal=True)
    speed = controls[2].select_slider("Speed", list(SPEEDS), value="Normal (1 s a day)", key="playback_speed")
    playing = st.session_state.get("playing", False)
    if controls[3].button("⏸ Pause" if playing else "▶ Play", key="play_button"):
        playing = not playing
        if playing and st.session_state.get("playback_day") == days[-1]:
            st.session_state["playback_day"] = days[0]
        st.session_state["playing"] = playing
    if st.session_state.get("playback_day") not in days:
        st.session_state["playback_day"] = days[0]
    run_every = SPEEDS[speed] if playing else None
else:
    st.session_state["playing"] = False
    mode, run_every = None, None


@st.fragment(run_every=run_every)
def map_section() -> None:
    view, day = shown, None
    if mode is not None:
        ui.step_playback(days)
        day = st.select_slider("Day", days, key="playback_day", format_func=lambda d: d.strftime("%a %d %b %Y"))
        view = filters.playback_frame(shown, day, mode)
        st.markdown(f"**{day:%A %d %B %Y}** — {len(view):,} event(s) {'on this day' if mode == filters.PLAYBACK_MODES[0] else 'up to this day'}")
        today = filters.playback_frame(shown, day, filters.PLAYBACK_MODES[0])
        if len(today):
            ui.show_table(today[["event_id_cnty", "category", "location", "notes"]].head(ui.DETAIL_ROWS))
    map_data = ui.map_data(data, state, view, day, mode or "")
    if map_data.aggregated:
        st.info(f"Aggregated: {map_data.events_drawn:,} events drawn as {len(map_data.markers):,} grid cells of "
                f"{map_data.cell_deg:g}°, more places than the map draws one by one ({mapview.POINT_BUDGET:,}). "
                "Narrow the filters to see single events.", icon="🧮")
    selection = st.pydeck_chart(mapview.build_deck(map_data), on_select="rerun", selection_mode="single-object",
                                key="map", height=560)
    ui.legend(mapview.categories_drawn(map_data))
    if map_data.events_unplaced:
        unplaced = view[view["latitude"].isna()]
        ui.say("caption", f"{map_data.events_unplaced} event(s) have no reported place and are not on the map: "
               + ", ".join(unplaced["event_id_cnty"].astype(str).head(20)) + " (see the Events page).")
    picked = mapview.selected_keys(selection)
    if picked:
        st.subheader("Selected on the map")
        selected = mapview.events_at(view, picked)
        if selected.empty:
            st.caption("That marker is an aggregated cell: narrow the filters to see its single events.")
        ui.event_details(selected.head(ui.DETAIL_ROWS))
        if len(selected) > ui.DETAIL_ROWS:
            st.caption(f"Showing {ui.DETAIL_ROWS} of {len(selected):,} events here; the Events page lists them all.")
    else:
        st.caption("Hover a marker for a summary; click it for the full records with their source quotes.")


ui.mark_script_run()
map_section()
ui.csv_download(shown, state, key="map_csv")
