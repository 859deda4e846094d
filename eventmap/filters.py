"""What the user narrowed the view to, as a value that round-trips through the URL, and how to apply it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eventmap.maps.camera import CAMERA_PARAM
from eventmap.permalink import EVENT_PARAM
from eventmap.problems import show_value
from eventmap.schema import CHOICE_FILTER, CHOICE_FILTERS

CHOICE_PARAMS = tuple(f.key for f in CHOICE_FILTERS)  # URL keys of the multi-choice filters, sidebar order
DATE_PARAMS = ("start", "end")
TEXT_PARAM = "q"
# the camera: maps.camera.from_query; an event's link: permalink.from_query
KNOWN_PARAMS = (*DATE_PARAMS, *CHOICE_PARAMS, TEXT_PARAM, CAMERA_PARAM, EVENT_PARAM)
MAX_TEXT = 200  # characters of the search text
MAX_URL_VALUES = 1000  # URL parameter values read; Streamlit itself drops a query string of more than 1,000

Choices = tuple[tuple[str, tuple[str, ...]], ...]  # (URL parameter, chosen values), by parameter


@dataclass(frozen=True)
class Filters:
    """What a user narrowed the view to. A hashable value: equal filters are one cache key (ui.View).

    `choices` may be given as a mapping (URL parameter -> chosen values); it is kept as a sorted tuple of pairs,
    the values in the order chosen and a parameter with none left out."""

    start: dt.date | None = None
    end: dt.date | None = None
    choices: Choices | Mapping[str, Sequence[str]] = ()
    text: str = ""

    def __post_init__(self) -> None:
        pairs = self.choices.items() if isinstance(self.choices, Mapping) else self.choices
        object.__setattr__(self, "choices", tuple(sorted((str(k), tuple(v)) for k, v in pairs if v)))

    def chosen(self, param: str) -> tuple[str, ...]:
        return dict(self.choices).get(param, ())


def _values(column: pd.Series) -> set[str]:
    values = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column.unique()
    return {str(v) for v in values}


def options(frame: pd.DataFrame, param: str) -> list[str]:
    """The values a user can choose for one filter, from the data itself (any of the filter's columns)."""
    found: set[str] = set()
    for column in CHOICE_FILTER[param].columns:
        found |= _values(frame[column])
    return sorted(found - {""})


def mask(frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which rows the filters keep, as a boolean array in the frame's order. Every test is a vectorised mask."""
    kept = np.ones(len(frame), dtype=bool)
    if filters.start is not None:
        kept &= (frame["event_date"] >= pd.Timestamp(filters.start)).to_numpy()
    if filters.end is not None:
        kept &= (frame["event_date"] <= pd.Timestamp(filters.end)).to_numpy()
    for param, values in filters.choices:
        hit = np.zeros(len(frame), dtype=bool)
        for column in CHOICE_FILTER[param].columns:
            hit |= _is_in(frame[column], values)
        kept &= hit
    if filters.text.strip():
        needle = filters.text.strip()
        hit = np.zeros(len(frame), dtype=bool)
        for column in ("notes", "location", "source_quote"):
            hit |= frame[column].astype(str).str.contains(needle, case=False, regex=False).to_numpy()
        kept &= hit
    return kept


def _is_in(column: pd.Series, values: Sequence[str]) -> np.ndarray:
    """Whether each cell is one of values. A category column is tested by its codes, one look-up per row
    (Series.isin took 9 ms of a million rows' theatre)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        wanted = np.append(column.cat.categories.isin(values), False)  # code -1, a missing cell: the last, False
        return wanted[column.cat.codes.to_numpy()]
    return column.isin(values).to_numpy()


def rows(frame: pd.DataFrame, kept: np.ndarray, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The kept rows of a frame (a mask from `mask`), of every column or only `columns`, in the frame's order."""
    picked = frame if columns is None else frame[list(columns)]
    return picked if kept.all() else picked[kept]


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows the filters keep, in the frame's order."""
    return rows(frame, mask(frame, filters))


def data_range(frame: pd.DataFrame) -> tuple[dt.date, dt.date]:
    dates = frame["event_date"].dropna()
    if dates.empty:
        today = dt.date.today()
        return today, today
    return dates.min().date(), dates.max().date()


def ceasefire(periods: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The ceasefire row of periods.csv as its first and last day, or None when the dataset names none."""
    ceasefire = periods.loc[periods["period_id"] == "ceasefire"]
    return None if ceasefire.empty else (ceasefire["start"].iloc[0].date(), ceasefire["end"].iloc[0].date())


Range = tuple[dt.date, dt.date]
# Each date preset: its name in the sidebar -> the range it wants, from the data's first and last day and the
# ceasefire (None when periods.csv has none: then the whole period). Sidebar order.
PRESETS: dict[str, Callable[[dt.date, dt.date, Range | None], Range]] = {
    "Whole period": lambda first, last, ceasefire: (first, last),
    "Before the ceasefire": lambda first, last, ceasefire: (
        (first, ceasefire[0] - dt.timedelta(days=1)) if ceasefire else (first, last)
    ),
    "During the ceasefire": lambda first, last, ceasefire: ceasefire or (first, last),
    "After the ceasefire": lambda first, last, ceasefire: (
        (ceasefire[1] + dt.timedelta(days=1), last) if ceasefire else (first, last)
    ),
    "Last 7 days of data": lambda first, last, ceasefire: (last - dt.timedelta(days=6), last),
}


def preset_dates(name: str, frame: pd.DataFrame, periods: pd.DataFrame) -> tuple[tuple[dt.date, dt.date], str | None]:
    """A preset's range clamped to the data's days (a date widget refuses any other), and a notice when the
    data has no day in it: then the whole range is kept, never an inverted or empty one."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}")
    first, last = data_range(frame)
    start, end = PRESETS[name](first, last, ceasefire(periods))
    start, end = max(start, first), min(end, last)
    if start > end:
        return (first, last), (
            f"The data ({first} to {last}) has no events {name.lower()}: showing the whole period instead."
        )
    return (start, end), None


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _limited(params: Mapping[str, Sequence[str]], notices: list[str]) -> dict[str, list[str]]:
    """At most MAX_URL_VALUES values are read (a longer link is cut with a notice); unknown keys said once."""
    kept: dict[str, list[str]] = {}
    total = 0
    for key, values in params.items():
        values = [str(v) for v in (values if isinstance(values, (list, tuple)) else [values])]
        room = MAX_URL_VALUES - total
        if room <= 0:
            break
        kept[str(key)] = values[:room]
        total += len(kept[str(key)])
    count = sum(len(v) if isinstance(v, (list, tuple)) else 1 for v in params.values())
    if count > MAX_URL_VALUES:
        notices.append(f"The link has {count:,} parameter values; only the first {MAX_URL_VALUES:,} were read.")
    unknown = [key for key in kept if key not in KNOWN_PARAMS]
    if len(unknown) == 1:
        notices.append(f"Ignored unknown URL parameter {show_value(unknown[0])}.")
    elif unknown:
        shown = ", ".join(show_value(key) for key in unknown[:5])
        notices.append(f"Ignored {len(unknown):,} unknown URL parameters: {shown}{', …' if len(unknown) > 5 else ''}.")
    return kept


def _choices(
    params: Mapping[str, Sequence[str]], frame: pd.DataFrame, notices: list[str]
) -> dict[str, tuple[str, ...]]:
    choices: dict[str, tuple[str, ...]] = {}
    for param in CHOICE_PARAMS:
        values = [v for v in params.get(param, []) if v != ""]
        if not values:
            continue
        known = set(options(frame, param))
        kept = tuple(dict.fromkeys(v for v in values if v in known))
        unknown = [v for v in values if v not in known]
        if unknown:
            shown = ", ".join(repr(v[:40]) for v in unknown[:5])
            notices.append(f"Ignored {param}={shown}: no such value in the data.")
        if kept:
            choices[param] = kept
    return choices


def from_query(params: Mapping[str, Sequence[str]], frame: pd.DataFrame) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; whatever is invalid or unknown is ignored and said in a notice."""
    notices: list[str] = []
    params = _limited(params, notices)
    dates: dict[str, dt.date | None] = {}
    for key in DATE_PARAMS:
        values = list(params.get(key, []))
        dates[key] = _parse_date(values[-1]) if values else None
        if values and dates[key] is None:
            notices.append(f"Ignored {key}={values[-1][:40]!r}: not a date (use YYYY-MM-DD).")
    if dates["start"] and dates["end"] and dates["start"] > dates["end"]:
        notices.append(f"Ignored start={dates['start']} and end={dates['end']}: start is after end.")
        dates = {"start": None, "end": None}
    choices = _choices(params, frame, notices)
    text_values = list(params.get(TEXT_PARAM, []))
    text = text_values[-1] if text_values else ""
    if len(text) > MAX_TEXT:
        notices.append(
            f"Search text cut to its first {MAX_TEXT} characters (it had {len(text):,}): "
            f"a search may have at most {MAX_TEXT} characters."
        )
        text = text[:MAX_TEXT]
    return Filters(dates["start"], dates["end"], choices, text), notices


def to_query(filters: Filters) -> dict[str, list[str]]:
    """URL parameters for a filter state: a link that reproduces the view."""
    query: dict[str, list[str]] = {}
    if filters.start:
        query["start"] = [filters.start.isoformat()]
    if filters.end:
        query["end"] = [filters.end.isoformat()]
    for param in CHOICE_PARAMS:
        if filters.chosen(param):
            query[param] = list(filters.chosen(param))
    if filters.text:
        query[TEXT_PARAM] = [filters.text]
    return query


def describe(filters: Filters) -> str:
    """One line saying what the view is narrowed to, for captions and file names' readers."""
    parts = []
    if filters.start or filters.end:
        parts.append(f"{filters.start or '…'} to {filters.end or '…'}")
    for param in CHOICE_PARAMS:
        if filters.chosen(param):
            parts.append(f"{param}: {', '.join(filters.chosen(param))}")
    if filters.text:
        parts.append(f"text: {filters.text!r}")
    return "; ".join(parts) or "no filters"


PLAYBACK_MODES = ("This day only", "Up to this day")


def playback_frame(frame: pd.DataFrame, day: dt.date, mode: str) -> pd.DataFrame:
    """The events a playback step shows: those of the day, or all up to and including it."""
    day_ts = pd.Timestamp(day)
    if mode == PLAYBACK_MODES[0]:
        return frame[frame["event_date"] == day_ts]
    return frame[frame["event_date"] <= day_ts]


@dataclass(frozen=True)
class PlaybackDay:
    """One step of the timeline playback: its day, and whether the days before it are drawn too (the mode). A
    hashable value: the playback frame of a view and its map are cached under it (ui.View)."""

    day: dt.date
    mode: str = PLAYBACK_MODES[0]

    @property
    def day_only(self) -> bool:
        return self.mode == PLAYBACK_MODES[0]

    def frame(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The playback frame: the rows (with event_date) this step draws."""
        return playback_frame(rows, self.day, self.mode)


def days(frame: pd.DataFrame) -> list[dt.date]:
    """Every calendar day from the first to the last event, quiet days included."""
    first, last = data_range(frame)
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
