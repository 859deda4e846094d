"""Check text cells against the data contract and turn them into typed columns.

Every check is vectorised (a boolean mask per rule) so that a million-row export validates in seconds.
Each function returns the problems it found; rows with a problem are reported, never silently dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eventmap import acled_rules, schema
from eventmap.categories import categorise
from eventmap.parse import DATE_DTYPE, FIRST_YEAR, nfc, numbers, parse_dates, per_unique, plausible_dates
from eventmap.problems import MAX_ROWS_PER_PROBLEM, Problem, flag
from eventmap.quotes import citation_problems
from eventmap.untrusted import with_format_characters


def check_columns(
    path: str, columns: Iterable[str], expected: Iterable[str], required: Iterable[str], *, strict: bool
) -> list[Problem]:
    """Missing columns; and, for our own formats (strict), unknown ones with a likely intended name."""
    columns, expected = list(columns), list(expected)
    problems = [
        Problem(path, 1, name, "required column is missing from the header") for name in required if name not in columns
    ]
    if strict:
        problems += [
            Problem(path, 1, name, "optional column is missing from the header (it may be empty, but must be there)")
            for name in expected
            if name not in columns and name not in required
        ]
        for name in columns:
            if name not in expected:
                close = difflib.get_close_matches(name, expected, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(Problem(path, 1, name, f"unknown column{hint}"))
    return problems


class Cells:
    """The text cells of an events file, with each column parsed once, on demand, for the rules that need it."""

    def __init__(self, raw: pd.DataFrame, curated: bool):
        self.raw, self.curated = raw, curated
        self.rows = raw["row_number"]
        self.text = {name: raw[name] for name in schema.EVENT_COLUMN_NAMES}
        self.blank = {name: self.text[name].str.strip() == "" for name in schema.EVENT_COLUMN_NAMES}
        self._parsed: dict[str, pd.Series] = {}

    def stripped(self, name: str) -> pd.Series:
        return self._memo(f"strip:{name}", lambda: self.text[name].str.strip())

    def parsed(self, name: str) -> pd.Series:
        """The column as its schema kind says: dates NaT, numbers NaN where the cell is not one."""
        kind = schema.EVENT_COLUMN[name].kind
        parse = parse_dates if kind == "date" else (lambda t: per_unique(t, numbers))
        return self._memo(f"parse:{name}", lambda: parse(self.text[name]))

    def _memo(self, key: str, make) -> pd.Series:
        if key not in self._parsed:
            self._parsed[key] = make()
        return self._parsed[key]


@dataclass(frozen=True)
class Rule:
    """One check: the rows it flags in a column, and the message (`{value}` shows the cell)."""

    column: str
    message: str
    flags: Callable[[Cells], pd.Series]
    show_value: bool = True
    curated_only: bool = False


def _required(cells: Cells) -> list[Rule]:
    names = schema.REQUIRED_EVENT_COLUMNS if cells.curated else schema.ACLED_VALUE_REQUIRED
    return [Rule(name, "required value is empty", lambda c, n=name: c.blank[n], show_value=False) for name in names]


def _bad_date(name: str) -> Rule:
    return Rule(name, "not a date: {value} (use YYYY-MM-DD)", lambda c: c.parsed(name).isna() & ~c.blank[name])


def _implausible_date(name: str) -> Rule:
    return Rule(
        name,
        f"date out of range: {{value}} (before {FIRST_YEAR} or more than a year from today: a typing error?)",
        lambda c: ~plausible_dates(c.parsed(name)),
    )


def _bad_code(name: str) -> Rule:
    """A precision code 1-3; time_precision may be empty only in an ACLED file (the required rule says so)."""
    return Rule(
        name, "must be 1, 2 or 3, not {value}", lambda c: ~c.parsed(name).isin(schema.PRECISION_CODES) & ~c.blank[name]
    )


def _bad_range(name: str, limit: int) -> list[Rule]:
    return [
        Rule(name, "not a number: {value}", lambda c: c.parsed(name).isna() & ~c.blank[name]),
        Rule(
            name,
            f"out of range: {{value}} (must be between -{limit} and {limit})",
            lambda c: c.parsed(name).abs() > limit,
        ),
    ]


_PAIRS = {(kind, sub) for kind, subs in schema.SUB_EVENT_TYPES.items() for sub in subs}
_KNOWN_SUB = {sub for _, sub in _PAIRS}


# Names a reader tells events apart by: a zero-width or direction-changing character makes a second "Gulf of Aden"
# in a filter, or a label read backwards (the desk refuses them too: eventmap/curate/hygiene.py).
PLAIN_NAMES = ("actor1", "actor2", "location", "country", "admin1", "theatre")


def _unplain_name(name: str) -> Rule:
    return Rule(
        name,
        "contains invisible or direction-changing characters (Unicode format characters, such as U+200B or "
        "U+202E): write it plainly",
        lambda c: with_format_characters(c.text[name]),
        show_value=False,
    )


def _pair_mismatch(c: Cells) -> pd.Series:
    event_type, sub = c.stripped("event_type"), c.stripped("sub_event_type")
    codes, pairs = pd.factorize(pd.MultiIndex.from_arrays([event_type, sub]))
    ok = pd.Series(np.array([pair in _PAIRS for pair in pairs], dtype=bool)[codes], index=event_type.index)
    return ~ok & event_type.isin(schema.EVENT_TYPES) & sub.isin(_KNOWN_SUB)


def _bad_fatalities(c: Cells) -> pd.Series:
    n = c.parsed("fatalities")
    whole = n.notna() & (n >= 0) & (n == n.round()) & (n < 2**31)
    return ~whole & ~c.blank["fatalities"]


def _one_coordinate(c: Cells) -> pd.Series:
    return c.blank["latitude"] != c.blank["longitude"]


RULES: tuple[Rule | Callable[[Cells], list[Rule]], ...] = (
    _required,
    _bad_date("event_date"),
    _bad_date("alt_event_date"),
    _implausible_date("event_date"),
    _implausible_date("alt_event_date"),
    _bad_code("time_precision"),
    _bad_code("geo_precision"),
    Rule(
        "event_type",
        "unknown event type {value} (expected one of: " + "; ".join(schema.EVENT_TYPES) + ")",
        lambda c: ~c.stripped("event_type").isin(schema.EVENT_TYPES) & ~c.blank["event_type"],
    ),
    Rule(
        "sub_event_type",
        "unknown sub-event type {value}",
        lambda c: ~c.stripped("sub_event_type").isin(_KNOWN_SUB) & ~c.blank["sub_event_type"],
    ),
    Rule("sub_event_type", "sub-event type {value} does not belong to the row's event_type", _pair_mismatch),
    *_bad_range("latitude", 90),
    *_bad_range("longitude", 180),
    Rule("longitude", "latitude and longitude must both be given or both be empty", _one_coordinate, show_value=False),
    Rule(
        "geo_precision",
        "required when coordinates are given",
        lambda c: ~c.blank["latitude"] & ~c.blank["longitude"] & c.blank["geo_precision"],
        show_value=False,
    ),
    Rule(
        "latitude",
        "location is named but has no coordinates (fill them with `python -m eventmap geocode-file`)",
        lambda c: ~c.blank["location"] & (c.blank["latitude"] | c.blank["longitude"]),
        show_value=False,
        curated_only=True,
    ),
    *(_unplain_name(name) for name in PLAIN_NAMES),
    Rule("fatalities", "must be a whole number 0 or more, not {value}", _bad_fatalities),
    Rule(
        "fatalities_reported",
        f"must be empty or {schema.FATALITIES_UNKNOWN!r}, not {{value}}",
        lambda c: ~c.stripped("fatalities_reported").isin(["", schema.FATALITIES_UNKNOWN]),
    ),
    Rule(
        "geo_precision",
        "{value} for a sea area or strait: ACLED codes a sea as 3, 'a larger region' (data/README.md)",
        acled_rules.sea_area_too_precise,
        curated_only=True,
    ),
    Rule(
        "fatalities",
        "{value} with fatalities_reported 'unknown': ACLED estimates deaths without a number as 3 or 10",
        acled_rules.unknown_deaths_below_estimate,
    ),
    Rule(
        "country",
        "required in an ACLED-format file: ACLED records no event without a country",
        acled_rules.acled_row_without_country,
        show_value=False,
    ),
)


def _duplicate_ids(cells: Cells, path: str) -> tuple[list[Problem], pd.Series]:
    """Each id after its first use, with the row of that first use."""
    ids = cells.stripped("event_id_cnty")
    duplicate = ids.duplicated(keep="first") & ~cells.blank["event_id_cnty"]
    problems: list[Problem] = []
    if duplicate.any():
        first_row = pd.Series(cells.rows.values, index=ids.values).groupby(level=0).first()
        dup_rows = cells.rows[duplicate]
        for row, value in zip(dup_rows.head(MAX_ROWS_PER_PROBLEM), ids[duplicate].head(MAX_ROWS_PER_PROBLEM)):
            problems.append(
                Problem(
                    path, int(row), "event_id_cnty", f"duplicate id {value!r}, first used on row {first_row[value]}"
                )
            )
        if len(dup_rows) > MAX_ROWS_PER_PROBLEM:
            problems.append(
                Problem(
                    path, None, "event_id_cnty", f"... and {len(dup_rows) - MAX_ROWS_PER_PROBLEM:,} more duplicate ids"
                )
            )
    return problems, duplicate


def apply_rules(cells: Cells, path: str) -> tuple[list[Problem], pd.Series]:
    """Every rule on every row: the problems, and which rows have any."""
    problems, bad = _duplicate_ids(cells, path)
    for entry in RULES:
        for rule in entry(cells) if callable(entry) and not isinstance(entry, Rule) else [entry]:
            if rule.curated_only and not cells.curated:
                continue
            mask = rule.flags(cells).fillna(False).astype(bool)
            bad = bad | mask
            flag(
                problems,
                path,
                cells.rows,
                mask,
                rule.column,
                rule.message,
                cells.text[rule.column] if rule.show_value else None,
            )
    return problems, bad


def typed_frame(cells: Cells) -> pd.DataFrame:
    """The typed events frame, each column parsed as schema.EVENT_COLUMNS says; bad cells are missing."""
    out: dict[str, pd.Series] = {}
    for column in schema.EVENT_COLUMNS:
        name = column.name
        if column.kind == "date":
            out[name] = cells.parsed(name).astype(DATE_DTYPE)
        elif column.kind == "code":
            if column.label:
                out[name] = cells.stripped(name).astype("category")
            else:
                values = cells.parsed(name)
                out[name] = values.where(values.isin(schema.PRECISION_CODES)).astype("Int8")
        elif column.kind == "int":
            out[name] = cells.parsed(name).fillna(0).clip(0, 2**31 - 1).astype("int32")
        elif column.kind == "float":
            out[name] = cells.parsed(name)
        elif column.label:
            text = nfc(cells.stripped(name))
            out[name] = (text.replace("", column.blank_as) if column.blank_as else text).astype("category")
        else:
            out[name] = cells.stripped(name) if name == "event_id_cnty" else cells.text[name]
    return pd.DataFrame(out)


def check_events(
    raw: pd.DataFrame,
    path: str,
    *,
    curated: bool,
    known_sources: set[str] | None = None,
    source_texts: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate canonical event cells (all text) and return the typed frame of the good rows, and the problems."""
    cells = Cells(raw, curated)
    problems, bad = apply_rules(cells, path)
    if curated:
        cited, uncited = citation_problems(raw, path, known_sources, source_texts)
        problems += cited
        bad = bad | uncited
    frame = typed_frame(cells)
    for name in raw.columns:
        if name not in schema.EVENT_COLUMN_NAMES and name != "row_number":
            frame[name] = raw[name].astype("category") if name in schema.ACLED_LABEL_COLUMNS else raw[name]
    frame["row_number"] = cells.rows.astype("int64")
    frame["category"] = categorise(frame)
    frame = frame[~bad.to_numpy()].reset_index(drop=True)
    for name in frame.select_dtypes("category").columns:
        frame[name] = frame[name].cat.remove_unused_categories()
    return frame, problems


def check_table(
    raw: pd.DataFrame,
    path: str,
    *,
    date_columns: Iterable[str] = (),
    int_columns: Iterable[str] = (),
    required: Iterable[str] = (),
    unique: str | None = None,
    choices: Mapping[str, Iterable[str]] | None = None,
) -> list[Problem]:
    """Checks shared by the small curated tables (tallies, periods, sources)."""
    problems: list[Problem] = []
    rows = raw["row_number"]
    for name in required:
        flag(problems, path, rows, raw[name].str.strip() == "", name, "required value is empty")
    for name in date_columns:
        bad = parse_dates(raw[name]).isna() & (raw[name].str.strip() != "")
        flag(problems, path, rows, bad, name, "not a date: {value} (use YYYY-MM-DD)", raw[name])
    for name in int_columns:
        counts = pd.to_numeric(raw[name].str.strip(), errors="coerce")
        bad = ~(counts >= 0) | (counts != counts.round())
        flag(
            problems,
            path,
            rows,
            bad & (raw[name].str.strip() != ""),
            name,
            "must be a whole number 0 or more, not {value}",
            raw[name],
        )
    for name, allowed in (choices or {}).items():
        allowed = list(allowed)
        bad = ~raw[name].str.strip().isin(allowed)
        flag(problems, path, rows, bad, name, "must be one of " + ", ".join(allowed) + ", not {value}", raw[name])
    if unique:
        flag(problems, path, rows, raw[unique].duplicated(keep="first"), unique, "duplicate id {value}", raw[unique])
    return problems
