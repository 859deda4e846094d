"""The shipped dataset tells the truth of its sources: quotes, dates, disagreements and aggregates; its gazetteer
points at the places its references give; every actor has an ACLED type.

One of the two test files that read the shipped data/ (marked shipped_data); the tests of the code run on
tests/sample.py's dataset."""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys

import pandas as pd
import pytest

from eventmap import actors, schema
from eventmap.csvfile import read_cells
from eventmap.curate import propose as propose_module
from eventmap.geocode.gazetteer import Gazetteer, load_places
from eventmap.load import PERIODS, SOURCES, TALLIES, load_curated, load_events, load_table
from eventmap.maps import raster

pytestmark = pytest.mark.shipped_data
SHIPPED = schema.data_files(schema.DATA_DIR)  # named, not taken from the environment: module fixtures run first


@pytest.fixture(scope="module")
def data():
    return load_curated(SHIPPED.folder)


def test_the_app_reads_the_shipped_folder_unless_told_otherwise(tmp_path):
    assert schema.data_dir({}) == SHIPPED.folder and schema.data_files(env={}) == SHIPPED
    assert schema.data_dir({schema.DATA_DIR_ENV: str(tmp_path)}) == tmp_path
    assert schema.events_path({}) == SHIPPED.events


def test_every_quote_occurs_verbatim_in_its_source(source_texts):
    known = set(load_table(SHIPPED.sources, SOURCES).frame["source_id"])
    events = load_events(SHIPPED.events, known_sources=known, source_texts=source_texts)
    assert events.problems == [] and len(events.frame) == 13
    for kind, path in ((TALLIES, SHIPPED.tallies), (PERIODS, SHIPPED.periods)):
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
    for sea in ("EM-SEA-001", "EM-SEA-004", "EM-SEA-005"):  # a sea area is ACLED's precision 3
        assert events.loc[sea, "geo_precision"] == 3, sea
    assert all("UKMTO" in events.loc[sea, "notes"] for sea in ("EM-SEA-004", "EM-SEA-005"))


def test_the_country_level_strike_quotes_only_itself(data):
    quotes = data.events.set_index("event_id_cnty").loc["EM-IRQ-003", "source_quote"].split(" | ")
    assert quotes == [
        "The US then responded for the first time on November 21 inside Iraq",
        "The Pentagon said the military attacked two facilities used by Iran-backed militants, "
        "and it is believed that several of them were killed.",
    ]


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
    assert uav["actor1"].startswith(schema.US_ACTOR_PREFIX) and uav["actor2"] == "Military Forces of Iran (1989-)"
    assert uav["time_precision"] == 2, "a date derived from a disputed anchor is not a known day"
    assert uav["alt_event_date"] == pd.Timestamp("2023-12-03") and "unsafe" in uav["source_quote"]


def test_deaths_without_a_number_follow_acled_and_keep_the_words(data):
    events = data.events.set_index("event_id_cnty")
    unknown = events[events["fatalities_reported"] == schema.FATALITIES_UNKNOWN]
    assert sorted(unknown.index) == ["EM-IRQ-002", "EM-IRQ-003"]
    # ACLED's "most conservative estimate": the lowest number the words allow, never more
    assert unknown.loc["EM-IRQ-002", "fatalities"] == 3 and unknown.loc["EM-IRQ-003", "fatalities"] == 3
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
    readme = (SHIPPED.folder / "README.md").read_text(encoding="utf-8")
    for column in schema.EVENT_COLUMNS:
        assert f"| {column.name} |" in readme, column.name
    for name in (*schema.TALLY_COLUMNS, *schema.PERIOD_COLUMNS, *schema.SOURCE_COLUMNS):
        assert f"`{name}`" in readme or f"| {name} |" in readme, name


def test_every_curated_actor_has_an_acled_inter_code(data):
    table = actors.load_actors(SHIPPED.actors)
    assert actors.missing_actors(data.events, table) == []
    assert table["inter_code"].between(1, 8).all()
    assert list(table["inter_label"]) == [actors.INTER_LABELS[int(code)] for code in table["inter_code"]]
    codes = dict(zip(table["actor"], table["inter_code"]))
    assert codes["Military Forces of Yemen (2017-) Houthi"] == 1  # competing state forces: State forces
    assert codes["Military Forces of the United States (2021-)"] == codes["Military Forces of Iran (1989-)"] == 8
    assert "Iran-backed militia (unidentified)" not in codes and codes["Unidentified Armed Group (Iraq)"] == 3


def test_the_missing_aggregates_are_tallies(data):
    tallies = data.tallies.set_index("tally_id")
    assert (tallies.loc["T11", "count"], tallies.loc["T11", "qualifier"]) == (4, "at most")  # "less than a handful"
    assert (tallies.loc["T12", "count"], tallies.loc["T12", "qualifier"]) == (1, "exactly")  # "one in Iraq"
    assert (tallies.loc["T13", "count"], tallies.loc["T13", "qualifier"]) == (1, "at least")


# --- the gazetteer (places.csv) -----------------------------------------------------------------------------


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def dms(degrees: float, minutes: float = 0, seconds: float = 0) -> float:
    return degrees + minutes / 60 + seconds / 3600


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(SHIPPED.places)


# (query typed by an analyst, place it must find, reference latitude, longitude, tolerance km), the reference
# values typed from the public pages cited in places.csv, not copied from it.
REFERENCED = [
    ("Ain al-Asad Air Base", "Ain al-Asad Air Base", dms(33, 47, 8), dms(42, 26, 28), 0.5),  # Wikipedia
    ("Ayn al-Asad", "Ain al-Asad Air Base", dms(33, 47, 8), dms(42, 26, 28), 0.5),
    ("Al Asad Airbase", "Ain al-Asad Air Base", dms(33, 47, 8), dms(42, 26, 28), 0.5),
    ("al-asad AB", "Ain al-Asad Air Base", dms(33, 47, 8), dms(42, 26, 28), 0.5),
    ("Erbil Air Base", "Erbil Air Base", dms(36, 14, 15), dms(43, 57, 47), 0.5),  # Erbil International Airport
    ("Irbil airbase", "Erbil Air Base", dms(36, 14, 15), dms(43, 57, 47), 0.5),
    ("Erbil", "Erbil", 36.19257, 44.01062, 0.5),  # GeoNames 95446
    ("Arbil", "Erbil", 36.191188, 44.009189, 1.0),  # Wikipedia 'Erbil'
    ("Hawler", "Erbil", 36.19257, 44.01062, 0.5),
    ("Kirkuk", "Kirkuk", 35.46806, 44.39222, 0.5),  # GeoNames 94787
    ("Baghdad", "Baghdad", 33.34058, 44.40088, 0.5),  # GeoNames 98182
    ("Rumalyn Landing Zone", "Rumalyn Landing Zone", dms(36, 53, 52), dms(41, 59, 51), 0.5),  # Abu Hajar Airport
    ("Rmeilan Landing Zone", "Rumalyn Landing Zone", dms(36, 53, 52), dms(41, 59, 51), 0.5),
    ("Rumalyn LZ", "Rumalyn Landing Zone", dms(36, 53, 52), dms(41, 59, 51), 0.5),
    ("Rmelan", "Rmelan", dms(37), dms(41, 57), 0.5),
    ("Rimelan", "Rmelan", dms(37), dms(41, 57), 0.5),
    ("Rumeilan", "Rmelan", dms(37), dms(41, 57), 0.5),
    ("al-Tanf", "al-Tanf", dms(33, 30, 21), dms(38, 37, 4), 0.5),
    ("At Tanf garrison", "al-Tanf", dms(33, 30, 21), dms(38, 37, 4), 0.5),
    ("MSS Conoco", "Mission Support Site Conoco", dms(35, 20, 10), dms(40, 18, 34), 0.5),
    ("Green Village", "Green Village", dms(35, 1, 6), dms(40, 27, 12), 15.0),  # derived from Mayadin
    ("Jurf al-Sakhar", "Jurf al-Sakhar", dms(32, 52), dms(44, 12, 50), 0.5),
    ("Jurf al-Nasr", "Jurf al-Sakhar", dms(32, 52), dms(44, 12, 50), 0.5),
    ("Al-Qa'im", "Al-Qaim", dms(34, 22, 1), dms(41, 8, 20), 0.5),
    ("Red Sea", "Red Sea", 22.0, 38.0, 0.5),
    ("Southern Red Sea", "Southern Red Sea", dms(13, 57, 59), dms(42, 18), 0.5),  # UKMTO 001/DEC/2023
    ("Bab el-Mandeb", "Bab el-Mandeb", dms(12, 35), dms(43, 20), 0.5),
    ("Bab al-Mandab", "Bab el-Mandeb", dms(12, 35), dms(43, 20), 0.5),
    ("Gulf of Aden", "Gulf of Aden", 12.0, 48.0, 0.5),
    ("Iraq", "Iraq", 33.0, 44.0, 0.5),  # CIA World Factbook
    ("Syria", "Syria", 35.0, 38.0, 0.5),
    ("Yemen", "Yemen", 15.0, 48.0, 0.5),
    ("Jordan", "Jordan", 31.0, 36.0, 0.5),
    ("Iran", "Iran", 32.0, 53.0, 0.5),
]


@pytest.mark.parametrize(("query", "name", "latitude", "longitude", "tolerance"), REFERENCED)
def test_names_and_aliases_match_their_references(gazetteer, query, name, latitude, longitude, tolerance):
    location = gazetteer.geocode(query)
    assert location is not None, query
    assert location.raw["name"] == name
    assert km(location.latitude, location.longitude, latitude, longitude) <= tolerance


def test_every_curated_event_location_resolves_offline_at_the_events_point(gazetteer):
    events = read_cells(SHIPPED.events)
    named = events[events["location"].str.strip() != ""]
    assert len(named) > 0
    for _, row in named.iterrows():
        location = gazetteer.geocode(row["location"])
        assert location is not None, row["location"]
        # The map and the geocoder agree on every curated place (events.csv was corrected to the references).
        assert km(location.latitude, location.longitude, float(row["latitude"]), float(row["longitude"])) < 0.1


def test_the_places_the_brief_names_are_all_there(gazetteer):
    for query in (
        "Kirkuk",
        "Erbil",
        "Erbil Air Base",
        "Ain al-Asad Air Base",
        "Rumalyn Landing Zone",
        "Baghdad",
        "al-Tanf",
        "Mission Support Site Conoco",
        "Green Village",
        "Jurf al-Sakhar",
        "Al-Qaim",
        "Red Sea",
        "Southern Red Sea",
        "Bab el-Mandeb",
        "Gulf of Aden",
        "Iraq",
        "Syria",
        "Yemen",
        "Jordan",
        "Iran",
    ):
        assert gazetteer.geocode(query) is not None, query


def test_every_row_cites_a_public_reference_and_sea_areas_lie_at_sea():
    places = load_places(SHIPPED.places)
    assert all("http" in p.reference for p in places)
    for place in places:
        if place.kind in ("sea area", "strait"):
            assert place.country == "", place.name  # at sea, never a same-named province on land
    red_sea = next(p for p in places if p.name == "Red Sea")
    assert km(red_sea.latitude, red_sea.longitude, 20.28, 38.51) > 100  # not Sudan's Red Sea state


def _inside(lon: float, lat: float, rings: list) -> bool:
    result = False
    for ring in rings:
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                result = not result
    return result


def test_points_fall_in_their_country_or_at_sea_on_the_natural_earth_basemap():
    """Catches a sea point placed on a same-named province, or a country point outside the country."""
    features = raster.load_basemap()["features"]

    def countries_at(lon: float, lat: float) -> list[str]:
        found = []
        for feature in features:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            if any(_inside(lon, lat, polygon) for polygon in polygons):
                found.append(feature["properties"]["name"])
        return found

    for place in load_places(SHIPPED.places):
        expected = [] if place.kind in ("sea area", "strait") else [place.country]
        assert countries_at(place.longitude, place.latitude) == expected, place.name


def test_the_example_briefing_validates_and_its_captions_match_its_steps(data):
    from eventmap import briefing, filters

    context = briefing.load_context(SHIPPED.folder)
    found, problems = briefing.read(briefing.folder_of(SHIPPED.folder) / "ceasefire.json", context)
    assert problems == [] and len(found.steps) == 4
    shown = [filters.apply(data.events, step.filters) for step in found.steps]
    before, pause, resumption, sea = shown
    assert len(before) == 6 and (before["actor1"] == "Unidentified Armed Group (Iraq)").sum() == 4  # "six", "four"
    assert set(before["location"]) == {"Ain al-Asad Air Base", "Erbil Air Base", "Iraq"}
    ceasefire = data.periods.set_index("period_id").loc["ceasefire"]
    assert (found.steps[1].filters.start, found.steps[1].filters.end) == (
        ceasefire["start"].date(),
        ceasefire["end"].date(),
    )
    assert set(pause["theatre"]) <= {"Gulf of Aden", "Not reported"}  # none in Iraq or Syria
    assert set(pause["target"]) == {"USS Mason", "USS Carney"}
    kirkuk = resumption.set_index("event_id_cnty").loc["EM-IRQ-007"]
    assert kirkuk["fatalities"] == 5 and set(resumption["location"]) == {"Kirkuk", "Rumalyn Landing Zone"}
    assert set(sea["event_id_cnty"]) == {"EM-SEA-004", "EM-SEA-005"}
    tally = data.tallies.set_index("tally_id").loc["T01"]  # "at least 76 ... from 17 October to 5 December"
    assert (tally["count"], tally["qualifier"]) == (76, "at least")
    assert (
        tally["period_start"].date().isoformat() == "2023-10-17"
        and tally["period_end"].date().isoformat() == "2023-12-05"
    )


def test_the_reports_propose_every_shipped_events_quote_sentence(source_texts):
    """`python -m eventmap propose --source ID` on each shipped report: its candidate sentences hold every quote
    passage of the events that cite it (nothing is proposed that the desk would not let an editor save)."""
    from tests.conftest import ROOT, SOURCES_DIR

    events = read_cells(SHIPPED.events)
    for source_id in source_texts:
        command = ["-m", "eventmap", "propose", "--source", source_id, "--sources", str(SOURCES_DIR)]
        done = subprocess.run(
            [sys.executable, *command, "--events", str(SHIPPED.events)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        candidates = [propose_module.Candidate(**json.loads(line)) for line in done.stdout.splitlines()]
        citing = events[events["source"].str.split(";").apply(lambda ids, s=source_id: s in ids)]
        for quote, event_id in zip(citing["source_quote"], citing["event_id_cnty"]):
            assert propose_module.covers(candidates, quote), (source_id, event_id)
