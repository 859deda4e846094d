"""The gazetteer geocoder over the sample's places.csv: names and aliases, normalisation, typos, hostile input, bad
rows. (The shipped gazetteer's coordinates against their references: tests/test_curated_data.py.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from eventmap import schema
from eventmap.csvfile import read_cells
from eventmap.geocode.base import clean_query, normalise, precision_for
from eventmap.geocode.gazetteer import Gazetteer, load_places
from eventmap.problems import DataFileError
from tests import sample


@pytest.fixture(scope="module")
def gazetteer(sample_dir) -> Gazetteer:
    return Gazetteer(schema.data_files(sample_dir).places)


def test_every_event_location_resolves_offline_at_the_events_point(gazetteer, sample_dir):
    events = read_cells(schema.data_files(sample_dir).events)
    named = events[events["location"].str.strip() != ""]
    assert len(named) == 5
    for _, row in named.iterrows():
        location = gazetteer.geocode(row["location"])
        assert location is not None, row["location"]
        assert (location.latitude, location.longitude) == (float(row["latitude"]), float(row["longitude"]))


def test_an_alias_finds_its_place(gazetteer):
    alias, name = sample.ALIAS
    assert gazetteer.geocode(alias).raw["name"] == name
    assert gazetteer.geocode("Alpha Airbase").raw["match"] == "exact"


def test_precision_follows_the_kind():
    assert precision_for("city", 20) == 1
    assert precision_for("base", 3) == 1
    assert precision_for("base", 12) == 2  # only near the base
    assert precision_for("strait", 25) == 2
    assert precision_for("sea area", 200) == 2
    assert precision_for("sea area", 1100) == 3
    assert precision_for("country", 80) == 3


def test_location_is_geopys_and_carries_the_place_in_raw(gazetteer):
    assert isinstance(gazetteer, Geocoder)
    location = gazetteer.geocode("Sample Sea")
    assert isinstance(location, Location)
    assert location.raw["kind"] == "sea area"
    assert location.raw["precision"] == 3  # a whole sea
    assert location.raw["radius_km"] == 400
    assert location.raw["reference"] == "http://198.51.100.7/sea"
    assert location.raw["match"] == "exact"
    assert isinstance(gazetteer.geocode("Bravo Town", exactly_one=False), list)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ain al-Asad Air Base", "ain asad airbase"),
        ("AIN AL ASAD AIRBASE", "ain asad airbase"),
        ("Ain al-Asad AB", "ain asad airbase"),
        ("ain-al-asad air-base", "ain asad airbase"),
        ("Al-Qa'im", "qaim"),
        ("Al-Qa’im", "qaim"),
        ("Bab el-Mandeb", "bab mandeb"),
        ("at-Tanf", "tanf"),
        ("Rumalyn Landing Zone", "rumalyn lz"),
        ("Hewlêr", "hewler"),
        ("  Kirkuk\t\n", "kirkuk"),
        ("the Red Sea", "red sea"),
        ("Al", "al"),  # a lone article is kept, not emptied
        ("<b>Kirkuk</b>", "kirkuk"),
        ("Kirkuk &amp; Erbil", "kirkuk erbil"),
        ("كَرْكُوك", "كركوك"),  # Arabic vowel marks dropped
    ],
)
def test_normalisation(text, key):
    assert normalise(text) == key


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "   ",
        "\t\n",
        None,
        42,
        "<script>alert(1)</script>",
        "'; DROP TABLE answers; --",
        "%00%00",
        "\x00\x07",
        "巴格达",
        "🚀🚀",
        "Kirkuk" * 40,
        "x" * 100_000,
        "Samplestann stan",
    ],
)
def test_hostile_or_unknown_input_finds_nothing_and_is_quick(gazetteer, hostile):
    started = time.perf_counter()
    assert gazetteer.geocode(hostile) is None
    assert time.perf_counter() - started < 0.5


def test_control_characters_and_html_around_a_name_still_find_it(gazetteer):
    assert gazetteer.geocode("\x00Bravo Town\x07").raw["name"] == "Bravo Town"
    assert gazetteer.geocode("<i>Alpha Base</i>").raw["name"] == "Alpha Base"
    assert clean_query("<p>Ain&nbsp;al-Asad</p>") == "Ain al-Asad"


def test_fuzzy_matching_catches_typos_only_above_the_cutoff(gazetteer):
    typo = gazetteer.geocode("Samplestann")
    assert typo.raw["name"] == "Samplestan" and typo.raw["match"] == "fuzzy" and typo.raw["score"] >= 0.9
    assert gazetteer.geocode("Bravo Tower") is None
    assert gazetteer.geocode("Mosul") is None
    with pytest.raises(ValueError):
        Gazetteer(places=[], fuzzy_cutoff=0.8)


def test_bad_gazetteer_rows_are_reported_by_row_and_column(tmp_path: Path):
    path = tmp_path / "places.csv"
    path.write_text(
        "name,aliases,latitude,longitude,kind,radius_km,country,reference\n"
        "Good,,1,2,city,1,X,http://a\n"
        "Bad,,91,2,village,-1,X,\n"
        "Other,good,1,2,city,1,X,http://b\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_places(path)
    text = str(caught.value)
    assert f"{path}:3: latitude:" in text
    assert f"{path}:3: kind: unknown kind 'village'" in text
    assert f"{path}:3: radius_km:" in text
    assert f"{path}:3: reference:" in text
    assert "'good' of 'Other' reads the same as a name of 'Good'" in text


def test_missing_gazetteer_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(DataFileError, match="file not found"):
        load_places(tmp_path / "nope.csv")


def test_a_name_in_arabic_script_is_optional_and_checked(tmp_path: Path, sample_dir):
    assert {p.name: p.name_ar for p in load_places(sample_dir / "places.csv")}["Alpha Base"] == sample.NAME_AR
    path = tmp_path / "places.csv"
    header = "name,aliases,latitude,longitude,kind,radius_km,country,reference"
    path.write_text(f"{header}\nGood,,1,2,city,1,X,http://a\n", encoding="utf-8")
    assert [p.name_ar for p in load_places(path)] == [""], "a file without the column is read as before"
    path.write_text(
        f"{header},name_ar\n"
        "Arabic,,1,2,city,1,X,http://a,الأسد\n"
        "Persian,,1,2,city,1,X,http://b,پل دختر\n"
        "None,,1,2,city,1,X,http://c,\n"
        "Latin,,1,2,city,1,X,http://d,Al Asad\n"
        "Mixed,,1,2,city,1,X,http://e,<b>الأسد</b>\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_places(path)
    text = str(caught.value)
    assert f"{path}:5: name_ar: not in Arabic or Persian script: 'Al Asad'" in text
    assert f"{path}:6: name_ar:" in text, "markup around a name is not a name"
    assert ":2: name_ar" not in text and ":3: name_ar" not in text and ":4: name_ar" not in text
