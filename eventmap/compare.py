"""Two periods side by side, by province (admin1) or by place: counts, fatalities, the change and its level.

Events placed only to a region or a country (geo_precision 3), or with no name at the level compared (a blank
admin1 or location, or no place at all), are counted apart in one row per country: spreading them over provinces
would invent where they happened.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eventmap import export
from eventmap.filters import ceasefire
from eventmap.untrusted import terminal_text

BY = {"admin1": ("country", "admin1"), "location": ("country", "admin1", "location")}  # --by -> the place's key
APART = "placed only to a country/region"  # the `placed` cell of the rows counted apart
NEW = "new"  # the percent and the level of a place with no events in A and some in B
NO_COUNTRY = "(no country: at sea or unplaced)"  # the summary's name for events with a blank country
COLUMNS = ("event_date", "country", "admin1", "location", "geo_precision", "fatalities")  # what compare reads
WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class Level:
    """One of ACLED's change levels: the first level, highest first, whose floor a percent change is above (or at,
    when `at_floor`) is the change's level."""

    name: str
    floor: float
    at_floor: bool  # is a change equal to the floor in this level?
    says: str  # ACLED's wording of the bounds

    def holds(self, change: float) -> bool:
        return change >= self.floor if self.at_floor else change > self.floor


# ACLED's change levels, as its Conflict Change Map names them (data/README.md, "Comparing two periods"),
# highest first: a change of exactly +25 % or +10 % is in the level below it, exactly -25 % in limited change.
LEVELS = (
    Level("large increase", 25.0, False, "more than +25 %"),
    Level("moderate increase", 10.0, False, "+10 to +25 %"),
    Level("limited change", -25.0, True, "-25 to +10 %"),
    Level("large decrease", -math.inf, True, "less than -25 %"),
)


class CompareError(ValueError):
    """Input a comparison cannot use; the message says which and why."""


@dataclass(frozen=True)
class Period:
    """Days start to end, both included."""

    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        return f"{self.start.isoformat()}:{self.end.isoformat()}"

    def holds(self, dates: pd.Series) -> np.ndarray:
        days = dates.to_numpy(dtype="datetime64[D]")
        return (days >= np.datetime64(self.start, "D")) & (days <= np.datetime64(self.end, "D"))


def parse_period(text: str, name: str = "period") -> Period:
    """START:END, two ISO days, END not before START."""
    parts = text.strip().split(":")
    if len(parts) != 2:
        raise CompareError(f"{name}: {text!r} is not START:END (two days, YYYY-MM-DD:YYYY-MM-DD)")
    try:
        start, end = (dt.date.fromisoformat(part.strip()) for part in parts)
    except ValueError:
        raise CompareError(f"{name}: {text!r} is not START:END (two days, YYYY-MM-DD:YYYY-MM-DD)") from None
    if end < start:
        raise CompareError(f"{name}: {text!r} is empty: it ends before it starts")
    return Period(start, end)


def percent(a: float, b: float) -> float:
    """The change from a to b in percent; NaN when a is 0 (a place new in B, or empty in both)."""
    return math.nan if a == 0 else (b - a) * 100.0 / a


def level(change: float) -> str:
    """ACLED's level of a percent change; NEW for NaN (nothing in A)."""
    if math.isnan(change):
        return NEW
    return next(candidate.name for candidate in LEVELS if candidate.holds(change))


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as category codes and the text of each code, blank ("") for missing and for blank names: a
    million rows are grouped by small integers, and the text is looked up once per place (docs/decisions.md,
    'Two periods compared by category codes, coarse places counted apart')."""
    values = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    names = pd.Series(values.cat.categories.astype(str), dtype=object).str.strip()
    text = np.append(np.where(names == "", "", values.cat.categories.astype(str)).astype(object), "")
    codes = values.cat.codes.to_numpy(dtype=np.int64)
    return np.where(codes < 0, len(text) - 1, codes), text


def _grouped(frame: pd.DataFrame, in_a: np.ndarray, in_b: np.ndarray, by: str) -> pd.DataFrame:
    """Events and fatalities in A and B per place key (text) and `placed`."""
    codes, texts = zip(*(_codes(frame[name]) for name in BY[by]))
    precision = frame["geo_precision"] if "geo_precision" in frame else pd.Series(pd.NA, index=frame.index)
    apart = (precision == 3).fillna(False).to_numpy(dtype=bool) | (texts[-1][codes[-1]] == "")
    deaths = frame["fatalities"].fillna(0).to_numpy(dtype=np.int64)
    work = pd.DataFrame(
        {
            **{
                name: code if i == 0 else np.where(apart, len(texts[i]) - 1, code)
                for i, (name, code) in enumerate(zip(BY[by], codes))
            },
            "placed": apart,
            "events_a": in_a.astype(np.int64),
            "events_b": in_b.astype(np.int64),
            "fatalities_a": np.where(in_a, deaths, 0),
            "fatalities_b": np.where(in_b, deaths, 0),
        }
    )
    table = work.groupby([*BY[by], "placed"], sort=False, as_index=False).sum()
    for name, text in zip(BY[by], texts):
        table[name] = text[table[name].to_numpy()]
    table["placed"] = np.where(table["placed"], APART, "")
    if table.duplicated([*BY[by], "placed"]).any():  # two spellings of a blank name are one blank
        table = table.groupby([*BY[by], "placed"], sort=False, as_index=False).sum()
    return table


def compare(frame: pd.DataFrame, a: Period, b: Period, by: str) -> pd.DataFrame:
    """One row per place with events in A or B: its key columns, `placed` (APART for the rows counted apart),
    events and fatalities in each period, `change` (B - A events), `percent` (NaN when A has none) and `level`."""
    if by not in BY:
        raise CompareError(f"--by: {by!r} is not one of {', '.join(BY)}")
    in_a, in_b = a.holds(frame["event_date"]), b.holds(frame["event_date"])
    either = in_a | in_b
    table = _grouped(frame.loc[either], in_a[either], in_b[either], by)
    table["change"] = table["events_b"] - table["events_a"]
    with np.errstate(divide="ignore", invalid="ignore"):
        table["percent"] = np.where(table["events_a"] > 0, table["change"] * 100.0 / table["events_a"], np.nan)
    table["level"] = levels(table["percent"].to_numpy())
    order = table.assign(_apart=table["placed"] != "", _size=-(table["events_a"] + table["events_b"]))
    order = order.sort_values(["country", "_apart", "_size", *BY[by][1:]], kind="stable")
    return order.drop(columns=["_apart", "_size"]).reset_index(drop=True)


def levels(changes: np.ndarray) -> np.ndarray:
    """level() of each percent change, for a whole column at once."""
    conditions = [changes >= item.floor if item.at_floor else changes > item.floor for item in LEVELS]
    with np.errstate(invalid="ignore"):
        return np.select(conditions, [item.name for item in LEVELS], default=NEW).astype(object)


def percent_text(change: float, signed: bool = True) -> str:
    """'+20 %', '-83 %', '0 %', or NEW for NaN."""
    if math.isnan(change):
        return NEW
    rounded = round(change)
    return f"{rounded:+d} %" if signed and rounded else f"{rounded:d} %"


def summary(table: pd.DataFrame) -> list[str]:
    """One line per country: 'Iraq: 6 -> 1 events, -83 % (large decrease)'."""
    lines = []
    totals = table.groupby("country", sort=True)[["events_a", "events_b"]].sum()
    for country, row in totals.iterrows():
        change = percent(row["events_a"], row["events_b"])
        name = country or NO_COUNTRY
        named = "" if math.isnan(change) else f" ({level(change)})"
        lines.append(f"{name}: {row['events_a']:,} -> {row['events_b']:,} events, {percent_text(change)}{named}")
    return lines


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """The table as written to a file or shown: the percent rounded to one decimal, or NEW."""
    return table.assign(percent=[NEW if math.isnan(p) else f"{p:.1f}" for p in table["percent"]])


def levels_text() -> str:
    """The levels as a sentence, for a page or a help text."""
    return "; ".join(f"{item.name}: {item.says}" for item in LEVELS) + f"; {NEW}: no events in A"


def printable(table: pd.DataFrame) -> str:
    """The table (as_text) for a terminal: every cell inert (untrusted.terminal_text), blank key cells shown as -."""
    shown = table.astype(str).map(lambda cell: terminal_text(cell) or "-")
    return shown.to_string(index=False)


def presets(periods: pd.DataFrame, first: dt.date, last: dt.date) -> dict[str, tuple[Period, Period]]:
    """The Compare page's choices of two periods: the week before and the week after the ceasefire (when the
    dataset's periods name one), and the two halves of the days from first to last (the filtered view's)."""
    found: dict[str, tuple[Period, Period]] = {}
    if days := ceasefire(periods):
        before = Period(days[0] - WEEK, days[0] - dt.timedelta(days=1))
        found["The week before and the week after the ceasefire"] = (
            before,
            Period(days[1] + dt.timedelta(days=1), days[1] + WEEK),
        )
    middle = first + (last - first) // 2
    halves = Period(first, middle), Period(min(middle + dt.timedelta(days=1), last), last)
    found["The two halves of the filtered period"] = halves
    return found


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The comparison as a CSV file, through the exports' one formula-safe writer (the command and the page)."""
    return export.csv_bytes(export.as_text_table(table, list(table.columns)))
