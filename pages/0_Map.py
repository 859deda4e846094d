"""Map page: where and when things happened, and how sure we are. Layout only; logic is in eventmap/."""

import streamlit as st

from eventmap import ui
from eventmap.maps import markers

with ui.page("Map", "Attacks on US forces and shipping") as (data, state):  # the title fits one line at 1400 px
    shown = ui.filtered(data, state, markers.MAP_COLUMNS)  # the map reads these columns only
    controls = ui.playback_controls(shown)

    @st.fragment(run_every=controls.run_every)
    def map_section() -> None:
        with st.container():  # what comes and goes above the map, in one slot: the map keeps its place (ui.page)
            view, day = ui.playback_view(controls, shown, data)
            map_data = ui.map_data(data, state, view, day, controls.mode or "")
            if map_data.aggregated:
                ui.aggregation_note(map_data)
        chart, legend, reset = st.container(), *st.columns([6, 1])
        view_state = ui.map_view(data, state, reset)  # fits the filters, not a playback day
        with chart:
            deck = ui.deck(data, state, map_data, view_state, day, controls.mode or "")
            picked = ui.map_chart(deck, key="map", height=560)
        with legend:
            ui.legend(map_data.categories, *map_data.shapes)
        if map_data.events_unplaced:
            ui.unplaced_note(map_data.unplaced_ids, map_data.events_unplaced)
        if picked:
            st.subheader("Selected on the map")
            selected = ui.records(data, markers.events_at(view, picked))
            if selected.empty:
                st.caption(ui.empty_pick_note(picked))
            ui.event_details(selected.head(ui.DETAIL_ROWS))
            if len(selected) > ui.DETAIL_ROWS:
                st.caption(
                    f"Showing {ui.DETAIL_ROWS} of {len(selected):,} events here; the Events page lists them all."
                )
        else:
            st.caption("Hover a marker for a summary; click it for the full records with their source quotes.")

    map_section()
    ui.download(data, state, "csv", key="map_csv")
