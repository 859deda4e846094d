"""Dates read the same on the map, in tooltips, in the playback and in files."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from eventmap import formats


def test_each_style_writes_a_day_one_way():
    day = dt.date(2023, 12, 3)
    assert (formats.day(day), formats.weekday(day), formats.iso(day)) == ("3 Dec 2023", "Sun 3 Dec 2023", "2023-12-03")


def test_many_days_are_written_as_one_day_is_and_missing_dates_are_blank():
    dates = pd.Series(pd.to_datetime(["2023-12-03 18:00", "2023-11-20 00:00", None, "2023-12-03 00:00"]))
    assert list(formats.days(dates)) == ["3 Dec 2023", "20 Nov 2023", "", "3 Dec 2023"]
    assert list(formats.days(dates.to_numpy(), formats.ISO)) == ["2023-12-03", "2023-11-20", "", "2023-12-03"]
    assert formats.days(pd.Series([], dtype="datetime64[ns]")).size == 0
    assert isinstance(formats.days(dates), np.ndarray)
