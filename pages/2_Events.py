"""Events page: the filtered rows as a table, and downloads of exactly those rows."""

import streamlit as st

from eventmap import export, ui

with ui.page("Events") as (data, state):
    columns = st.columns(len(export.FORMATS) + 1)
    for column, kind in zip(columns, export.FORMATS):
        with column:
            ui.download(data, state, kind, key=f"events_{kind}")
    columns[-1].caption(
        "CSV and GeoJSON hold every column, provenance included (source, quote, conflicts); the ACLED "
        "format holds ACLED's 31 columns only. Cells that a spreadsheet would run as a formula are prefixed "
        "with '."
    )
    table = ui.first_rows(data, state, ui.TABLE_ROWS)  # a table shows no more; the downloads copy every row
    ui.show_table(table[export.export_columns(table)], height=560)
    if (count := ui.count(data, state)) > ui.TABLE_ROWS:
        st.caption(f"The table shows the first {ui.TABLE_ROWS:,} rows; the downloads hold all {count:,}.")
