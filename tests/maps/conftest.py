"""The map's tests run on the tests' sample dataset (tests/sample.py) with a small gazetteer of their own: the
places, countries and seas the map names and sizes, made up here so that no test reads the shipped data/."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from eventmap import schema
from eventmap.geocode.gazetteer import PLACE_COLUMNS

REFERENCE = "made up for the tests"
# name, aliases, latitude, longitude, kind, radius_km, country
PLACES = [
    ("Ain al-Asad Air Base", "Ayn al-Asad Air Base;Al Asad Airbase", 33.7856, 42.4412, "base", 5.0, "Iraq"),
    ("Erbil Air Base", "", 36.2376, 43.9632, "base", 3.0, "Iraq"),
    ("Kirkuk", "", 35.4681, 44.3922, "city", 10.0, "Iraq"),
    ("Bravo Town", "", 34.0, 43.0, "city", 12.0, "Iraq"),
    ("Iraq", "Republic of Iraq", 33.0, 44.0, "country", 450.0, "Iraq"),
    ("Red Sea", "", 20.0, 38.5, "sea area", 900.0, ""),
    ("Gulf of Aden", "", 12.5, 48.0, "sea area", 400.0, ""),
    ("Bab al-Mandab", "Bab el-Mandeb", 12.6, 43.4, "strait", 30.0, ""),
]


def write_places(path: Path, places=PLACES) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PLACE_COLUMNS)
        for name, aliases, lat, lon, kind, radius, country in places:
            writer.writerow([name, aliases, lat, lon, kind, radius, country, REFERENCE])
    return path


@pytest.fixture(scope="session")
def map_dir(sample_dir, tmp_path_factory) -> Path:
    """The sample dataset with this gazetteer as its places.csv."""
    folder = tmp_path_factory.mktemp("map-sample")
    shutil.copytree(sample_dir, folder, dirs_exist_ok=True)
    write_places(folder / "places.csv")
    return folder


@pytest.fixture(autouse=True)
def _map_dataset(map_dir, monkeypatch):
    """Every map test reads its dataset folder (and so its gazetteer) from map_dir."""
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(map_dir))


@pytest.fixture(scope="session")
def sample_events(map_dir):
    """The sample events as the loader types them."""
    from eventmap.load import load_curated

    return load_curated(map_dir).events
