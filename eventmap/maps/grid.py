"""Grid cells: the markers of a view with more places than the map draws one by one (markers.POINT_BUDGET).

numpy over integer codes rather than a pandas group-by: a theatre of 200,000 events took 0.06 s that way, most
of the server's time for a new view (docs/decisions.md, 'Grid cells above the point budget').
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from eventmap import formats

GRID_STEPS_DEG = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 1.5, 2.0, 5.0)  # finest that fits


def cell_keys(located: pd.DataFrame, cell_deg: float) -> np.ndarray:
    """An integer per grid cell of cell_deg degrees."""
    row = np.floor((located["latitude"].to_numpy() + 90.0) / cell_deg).astype(np.int64)
    column = np.floor((located["longitude"].to_numpy() + 180.0) / cell_deg).astype(np.int64)
    return row * 100_000 + column


def grid_markers(located: pd.DataFrame, cell_deg: float) -> pd.DataFrame:
    """Counts per grid cell, drawn at the events' mean position, coloured by the cell's dominant category.
    Cells come in the order of their first event, as a group-by keeps them."""
    cell, cells = pd.factorize(cell_keys(located, cell_deg))
    n = len(cells)
    count = np.bincount(cell, minlength=n)
    day = located["event_date"].to_numpy().astype("datetime64[ms]").view(np.int64)  # validated: no NaT
    first, last = np.full(n, day.max()), np.full(n, day.min())
    np.minimum.at(first, cell, day)
    np.maximum.at(last, cell, day)
    markers = pd.DataFrame(
        {
            "latitude": np.bincount(cell, located["latitude"].to_numpy(float), n) / count,
            "longitude": np.bincount(cell, located["longitude"].to_numpy(float), n) / count,
            "count": count,
            "category": dominant_per_code(cell, n, located["category"]),
            "key": -1,  # a cell has no single place to show; the tooltip says to filter
            "precision": 1,
        }
    )
    span = formats.days(first.astype("datetime64[ms]")) + " – " + formats.days(last.astype("datetime64[ms]"))
    markers["title"] = [f"{number:,} event{'s' * (number != 1)} in a {cell_deg:g}° cell" for number in count.tolist()]
    markers["body"] = "Mostly " + markers["category"].astype(str) + ", " + span
    markers["first"], markers["last"] = first.astype("datetime64[ms]"), last.astype("datetime64[ms]")
    return markers


def dominant_per_code(group: np.ndarray, groups: int, category: pd.Series) -> pd.Categorical:
    """The most frequent category of each group numbered 0..groups-1 (a tie: the category listed first), by one
    count of (group, category) pairs; a group with no category has none."""
    values = category if isinstance(category.dtype, pd.CategoricalDtype) else category.astype("category")
    codes = values.cat.codes.to_numpy()
    known = codes >= 0
    kinds = len(values.cat.categories)
    table = np.bincount(group[known] * kinds + codes[known], minlength=groups * kinds).reshape(groups, kinds)
    return pd.Categorical.from_codes(np.where(table.any(axis=1), table.argmax(axis=1), -1), dtype=values.dtype)
