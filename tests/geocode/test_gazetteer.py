"""The curated gazetteer: coverage of events.csv, referenced coordinates, name normalisation, hostile input."""

from __future__ import annotations

import itertools
import math
import time
from pathlib import Path

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from eventmap import schema
from eventmap.csvfile import read_cells
from eventmap.geocode.base import clean_query, normalise, precision_for
from eventmap.geocode.gazetteer import Gazetteer, load_places
from eventmap.maps import raster
from eventmap.problems import DataFileError


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def dms(degrees: float, minutes: float = 0, seconds: float = 0) -> float:
    return degrees + minutes / 60 + seconds / 3600


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


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


def test_every_event_location_resolves_offline_at_the_events_point(gazetteer):
    events = read_cells(schema.EVENTS_PATH)
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
    places = load_places()
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

    for place in load_places():
        expected = [] if place.kind in ("sea area", "strait") else [place.country]
        assert countries_at(place.longitude, place.latitude) == expected, place.name


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
    location = gazetteer.geocode("Southern Red Sea")
    assert isinstance(location, Location)
    assert location.raw["kind"] == "sea area"
    assert location.raw["precision"] == 2
    assert location.raw["radius_km"] == 200
    assert "UKMTO" in location.raw["reference"]
    assert location.raw["match"] == "exact"
    assert isinstance(gazetteer.geocode("Kirkuk", exactly_one=False), list)


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
        "Iraqq",
    ],
)
def test_hostile_or_unknown_input_finds_nothing_and_is_quick(gazetteer, hostile):
    started = time.perf_counter()
    assert gazetteer.geocode(hostile) is None
    assert time.perf_counter() - started < 0.5


def test_control_characters_and_html_around_a_name_still_find_it(gazetteer):
    assert gazetteer.geocode("\x00Kirkuk\x07").raw["name"] == "Kirkuk"
    assert gazetteer.geocode("<i>Erbil</i>").raw["name"] == "Erbil"
    assert clean_query("<p>Ain&nbsp;al-Asad</p>") == "Ain al-Asad"


def test_fuzzy_matching_catches_typos_only_above_the_cutoff(gazetteer):
    typo = gazetteer.geocode("Erbill Air Base")
    assert typo.raw["name"] == "Erbil Air Base" and typo.raw["match"] == "fuzzy" and typo.raw["score"] >= 0.9
    assert gazetteer.geocode("Kirkland") is None
    assert gazetteer.geocode("Mosul") is None
    with pytest.raises(ValueError):
        Gazetteer(fuzzy_cutoff=0.8)


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
