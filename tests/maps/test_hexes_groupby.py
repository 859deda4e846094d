"""Hexagons: each hexagon's count, first and last day and dominant category, as a plain pandas group-by of the
same events by their H3 cell works them out (the reference below), for any events."""

from __future__ import annotations

import numpy as np
import pandas as pd
from h3.api import basic_int as h3
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap import schema
from eventmap.maps import hexes

CATEGORY = pd.CategoricalDtype(schema.CATEGORIES)


def events(rows: list[tuple[float, float, int, int]]) -> pd.DataFrame:
    lat, lon, day, category = zip(*rows)
    return pd.DataFrame(
        {
            "latitude": lat,
            "longitude": lon,
            "event_date": pd.to_datetime("2023-10-17") + pd.to_timedelta(day, unit="D"),
            "category": pd.Categorical.from_codes(category, dtype=CATEGORY),
            "geo_precision": 1,
        }
    )


def by_group_by(frame: pd.DataFrame, res: int) -> pd.DataFrame:
    """The reference: H3 asked for every event, pandas' own group-by, the dominant category by counts (a tie: the
    one listed first)."""
    cells = [h3.latlng_to_cell(lat, lon, res) for lat, lon in zip(frame["latitude"], frame["longitude"])]
    keyed = frame.assign(cell=cells)
    grouped = keyed.groupby("cell", sort=False).agg(
        count=("category", "size"), first=("event_date", "min"), last=("event_date", "max")
    )
    tally = keyed.groupby(["cell", "category"], observed=False).size().unstack()[list(schema.CATEGORIES)]
    grouped["category"] = tally.idxmax(axis=1).reindex(grouped.index)  # idxmax: the first of equal counts
    return grouped.reset_index()


row = st.tuples(st.floats(12, 38), st.floats(32, 60), st.integers(0, 400), st.integers(0, len(schema.CATEGORIES) - 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=60), st.integers(1, 60))
def test_hexagons_are_what_a_group_by_makes_of_the_events(rows, budget):
    frame = events(rows)
    cells, res, apart = hexes.hexagon_markers(frame, budget)
    expected = by_group_by(frame, res)
    assert apart == 0 and res in hexes.RESOLUTIONS
    assert len(cells) <= budget or res == hexes.RESOLUTIONS[-1], "coarser until the hexagons fit the budget"
    assert cells["cell"].tolist() == expected["cell"].tolist()
    assert cells["count"].tolist() == expected["count"].tolist() and cells["count"].sum() == len(frame)
    assert cells["first"].tolist() == expected["first"].tolist()
    assert cells["last"].tolist() == expected["last"].tolist()
    assert cells["category"].astype(str).tolist() == expected["category"].astype(str).tolist()
    centres = [h3.cell_to_latlng(cell) for cell in cells["cell"].tolist()]
    assert np.allclose(cells[["latitude", "longitude"]], centres, rtol=0, atol=1e-9), "drawn at its centre"
    assert (cells["key"] == -1).all(), "a hexagon is not a place a click can list"


def test_a_hexagon_says_how_many_events_of_which_kind_and_when():
    frame = events([(33.31, 44.36, 0, 1), (33.32, 44.37, 47, 0), (33.33, 44.38, 2, 0), (15.0, 42.0, 5, 2)])
    cells, _, _ = hexes.hexagon_markers(frame, 10)
    assert cells["title"].tolist() == ["3 events in this hexagon", "1 event in this hexagon"]
    assert cells["body"].tolist() == [
        "Mostly Attack, 17 Oct 2023 – 3 Dec 2023",  # as formats.day writes a day
        "Mostly Interception, 22 Oct 2023 – 22 Oct 2023",
    ]


def test_a_tie_goes_to_the_category_listed_first():
    tie = events([(30.0, 50.0, 0, 3), (30.0, 50.0, 1, 1)])
    assert hexes.hexagon_markers(tie, 10)[0]["category"].tolist() == [schema.CATEGORIES[1]]
