"""How the UI, the map and the files write dates: one function per style, so a day reads the same everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

DAY = "%-d %b %Y"  # 3 Dec 2023: the map, tooltips, captions, the timeline
WEEKDAY = "%a %-d %b %Y"  # Sun 3 Dec 2023: a day picked on its own (playback, the desk's date proposals)
ISO = "%Y-%m-%d"  # 2023-12-03: URLs, file names, CSV cells


def day(value: dt.date | pd.Timestamp) -> str:
    """'3 Dec 2023'."""
    return pd.Timestamp(value).strftime(DAY)


def weekday(value: dt.date | pd.Timestamp) -> str:
    """'Sun 3 Dec 2023'."""
    return pd.Timestamp(value).strftime(WEEKDAY)


def iso(value: dt.date | pd.Timestamp) -> str:
    """'2023-12-03'."""
    return pd.Timestamp(value).strftime(ISO)


def days(values: pd.Series | np.ndarray, style: str = DAY) -> np.ndarray:
    """Each value (dates, or datetime64) in `style`, formatting each distinct day once: a million strftime calls
    take about a second. Missing dates give ''."""
    stamps = pd.DatetimeIndex(np.asarray(values, dtype="datetime64[ns]")).normalize()
    distinct, where = np.unique(stamps.asi8, return_inverse=True)
    text = pd.DatetimeIndex(distinct).strftime(style).to_numpy(dtype=object)
    text[distinct == pd.NaT.value] = ""
    return text[where.reshape(-1)] if len(stamps) else np.empty(0, dtype=object)


def _outlet(outlet: object) -> str:
    return str(outlet or "").strip() or "no outlet"


def source_name(outlet: str, published: object) -> str:
    """A report as a reader names it: its outlet and publication day ("CNN, 5 Dec 2023"), never its file id."""
    outlet = _outlet(outlet)
    try:
        return f"{outlet}, {day(published)}"
    except (TypeError, ValueError):
        return outlet


def report_choices(rows: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """Each registered report as the desk lists it to pick from: title, outlet and publication date, by id."""
    return {
        str(row["source_id"]): f"{row.get('title', '')} ({_outlet(row.get('outlet'))}, {row.get('published', '')})"
        for row in rows
    }


def source_names(rows: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """Each source id of a sources table (rows with source_id, outlet, published) and its reader's name."""
    return {str(row["source_id"]): source_name(row.get("outlet", ""), row.get("published")) for row in rows}
