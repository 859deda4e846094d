"""A marker's tooltip text: one line per event (its date, category, deaths, notes and sources), shown as text."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from eventmap import formats, schema
from eventmap.fatalities import fatalities_labels


def _short(text: pd.Series, limit: int) -> pd.Series:
    text = text.astype(str)
    return text.where(text.str.len() <= limit, text.str.slice(0, limit - 1) + "…")


def _date_label(frame: pd.DataFrame) -> pd.Series:
    """'3 Dec 2023', or '≈ 27 Nov 2023 (within a week)' when the date is not exact."""
    day = pd.Series(formats.days(frame["event_date"]), index=frame.index)
    precision = frame["time_precision"].fillna(1).astype(int)
    approx = precision.map(schema.TIME_PRECISION_WORDS)
    return day.where(precision == 1, "≈ " + day + " (" + approx + ")")


def event_lines(shown: pd.DataFrame, source_names: Mapping[str, str], crowded: bool = False) -> pd.Series:
    """Each event's line of a tooltip: its date, category, deaths, notes and sources (shorter on a crowded map)."""
    note_chars, source_chars = (60, 30) if crowded else (100, 50)
    place_note = np.where(shown["geo_precision"].fillna(1) > 1, " (place approximate)", "")
    killed = fatalities_labels(shown)
    killed = killed.where(killed == "0", " · fatalities: " + killed).replace("0", "")  # said only when someone died
    return (
        _date_label(shown)
        + place_note
        + " · "
        + shown["category"].astype(str)
        + killed
        + " · "
        + _short(shown["notes"], note_chars)
        + " ["
        + _short(_named_sources(shown["source"], source_names), source_chars)
        + "]"
    )


def _named_sources(cells: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """Each tooltip line's sources by outlet and date (formats.source_names); an id not in the table as it is."""
    named = [
        ", ".join(names.get(part.strip(), part.strip()) for part in str(cell).split(schema.LIST_SEPARATOR))
        for cell in cells.tolist()
    ]
    return pd.Series(named, index=cells.index, dtype=object)
