"""Grid cells: each cell's count, mean position, first and last day and dominant category, as a plain pandas
group-by of the same events works them out (the reference below), for any events."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap import schema
from eventmap.maps import grid

CATEGORY = pd.CategoricalDtype(schema.CATEGORIES)


def events(rows: list[tuple[float, float, int, int]]) -> pd.DataFrame:
    lat, lon, day, category = zip(*rows)
    return pd.DataFrame(
        {
            "latitude": lat,
            "longitude": lon,
            "event_date": pd.to_datetime("2023-10-17") + pd.to_timedelta(day, unit="D"),
            "category": pd.Categorical.from_codes(category, dtype=CATEGORY),
        }
    )


def by_group_by(frame: pd.DataFrame, cell_deg: float) -> pd.DataFrame:
    """The reference: pandas' own group-by, the dominant category by counts (a tie: the one listed first)."""
    keyed = frame.assign(cell=grid.cell_keys(frame, cell_deg))
    cells = keyed.groupby("cell", sort=False).agg(
        latitude=("latitude", "mean"),
        longitude=("longitude", "mean"),
        count=("category", "size"),
        first=("event_date", "min"),
        last=("event_date", "max"),
    )
    tally = keyed.groupby(["cell", "category"], observed=False).size().unstack()[list(schema.CATEGORIES)]
    cells["category"] = tally.idxmax(axis=1).reindex(cells.index)  # idxmax: the first of equal counts
    return cells.reset_index(drop=True)


row = st.tuples(st.floats(12, 38), st.floats(32, 60), st.integers(0, 400), st.integers(0, len(schema.CATEGORIES) - 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=60), st.sampled_from(grid.GRID_STEPS_DEG))
def test_grid_cells_are_what_a_group_by_makes_of_the_events(rows, cell_deg):
    frame = events(rows)
    cells, expected = grid.grid_markers(frame, cell_deg), by_group_by(frame, cell_deg)
    assert cells["count"].tolist() == expected["count"].tolist() and cells["count"].sum() == len(frame)
    assert np.allclose(cells[["latitude", "longitude"]], expected[["latitude", "longitude"]], rtol=0, atol=1e-9)
    assert cells["first"].tolist() == expected["first"].tolist()
    assert cells["last"].tolist() == expected["last"].tolist()
    assert cells["category"].astype(str).tolist() == expected["category"].astype(str).tolist()
    assert (cells["key"] == -1).all(), "a cell is not a place a click can list"


def test_a_cell_says_how_many_events_of_which_kind_and_when():
    frame = events([(33.31, 44.36, 0, 1), (33.32, 44.37, 47, 0), (33.33, 44.38, 2, 0), (15.0, 42.0, 5, 2)])
    cells = grid.grid_markers(frame, 0.5)
    assert cells["title"].tolist() == ["3 events in a 0.5° cell", "1 event in a 0.5° cell"]
    assert cells["body"].tolist() == [
        "Mostly Attack, 17 Oct 2023 – 3 Dec 2023",  # as formats.day writes a day
        "Mostly Interception, 22 Oct 2023 – 22 Oct 2023",
    ]


def test_a_tie_goes_to_the_category_listed_first():
    tie = events([(30.0, 50.0, 0, 3), (30.0, 50.0, 1, 1)])
    assert grid.grid_markers(tie, 1.0)["category"].tolist() == [schema.CATEGORIES[1]]
