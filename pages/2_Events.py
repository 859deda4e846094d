"""Events page: the filtered rows as a table, and downloads of exactly those rows."""

import streamlit as st

from eventmap import export, ui

data, state, shown = ui.page_header("Events")

columns = st.columns(3)
with columns[0]:
    ui.csv_download(shown, state, key="events_csv")
columns[1].download_button(f"Download these {len(shown):,} rows as GeoJSON", lambda: export.to_geojson_bytes(shown),
                           file_name=export.file_stem(shown, state) + ".geojson", mime="application/geo+json",
                           key="events_geojson")
columns[2].caption("Downloads hold every column, provenance included (source, quote, conflicts); cells that a "
                   "spreadsheet would run as a formula are prefixed with '.")
ui.show_table(shown[export.export_columns(shown)].head(ui.TABLE_ROWS), height=560)
if len(shown) > ui.TABLE_ROWS:
    st.caption(f"The table shows the first {ui.TABLE_ROWS:,} rows; the downloads hold all {len(shown):,}.")
