"""Events page: the filtered rows as a table, and downloads of exactly those rows."""

import streamlit as st

from eventmap import export, ui

data, state, shown = ui.page_header("Events")

columns = st.columns(4)
with columns[0]:
    ui.csv_download(shown, state, key="events_csv")
columns[1].download_button(f"Download these {len(shown):,} rows as GeoJSON", lambda: export.to_geojson_bytes(shown),
                           file_name=export.file_stem(shown, state) + ".geojson", mime="application/geo+json",
                           key="events_geojson")
columns[2].download_button(f"Download these {len(shown):,} rows in ACLED format", lambda: export.to_acled_csv_bytes(shown),
                           file_name=export.file_stem(shown, state) + "_acled.csv", mime="text/csv", key="events_acled")
columns[3].caption("CSV and GeoJSON hold every column, provenance included (source, quote, conflicts); the ACLED "
                   "format holds ACLED's 31 columns only. Cells that a spreadsheet would run as a formula are prefixed with '.")
ui.show_table(shown[export.export_columns(shown)].head(ui.TABLE_ROWS), height=560)
if len(shown) > ui.TABLE_ROWS:
    st.caption(f"The table shows the first {ui.TABLE_ROWS:,} rows; the downloads hold all {len(shown):,}.")
