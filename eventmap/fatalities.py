"""Deaths reported without a number, as a reader sees them: "unknown (killed reported)", never the floor figure.

The curated format says so in fatalities_reported; our ACLED export says so in a tag (data/README.md,
"Deaths reported without a number").
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eventmap import schema
from eventmap.columns import text_column

UNKNOWN_TEXT = "unknown (killed reported)"
FATALITIES_TAG = "fatalities=killed reported, number unknown"  # the tag our ACLED export writes


def fatalities_text(row: Mapping[str, object]) -> str:
    """An event's fatalities as a reader should see them: never a bare number where deaths without a number were
    reported (our fatalities_reported column, or the tag our ACLED export writes): that number is a floor."""
    reported = str(row.get(schema.FATALITIES_REPORTED) or "").strip() == schema.FATALITIES_UNKNOWN
    if reported or FATALITIES_TAG in str(row.get("tags") or ""):
        return UNKNOWN_TEXT
    fatalities = row.get("fatalities")
    return "not reported" if fatalities is None or pd.isna(fatalities) else f"{int(fatalities):,}"


def unknown_fatalities(frame: pd.DataFrame) -> pd.Series:
    """Rows whose deaths were reported without a number."""
    unknown = text_column(frame, schema.FATALITIES_REPORTED).str.strip() == schema.FATALITIES_UNKNOWN
    return unknown | text_column(frame, "tags").str.contains(FATALITIES_TAG, regex=False)


def fatalities_labels(frame: pd.DataFrame) -> pd.Series:
    """fatalities_text for every row; an ACLED file written by our export says 'unknown' in its tags."""
    numbers = frame["fatalities"].map(lambda n: fatalities_text({"fatalities": n})).astype("str")
    return numbers.where(~unknown_fatalities(frame), UNKNOWN_TEXT)
