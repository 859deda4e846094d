"""Text cells to typed values, each distinct value parsed once: a million rows hold a few hundred dates or codes."""

from __future__ import annotations

import pandas as pd

_MONTH_NAME_DATE = "%d %B %Y"  # ACLED's "03 December 2023"
DATE_DTYPE = "datetime64[ms]"  # what Parquet keeps, so a cached frame equals a freshly read one


def per_unique(text: pd.Series, parse) -> pd.Series:
    """Apply a parser once per distinct value: a million rows hold a few hundred dates or codes."""
    codes, uniques = pd.factorize(text)
    parsed = parse(pd.Series(uniques, dtype=text.dtype))
    return pd.Series(parsed.to_numpy()[codes], index=text.index, dtype=parsed.dtype)


def nfc(text: pd.Series) -> pd.Series:
    """Names in Unicode's composed form (NFC), once per distinct value: "é" typed as e + a combining accent and
    as one character is one name in a filter, as on the desk (eventmap/curate/hygiene.py)."""
    return per_unique(text, lambda values: values.str.normalize("NFC"))


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


FIRST_YEAR = 1900  # event dates before this, or more than a year ahead, are typing errors (year 1, 2099)


def plausible_dates(dates: pd.Series) -> pd.Series:
    """True where a date is missing or between FIRST_YEAR and a year from today."""
    latest = pd.Timestamp.today().normalize() + pd.DateOffset(years=1)
    return dates.isna() | ((dates >= pd.Timestamp(FIRST_YEAR, 1, 1)) & (dates <= latest))


def numbers(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text.str.strip(), errors="coerce")
