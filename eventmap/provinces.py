"""The view's events by province (admin1): counts and fatalities, what the map offers beside its hexagons.

No province shapes are shipped (data/README.md, 'No province boundaries'), so the provinces are a table, not a
choropleth. Events placed only to a region or a country, or with no admin1, are counted apart in one row per
country, as the comparison of two periods counts them (eventmap.compare): spreading them over provinces would
invent where they happened.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from eventmap import compare

COLUMNS = compare.COLUMNS  # what the table reads of the view's rows
WHOLE = compare.Period(dt.date.min, dt.date.max)  # every day: the view's rows are already filtered


def by_province(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (country, admin1) with events, the most events first; then per country the events counted
    apart (`placed` says so). Columns: country, admin1, placed, events, fatalities."""
    table = compare.compare(frame, WHOLE, WHOLE, "admin1")
    table = table.rename(columns={"events_a": "events", "fatalities_a": "fatalities"})
    table = table[["country", "admin1", "placed", "events", "fatalities"]]
    order = table.assign(_apart=table["placed"] != "").sort_values(
        ["_apart", "events", "country", "admin1"], ascending=[True, False, True, True], kind="stable"
    )
    return order.drop(columns="_apart").reset_index(drop=True)


def apart_count(table: pd.DataFrame) -> int:
    """The events the table counts apart from the provinces."""
    return int(table.loc[table["placed"] != "", "events"].sum())
