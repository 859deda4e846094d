"""Seeded synthetic ACLED exports: the 31 export columns, one year of events at a 20,000-place gazetteer.

The same seed and size give the same bytes, so every benchmark run reads the same rows; files are kept in a
work folder and reused (their name carries the seed and GENERATOR_VERSION).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from bench import synthetic_world as world
from eventmap import schema
from eventmap.files import atomic_write

GENERATOR_VERSION = 1  # bump when the generated files change, so old ones in a workdir are not reused
SEED = 20231203

START_DAY = dt.date(2023, 10, 1)  # one year of events: 1 Oct 2023 .. 29 Sep 2024
DAYS = 365


def dataset_path(workdir: Path, rows: int, seed: int = SEED) -> Path:
    return Path(workdir) / f"acled-synthetic-{rows}-s{seed}-v{GENERATOR_VERSION}.csv"


def _gazetteer(rng: np.random.Generator) -> pd.DataFrame:
    """world.PLACES places round the hot spots and over each country, each with a Zipf weight."""
    names = list(world.COUNTRIES)
    weights = np.array([world.COUNTRIES[c][3] for c in names])
    country = rng.choice(len(names), world.PLACES, p=weights / weights.sum())
    lat, lon = np.empty(world.PLACES), np.empty(world.PLACES)
    admin1 = np.empty(world.PLACES, dtype=object)
    spot = np.full(world.PLACES, -1)
    for index, name in enumerate(names):
        rows = np.flatnonzero(country == index)
        lat0, lat1, lon0, lon1 = world.COUNTRIES[name][2]
        lat[rows], lon[rows] = rng.uniform(lat0, lat1, rows.size), rng.uniform(lon0, lon1, rows.size)
        admin1[rows] = np.array(world.ADMIN1[name], dtype=object)[rng.integers(0, len(world.ADMIN1[name]), rows.size)]
        spots = [i for i, s in enumerate(world.HOT_SPOTS) if s[1] == name]
        if spots:  # about half of a country's places cluster round its hot spots
            near = rows[rng.random(rows.size) < 0.5]
            chosen = np.array(spots)[rng.integers(0, len(spots), near.size)]
            spot[near] = chosen
            for i in spots:
                these = near[chosen == i]
                _, _, area, s_lat, s_lon, spread, _ = world.HOT_SPOTS[i]
                lat[these] = s_lat + rng.normal(0, spread * 2, these.size)
                lon[these] = s_lon + rng.normal(0, spread * 2, these.size)
                admin1[these] = area
    name = (
        np.array(world.NAME_PREFIXES, dtype=object)[rng.integers(0, len(world.NAME_PREFIXES), world.PLACES)]
        + " "
        + np.array(world.NAME_ROOTS, dtype=object)[rng.integers(0, len(world.NAME_ROOTS), world.PLACES)]
        + np.array(world.NAME_SUFFIXES, dtype=object)[rng.integers(0, len(world.NAME_SUFFIXES), world.PLACES)]
    )
    for i, (place, *_rest) in enumerate(world.HOT_SPOTS):  # the hot spot itself is a place, and the busiest
        first = np.flatnonzero(spot == i)[:1]
        lat[first], lon[first] = world.HOT_SPOTS[i][3], world.HOT_SPOTS[i][4]
        name[first] = place
    rank = rng.permutation(world.PLACES) + 1
    weight = 1.0 / rank**0.9
    weight[spot >= 0] *= 4.0
    top = weight.max()
    for i, spot_info in enumerate(world.HOT_SPOTS):
        weight[np.flatnonzero(spot == i)[:1]] = top * 4 * spot_info[6]
    frame = pd.DataFrame(
        {
            "location": name,
            "country": np.array(names, dtype=object)[country],
            "admin1": admin1,
            "latitude": lat.round(4),
            "longitude": lon.round(4),
            "weight": weight,
        }
    )
    frame["admin2"] = frame["admin1"] + np.where(rng.random(world.PLACES) < 0.5, " District", "")
    return frame


def _pick(rng: np.random.Generator, options: Sequence, shares: Sequence[float] | None, n: int) -> np.ndarray:
    p = None if shares is None else np.asarray(shares, dtype=float) / np.sum(shares)
    return np.array(options, dtype=object)[rng.choice(len(options), n, p=p)]


def _event_types(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event type (world.EVENT_MIX shares), sub-event type and disorder type of each row."""
    kinds = [k[0] for k in world.EVENT_MIX]
    event_type = _pick(rng, kinds, [k[1] for k in world.EVENT_MIX], rows)
    sub_event_type = np.empty(rows, dtype=object)
    disorder = np.empty(rows, dtype=object)
    for kind, _share, disorder_type, shares in world.EVENT_MIX:
        these = np.flatnonzero(event_type == kind)
        sub_event_type[these] = _pick(rng, schema.SUB_EVENT_TYPES[kind], shares, these.size)
        disorder[these] = disorder_type
    return event_type, sub_event_type, disorder


def _actors(
    rng: np.random.Generator, country: np.ndarray, event_type: np.ndarray, sub_event_type: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """actor1, inter1, actor2, inter2: the country's likeliest actors; protesters and rioters by name."""
    rows = len(country)
    actor1, inter1 = np.empty(rows, dtype=object), np.empty(rows, dtype=object)
    actor2, inter2 = np.full(rows, "", dtype=object), np.full(rows, "", dtype=object)
    for name, actors in world.ACTORS.items():
        these = np.flatnonzero(country == name)
        shares = 1.0 / np.arange(1, len(actors) + 1)
        choice = rng.choice(len(actors), these.size, p=shares / shares.sum())
        actor1[these] = np.array([a for a, _ in actors], dtype=object)[choice]
        inter1[these] = np.array([i for _, i in actors], dtype=object)[choice]
        target = rng.choice(len(world.ACTOR2), these.size, p=[0.35, 0.15, 0.2, 0.3])
        actor2[these] = np.array([t.format(c=name) for t in world.ACTOR2], dtype=object)[target]
        inter2[these] = np.array(["Civilians", "External/Other forces", "Political militia", ""], dtype=object)[target]
    protest = np.isin(event_type, ["Protests", "Riots"])
    actor1[protest] = np.where(event_type[protest] == "Protests", "Protesters (", "Rioters (") + country[protest] + ")"
    inter1[protest] = np.where(event_type[protest] == "Protests", "Protesters", "Rioters")
    actor2[protest & (sub_event_type != "Protest with intervention")] = ""
    inter2[actor2 == ""] = ""
    return actor1, inter1, actor2, inter2


def _cat(*parts):
    """Strings and arrays of strings joined element by element, left to right."""
    return functools.reduce(operator.add, parts)


def _notes(dates, fatalities, event_type, actor1, actor2, weapon, loc, adm, protest) -> np.ndarray:
    """ACLED-like notes: a sentence per event type, with quotes and commas."""
    day = pd.DatetimeIndex(dates).strftime("%d %B %Y").str.lstrip("0").to_numpy(dtype=object)
    killed = np.where(fatalities > 0, "; " + fatalities.astype(str) + " people were reportedly killed", "")
    on = _cat("On ", day, ", ")
    return np.select(
        [
            event_type == "Explosions/Remote violence",
            event_type == "Battles",
            protest,
            event_type == "Strategic developments",
        ],
        [
            _cat(on, actor1, " launched ", weapon, " at ", loc, " (", adm, '), "targeting ')
            + _cat(np.where(actor2 == "", "unknown positions", actor2), '"', killed, "."),
            _cat(on, actor1, " clashed with ", np.where(actor2 == "", "an unidentified group", actor2))
            + _cat(" near ", loc, ", ", adm, killed, "."),
            _cat(on, "people demonstrated in ", loc, " (", adm, '), chanting "no to war", ')
            + "in solidarity with Gaza. [size=no report]",
            _cat(on, actor1, " reported that ", weapon, " was intercepted over ", loc)
            + ', saying "no damage, no casualties".',
        ],
        _cat(
            on, actor1, " attacked ", np.where(actor2 == "", "civilians", actor2), " in ", loc, ", ", adm, killed, "."
        ),
    )


def _places(rng: np.random.Generator, rows: int) -> pd.DataFrame:
    """The place of each event: drawn from the gazetteer by its weight."""
    places = _gazetteer(rng)
    at = rng.choice(len(places), rows, p=(places["weight"] / places["weight"].sum()).to_numpy())
    return places.iloc[at].reset_index(drop=True)


def _dates(rng: np.random.Generator, rows: int) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray, np.ndarray]:
    """Each event's day, that day as written (80 % "03 December 2023", else ISO), time and geo precision."""
    day = np.datetime64(START_DAY.isoformat(), "D") + rng.integers(0, DAYS, rows).astype("timedelta64[D]")
    dates = pd.DatetimeIndex(day.astype("datetime64[ns]"))
    written = np.where(rng.random(rows) < 0.8, dates.strftime("%d %B %Y"), dates.strftime("%Y-%m-%d"))
    time_precision = _pick(rng, ("1", "2", "3"), (0.85, 0.10, 0.05), rows)
    return dates, written, time_precision, _pick(rng, ("1", "2", "3"), (0.72, 0.20, 0.08), rows)


def _fatalities(rng: np.random.Generator, event_type: np.ndarray, protest: np.ndarray) -> np.ndarray:
    quiet = protest | (event_type == "Strategic developments")
    return np.minimum(rng.negative_binomial(0.3, 0.25, len(event_type)), 250) * (~quiet)


def _sources(rng: np.random.Generator, rows: int) -> np.ndarray:
    """One outlet, or two in 45 % of the events."""
    first = _pick(rng, world.OUTLETS, None, rows)
    return first + np.where(rng.random(rows) < 0.45, "; " + _pick(rng, world.OUTLETS, None, rows), "")


def generate_frame(rows: int, seed: int = SEED) -> pd.DataFrame:
    """`rows` synthetic events with ACLED's 31 export columns, as text; the same seed gives the same rows."""
    rng = np.random.default_rng(seed)
    place = _places(rng, rows)
    country = place["country"].to_numpy()
    event_type, sub_event_type, disorder = _event_types(rng, rows)
    actor1, inter1, actor2, inter2 = _actors(rng, country, event_type, sub_event_type)
    protest = np.isin(event_type, ["Protests", "Riots"])
    dates, written, time_precision, geo_precision = _dates(rng, rows)
    fatalities = _fatalities(rng, event_type, protest)
    weapon = _pick(rng, world.WEAPONS, None, rows)
    outlets = _sources(rng, rows)
    loc, adm = place["location"].to_numpy(dtype=object), place["admin1"].to_numpy(dtype=object)
    notes = _notes(dates, fatalities, event_type, actor1, actor2, weapon, loc, adm, protest)
    ids = [f"{world.COUNTRIES[c][1]}{i}" for c, i in zip(country, range(100_001, 100_001 + rows))]
    stamp = (1_700_000_000 + rng.integers(0, 30_000_000, rows)).astype(str)
    return pd.DataFrame(
        {
            "event_id_cnty": ids,
            "event_date": written,
            "year": dates.year.astype(str),
            "time_precision": time_precision,
            "disorder_type": disorder,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "actor1": actor1,
            "assoc_actor_1": np.where(
                rng.random(rows) < 0.1, "Civilians (" + country + "); Women (" + country + ")", ""
            ),
            "inter1": inter1,
            "actor2": actor2,
            "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": np.where(inter2 == "", inter1 + " only", inter1 + "-" + inter2),
            "civilian_targeting": np.where(inter2 == "Civilians", "Civilian targeting", ""),
            "iso": [str(world.COUNTRIES[c][0]) for c in country],
            "region": "Middle East",
            "country": country,
            "admin1": adm,
            "admin2": place["admin2"].to_numpy(dtype=object),
            "admin3": "",
            "location": loc,
            "latitude": place["latitude"].map("{:.4f}".format).to_numpy(dtype=object),
            "longitude": place["longitude"].map("{:.4f}".format).to_numpy(dtype=object),
            "geo_precision": geo_precision,
            "source": outlets,
            "source_scale": _pick(rng, world.SCALES, None, rows),
            "notes": notes,
            "fatalities": fatalities.astype(str),
            "tags": np.where(protest, "crowd size=no report", ""),
            "timestamp": stamp,
        },
        columns=list(schema.ACLED_COLUMNS),
    )


def generate(rows: int, workdir: Path, seed: int = SEED) -> Path:
    """The synthetic export of `rows` rows in workdir: reused when it is there, else written (UTF-8 with BOM)."""
    path = dataset_path(workdir, rows, seed)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    text = generate_frame(rows, seed).to_csv(index=False, lineterminator="\n")
    atomic_write(path, ["\ufeff", text], encoding="utf-8")
    return path
