"""Two periods compared by province or place: counts, fatalities, change and ACLED's levels on made-up frames."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap import compare
from eventmap.compare import APART, NEW, CompareError, Period

A = Period(dt.date(2024, 1, 1), dt.date(2024, 1, 7))
B = Period(dt.date(2024, 1, 8), dt.date(2024, 1, 14))
HOSTILE = '=HYPERLINK("x")<b>\x1b[31m'


def events(rows: list[tuple]) -> pd.DataFrame:
    """(date, country, admin1, location, geo_precision, fatalities) rows as the loaded frame holds them."""
    frame = pd.DataFrame(rows, columns=["event_date", "country", "admin1", "location", "geo_precision", "fatalities"])
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    for name in ("country", "admin1", "location"):
        frame[name] = frame[name].astype("category")
    frame["geo_precision"] = frame["geo_precision"].astype("Int8")
    return frame


FRAME = events(
    [  # Iraq: 6 events in A, 1 in B
        ("2024-01-01", "Iraq", "Anbar", "Al Asad", 1, 2),
        ("2024-01-02", "Iraq", "Anbar", "Al Asad", 1, 0),
        ("2024-01-03", "Iraq", "Anbar", "Al Asad", 1, 0),
        ("2024-01-04", "Iraq", "Erbil", "Erbil", 1, 1),
        ("2024-01-05", "Iraq", "Erbil", "Erbil", 2, 0),
        ("2024-01-06", "Iraq", "", "Iraq", 3, 5),  # placed only to the country
        ("2024-01-09", "Iraq", "Anbar", "Al Asad", 1, 0),
        # Syria: nothing in A, 2 in B (a new province), and a hostile name
        ("2024-01-10", "Syria", HOSTILE, HOSTILE, 1, 0),
        ("2024-01-11", "Syria", HOSTILE, HOSTILE, 1, 4),
        # outside both periods
        ("2024-01-20", "Syria", "Deir ez-Zor", "Omar", 1, 9),
        # a province named with a region-only precision: counted apart, not in Hasakah
        ("2024-01-12", "Syria", "Hasakah", "North-east Syria", 3, 0),
    ]
)


def test_counts_fatalities_and_levels_by_province():
    table = compare.compare(FRAME, A, B, "admin1").set_index(["country", "admin1", "placed"])
    anbar = table.loc[("Iraq", "Anbar", "")]
    assert (anbar.events_a, anbar.events_b, anbar.fatalities_a, anbar.change) == (3, 1, 2, -2)
    assert anbar.level == "large decrease" and round(anbar.percent) == -67
    erbil = table.loc[("Iraq", "Erbil", "")]
    assert (erbil.events_a, erbil.events_b, erbil.level) == (2, 0, "large decrease")
    iraq_apart = table.loc[("Iraq", "", APART)]
    assert (iraq_apart.events_a, iraq_apart.fatalities_a) == (1, 5)
    hostile = table.loc[("Syria", HOSTILE, "")]
    assert (hostile.events_a, hostile.events_b, hostile.fatalities_b, hostile.level) == (0, 2, 4, NEW)
    assert math.isnan(hostile.percent)
    assert ("Syria", "Hasakah", "") not in table.index  # its event was placed only to a region
    assert table.loc[("Syria", "", APART)].events_b == 1
    assert "Deir ez-Zor" not in table.index.get_level_values("admin1")  # no events in either period


def test_by_place_keeps_places_apart_and_a_blank_location_counted_apart():
    frame = events([*FRAME.astype(object).values.tolist(), ("2024-01-02", "Iraq", "Anbar", "", 1, 0)])
    table = compare.compare(frame, A, B, "location").set_index(["country", "admin1", "location", "placed"])
    assert table.loc[("Iraq", "Anbar", "Al Asad", "")].events_a == 3
    assert table.loc[("Iraq", "", "", APART)].events_a == 2  # the country-level event and the unnamed place


def test_summary_per_country():
    lines = compare.summary(compare.compare(FRAME, A, B, "admin1"))
    assert lines == ["Iraq: 6 -> 1 events, -83 % (large decrease)", "Syria: 0 -> 3 events, new"]


def test_empty_periods_give_an_empty_table_and_no_summary():
    empty = Period(dt.date(2030, 1, 1), dt.date(2030, 1, 2))
    table = compare.compare(FRAME, empty, empty, "admin1")
    assert table.empty and compare.summary(table) == []
    one_side = compare.compare(FRAME, empty, B, "admin1")
    assert set(one_side["level"]) == {NEW} and one_side["events_b"].sum() == 4


@pytest.mark.parametrize(
    ("change", "name"),
    [(25.01, "large increase"), (25, "moderate increase"), (10.01, "moderate increase"), (10, "limited change"),
     (0, "limited change"), (-25, "limited change"), (-25.01, "large decrease"), (-100, "large decrease"),
     (math.nan, NEW)],
)  # fmt: skip
def test_levels_follow_acled_bounds(change, name):
    assert compare.level(change) == name


@pytest.mark.parametrize("text", ["2024-01-01", "2024-01-01:2024-01-02:2024-01-03", "2024-13-01:2024-01-02", ""])
def test_malformed_periods_are_refused(text):
    with pytest.raises(CompareError, match="START:END"):
        compare.parse_period(text, "--a")


def test_a_period_ending_before_it_starts_is_refused_but_one_day_is_fine():
    with pytest.raises(CompareError, match="ends before it starts"):
        compare.parse_period("2024-01-02:2024-01-01")
    assert compare.parse_period("2024-01-02:2024-01-02") == Period(dt.date(2024, 1, 2), dt.date(2024, 1, 2))


def test_printable_table_makes_control_characters_inert():
    shown = compare.printable(compare.as_text(compare.compare(FRAME, A, B, "admin1")))
    assert "\x1b" not in shown and "\\x1b[31m" in shown


def _day(n: int) -> dt.date:
    return dt.date(2024, 1, 1) + dt.timedelta(days=n)


DAYS = st.integers(0, 30).map(_day)
ROWS = st.lists(
    st.tuples(
        DAYS,
        st.sampled_from(["Iraq", "Syria", "", " "]),
        st.sampled_from(["Anbar", "Erbil", "", " ", HOSTILE]),
        st.sampled_from(["Al Asad", "", "  ", "Omar"]),
        st.sampled_from([1, 2, 3, None]),
        st.integers(0, 50),
    ),
    max_size=40,
)


def _period(first: dt.date, days: int) -> Period:
    return Period(first, first + dt.timedelta(days=days))


@settings(max_examples=150, deadline=None)
@given(ROWS, DAYS, st.integers(0, 20), DAYS, st.integers(0, 20), st.sampled_from(sorted(compare.BY)))
def test_every_event_of_each_period_is_counted_once_and_levels_follow_percent(rows, a0, an, b0, bn, by):
    frame = events(rows)
    a, b = _period(a0, an), _period(b0, bn)
    table = compare.compare(frame, a, b, by)
    dates = [row[0] for row in rows]
    assert table["events_a"].sum() == sum(a.start <= day <= a.end for day in dates)
    assert table["events_b"].sum() == sum(b.start <= day <= b.end for day in dates)
    assert table["fatalities_a"].sum() == sum(row[5] for row in rows if a.start <= row[0] <= a.end)
    assert ((table["events_a"] + table["events_b"]) > 0).all()
    assert not table.duplicated([*compare.BY[by], "placed"]).any()  # a blank name in two spellings is one row
    for row in table.itertuples():
        if row.events_a == 0:
            assert row.level == NEW
        else:
            change = (row.events_b - row.events_a) * 100 / row.events_a
            assert row.level == compare.level(change)
            assert (row.level == "large increase") == (change > 25)
            assert (row.level == "large decrease") == (change < -25)
    assert not table.loc[table["placed"] == APART, list(compare.BY[by][1:])].ne("").any().any()
