"""Map page: where and when things happened, and how sure we are. Layout only; logic is in eventmap/."""

import streamlit as st

from eventmap import ui

with ui.page("Map", "Attacks on US forces and shipping") as view:  # the title fits one line at 1400 px
    controls = ui.playback_controls(view)

    @st.fragment(run_every=controls.run_every)
    def map_section() -> None:
        with st.container():  # what comes and goes above the map, in one slot: the map keeps its place (ui.page)
            day = ui.playback_day(controls, view)  # None when playback is off: the whole view
            map_data = view.map_data(day)
            if map_data.aggregated:
                ui.hexagon_note(map_data)
        chart, legend, reset = st.container(), *st.columns([6, 1])
        linked = ui.linked_event(view)  # the event a link named (?event=ID): the map opens on it, its record below
        camera = ui.map_view(view, reset, ui.event_camera(linked))  # fits the filters, not a playback day
        with legend:
            ui.density_legend(map_data)
            ui.legend(map_data.categories, *map_data.shapes)
            rtl = ui.rtl_toggle()  # offered only when the gazetteer has names in Arabic script
        with chart:
            described = ui.view_picture(view, day)  # what the map's image download draws around it
            picked = ui.event_map(
                view.deck(camera, day, rtl=rtl), key="map", height=560, filters=view.filters, picture=described
            )
        ui.alt_text(described)
        ui.offline_download(view, camera, day, described)
        if map_data.events_unplaced:
            ui.unplaced_note(map_data.unplaced_ids, map_data.events_unplaced)
        if map_data.events_country:
            ui.country_note(map_data.country_ids, map_data.events_country)
        ui.province_table(view)
        if picked:
            ui.forget_linked_event()
            st.subheader("Selected on the map")
            selected = view.picked(picked, day)
            if selected.empty:
                st.caption(ui.empty_pick_note(picked))
            ui.event_details(selected.head(ui.DETAIL_ROWS))
            if len(selected) > ui.DETAIL_ROWS:
                st.caption(
                    f"Showing {ui.DETAIL_ROWS} of {len(selected):,} events here; the Events page lists them all."
                )
        elif linked is not None:
            ui.linked_record(view, linked)
        else:
            st.caption("Hover a marker for a summary; click it for the full records with their source quotes.")

    map_section()
    ui.download(view, "csv", key="map_csv")
    ui.changes_note(view)  # below the map, so the map keeps its place when the note appears
    ui.feed_addresses(view)
