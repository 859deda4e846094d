"""Events page: the filtered rows as a table, and downloads of exactly those rows."""

import streamlit as st

from eventmap import export, ui

with ui.page("Events") as view:
    columns = st.columns(len(export.FORMATS) + 1)
    for column, kind in zip(columns, export.FORMATS):
        with column:
            ui.download(view, kind, key=f"events_{kind}")
    columns[-1].caption(
        "CSV and GeoJSON hold every column, provenance included (source, quote, conflicts); the ACLED "
        "format holds ACLED's 31 columns only. Cells that a spreadsheet would run as a formula are prefixed "
        "with '."
    )
    if note := view.acled_note():
        ui.say("caption", note)  # event ids are untrusted text: shown as text
    table = view.first_rows(ui.TABLE_ROWS)  # a table shows no more; the downloads copy every row
    ui.show_table(ui.with_links(table[export.export_columns(table)]), height=560)  # each row's link, as text
    if (count := view.count()) > ui.TABLE_ROWS:
        st.caption(f"The table shows the first {ui.TABLE_ROWS:,} rows; the downloads hold all {count:,}.")
