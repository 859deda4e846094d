"""Timeline data: daily counts, the brush, and the comparison with reported tallies."""

from __future__ import annotations

import json

import pandas as pd

from eventmap import charts
from eventmap.load import load_curated


def test_daily_counts_sum_to_the_events_and_dates_are_local_midnights():
    events = load_curated().events
    counts = charts.daily_counts(events, "theatre")
    assert counts["events"].sum() == len(events)
    on_3_dec = int((events["event_date"] == "2023-12-03").sum())
    assert counts.loc[counts["day"] == "2023-12-03T00:00", "events"].sum() == on_3_dec > 0


def test_brush_selects_the_days_its_bars_touch():
    ms = lambda text: pd.Timestamp(text).value // 1_000_000
    selection = {"selection": {"brush": {"day": [ms("2023-11-22 18:00"), ms("2023-11-24 00:00")]}}}
    assert charts.brushed_dates(selection) == (pd.Timestamp("2023-11-22"), pd.Timestamp("2023-11-23"))
    assert charts.brushed_dates({"selection": {"brush": {}}}) is None
    assert charts.brushed_dates(None) is None


def test_tally_chart_shows_the_reported_totals_against_described_attacks():
    data = load_curated()
    attacks = charts.described_attacks(data.events)  # Ain al-Asad x2, Erbil x2, Rumalyn
    assert sorted(attacks["event_id_cnty"]) == ["EM-IRQ-001", "EM-IRQ-004", "EM-IRQ-005", "EM-IRQ-006", "EM-SYR-001"]
    assert charts.cumulative(data.events)["events"].iloc[-1] == 5
    spec = json.dumps(charts.tally_chart(data.events, data.tallies).to_dict())
    assert "at least 76 (Iraq, Syria)" in spec and "exactly 36 (Iraq)" in spec


def test_timeline_shades_the_ceasefire():
    data = load_curated()
    spec = json.dumps(charts.timeline_chart(data.events, data.periods, "category").to_dict())
    assert "Israel-Hamas temporary ceasefire" in spec and "2023-12-02T00:00" in spec  # the band ends after 1 Dec
