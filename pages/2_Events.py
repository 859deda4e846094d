"""Events page: the filtered rows as a table, and downloads of exactly those rows."""

import streamlit as st

from eventmap import export, ui

data, state = ui.page_header("Events")
shown = ui.filtered(data, state)

columns = st.columns(len(export.FORMATS) + 1)
for column, kind in zip(columns, export.FORMATS):
    with column:
        ui.download(data, state, kind, key=f"events_{kind}")
columns[-1].caption("CSV and GeoJSON hold every column, provenance included (source, quote, conflicts); the ACLED "
                    "format holds ACLED's 31 columns only. Cells that a spreadsheet would run as a formula are prefixed "
                    "with '.")
ui.show_table(shown[export.export_columns(shown)].head(ui.TABLE_ROWS), height=560)
if len(shown) > ui.TABLE_ROWS:
    st.caption(f"The table shows the first {ui.TABLE_ROWS:,} rows; the downloads hold all {len(shown):,}.")
