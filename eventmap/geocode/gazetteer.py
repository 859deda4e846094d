"""The offline gazetteer: data/places.csv as a geopy geocoder, so curated places never need the network."""

from __future__ import annotations

import difflib
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, overload

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from eventmap import schema
from eventmap.csvfile import read_cells
from eventmap.geocode.base import KINDS, REGION_KINDS, normalise, precision_for
from eventmap.problems import DataFileError, Problem, show_value

PLACE_COLUMNS = ("name", "aliases", "latitude", "longitude", "kind", "radius_km", "country", "reference")
# Columns a places file may add after PLACE_COLUMNS: the place's name in Arabic script (Arabic or Persian), shown
# by the map when a user asks for it (eventmap.maps.rtl). Left empty unless a source states the name.
OPTIONAL_PLACE_COLUMNS = ("name_ar",)
# Fuzzy matching only catches typos in long names; below this similarity a guess would be a wrong place.
FUZZY_CUTOFF = 0.9
FUZZY_MIN_CHARS = 6


@dataclass(frozen=True)
class Place:
    """One curated row of places.csv."""

    name: str
    aliases: tuple[str, ...]
    latitude: float
    longitude: float
    kind: str
    radius_km: float
    country: str
    reference: str
    name_ar: str = ""  # in Arabic script, "" when the gazetteer has none

    @property
    def precision(self) -> int:
        return precision_for(self.kind, self.radius_km)


def _number(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and low <= value <= high else None


def arabic_script(text: str) -> bool:
    """Whether every letter of text is of the Arabic script (Arabic, Persian), and it has one at least."""
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("ARABIC") for ch in letters)


def load_places(path: Path | None = None) -> list[Place]:
    """Read and check places.csv (by default the dataset folder's); every problem is reported at once as
    PATH:ROW: column: message."""
    path = schema.data_files().places if path is None else path
    shown = str(path)
    cells = read_cells(path, shown)
    missing = [c for c in PLACE_COLUMNS if c not in cells.columns]
    if missing:
        raise DataFileError([Problem(shown, 1, c, "column missing from the header") for c in missing])
    problems: list[Problem] = []
    places: list[Place] = []
    for index, row in enumerate(cells.to_dict("records")):
        line = index + 2
        cell = {c: str(row.get(c, "")).strip() for c in (*PLACE_COLUMNS, *OPTIONAL_PLACE_COLUMNS)}
        latitude = _number(cell["latitude"], -90, 90)
        longitude = _number(cell["longitude"], -180, 180)
        radius = _number(cell["radius_km"], 0, 20_000)
        arabic = not cell["name_ar"] or arabic_script(cell["name_ar"])
        checks = (
            ("name", bool(normalise(cell["name"])), "a place needs a name"),
            ("latitude", latitude is not None, f"not a latitude, -90..90: {show_value(cell['latitude'])}"),
            ("longitude", longitude is not None, f"not a longitude, -180..180: {show_value(cell['longitude'])}"),
            ("kind", cell["kind"] in KINDS, f"unknown kind {show_value(cell['kind'])} (one of: {', '.join(KINDS)})"),
            ("radius_km", bool(radius), f"not a positive number of km: {show_value(cell['radius_km'])}"),
            ("reference", bool(cell["reference"]), "every point needs the public reference it was checked against"),
            ("name_ar", arabic, f"not in Arabic or Persian script: {show_value(cell['name_ar'])}"),
        )
        bad = [Problem(shown, line, column, message) for column, ok, message in checks if not ok]
        problems.extend(bad)
        if bad or latitude is None or longitude is None or radius is None:
            continue
        aliases = tuple(a.strip() for a in cell["aliases"].split(schema.LIST_SEPARATOR) if a.strip())
        places.append(
            Place(
                cell["name"],
                aliases,
                latitude,
                longitude,
                cell["kind"],
                radius,
                cell["country"],
                cell["reference"],
                cell["name_ar"],
            )  # fmt: skip
        )
    seen: dict[str, str] = {}
    for place in places:
        for label in (place.name, *place.aliases):
            key = normalise(label)
            owner = seen.setdefault(key, place.name)
            if owner != place.name:
                problems.append(
                    Problem(
                        shown, None, "aliases", f"{label!r} of {place.name!r} reads the same as a name of {owner!r}"
                    )
                )
    if problems:
        raise DataFileError(problems)
    return places


def _location(place: Place, match: str, score: float) -> Location:
    raw = {
        "name": place.name,
        "kind": place.kind,
        "precision": place.precision,
        "radius_km": place.radius_km,
        "country": place.country,
        "reference": place.reference,
        "match": match,
        "score": round(score, 3),
    }
    address = f"{place.name}, {place.country}" if place.country and place.country != place.name else place.name
    return Location(address, (place.latitude, place.longitude), raw)


class Gazetteer(Geocoder):
    """A geopy geocoder over the curated gazetteer: exact normalised names and aliases first, then close typos.

    >>> Gazetteer().geocode("Ayn al-Asad AB").raw["name"]
    'Ain al-Asad Air Base'
    """

    name = "gazetteer"

    def __init__(
        self, path: Path | None = None, *, places: list[Place] | None = None, fuzzy_cutoff: float = FUZZY_CUTOFF
    ):
        super().__init__()
        if fuzzy_cutoff < FUZZY_CUTOFF:
            raise ValueError(f"fuzzy_cutoff below {FUZZY_CUTOFF} would match the wrong places")
        self.places = places if places is not None else load_places(path)
        self.fuzzy_cutoff = fuzzy_cutoff
        self._index = {normalise(label): place for place in self.places for label in (place.name, *place.aliases)}

    @overload
    def geocode(self, query: object, *, exactly_one: Literal[True] = ..., timeout: object = ...) -> Location | None: ...

    @overload
    def geocode(
        self, query: object, *, exactly_one: Literal[False], timeout: object = ...
    ) -> list[Location] | None: ...

    def geocode(
        self, query: object, *, exactly_one: bool = True, timeout: object = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """geopy's geocode(): a Location (or list of them), or None when the gazetteer has no such place.

        raw holds name, kind, precision (ACLED geo_precision), radius_km, country, reference, match and score.
        """
        key = normalise(query)
        if not key:
            return None
        if key in self._index:
            found = [_location(self._index[key], "exact", 1.0)]
        elif len(key) >= FUZZY_MIN_CHARS:
            found, places = [], set[str]()
            for close in difflib.get_close_matches(key, list(self._index), n=5, cutoff=self.fuzzy_cutoff):
                place = self._index[close]
                if place.name not in places:
                    places.add(place.name)
                    found.append(_location(place, "fuzzy", difflib.SequenceMatcher(None, key, close).ratio()))
        else:
            found = []
        if not found:
            return None
        return found[0] if exactly_one else found


# The gazetteer as the map reads it: parsed once per dataset folder (the folder is a setting, so the cache is keyed
# on the file's path), under the geocoder's own matching keys (normalise), so that a name the geocoder resolves
# gets the same place, and the same area, on the map.


def gazetteer(path: Path | None = None) -> tuple[Place, ...]:
    """The curated places of the dataset folder's places.csv, read and checked once; an unreadable file gives
    none (validate reports it)."""
    return _gazetteer(path or schema.data_files().places)


@lru_cache(maxsize=4)
def _gazetteer(path: Path) -> tuple[Place, ...]:
    try:
        return tuple(load_places(path))
    except (DataFileError, OSError):
        return ()


def place_index(path: Path | None = None) -> dict[str, Place]:
    """Each place under the normalised key of its name and of every alias; shared, so do not modify it."""
    return _place_index(path or schema.data_files().places)


@lru_cache(maxsize=4)
def _place_index(path: Path) -> dict[str, Place]:
    return {normalise(label): place for place in _gazetteer(path) for label in (place.name, *place.aliases)}


def region_keys(path: Path | None = None) -> frozenset[str]:
    """The keys of the gazetteer's countries, seas and straits: the map names them as regions, never as places."""
    return _region_keys(path or schema.data_files().places)


@lru_cache(maxsize=4)
def _region_keys(path: Path) -> frozenset[str]:
    return frozenset(key for key, place in _place_index(path).items() if place.kind in REGION_KINDS)


@lru_cache(maxsize=65_536)
def place_key(name: str) -> str:
    """normalise(name), remembered: the map looks up the same few thousand place names on every new view."""
    return normalise(name)
