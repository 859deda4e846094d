"""Timeline page: daily counts, the ceasefire, and the curated events against the reported tallies."""

import streamlit as st

from eventmap import charts, ui

with ui.page("Timeline") as view:
    curated = view.data.curated
    field = charts.SPLITS[st.radio("Colour by", list(charts.SPLITS), horizontal=True, key="timeline_split")]
    counts, described = view.timeline(field)
    selection = st.altair_chart(
        charts.timeline_chart(counts, curated.periods, field), on_select="rerun", key="timeline", width="stretch"
    )
    st.caption(
        "Drag across the chart to set the date filter. Shaded: "
        + ui.escape_markdown(charts.periods_phrase(curated.periods))
    )
    brushed = charts.brushed_dates(selection)
    if brushed:
        ui.set_dates(view, brushed[0].date(), brushed[1].date())

    st.subheader("Described events against reported tallies")
    st.altair_chart(charts.tally_chart(described, curated.tallies), width="stretch")
    headline = charts.headline_tally(curated.tallies)
    example = f" (blue: for example {ui.escape_markdown(headline)})" if headline else " (blue)"
    st.markdown(
        f"The reports give **totals**{example} but describe only **{charts.total(described)}** of those attacks "
        "one by one (red "
        "line, within the current filters). The dataset holds only what the sources describe, so the line stays far "
        "below the totals: a reported total is kept as a total and never expanded into invented events."
    )
    ui.show_table(curated.tallies)
