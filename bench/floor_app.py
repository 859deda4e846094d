"""The floor: a bare Streamlit page with ten pydeck points and no basemap, the least a Streamlit + pydeck map page
costs; the benchmark reports the dashboard as a ratio to it (docs/decisions.md, 'Measured against a floor page').

The points carry the dashboard's category colours, so the one detector finds them. The sidebar multiselect
filters nothing, but its choice is part of the layer's id: deck.gl builds the layer again and draws a new frame,
the least a filter change can cost.

    streamlit run bench/floor_app.py
"""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from eventmap import schema

PLACES = (  # ten points round the theatre: (name, latitude, longitude)
    ("Baghdad", 33.31, 44.37),
    ("Erbil", 36.19, 44.01),
    ("Ain al-Asad", 33.79, 42.44),
    ("Deir ez-Zor", 35.34, 40.14),
    ("Al-Tanf", 33.50, 38.62),
    ("Sanaa", 15.37, 44.19),
    ("Al Hudaydah", 14.80, 42.95),
    ("Gaza", 31.50, 34.47),
    ("Bint Jbeil", 33.12, 35.43),
    ("Gulf of Aden", 12.50, 47.00),
)
THEATRES = ("Iraq", "Syria", "Yemen", "Red Sea")


def points() -> list[dict]:
    colours = list(schema.CATEGORY_COLOURS.values())
    return [
        {"name": name, "position": [lon, lat], "colour": list(colours[i % len(colours)])}
        for i, (name, lat, lon) in enumerate(PLACES)
    ]


def deck(chosen: list[str]) -> pdk.Deck:
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=points(),
        id="points-" + "-".join(chosen),
        get_position="position",
        get_fill_color="colour",
        get_radius=30_000,
        radius_min_pixels=8,
    )
    view = pdk.ViewState(latitude=26.0, longitude=42.0, zoom=4.2)
    return pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None, tooltip={"text": "{name}"})


def main() -> None:
    st.set_page_config(page_title="Floor", layout="wide")
    st.title("Ten points")
    chosen = st.sidebar.multiselect("Theatre", THEATRES)
    st.pydeck_chart(deck(chosen), height=560)


if __name__ == "__main__":
    main()
