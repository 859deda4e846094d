"""Timeline page: daily counts, the ceasefire, and the curated events against the reported tallies."""

import streamlit as st

from eventmap import charts, ui

with ui.page("Timeline") as (data, state):
    field = charts.SPLITS[st.radio("Colour by", list(charts.SPLITS), horizontal=True, key="timeline_split")]
    counts, described = ui.timeline_data(data, state, field)
    selection = st.altair_chart(
        charts.timeline_chart(counts, data.curated.periods, field), on_select="rerun", key="timeline", width="stretch"
    )
    st.caption(
        "Drag across the chart to set the date filter. Shaded: "
        + ui.escape_markdown(charts.periods_phrase(data.curated.periods))
    )
    brushed = charts.brushed_dates(selection)
    if brushed:
        ui.set_dates(state, brushed[0].date(), brushed[1].date())

    st.subheader("Described events against reported tallies")
    st.altair_chart(charts.tally_chart(described, data.curated.tallies), width="stretch")
    headline = charts.headline_tally(data.curated.tallies)
    example = f" (blue: for example {ui.escape_markdown(headline)})" if headline else " (blue)"
    st.markdown(
        f"The reports give **totals**{example} but describe only **{charts.total(described)}** of those attacks "
        "one by one (red "
        "line, within the current filters). The dataset holds only what the sources describe, so the line stays far "
        "below the totals: a reported total is kept as a total and never expanded into invented events."
    )
    ui.show_table(data.curated.tallies)
