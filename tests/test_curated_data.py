"""The shipped dataset tells the truth of its sources: quotes, dates, disagreements and aggregates."""

from __future__ import annotations

import pandas as pd
import pytest

from eventmap import schema
from eventmap.load import PERIODS, SOURCES, TALLIES, load_curated, load_events, load_table


@pytest.fixture(scope="module")
def data():
    return load_curated()


def test_every_quote_occurs_verbatim_in_its_source(source_texts):
    known = set(load_table(schema.SOURCES_PATH, SOURCES).frame["source_id"])
    events = load_events(schema.EVENTS_PATH, known_sources=known, source_texts=source_texts)
    assert events.problems == [] and len(events.frame) == 13
    for kind, path in ((TALLIES, schema.TALLIES_PATH), (PERIODS, schema.PERIODS_PATH)):
        assert load_table(path, kind, known_sources=known, source_texts=source_texts).problems == []


def test_every_row_cites_a_known_source_with_a_quote(data):
    known = set(data.sources["source_id"])
    for _, row in data.events.iterrows():
        cited = row["source"].split(";")
        assert cited and set(cited) <= known, row["event_id_cnty"]
        assert row["source_quote"].strip(), row["event_id_cnty"]


def test_source_disagreements_are_recorded_not_resolved(data):
    events = data.events.set_index("event_id_cnty")
    kirkuk = events.loc["EM-IRQ-007"]
    assert kirkuk["event_date"] == pd.Timestamp("2023-12-03")
    assert kirkuk["alt_event_date"] == pd.Timestamp("2023-12-04")
    assert "yesterday" in kirkuk["source_conflict"]
    carney = events[events["target"].astype(str).str.contains("Carney")]
    assert (carney["event_date"] == pd.Timestamp("2023-12-03")).any()
    assert all(events.loc[i, "alt_event_date"] == pd.Timestamp("2023-12-04") for i in ("EM-SEA-004", "EM-SEA-005"))
    first_in_iraq = events.loc[
        "EM-IRQ-003"
    ]  # "for the first time on November 21 inside Iraq", after a strike the day before
    assert "a day earlier" in first_in_iraq["source_conflict"] and "first time" in first_in_iraq["source_conflict"]
    assert "inferred" in first_in_iraq["notes"] and "'attacked two facilities'" in first_in_iraq["notes"]


def test_relative_dates_are_coded_with_their_precision_and_explained(data):
    events = data.events.set_index("event_id_cnty")
    mason = events.loc["EM-SEA-001"]  # "a week ago" in a report of Monday 4 Dec
    assert mason["time_precision"] == 2 and mason["event_date"] == pd.Timestamp("2023-11-27")
    assert "a week ago" in mason["notes"]
    friday = events.loc["EM-SEA-002"]  # "On Friday"
    assert friday["event_date"] == pd.Timestamp("2023-12-01") and "On Friday" in friday["notes"]
    for event_id, row in events[events["time_precision"] > 1].iterrows():
        assert row["notes"], f"{event_id}: an approximate date must say how it was derived"


def test_unplaced_and_approximate_places_are_coded(data):
    events = data.events.set_index("event_id_cnty")
    for unplaced in ("EM-SEA-002", "EM-SEA-003"):  # one rule: no place reported, none inferred from another event
        row = events.loc[unplaced]
        assert pd.isna(row["latitude"]) and pd.isna(row["geo_precision"]) and row["location"] == "", unplaced
        assert row["theatre"] == "Not reported" and "listed, not drawn" in row["notes"], unplaced
    assert events.loc["EM-IRQ-003", "geo_precision"] == 3  # "inside Iraq"
    assert events.loc["EM-IRQ-007", "geo_precision"] == 2  # "near Kirkuk"


def test_one_event_per_day_place_actors_and_sub_event_type(data):
    """ACLED's aggregation: the two Carney shoot-downs of 3 Dec are one event that keeps both reports' counts."""
    key = ["event_date", "location", "actor1", "actor2", "sub_event_type"]
    placed = data.events[data.events["location"] != ""]
    assert not placed.duplicated(key).any()
    carney = data.events.set_index("event_id_cnty").loc["EM-SEA-004"]
    assert "one Houthi drone" in carney["outcome"] and "another Houthi drone" in carney["outcome"]
    assert "at least three drones" in carney["outcome"] and "EM-SEA-006" in carney["notes"]
    assert "EM-SEA-006" not in set(data.events["event_id_cnty"])


def test_interceptions_have_the_intercepting_side_as_actor1(data):
    intercepted = data.events[data.events["sub_event_type"] == "Disrupted weapons use"]
    assert len(intercepted) and (intercepted["actor1"] == schema.US_ACTOR_PREFIX + " (2021-)").all()


def test_the_eisenhower_uav_is_not_coded_as_an_attack(data):
    uav = data.events.set_index("event_id_cnty").loc["EM-SEA-003"]
    assert (uav["event_type"], uav["sub_event_type"]) == ("Strategic developments", "Other")
    assert uav["actor1"].startswith(schema.US_ACTOR_PREFIX) and uav["actor2"] == "Iranian forces (unspecified)"
    assert uav["time_precision"] == 2, "a date derived from a disputed anchor is not a known day"
    assert uav["alt_event_date"] == pd.Timestamp("2023-12-03") and "unsafe" in uav["source_quote"]


def test_deaths_without_a_number_follow_acled_and_keep_the_words(data):
    events = data.events.set_index("event_id_cnty")
    unknown = events[events["fatalities_reported"] == schema.FATALITIES_UNKNOWN]
    assert sorted(unknown.index) == ["EM-IRQ-002", "EM-IRQ-003"]
    # ACLED's "most conservative estimate": the lowest number the words allow, never more
    assert unknown.loc["EM-IRQ-002", "fatalities"] == 1 and unknown.loc["EM-IRQ-003", "fatalities"] == 3
    assert "an unknown number" in unknown.loc["EM-IRQ-002", "outcome"]
    assert "several of them were killed" in unknown.loc["EM-IRQ-003", "outcome"]
    assert events.loc["EM-IRQ-007", "fatalities"] == 5 and events.loc["EM-IRQ-007", "fatalities_reported"] == ""


def test_a_tally_dated_apart_from_its_event_says_why(data):
    tally = data.tallies.set_index("tally_id").loc["T08"]
    event = data.events.set_index("event_id_cnty").loc["EM-SEA-005"]
    assert tally["period_start"] == event["alt_event_date"] != event["event_date"]
    assert "EM-SEA-005" in tally["notes"] and "T08" in event["notes"]


def test_aggregates_stay_aggregates(data):
    tallies = data.tallies.set_index("tally_id")
    assert tallies.loc["T03", "count"] + tallies.loc["T04", "count"] == tallies.loc["T01", "count"] == 76
    attacks_iraq_syria = data.events[
        (data.events["category"] == "Attack") & data.events["theatre"].isin(["Iraq", "Syria"])
    ]
    assert len(attacks_iraq_syria) < 10, "only described attacks are rows; the 76 stay a tally"
    ceasefire = data.periods.set_index("period_id").loc["ceasefire"]
    during = data.events[
        (data.events["event_date"] >= ceasefire["start"])
        & (data.events["event_date"] <= "2023-11-28")
        & data.events["theatre"].isin(["Iraq", "Syria"])
    ]
    assert during.empty, "the tally says no attacks in Iraq or Syria 24-28 Nov"


def test_publication_dates_are_derived_and_explained(data):
    sources = data.sources.set_index("source_id")
    assert sources.loc["000_c29994165f073e88.txt", "published"] == pd.Timestamp("2023-12-05")
    assert sources.loc["001_fbbc51a253459b42.txt", "published"] == pd.Timestamp("2023-12-04")
    assert all(len(how) > 40 for how in sources["published_how"])


def test_data_readme_documents_every_column():
    readme = (schema.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for column in schema.EVENT_COLUMNS:
        assert f"| {column.name} |" in readme, column.name
    for name in (*schema.TALLY_COLUMNS, *schema.PERIOD_COLUMNS, *schema.SOURCE_COLUMNS):
        assert f"`{name}`" in readme or f"| {name} |" in readme, name
