"""The naive Streamlit + pydeck events map, the baseline `python -m bench` measures the dashboard against.

The pattern of most tutorials: read the CSV under st.cache_data, filter with a sidebar multiselect, and send
every event as a ScatterplotLayer point through st.pydeck_chart on every rerun. No basemap tiles
(map_provider=None), which is fair to it: it sends and draws less than the dashboard's offline basemap.

    EVENTMAP_EVENTS=events.csv streamlit run bench/naive_app.py
"""

from __future__ import annotations

import os

import pandas as pd
import pydeck as pdk
import streamlit as st

from eventmap import schema

# The dashboard's colours by ACLED event type (the categories without a further rule), so both maps are found
# on screen the same way.
COLOURS = {
    kind: list(category.colour)
    for category in schema.CATEGORY_TABLE
    if category.precedence == 0
    for kind in category.event_types
}
POINT_COLUMNS = ["longitude", "latitude", "event_date", "event_type", "actor1", "location", "fatalities", "color"]
TOOLTIP = {"text": "{event_date}: {event_type}\n{actor1}\n{location}, {fatalities} fatalities"}


@st.cache_data
def read_events(path: str) -> pd.DataFrame:
    return pd.read_csv(path)


def filter_events(events: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    return events[events["country"].isin(countries)] if countries else events


def make_deck(events: pd.DataFrame) -> pdk.Deck:
    points = events.assign(color=events["event_type"].map(COLOURS))[POINT_COLUMNS]
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=points,
        get_position=["longitude", "latitude"],
        get_fill_color="color",
        get_radius=4000,
        radius_min_pixels=3,
        pickable=True,
    )
    view = pdk.ViewState(latitude=24.0, longitude=44.0, zoom=3.6)
    return pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None, tooltip=TOOLTIP)


def main() -> None:
    st.set_page_config(page_title="Naive events map", layout="wide")
    st.title("Events map (naive)")
    events = read_events(os.environ[schema.EVENTS_ENV])
    countries = st.sidebar.multiselect("Country", sorted(events["country"].dropna().unique()))
    shown = filter_events(events, countries)
    st.caption(f"{len(shown):,} of {len(events):,} events")
    st.pydeck_chart(make_deck(shown), height=560)


if __name__ == "__main__":  # `streamlit run` runs this file as __main__; the benchmark imports the functions
    main()
