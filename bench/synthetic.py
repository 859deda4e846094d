"""Seeded synthetic ACLED exports: the 31 export columns, one year of events at a 20,000-place gazetteer.

The same seed and size give the same bytes, so every benchmark run reads the same rows; files are kept in a
work folder and reused (their name carries the seed and GENERATOR_VERSION).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.files import atomic_write

GENERATOR_VERSION = 1  # bump when the generated files change, so old ones in a workdir are not reused
SEED = 20231203

START_DAY = dt.date(2023, 10, 1)  # one year of events: 1 Oct 2023 .. 29 Sep 2024
DAYS = 365

COUNTRIES = {  # name: (ISO numeric, ISO3 prefix of event ids, (lat min, lat max, lon min, lon max), weight)
    "Iraq": (368, "IRQ", (29.5, 37.0, 39.5, 47.5), 0.20),
    "Syria": (760, "SYR", (32.5, 37.0, 36.0, 42.0), 0.22),
    "Yemen": (887, "YEM", (12.8, 18.5, 43.0, 52.0), 0.20),
    "Palestine": (275, "PSE", (31.25, 32.5, 34.25, 35.5), 0.12),
    "Israel": (376, "ISR", (29.6, 33.2, 34.3, 35.8), 0.06),
    "Lebanon": (422, "LBN", (33.1, 34.6, 35.2, 36.5), 0.10),
    "Iran": (364, "IRN", (26.0, 38.0, 46.0, 60.0), 0.05),
    "Jordan": (400, "JOR", (29.3, 32.5, 35.1, 38.5), 0.02),
    "Saudi Arabia": (682, "SAU", (17.0, 28.0, 38.0, 50.0), 0.03),
}
HOT_SPOTS = (  # (place, country, admin1, latitude, longitude, spread in degrees, share of the country's events)
    ("Baghdad", "Iraq", "Baghdad", 33.3152, 44.3661, 0.15, 0.30),
    ("Erbil", "Iraq", "Erbil", 36.1911, 44.0092, 0.10, 0.15),
    ("Ain al-Asad Airbase", "Iraq", "Al Anbar", 33.7856, 42.4412, 0.02, 0.10),
    ("Deir ez-Zor", "Syria", "Deir ez-Zor", 35.3359, 40.1408, 0.25, 0.30),
    ("Al-Tanf", "Syria", "Homs", 33.5039, 38.6186, 0.02, 0.05),
    ("Idlib", "Syria", "Idleb", 35.9306, 36.6339, 0.20, 0.25),
    ("Sanaa", "Yemen", "Amanat al Asimah", 15.3694, 44.1910, 0.10, 0.20),
    ("Al Hudaydah", "Yemen", "Al Hudaydah", 14.7978, 42.9545, 0.20, 0.25),
    ("Taizz", "Yemen", "Taizz", 13.5795, 44.0209, 0.15, 0.25),
    ("Gaza City", "Palestine", "Gaza Strip", 31.5017, 34.4668, 0.05, 0.45),
    ("Khan Younis", "Palestine", "Gaza Strip", 31.3462, 34.3063, 0.05, 0.30),
    ("Jenin", "Palestine", "West Bank", 32.4597, 35.3009, 0.08, 0.15),
    ("Bint Jbeil", "Lebanon", "Nabatieh", 33.1200, 35.4330, 0.08, 0.60),
)
ADMIN1 = {
    "Iraq": ("Baghdad", "Al Anbar", "Ninewa", "Erbil", "Salah al-Din", "Diyala", "Kirkuk", "Basrah", "Babil"),
    "Syria": ("Deir ez-Zor", "Aleppo", "Idleb", "Homs", "Hama", "Damascus", "Rural Damascus", "Dar'a", "Ar-Raqqa"),
    "Yemen": ("Amanat al Asimah", "Al Hudaydah", "Taizz", "Marib", "Al Dali", "Lahij", "Sadah", "Hajjah", "Aden"),
    "Palestine": ("Gaza Strip", "West Bank"),
    "Israel": ("Northern", "Southern", "Haifa", "Tel Aviv", "Jerusalem"),
    "Lebanon": ("Nabatieh", "South", "Bekaa", "Beirut", "Mount Lebanon"),
    "Iran": ("Tehran", "Sistan and Baluchestan", "Kurdistan", "Khuzestan", "Kerman"),
    "Jordan": ("Amman", "Irbid", "Mafraq", "Zarqa"),
    "Saudi Arabia": ("Jizan", "Najran", "Asir", "Eastern Province", "Riyadh"),
}
NAME_PREFIXES = (
    "Al",
    "Tal",
    "Kafr",
    "Ain",
    "Beit",
    "Deir",
    "Jabal",
    "Wadi",
    "Bir",
    "Khirbet",
    "Umm",
    "Abu",
    "Ras",
    "Qasr",
    "Hay",
    "Suq",
    "Jisr",
    "Nahr",
    "Marj",
    "Qaryat",
)
NAME_ROOTS = (
    "Hamid",
    "Nasr",
    "Qadisiyah",
    "Zahra",
    "Salam",
    "Karama",
    "Rashid",
    "Hadi",
    "Mansour",
    "Jazira",
    "Faris",
    "Amal",
    "Nour",
    "Sabah",
    "Khadra",
    "Bayda",
    "Hamra",
    "Zaytun",
    "Tin",
    "Rumman",
    "Shams",
    "Qamar",
    "Ward",
    "Balad",
    "Madina",
    "Sharq",
    "Gharb",
    "Wusta",
    "Jadida",
    "Qadima",
    "Hussein",
    "Abbas",
    "Omar",
    "Ali",
    "Mahmoud",
    "Yusuf",
    "Ibrahim",
    "Khalil",
    "Saleh",
    "Tariq",
)
NAME_SUFFIXES = ("", "", "", "", " al-Kabir", " al-Saghir", " al-Sharqi", " al-Gharbi", " al-Fawqa", " al-Tahta")
PLACES = 20_000  # the gazetteer the events are coded to: events repeat at places, as in ACLED

EVENT_MIX = (  # (event_type, share, disorder_type, sub-event shares in schema.SUB_EVENT_TYPES order)
    ("Explosions/Remote violence", 0.42, "Political violence", (0.0, 0.45, 0.01, 0.42, 0.10, 0.02)),
    ("Battles", 0.14, "Political violence", (0.90, 0.05, 0.05)),
    ("Protests", 0.20, "Demonstrations", (0.92, 0.06, 0.02)),
    ("Riots", 0.03, "Demonstrations", (0.6, 0.4)),
    ("Violence against civilians", 0.09, "Political violence", (0.02, 0.78, 0.20)),
    ("Strategic developments", 0.12, "Strategic developments", (0.05, 0.20, 0.08, 0.35, 0.04, 0.18, 0.02, 0.08)),
)
ACTORS = {  # country: [(actor, inter), ...]; the first few are the likeliest
    "Iraq": [
        ("Islamic Resistance in Iraq", "Political militia"),
        ("Military Forces of Iraq (2022-)", "State forces"),
        ("Military Forces of the United States (2021-)", "External/Other forces"),
        ("Popular Mobilization Forces", "State forces"),
        ("Islamic State (Iraq)", "Rebel group"),
        ("Unidentified Armed Group (Iraq)", "Political militia"),
    ],
    "Syria": [
        ("Military Forces of Syria (2000-2024)", "State forces"),
        ("HTS: Hayat Tahrir al Sham", "Rebel group"),
        ("SDF: Syrian Democratic Forces", "Rebel group"),
        ("Islamic State (Syria)", "Rebel group"),
        ("Military Forces of the United States (2021-)", "External/Other forces"),
        ("Military Forces of Israel (2022-)", "External/Other forces"),
        ("Unidentified Armed Group (Syria)", "Political militia"),
    ],
    "Yemen": [
        ("Ansar Allah", "Rebel group"),
        ("Military Forces of Yemen (2017-) Internationally Recognized Government", "State forces"),
        ("Military Forces of the United States (2021-)", "External/Other forces"),
        ("Military Forces of the United Kingdom (2019-)", "External/Other forces"),
        ("STC: Southern Transitional Council", "Political militia"),
    ],
    "Palestine": [
        ("Military Forces of Israel (2022-)", "External/Other forces"),
        ("Hamas Movement", "Rebel group"),
        ("Palestinian Islamic Jihad", "Rebel group"),
        ("Settlers (Israel)", "Identity militia"),
    ],
    "Israel": [
        ("Military Forces of Israel (2022-)", "State forces"),
        ("Hamas Movement", "Rebel group"),
        ("Hezbollah", "Political militia"),
        ("Ansar Allah", "Rebel group"),
    ],
    "Lebanon": [
        ("Hezbollah", "Political militia"),
        ("Military Forces of Israel (2022-)", "External/Other forces"),
        ("Amal Movement", "Political militia"),
    ],
    "Iran": [
        ("Military Forces of Iran (1989-)", "State forces"),
        ("Jaish al Adl", "Rebel group"),
        ("Police Forces of Iran (1989-)", "State forces"),
    ],
    "Jordan": [
        ("Military Forces of Jordan (1999-)", "State forces"),
        ("Unidentified Armed Group (Jordan)", "Political militia"),
    ],
    "Saudi Arabia": [("Military Forces of Saudi Arabia (2015-)", "State forces"), ("Ansar Allah", "Rebel group")],
}
ACTOR2 = ("Civilians ({c})", "Military Forces of the United States (2021-)", "Unidentified Armed Group ({c})", "")
WEAPONS = (
    "a one-way attack drone",
    "two rockets",
    "a ballistic missile",
    "mortar rounds",
    "an explosive-laden drone",
    "several Katyusha rockets",
    "artillery shells",
    "an improvised explosive device",
)
OUTLETS = (
    "Shafaq News",
    "Rudaw",
    "Al-Masirah",
    "Saba News Agency",
    "SANA",
    "Syrian Observatory for Human Rights",
    "Times of Israel",
    "Al Mayadeen",
    "National News Agency",
    "Reuters",
    "AFP",
    "Xinhua",
    "CENTCOM",
    "Twitter",
    "Telegram",
    "Baghdad Today",
    "Nabd Suriya",
    "Yemen Press Agency",
    "WAFA",
    "Al Jazeera",
)
SCALES = ("National", "Subnational-National", "New media", "Other-National", "International", "New media-National")


def dataset_path(workdir: Path, rows: int, seed: int = SEED) -> Path:
    return Path(workdir) / f"acled-synthetic-{rows}-s{seed}-v{GENERATOR_VERSION}.csv"


def _gazetteer(rng: np.random.Generator) -> pd.DataFrame:
    """PLACES named places: clustered round the hot spots and spread over each country; a Zipf weight each."""
    names = list(COUNTRIES)
    weights = np.array([COUNTRIES[c][3] for c in names])
    country = rng.choice(len(names), PLACES, p=weights / weights.sum())
    lat, lon = np.empty(PLACES), np.empty(PLACES)
    admin1 = np.empty(PLACES, dtype=object)
    spot = np.full(PLACES, -1)
    for index, name in enumerate(names):
        rows = np.flatnonzero(country == index)
        lat0, lat1, lon0, lon1 = COUNTRIES[name][2]
        lat[rows], lon[rows] = rng.uniform(lat0, lat1, rows.size), rng.uniform(lon0, lon1, rows.size)
        admin1[rows] = np.array(ADMIN1[name], dtype=object)[rng.integers(0, len(ADMIN1[name]), rows.size)]
        spots = [i for i, s in enumerate(HOT_SPOTS) if s[1] == name]
        if spots:  # about half of a country's places cluster round its hot spots
            near = rows[rng.random(rows.size) < 0.5]
            chosen = np.array(spots)[rng.integers(0, len(spots), near.size)]
            spot[near] = chosen
            for i in spots:
                these = near[chosen == i]
                _, _, area, s_lat, s_lon, spread, _ = HOT_SPOTS[i]
                lat[these] = s_lat + rng.normal(0, spread * 2, these.size)
                lon[these] = s_lon + rng.normal(0, spread * 2, these.size)
                admin1[these] = area
    name = (
        np.array(NAME_PREFIXES, dtype=object)[rng.integers(0, len(NAME_PREFIXES), PLACES)]
        + " "
        + np.array(NAME_ROOTS, dtype=object)[rng.integers(0, len(NAME_ROOTS), PLACES)]
        + np.array(NAME_SUFFIXES, dtype=object)[rng.integers(0, len(NAME_SUFFIXES), PLACES)]
    )
    for i, (place, *_rest) in enumerate(HOT_SPOTS):  # the hot spot itself is a place, and the busiest
        first = np.flatnonzero(spot == i)[:1]
        lat[first], lon[first] = HOT_SPOTS[i][3], HOT_SPOTS[i][4]
        name[first] = place
    rank = rng.permutation(PLACES) + 1
    weight = 1.0 / rank**0.9
    weight[spot >= 0] *= 4.0
    top = weight.max()
    for i, spot_info in enumerate(HOT_SPOTS):
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
    frame["admin2"] = frame["admin1"] + np.where(rng.random(PLACES) < 0.5, " District", "")
    return frame


def _pick(rng: np.random.Generator, options: Sequence, shares: Sequence[float] | None, n: int) -> np.ndarray:
    p = None if shares is None else np.asarray(shares, dtype=float) / np.sum(shares)
    return np.array(options, dtype=object)[rng.choice(len(options), n, p=p)]


def _event_types(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event type (EVENT_MIX shares), sub-event type and disorder type of each row."""
    kinds = [k[0] for k in EVENT_MIX]
    event_type = _pick(rng, kinds, [k[1] for k in EVENT_MIX], rows)
    sub_event_type = np.empty(rows, dtype=object)
    disorder = np.empty(rows, dtype=object)
    for kind, _share, disorder_type, shares in EVENT_MIX:
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
    for name, actors in ACTORS.items():
        these = np.flatnonzero(country == name)
        shares = 1.0 / np.arange(1, len(actors) + 1)
        choice = rng.choice(len(actors), these.size, p=shares / shares.sum())
        actor1[these] = np.array([a for a, _ in actors], dtype=object)[choice]
        inter1[these] = np.array([i for _, i in actors], dtype=object)[choice]
        target = rng.choice(len(ACTOR2), these.size, p=[0.35, 0.15, 0.2, 0.3])
        actor2[these] = np.array([t.format(c=name) for t in ACTOR2], dtype=object)[target]
        inter2[these] = np.array(["Civilians", "External/Other forces", "Political militia", ""], dtype=object)[target]
    protest = np.isin(event_type, ["Protests", "Riots"])
    actor1[protest] = np.where(event_type[protest] == "Protests", "Protesters (", "Rioters (") + country[protest] + ")"
    inter1[protest] = np.where(event_type[protest] == "Protests", "Protesters", "Rioters")
    actor2[protest & (sub_event_type != "Protest with intervention")] = ""
    inter2[actor2 == ""] = ""
    return actor1, inter1, actor2, inter2


def _notes(day_words, event_type, actor1, actor2, weapon, loc, adm, killed, protest) -> np.ndarray:
    """ACLED-like notes: a sentence per event type, with quotes and commas."""
    return np.select(
        [
            event_type == "Explosions/Remote violence",
            event_type == "Battles",
            protest,
            event_type == "Strategic developments",
        ],
        [
            "On "
            + day_words
            + ", "
            + actor1
            + " launched "
            + weapon
            + " at "
            + loc
            + " ("
            + adm
            + '), "targeting '
            + np.where(actor2 == "", "unknown positions", actor2)
            + '"'
            + killed
            + ".",
            "On "
            + day_words
            + ", "
            + actor1
            + " clashed with "
            + np.where(actor2 == "", "an unidentified group", actor2)
            + " near "
            + loc
            + ", "
            + adm
            + killed
            + ".",
            "On "
            + day_words
            + ", people demonstrated in "
            + loc
            + " ("
            + adm
            + '), chanting "no to war", '
            + "in solidarity with Gaza. [size=no report]",
            "On "
            + day_words
            + ", "
            + actor1
            + " reported that "
            + weapon
            + " was intercepted over "
            + loc
            + ', saying "no damage, no casualties".',
        ],
        "On "
        + day_words
        + ", "
        + actor1
        + " attacked "
        + np.where(actor2 == "", "civilians", actor2)
        + " in "
        + loc
        + ", "
        + adm
        + killed
        + ".",
    )


def generate_frame(rows: int, seed: int = SEED) -> pd.DataFrame:
    """`rows` synthetic events with ACLED's 31 export columns, as text; the same seed gives the same rows."""
    rng = np.random.default_rng(seed)
    places = _gazetteer(rng)
    at = rng.choice(len(places), rows, p=(places["weight"] / places["weight"].sum()).to_numpy())
    place = places.iloc[at].reset_index(drop=True)
    country = place["country"].to_numpy()

    event_type, sub_event_type, disorder = _event_types(rng, rows)
    actor1, inter1, actor2, inter2 = _actors(rng, country, event_type, sub_event_type)
    protest = np.isin(event_type, ["Protests", "Riots"])
    interaction = np.where(inter2 == "", inter1 + " only", inter1 + "-" + inter2)

    day = np.datetime64(START_DAY.isoformat(), "D") + rng.integers(0, DAYS, rows).astype("timedelta64[D]")
    dates = pd.DatetimeIndex(day.astype("datetime64[ns]"))
    written = np.where(rng.random(rows) < 0.8, dates.strftime("%d %B %Y"), dates.strftime("%Y-%m-%d"))
    time_precision = _pick(rng, ("1", "2", "3"), (0.85, 0.10, 0.05), rows)
    geo_precision = _pick(rng, ("1", "2", "3"), (0.72, 0.20, 0.08), rows)
    quiet = protest | (event_type == "Strategic developments")
    fatalities = np.minimum(rng.negative_binomial(0.3, 0.25, rows), 250) * (~quiet)

    weapon = _pick(rng, WEAPONS, None, rows)
    outlets = _pick(rng, OUTLETS, None, rows) + np.where(
        rng.random(rows) < 0.45, "; " + _pick(rng, OUTLETS, None, rows), ""
    )
    day_words = pd.DatetimeIndex(dates).strftime("%d %B %Y").str.lstrip("0").to_numpy(dtype=object)
    loc = place["location"].to_numpy(dtype=object)
    adm = place["admin1"].to_numpy(dtype=object)
    killed = np.where(fatalities > 0, "; " + fatalities.astype(str) + " people were reportedly killed", "")
    notes = _notes(day_words, event_type, actor1, actor2, weapon, loc, adm, killed, protest)
    ids = [f"{COUNTRIES[c][1]}{i}" for c, i in zip(country, range(100_001, 100_001 + rows))]
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
            "interaction": interaction,
            "civilian_targeting": np.where(inter2 == "Civilians", "Civilian targeting", ""),
            "iso": [str(COUNTRIES[c][0]) for c in country],
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
            "source_scale": _pick(rng, SCALES, None, rows),
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
