"""The Map page above the point budget: the hexagons' legend of counts, what they leave out, and the view's events
by province (admin1) beside the map (no province shapes are shipped: data/README.md, 'No province boundaries')."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from eventmap import provinces, schema
from eventmap.maps import hexes, markers
from eventmap.ui.view import View
from eventmap.ui.widgets import say, show_table

PROVINCE_ROWS = 200  # provinces listed; the download of the view holds every row


def density_classes(map_data: markers.MapData) -> list[tuple[str, schema.RGB]]:
    """The legend's classes of counts up to the densest hexagon's (none for a map of places)."""
    return hexes.legend_classes()[: hexes.top_class(map_data.markers) + 1]


def density_legend_html(classes: list[tuple[str, schema.RGB]]) -> str:
    """The counts' legend: each class's words on its colour, lightest (fewest events) first."""
    swatch = "display:inline-block;width:16px;height:14px;margin:0 4px 0 8px;vertical-align:middle;"
    items = [
        f"<span style='{swatch}background:{schema.css(colour)}' data-density='{html.escape(words)}'></span>"
        f"{html.escape(words)}"
        for words, colour in classes
    ]
    return "<div>Events per hexagon:" + "".join(items) + " · the mark at its centre: its most frequent category</div>"


def hexagon_note(map_data: markers.MapData) -> None:
    """Above the hexagons: what they stand for, and what they leave out."""
    res = map_data.resolution if map_data.resolution is not None else hexes.RESOLUTIONS[-1]
    apart = map_data.events_region + map_data.events_country
    left_out = f" {apart:,} events placed only to a region or country, not in the cells." if apart else ""
    st.info(
        f"Aggregated: {map_data.events_drawn:,} events drawn as {len(map_data.markers):,} hexagons about "
        f"{hexes.across_km(res):.0f} km across, more places than the map draws one by one "
        f"({markers.POINT_BUDGET:,}); the darker the hexagon, the more events.{left_out} "
        "Narrow the filters to see single events.",
        icon="🧮",
    )


@st.cache_resource(max_entries=16, show_spinner=False, hash_funcs={View: lambda view: repr(view.key)})
def _provinces(view: View) -> pd.DataFrame:
    return provinces.by_province(view.rows(provinces.COLUMNS))


def province_table(view: View) -> None:
    """The view's events and fatalities by province (admin1), the coarse places counted apart."""
    table = _provinces(view)
    apart = provinces.apart_count(table)
    with st.expander(f"Events by province (admin1): {int((table['placed'] == '').sum()):,} provinces"):
        show_table(table.head(PROVINCE_ROWS), key="provinces")
        say(
            "caption",
            f"Counts and fatalities of the events in this view by province, the most events first. {apart:,} "
            "events placed only to a region or country, or with no province, are counted apart, one row per "
            "country, never spread into provinces. No province shapes are shipped, so this is a table, not a map.",
        )


def density_legend(map_data: markers.MapData) -> None:
    """The counts' legend above the categories' when the map draws hexagons (markup escaped by
    density_legend_html)."""
    classes = density_classes(map_data)
    if classes:
        st.markdown(density_legend_html(classes), unsafe_allow_html=True)
