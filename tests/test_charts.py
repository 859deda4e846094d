"""Timeline data: daily counts, the brush, and the comparison with reported tallies."""

from __future__ import annotations

import json

import pandas as pd

from eventmap import charts, schema


def test_daily_counts_sum_to_the_events_and_dates_are_local_midnights(sample):
    counts = charts.daily_counts(sample.events, "theatre")
    assert counts["events"].sum() == len(sample.events)
    assert counts.loc[counts["day"] == "2024-05-07T00:00", "events"].sum() == 2
    late = sample.events.assign(event_date=sample.events["event_date"] + pd.Timedelta(hours=23))  # a time of day
    assert counts.equals(charts.daily_counts(late, "theatre"))


def test_brush_selects_the_days_its_bars_touch():
    def ms(text):
        return pd.Timestamp(text).value // 1_000_000

    selection = {"selection": {"brush": {"day": [ms("2023-11-22 18:00"), ms("2023-11-24 00:00")]}}}
    assert charts.brushed_dates(selection) == (pd.Timestamp("2023-11-22"), pd.Timestamp("2023-11-23"))
    assert charts.brushed_dates({"selection": {"brush": {}}}) is None
    assert charts.brushed_dates(None) is None


def test_tally_chart_shows_the_reported_totals_against_described_attacks(sample):
    # The sample tally counts attacks on US forces in theatre "Land": the attack at sea (SM-005) is not comparable.
    attacks = charts.described_attacks(sample.events, sample.tallies)
    assert list(attacks["event_id_cnty"]) == ["SM-001", "SM-002"]
    assert charts.total(charts.cumulative(sample.events, sample.tallies)) == 2 == len(attacks)
    assert charts.total(charts.cumulative(sample.events.iloc[0:0], sample.tallies)) == 0
    other = sample.tallies.assign(subject="Ships attacked")
    assert charts.described_attacks(sample.events, other).empty  # no tally of attacks on US forces to compare with
    spec = json.dumps(charts.tally_chart(charts.cumulative(sample.events, sample.tallies), sample.tallies).to_dict())
    assert "at least 12 (Land)" in spec


def test_timeline_shades_the_periods_and_colours_categories_from_the_schema(sample):
    counts = charts.daily_counts(sample.events, "category")
    spec = json.dumps(charts.timeline_chart(counts, sample.periods, "category").to_dict())
    assert "Sample truce" in spec and "2024-05-10T00:00" in spec  # the band ends after its last day, 9 May
    assert schema.css(schema.CATEGORY_COLOURS["Interception"]) in spec


def test_colour_by_offers_the_map_category_first():
    assert list(charts.SPLITS.items()) == [
        ("Map category", "category"),
        ("Theatre", "theatre"),
        ("Event type", "event_type"),
    ]


def test_text_about_periods_and_tallies_is_read_off_the_data(sample):
    assert charts.periods_phrase(sample.periods) == "Sample truce, 8 May 2024 – 9 May 2024"
    assert charts.headline_tally(sample.tallies) == "at least 12 attacks on US forces (Land) since 1 May 2024"
    assert charts.headline_tally(sample.tallies.iloc[0:0]) is None


def test_the_timeline_columns_alone_give_the_same_counts(sample):
    """The Timeline copies only charts.TIMELINE_COLUMNS of the filtered rows: every split must be among them."""
    events = sample.events
    narrow = events[list(charts.TIMELINE_COLUMNS)]
    for field in charts.SPLITS.values():
        pd.testing.assert_frame_equal(charts.daily_counts(narrow, field), charts.daily_counts(events, field))
    cumulative = charts.cumulative(narrow, sample.tallies)
    pd.testing.assert_frame_equal(cumulative, charts.cumulative(events, sample.tallies))
    assert charts.total(cumulative) == 2, "the attacks on Alpha Base (the tally counts theatre Land)"
