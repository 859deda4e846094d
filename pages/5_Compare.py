"""Compare page: two periods of the filtered events by province or place, with ACLED's change levels."""

import datetime as dt

import streamlit as st

from eventmap import compare, filters, ui

BY = {"Province (admin1)": "admin1", "Place": "location"}
WIDEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # a date widget refuses days outside its bounds


def period(label: str, default: compare.Period, key: str) -> compare.Period | None:
    days = st.date_input(label, (default.start, default.end), *WIDEST, key=key)
    if not isinstance(days, tuple) or len(days) != 2:
        st.caption("Pick the last day of the period as well.")
        return None
    return compare.Period(*days)


with ui.page("Compare") as view:
    first, last = filters.data_range(view.rows(("event_date",)))
    choices = compare.presets(view.data.curated.periods, first, last)
    preset = st.radio("Periods", list(choices), horizontal=True, key="compare_preset")
    by = BY[st.radio("By", list(BY), horizontal=True, key="compare_by")]
    left, right = st.columns(2)
    with left:
        a = period("Period A (days included)", choices[preset][0], key=f"compare_a_{preset}")
    with right:
        b = period("Period B (days included)", choices[preset][1], key=f"compare_b_{preset}")
    if a is not None and b is not None:
        table = compare.as_text(view.compare(a, b, by))
        st.text("\n".join(compare.summary(table)) or "No events in either period within the filters.")
        ui.change_map(view, a, b, by)
        ui.show_table(table)
        st.caption(
            f"Within the sidebar's filters. Levels (ACLED's Conflict Change Map): {compare.levels_text()}. Events "
            f"placed only to a region or a country, or not named at this level, are counted apart "
            f"('{compare.APART}'), never spread into provinces."
        )
        st.download_button(
            "Download this table as CSV",
            lambda: compare.csv_bytes(table),
            file_name=f"compare_{by}_{a.start}_{a.end}_vs_{b.start}_{b.end}.csv",
            mime="text/csv",
            key="compare_csv",
            on_click="ignore",  # docs/decisions.md, 'A download asks for its file without a rerun'
        )
