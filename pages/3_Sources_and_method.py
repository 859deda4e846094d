"""Sources and method: where every row comes from, what each column means, how sure the places are."""

import pandas as pd
import streamlit as st

from eventmap import schema, ui

with ui.page("Sources and method") as view:
    st.subheader("Sources")
    st.markdown(
        "Every curated event cites one or both reports by file name and carries a verbatim quote from it. "
        "The reports themselves are third-party news articles and are not shipped with the app."
    )
    ui.show_table(view.data.curated.sources)

    st.subheader("Precision codes")
    st.markdown(
        "Dates and places are coded as ACLED does, and the map shows both: approximate places are drawn as a "
        "translucent area of the place's size; approximate dates carry ≈ and their precision in the tooltip."
    )
    st.table(
        pd.DataFrame(
            {
                "code": list(schema.TIME_PRECISION_WORDS),
                "time_precision: the date is": list(schema.TIME_PRECISION_WORDS.values()),
                "geo_precision: the place is": list(schema.GEO_PRECISION_WORDS.values()),
            }
        )
    )

    st.subheader("Reported tallies")
    ui.show_table(view.data.curated.tallies)

    st.subheader("Data dictionary")
    st.dataframe(schema.data_dictionary(), hide_index=True, width="stretch")

    st.subheader("Places")
    ui.geocoding_status(view)
