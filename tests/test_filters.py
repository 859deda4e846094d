"""Filters round-trip through the URL, ignore bad values with a notice, and keep exactly the matching rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap import filters, schema
from eventmap.filters import Filters
from tests.sample import MILITIA, US


@pytest.fixture(scope="module")
def events(sample):
    return sample.events


def kept(events, state: Filters) -> list[str]:
    return list(filters.apply(events, state)["event_id_cnty"])


def test_url_round_trip(events):
    state = Filters(dt.date(2024, 5, 6), dt.date(2024, 5, 9), {"theatre": ("Land",), "actor": (MILITIA,)}, "drone")
    again, notices = filters.from_query(filters.to_query(state), events)
    assert again == state and notices == []


def test_date_range_is_inclusive(events):
    state, _ = filters.from_query({"start": ["2024-05-07"], "end": ["2024-05-08"]}, events)
    assert kept(events, state) == ["SM-002", "SM-003", "SM-004"]


def test_actor_matches_either_side(events):
    assert kept(events, Filters(choices={"actor": (US,)})) == ["SM-001", "SM-002", "SM-003", "SM-004", "SM-006"]
    assert kept(events, Filters(choices={"actor": ("Civilians (commercial shipping)",)})) == ["SM-005"]


def test_every_choice_filter_offers_the_values_of_its_columns(events):
    for choice in schema.CHOICE_FILTERS:
        values = set().union(*(set(events[c].astype(str)) for c in choice.columns)) - {""}
        assert filters.options(events, choice.key) == sorted(values), choice.key
        for value in values:  # each offered value keeps exactly the rows that carry it
            rows = events[events[list(choice.columns)].astype(str).eq(value).any(axis=1)]
            assert kept(events, Filters(choices={choice.key: (value,)})) == list(rows["event_id_cnty"])


def test_choices_combine_with_and_values_with_or(events):
    state = Filters(choices={"category": ("Attack", "Interception"), "theatre": ("Sea",)})
    assert kept(events, state) == ["SM-004", "SM-005"]


def test_text_search_is_literal_and_case_blind(events):
    assert kept(events, Filters(text="ALPHA base")) == ["SM-001", "SM-002"]
    assert kept(events, Filters(text="**bold**")) == ["SM-002"]  # markdown is just text here
    assert filters.apply(events, Filters(text="(.*")).empty  # no regex


def test_bad_and_unknown_url_values_are_ignored_with_notices(events):
    state, notices = filters.from_query(
        {"start": ["yesterday"], "end": ["2024-05-09"], "theatre": ["Land", "Atlantis"], "colour": ["red"]}, events
    )
    assert state == Filters(None, dt.date(2024, 5, 9), {"theatre": ("Land",)})
    text = " ".join(notices)
    assert "start='yesterday'" in text and "'Atlantis'" in text and "'colour'" in text


def test_reversed_range_is_ignored(events):
    state, notices = filters.from_query({"start": ["2024-05-10"], "end": ["2024-05-01"]}, events)
    assert state.start is None and state.end is None and "start is after end" in notices[0]


def test_presets_follow_the_period_file(sample):
    events, periods = sample.events, sample.periods  # a sample "ceasefire" from 8 to 9 May
    assert filters.preset_dates("During the ceasefire", events, periods)[0] == (
        dt.date(2024, 5, 8),
        dt.date(2024, 5, 9),
    )
    assert filters.preset_dates("Before the ceasefire", events, periods)[0] == (
        dt.date(2024, 5, 6),
        dt.date(2024, 5, 7),
    )
    assert filters.preset_dates("After the ceasefire", events, periods)[0] == (
        dt.date(2024, 5, 10),
        dt.date(2024, 5, 10),
    )
    assert filters.preset_dates("Last 7 days of data", events, periods)[0] == (
        dt.date(2024, 5, 6),
        dt.date(2024, 5, 10),
    )


def test_playback_day_only_and_cumulative(events):
    day = dt.date(2024, 5, 7)
    assert list(filters.playback_frame(events, day, "This day only")["event_id_cnty"]) == ["SM-002", "SM-003"]
    assert len(filters.playback_frame(events, day, "Up to this day")) == 3
    assert filters.days(events) == [dt.date(2024, 5, d) for d in range(6, 11)]


def test_describe_says_what_the_view_is_narrowed_to():
    text = filters.describe(Filters(dt.date(2024, 5, 6), None, {"theatre": ("Sea",)}, "drone"))
    assert text == "2024-05-06 to …; theatre: Sea; text: 'drone'"
    assert filters.describe(Filters()) == "no filters"


def test_a_search_text_over_the_limit_is_cut_with_a_notice(events):
    state, notices = filters.from_query({"q": ["drone " * 50]}, events)
    assert len(state.text) == filters.MAX_TEXT
    assert any(f"{filters.MAX_TEXT} characters" in n for n in notices)


def test_more_url_values_than_the_limit_are_read_up_to_the_limit_with_a_notice(events):
    params = {"theatre": ["Land"], **{f"k{i}": ["x"] for i in range(filters.MAX_URL_VALUES + 50)}}
    state, notices = filters.from_query(params, events)
    assert state.chosen("theatre") == ("Land",)
    assert any(f"first {filters.MAX_URL_VALUES:,}" in n for n in notices)
    assert len(notices) == 2  # the cut, and one line for all the unknown keys


def test_presets_are_clamped_to_the_data_and_an_empty_preset_keeps_the_whole_range(sample):
    events, periods = sample.events, sample.periods  # the sample "ceasefire": 8 to 9 May
    late = events[events["event_date"] >= "2024-05-09"]
    (start, end), notice = filters.preset_dates("During the ceasefire", late, periods)
    assert (start, end) == (dt.date(2024, 5, 9), dt.date(2024, 5, 9)) and notice is None
    after = events[events["event_date"] >= "2024-05-10"]
    (start, end), notice = filters.preset_dates("During the ceasefire", after, periods)
    assert (start, end) == filters.data_range(after) and "no events" in notice
    (start, end), notice = filters.preset_dates("Before the ceasefire", after, periods)
    assert start <= end and (start, end) == filters.data_range(after) and "no events" in notice


def test_the_rows_of_a_few_columns_are_the_filtered_rows_of_those_columns(events):
    state = Filters(dt.date(2024, 5, 6), dt.date(2024, 5, 9), {"theatre": ("Land",)})
    columns = ("event_id_cnty", "event_date")
    narrow = filters.rows(events, filters.mask(events, state), columns)
    pd.testing.assert_frame_equal(narrow, filters.apply(events, state)[list(columns)])
    assert 0 < len(narrow) < len(events)
    everything = filters.rows(events, filters.mask(events, Filters()), columns)
    assert list(everything.columns) == list(columns) and len(everything) == len(events)


cell = st.one_of(st.none(), st.sampled_from(["Iraq", "Syria", "Red Sea", "iraq", "Iraq ", "=1+1", ""]))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(cell, cell), min_size=1, max_size=40), st.lists(cell.filter(bool), max_size=3))
def test_a_choice_keeps_the_same_rows_of_category_and_text_columns(cells, chosen):
    """A category column (as the loader stores ACLED's repetitive columns) is matched by its codes: the rows kept
    are those of the same cells as plain text, missing cells never matched."""
    theatre, actor1 = (list(column) for column in zip(*cells))
    text = pd.DataFrame({"theatre": theatre, "actor1": actor1, "actor2": [None] * len(cells)}, dtype=object)
    coded = text.astype("category")
    state = Filters(choices={"theatre": tuple(chosen), "actor": tuple(reversed(chosen))})
    expected = [(t in chosen) and (a in chosen) if chosen else True for t, a in cells]
    assert filters.mask(coded, state).tolist() == filters.mask(text, state).tolist() == expected


def test_equal_filters_are_one_key_whatever_order_the_choices_came_in():
    """The filters key the app's caches (ui.View): the same choices given in another order are the same key, and
    a filter with no values chosen is no filter."""
    one = Filters(None, dt.date(2024, 5, 9), {"theatre": ("Land",), "actor": (US, MILITIA)})
    other = Filters(None, dt.date(2024, 5, 9), {"actor": [US, MILITIA], "theatre": ("Land",), "weapon": ()})
    assert one == other and hash(one) == hash(other) and {one: 1}[other] == 1
    assert one.chosen("actor") == (US, MILITIA) and one.chosen("weapon") == ()
    assert Filters(choices={"theatre": ("Sea",)}) != Filters(choices={"theatre": ("Land",)})
