"""The Compare page's change map: one marker per place (or province) with events in either period, its legend,
and a caption of what it draws and what it leaves out."""

from __future__ import annotations

import streamlit as st

from eventmap import compare, compare_map
from eventmap.ui.deckmap import map_chart
from eventmap.ui.view import View
from eventmap.ui.widgets import change_legend


def change_map(view: View, a: compare.Period, b: compare.Period, by: str) -> None:
    """The change map: one marker per place (or province) with events in either period, and what it leaves out."""
    deck, drawn, places, apart = view.change_map(a, b, by)
    if not drawn:
        if apart:
            st.caption(f"No change map: none of the {apart:,} events in A or B has a named place with coordinates.")
        return
    change_legend(compare_map.legend())
    map_chart(deck, key=f"compare_map_{by}", height=480)
    where = (
        "a place at the mean point of its events"
        if by == "location"
        else "a province at the centre of its events, not as its boundary (no boundaries are shipped)"
    )
    left_out = (
        f" {apart:,} events are not drawn: placed only to a region or a country or not named at this level "
        "(counted apart in the table), or with no coordinates."
        if apart
        else ""
    )
    most = (
        f" The {drawn:,} with the most events of {places:,} are drawn; the table lists all." if places > drawn else ""
    )
    st.caption(f"{drawn:,} markers, each {where}; sized by the larger of its counts in A and B.{most}{left_out}")
