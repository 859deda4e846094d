"""ACLED's codebook rules the validator can check on a row (data/README.md, 'Coding rules: ACLED codebook').

Each function takes the validator's cells and returns the rows that break the rule; eventmap.validate words them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from eventmap import schema
from eventmap.columns import text_column

if TYPE_CHECKING:
    from eventmap.validate import Cells

SEA_PRECISION = 3  # a sea or strait is only "the closest natural location": ACLED's precision 3
ESTIMATES = (3, 10)  # ACLED's figures for deaths reported without a number (never 1 or 2)


def _sea_kinds(locations: pd.Series) -> pd.Series:
    """Whether each location is a sea area or strait in the gazetteer of the dataset folder in use."""
    from eventmap.geocode.base import SEA_KINDS
    from eventmap.geocode.gazetteer import place_index, place_key

    index = place_index() if schema.data_files().places.exists() else {}

    def is_sea(name: str) -> bool:
        place = index.get(place_key(name)) if name else None
        return place is not None and place.kind in SEA_KINDS

    unique = pd.unique(locations)
    return locations.map(dict(zip(unique, map(is_sea, unique)))).astype(bool)


def sea_area_too_precise(c: Cells) -> pd.Series:
    """A sea area or strait coded more precisely than 3."""
    precision = c.parsed("geo_precision")
    return _sea_kinds(c.stripped("location")) & precision.notna() & (precision < SEA_PRECISION)


def unknown_deaths_below_estimate(c: Cells) -> pd.Series:
    """Deaths reported without a number, coded 1 or 2: ACLED's estimate is 3 or 10."""
    unknown = c.stripped("fatalities_reported") == schema.FATALITIES_UNKNOWN
    return unknown & c.parsed("fatalities").isin([1, 2])


def acled_row_without_country(c: Cells) -> pd.Series:
    """A row of an ACLED-format file with no country: ACLED records none (curated rows may be at sea)."""
    blank = c.blank["country"]
    return blank if not c.curated else blank & False


def country_level(frame: pd.DataFrame) -> pd.Series:
    """Events placed only to a whole country (precision 3 at a gazetteer country, or at the row's own country):
    never a point on the map, never a row of ACLED's format."""
    from eventmap.geocode.gazetteer import place_index, place_key

    index = place_index() if schema.data_files().places.exists() else {}
    location = frame["location"].astype("str").str.strip()
    unique = pd.unique(location)
    kinds = {name: getattr(index.get(place_key(name)) if name else None, "kind", "") for name in unique}
    named_country = location.map(kinds).eq("country")
    own_country = (location != "") & (location == text_column(frame, "country").str.strip())
    precision = pd.to_numeric(frame["geo_precision"], errors="coerce")
    return ((named_country | own_country) & (precision >= SEA_PRECISION)).fillna(False).astype(bool)
