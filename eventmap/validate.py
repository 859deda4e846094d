"""Check text cells against the data contract and turn them into typed columns.

Every check is vectorised (a boolean mask per rule) so that a million-row export validates in seconds.
Each function returns the problems it found; rows with a problem are reported, never silently dropped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.problems import Problem, flag

_MONTH_NAME_DATE = "%d %B %Y"  # ACLED's "03 December 2023"
DATE_DTYPE = "datetime64[ms]"  # what Parquet keeps, so a cached frame equals a freshly read one


def per_unique(text: pd.Series, parse) -> pd.Series:
    """Apply a parser once per distinct value: a million rows hold a few hundred dates or codes."""
    codes, uniques = pd.factorize(text)
    parsed = parse(pd.Series(uniques, dtype=text.dtype))
    return pd.Series(parsed.to_numpy()[codes], index=text.index, dtype=parsed.dtype)


def _parse_unique_dates(text: pd.Series) -> pd.Series:
    text = text.str.strip()
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    missing = parsed.isna() & (text != "")
    if missing.any():
        parsed[missing] = pd.to_datetime(text[missing], format=_MONTH_NAME_DATE, errors="coerce")
    return parsed


def parse_dates(text: pd.Series) -> pd.Series:
    """ISO dates, or ACLED's '03 December 2023'; anything else becomes NaT."""
    return per_unique(text, _parse_unique_dates)


def _numbers(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text.str.strip(), errors="coerce")


def split_list(cell: str, separator: str = schema.LIST_SEPARATOR) -> list[str]:
    return [part.strip() for part in cell.split(separator) if part.strip()]


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_columns(
    path: str, columns: Iterable[str], expected: Iterable[str], required: Iterable[str], *, strict: bool
) -> list[Problem]:
    """Missing columns; and, for our own formats (strict), unknown ones with a likely intended name."""
    columns, expected = list(columns), list(expected)
    problems = [Problem(path, 1, name, "required column is missing from the header") for name in required if name not in columns]
    if strict:
        problems += [Problem(path, 1, name, "optional column is missing from the header (it may be empty, but must be there)")
                     for name in expected if name not in columns and name not in required]
        for name in columns:
            if name not in expected:
                close = difflib.get_close_matches(name, expected, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(Problem(path, 1, name, f"unknown column{hint}"))
    return problems


def _codes(text: pd.Series, allowed: Iterable[int], optional: bool) -> tuple[pd.Series, pd.Series]:
    """Parse a 1-3 precision code; returns (values as nullable Int8, mask of bad cells)."""
    numbers = per_unique(text, _numbers)
    empty = text.str.strip() == ""
    bad = ~numbers.isin(list(allowed))
    if optional:
        bad &= ~empty
    return numbers.where(~bad).astype("Int8"), bad


def check_events(
    raw: pd.DataFrame,
    path: str,
    *,
    curated: bool,
    known_sources: set[str] | None = None,
    source_texts: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate canonical event cells (all text) and return the typed frame of the good rows, and the problems."""
    problems: list[Problem] = []
    rows = raw["row_number"]
    text = {name: raw[name] for name in schema.EVENT_COLUMN_NAMES}
    blank = {name: text[name].str.strip() == "" for name in schema.EVENT_COLUMN_NAMES}
    bad = pd.Series(False, index=raw.index)

    def fail(mask: pd.Series, column: str, message: str, show_value: bool = True) -> None:
        nonlocal bad
        mask = mask.fillna(False).astype(bool)
        bad |= mask
        flag(problems, path, rows, mask, column, message, text[column] if show_value else None)

    required = schema.REQUIRED_EVENT_COLUMNS if curated else ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1")
    for name in required:
        fail(blank[name], name, "required value is empty", show_value=False)

    ids = text["event_id_cnty"].str.strip()
    duplicate = ids.duplicated(keep="first") & ~blank["event_id_cnty"]
    if duplicate.any():
        first_row = pd.Series(rows.values, index=ids.values).groupby(level=0).first()
        dup_rows = rows[duplicate]
        for row, value in zip(dup_rows.head(20), ids[duplicate].head(20)):
            problems.append(Problem(path, int(row), "event_id_cnty", f"duplicate id {value!r}, first used on row {first_row[value]}"))
        if len(dup_rows) > 20:
            problems.append(Problem(path, None, "event_id_cnty", f"... and {len(dup_rows) - 20:,} more duplicate ids"))
        bad |= duplicate

    dates = parse_dates(text["event_date"])
    fail(dates.isna() & ~blank["event_date"], "event_date", "not a date: {value} (use YYYY-MM-DD)")
    alt_dates = parse_dates(text["alt_event_date"])
    fail(alt_dates.isna() & ~blank["alt_event_date"], "alt_event_date", "not a date: {value} (use YYYY-MM-DD)")

    time_precision, bad_tp = _codes(text["time_precision"], schema.PRECISION_CODES, optional=not curated)
    fail(bad_tp & ~blank["time_precision"], "time_precision", "must be 1, 2 or 3, not {value}")
    geo_precision, bad_gp = _codes(text["geo_precision"], schema.PRECISION_CODES, optional=True)
    fail(bad_gp, "geo_precision", "must be 1, 2 or 3, not {value}")

    event_type = text["event_type"].str.strip()
    sub_event_type = text["sub_event_type"].str.strip()
    fail(~event_type.isin(schema.EVENT_TYPES) & ~blank["event_type"], "event_type",
         "unknown event type {value} (expected one of: " + "; ".join(schema.EVENT_TYPES) + ")")
    pairs = {(kind, sub) for kind, subs in schema.SUB_EVENT_TYPES.items() for sub in subs}
    known_sub = {sub for _, sub in pairs}
    fail(~sub_event_type.isin(known_sub) & ~blank["sub_event_type"], "sub_event_type", "unknown sub-event type {value}")
    pair_codes, pair_values = pd.factorize(pd.MultiIndex.from_arrays([event_type, sub_event_type]))
    pair_ok = pd.Series(np.array([pair in pairs for pair in pair_values], dtype=bool)[pair_codes], index=raw.index)
    fail(~pair_ok & event_type.isin(schema.EVENT_TYPES) & sub_event_type.isin(known_sub), "sub_event_type",
         "sub-event type {value} does not belong to the row's event_type")

    latitude = pd.to_numeric(text["latitude"].str.strip(), errors="coerce")
    longitude = pd.to_numeric(text["longitude"].str.strip(), errors="coerce")
    for name, values, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        fail(values.isna() & ~blank[name], name, "not a number: {value}")
        fail(values.abs() > limit, name, f"out of range: {{value}} (must be between -{limit} and {limit})")
    fail(blank["latitude"] != blank["longitude"], "longitude" if blank["longitude"].any() else "latitude",
         "latitude and longitude must both be given or both be empty", show_value=False)
    located = ~blank["latitude"] & ~blank["longitude"]
    fail(located & blank["geo_precision"], "geo_precision", "required when coordinates are given", show_value=False)
    if curated:
        fail(~blank["location"] & ~located, "latitude",
             "location is named but has no coordinates (fill them with `python -m eventmap geocode-file`)", show_value=False)

    fatalities = per_unique(text["fatalities"], _numbers)
    whole = fatalities.notna() & (fatalities >= 0) & (fatalities == fatalities.round()) & (fatalities < 2**31)
    fail(~whole & ~blank["fatalities"], "fatalities", "must be a whole number 0 or more, not {value}")
    reported = text["fatalities_reported"].str.strip()
    fail(~reported.isin(["", schema.FATALITIES_UNKNOWN]), "fatalities_reported",
         f"must be empty or {schema.FATALITIES_UNKNOWN!r}, not {{value}}")

    if curated:
        cited, uncited = citation_problems(raw, path, known_sources, source_texts)
        problems += cited
        bad |= uncited

    good = ~bad
    frame = pd.DataFrame(
        {
            "event_id_cnty": ids,
            "event_date": dates.astype(DATE_DTYPE),
            "time_precision": time_precision,
            "event_type": event_type.astype("category"),
            "sub_event_type": sub_event_type.astype("category"),
            "actor1": text["actor1"].str.strip().astype("category"),
            "actor2": text["actor2"].str.strip().astype("category"),
            "country": text["country"].str.strip().astype("category"),
            "admin1": text["admin1"].str.strip().astype("category"),
            "location": text["location"].str.strip().astype("category"),
            "latitude": latitude,
            "longitude": longitude,
            "geo_precision": geo_precision,
            "source": text["source"],
            "notes": text["notes"],
            "fatalities": fatalities.fillna(0).clip(0, 2**31 - 1).astype("int32"),
            "fatalities_reported": reported,
            "theatre": text["theatre"].str.strip().replace("", "Not reported").astype("category"),
            "weapon": text["weapon"].str.strip().astype("category"),
            "target": text["target"].str.strip().astype("category"),
            "outcome": text["outcome"],
            "source_quote": text["source_quote"],
            "alt_event_date": alt_dates.astype(DATE_DTYPE),
            "source_conflict": text["source_conflict"],
        }
    )
    extra = [name for name in raw.columns if name not in schema.EVENT_COLUMN_NAMES and name != "row_number"]
    for name in extra:
        frame[name] = raw[name]
    frame["row_number"] = rows.astype("int64")
    frame["category"] = categorise(frame)
    frame = frame[good].reset_index(drop=True)
    for name in frame.select_dtypes("category").columns:
        frame[name] = frame[name].cat.remove_unused_categories()
    return frame, problems


def citation_problems(
    cells: pd.DataFrame, path: str, known_sources: set[str] | None, source_texts: Mapping[str, str] | None
) -> tuple[list[Problem], np.ndarray]:
    """Each cited source is known; each quote occurs verbatim (white space aside) in a cited source, and each
    cited source is quoted. Row by row: only curated files carry quotes, and they are small."""
    problems: list[Problem] = []
    bad = np.zeros(len(cells), dtype=bool)
    texts = None if source_texts is None else {name: normalise_space(body) for name, body in source_texts.items()}
    rows = zip(cells["row_number"], cells["source"], cells["source_quote"])
    for i, (row, source_cell, quote_cell) in enumerate(rows):
        found: list[tuple[str, str]] = []
        cited = split_list(source_cell)
        quotes = [normalise_space(q) for q in quote_cell.split(schema.QUOTE_SEPARATOR.strip()) if q.strip()]
        if known_sources is not None:
            found += [("source", f"cites a source that is not in sources.csv: {s!r}") for s in cited if s not in known_sources]
        if not quotes:
            found.append(("source_quote", "required value is empty: quote the sentence that supports the row"))
        if texts is not None:
            missing = [s for s in cited if s not in texts]
            found += [("source", f"no text for this source in the sources folder: {s!r}") for s in missing]
            if not missing:
                found += [("source_quote", f"quote not found verbatim in the cited sources: {q[:80]!r}")
                          for q in quotes if not any(q in texts[s] for s in cited)]
                found += [("source_quote", f"no quote from cited source {s}")
                          for s in cited if quotes and not any(q in texts[s] for q in quotes)]
        problems += [Problem(path, int(row), column, message) for column, message in found]
        bad[i] = bool(found)
    return problems, bad


def _matches(frame: pd.DataFrame, column: str, test) -> np.ndarray:
    """test() decided once per distinct value of a column, spread by code: fast on a million rows."""
    values = frame[column].astype("category")
    decided = np.array([bool(test(str(v))) for v in values.cat.categories] + [False], dtype=bool)
    return decided[values.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing False


def categorise(frame: pd.DataFrame) -> pd.Categorical:
    """Each row's map category: the matching row of schema.CATEGORY_TABLE with the highest precedence."""
    codes = np.full(len(frame), -1)
    best = np.full(len(frame), -1)
    for index, category in enumerate(schema.CATEGORY_TABLE):
        hit = np.ones(len(frame), dtype=bool)
        if category.event_types:
            hit &= _matches(frame, "event_type", lambda v, c=category: v in c.event_types)
        if category.sub_event_types:
            hit &= _matches(frame, "sub_event_type", lambda v, c=category: v in c.sub_event_types)
        if category.actor1_prefix:
            hit &= _matches(frame, "actor1", lambda v, c=category: v.startswith(c.actor1_prefix))
        wins = hit & (category.precedence > best)
        codes, best = np.where(wins, index, codes), np.where(wins, category.precedence, best)
    return pd.Categorical.from_codes(codes, categories=schema.CATEGORIES)


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
        numbers = pd.to_numeric(raw[name].str.strip(), errors="coerce")
        bad = ~(numbers >= 0) | (numbers != numbers.round())
        flag(problems, path, rows, bad & (raw[name].str.strip() != ""), name, "must be a whole number 0 or more, not {value}", raw[name])
    for name, allowed in (choices or {}).items():
        allowed = list(allowed)
        bad = ~raw[name].str.strip().isin(allowed)
        flag(problems, path, rows, bad, name, "must be one of " + ", ".join(allowed) + ", not {value}", raw[name])
    if unique:
        flag(problems, path, rows, raw[unique].duplicated(keep="first"), unique, "duplicate id {value}", raw[unique])
    return problems
