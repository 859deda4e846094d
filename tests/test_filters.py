"""Filters round-trip through the URL, ignore bad values with a notice, and keep exactly the matching rows."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap import filters
from eventmap.filters import Filters
from eventmap.load import load_curated


@pytest.fixture(scope="module")
def data():
    return load_curated()


def test_url_round_trip(data):
    state = Filters(dt.date(2023, 11, 20), dt.date(2023, 12, 1), {"theatre": ("Iraq",), "actor": ("Houthi forces (Yemen)",)}, "drone")
    again, notices = filters.from_query(filters.to_query(state), data.events)
    assert again == state and notices == []


def test_date_range_is_inclusive(data):
    state, _ = filters.from_query({"start": ["2023-11-22"], "end": ["2023-11-23"]}, data.events)
    shown = filters.apply(data.events, state)
    assert sorted(shown["event_id_cnty"]) == ["EM-IRQ-004", "EM-IRQ-005", "EM-IRQ-006"]


def test_actor_matches_either_side(data):
    state = Filters(choices={"actor": ("Military Forces of the United States (2021-)",)})
    shown = filters.apply(data.events, state)
    assert len(shown) == len(data.events[(data.events["actor1"] == "Military Forces of the United States (2021-)")
                                         | (data.events["actor2"] == "Military Forces of the United States (2021-)")])
    assert len(shown) == len(data.events) - 1  # every curated event but the strike on commercial shipping


def test_text_search_is_literal_and_case_blind(data):
    assert set(filters.apply(data.events, Filters(text="UNITY explorer"))["event_id_cnty"]) == {"EM-SEA-004"}
    assert filters.apply(data.events, Filters(text="(.*")).empty  # no regex


def test_bad_and_unknown_url_values_are_ignored_with_notices(data):
    state, notices = filters.from_query(
        {"start": ["yesterday"], "end": ["2023-12-02"], "theatre": ["Iraq", "Atlantis"], "colour": ["red"]}, data.events)
    assert state == Filters(None, dt.date(2023, 12, 2), {"theatre": ("Iraq",)})
    text = " ".join(notices)
    assert "start='yesterday'" in text and "'Atlantis'" in text and "'colour'" in text


def test_reversed_range_is_ignored(data):
    state, notices = filters.from_query({"start": ["2023-12-03"], "end": ["2023-11-01"]}, data.events)
    assert state.start is None and state.end is None and "start is after end" in notices[0]


def test_presets_follow_the_ceasefire_period(data):
    during = filters.preset_range("During the ceasefire", data.events, data.periods)
    assert during == (dt.date(2023, 11, 24), dt.date(2023, 12, 1))
    assert filters.preset_range("Before the ceasefire", data.events, data.periods) == (dt.date(2023, 11, 20), dt.date(2023, 11, 23))
    assert filters.preset_range("After the ceasefire", data.events, data.periods) == (dt.date(2023, 12, 2), dt.date(2023, 12, 3))
    assert filters.preset_range("Last 7 days of data", data.events, data.periods) == (dt.date(2023, 11, 27), dt.date(2023, 12, 3))


def test_playback_day_only_and_cumulative(data):
    day = dt.date(2023, 11, 23)
    assert len(filters.playback_frame(data.events, day, "This day only")) == 2
    assert len(filters.playback_frame(data.events, day, "Up to this day")) == 6
    assert filters.days(data.events)[0] == dt.date(2023, 11, 20) and len(filters.days(data.events)) == 14
