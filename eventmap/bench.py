"""Benchmark: the dashboard against the naive Streamlit + pydeck pattern, on synthetic ACLED exports.

`python -m eventmap bench` generates deterministic ACLED-format files (10k, 100k, 1M rows by default), then
measures, each step in a fresh subprocess so that peak memory is the step's own:

* parse + validate (`python -m eventmap validate FILE` wall time, and load_events in process), peak memory;
* the cached reload (load_events_cached from the Parquet cache, in a new process);
* filter time (a month and one theatre; a text search), map build time and bytes sent per render;
* in headless Chromium, both apps served by `streamlit run`: page open -> markers drawn, a filter change ->
  map redrawn, and the bytes received over the websocket for each; the server's peak memory.

and writes docs/performance.md from that one run. Nothing here uses the network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from eventmap import schema

ROOT = schema.PACKAGE_DIR.parent
NAIVE_APP = ROOT / "bench" / "naive_app.py"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
DEFAULT_OUT = ROOT / "docs" / "performance.md"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "eventmap-bench"
GENERATOR_VERSION = 1  # bump when the generated files change, so old ones in a workdir are not reused
SEED = 20231203
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ("--no-sandbox", "--disable-background-networking", "--use-angle=swiftshader",
                 "--enable-unsafe-swiftshader", "--disable-dev-shm-usage", "--disable-extensions",
                 "--disable-component-update", "--disable-default-apps", "--disable-sync", "--no-first-run",
                 "--disable-domain-reliability", "--metrics-recording-only", "--mute-audio",
                 "--disable-features=Translate,OptimizationHints,MediaRouter")
VIEWPORT = {"width": 1400, "height": 1000}

# --- synthetic ACLED exports ----------------------------------------------------------------------------------

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
NAME_PREFIXES = ("Al", "Tal", "Kafr", "Ain", "Beit", "Deir", "Jabal", "Wadi", "Bir", "Khirbet", "Umm", "Abu",
                 "Ras", "Qasr", "Hay", "Suq", "Jisr", "Nahr", "Marj", "Qaryat")
NAME_ROOTS = ("Hamid", "Nasr", "Qadisiyah", "Zahra", "Salam", "Karama", "Rashid", "Hadi", "Mansour", "Jazira",
              "Faris", "Amal", "Nour", "Sabah", "Khadra", "Bayda", "Hamra", "Zaytun", "Tin", "Rumman", "Shams",
              "Qamar", "Ward", "Balad", "Madina", "Sharq", "Gharb", "Wusta", "Jadida", "Qadima", "Hussein",
              "Abbas", "Omar", "Ali", "Mahmoud", "Yusuf", "Ibrahim", "Khalil", "Saleh", "Tariq")
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
    "Iraq": [("Islamic Resistance in Iraq", "Political militia"), ("Military Forces of Iraq (2022-)", "State forces"),
             ("Military Forces of the United States (2021-)", "External/Other forces"),
             ("Popular Mobilization Forces", "State forces"), ("Islamic State (Iraq)", "Rebel group"),
             ("Unidentified Armed Group (Iraq)", "Political militia")],
    "Syria": [("Military Forces of Syria (2000-2024)", "State forces"), ("HTS: Hayat Tahrir al Sham", "Rebel group"),
              ("SDF: Syrian Democratic Forces", "Rebel group"), ("Islamic State (Syria)", "Rebel group"),
              ("Military Forces of the United States (2021-)", "External/Other forces"),
              ("Military Forces of Israel (2022-)", "External/Other forces"),
              ("Unidentified Armed Group (Syria)", "Political militia")],
    "Yemen": [("Ansar Allah", "Rebel group"), ("Military Forces of Yemen (2017-) Internationally Recognized Government",
              "State forces"), ("Military Forces of the United States (2021-)", "External/Other forces"),
              ("Military Forces of the United Kingdom (2019-)", "External/Other forces"),
              ("STC: Southern Transitional Council", "Political militia")],
    "Palestine": [("Military Forces of Israel (2022-)", "External/Other forces"), ("Hamas Movement", "Rebel group"),
                  ("Palestinian Islamic Jihad", "Rebel group"), ("Settlers (Israel)", "Identity militia")],
    "Israel": [("Military Forces of Israel (2022-)", "State forces"), ("Hamas Movement", "Rebel group"),
               ("Hezbollah", "Political militia"), ("Ansar Allah", "Rebel group")],
    "Lebanon": [("Hezbollah", "Political militia"), ("Military Forces of Israel (2022-)", "External/Other forces"),
                ("Amal Movement", "Political militia")],
    "Iran": [("Military Forces of Iran (1989-)", "State forces"), ("Jaish al Adl", "Rebel group"),
             ("Police Forces of Iran (1989-)", "State forces")],
    "Jordan": [("Military Forces of Jordan (1999-)", "State forces"), ("Unidentified Armed Group (Jordan)", "Political militia")],
    "Saudi Arabia": [("Military Forces of Saudi Arabia (2015-)", "State forces"), ("Ansar Allah", "Rebel group")],
}
ACTOR2 = ("Civilians ({c})", "Military Forces of the United States (2021-)", "Unidentified Armed Group ({c})", "")
WEAPONS = ("a one-way attack drone", "two rockets", "a ballistic missile", "mortar rounds", "an explosive-laden drone",
           "several Katyusha rockets", "artillery shells", "an improvised explosive device")
OUTLETS = ("Shafaq News", "Rudaw", "Al-Masirah", "Saba News Agency", "SANA", "Syrian Observatory for Human Rights",
           "Times of Israel", "Al Mayadeen", "National News Agency", "Reuters", "AFP", "Xinhua", "CENTCOM",
           "Twitter", "Telegram", "Baghdad Today", "Nabd Suriya", "Yemen Press Agency", "WAFA", "Al Jazeera")
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
    name = (np.array(NAME_PREFIXES, dtype=object)[rng.integers(0, len(NAME_PREFIXES), PLACES)] + " "
            + np.array(NAME_ROOTS, dtype=object)[rng.integers(0, len(NAME_ROOTS), PLACES)]
            + np.array(NAME_SUFFIXES, dtype=object)[rng.integers(0, len(NAME_SUFFIXES), PLACES)])
    for i, (place, *_rest) in enumerate(HOT_SPOTS):  # the hot spot itself is a place, and the busiest
        first = np.flatnonzero(spot == i)[:1]
        lat[first], lon[first] = HOT_SPOTS[i][3], HOT_SPOTS[i][4]
        name[first] = place
    rank = rng.permutation(PLACES) + 1
    weight = 1.0 / rank ** 0.9
    weight[spot >= 0] *= 4.0
    top = weight.max()
    for i, spot_info in enumerate(HOT_SPOTS):
        weight[np.flatnonzero(spot == i)[:1]] = top * 4 * spot_info[6]
    frame = pd.DataFrame({"location": name, "country": np.array(names, dtype=object)[country], "admin1": admin1,
                          "latitude": lat.round(4), "longitude": lon.round(4), "weight": weight})
    frame["admin2"] = frame["admin1"] + np.where(rng.random(PLACES) < 0.5, " District", "")
    return frame


def _pick(rng: np.random.Generator, options: Sequence, shares: Sequence[float] | None, n: int) -> np.ndarray:
    p = None if shares is None else np.asarray(shares, dtype=float) / np.sum(shares)
    return np.array(options, dtype=object)[rng.choice(len(options), n, p=p)]


def generate_frame(rows: int, seed: int = SEED) -> pd.DataFrame:
    """`rows` synthetic events with ACLED's 31 export columns, as text; the same seed gives the same rows."""
    rng = np.random.default_rng(seed)
    places = _gazetteer(rng)
    at = rng.choice(len(places), rows, p=(places["weight"] / places["weight"].sum()).to_numpy())
    place = places.iloc[at].reset_index(drop=True)
    country = place["country"].to_numpy()

    kinds = [k[0] for k in EVENT_MIX]
    event_type = _pick(rng, kinds, [k[1] for k in EVENT_MIX], rows)
    sub_event_type = np.empty(rows, dtype=object)
    disorder = np.empty(rows, dtype=object)
    for kind, _share, disorder_type, shares in EVENT_MIX:
        these = np.flatnonzero(event_type == kind)
        sub_event_type[these] = _pick(rng, schema.SUB_EVENT_TYPES[kind], shares, these.size)
        disorder[these] = disorder_type

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
    interaction = np.where(inter2 == "", inter1 + " only", inter1 + "-" + inter2)

    day = np.datetime64(START_DAY.isoformat(), "D") + rng.integers(0, DAYS, rows).astype("timedelta64[D]")
    dates = pd.DatetimeIndex(day.astype("datetime64[ns]"))
    written = np.where(rng.random(rows) < 0.8, dates.strftime("%d %B %Y"), dates.strftime("%Y-%m-%d"))
    time_precision = _pick(rng, ("1", "2", "3"), (0.85, 0.10, 0.05), rows)
    geo_precision = _pick(rng, ("1", "2", "3"), (0.72, 0.20, 0.08), rows)
    quiet = protest | (event_type == "Strategic developments")
    fatalities = np.minimum(rng.negative_binomial(0.3, 0.25, rows), 250) * (~quiet)

    weapon = _pick(rng, WEAPONS, None, rows)
    outlets = (_pick(rng, OUTLETS, None, rows) + np.where(rng.random(rows) < 0.45, "; " + _pick(rng, OUTLETS, None, rows), ""))
    day_words = pd.DatetimeIndex(dates).strftime("%d %B %Y").str.lstrip("0").to_numpy(dtype=object)
    loc = place["location"].to_numpy(dtype=object)
    adm = place["admin1"].to_numpy(dtype=object)
    killed = np.where(fatalities > 0, "; " + fatalities.astype(str) + " people were reportedly killed", "")
    notes = np.select(
        [event_type == "Explosions/Remote violence", event_type == "Battles", protest, event_type == "Strategic developments"],
        ["On " + day_words + ", " + actor1 + " launched " + weapon + " at " + loc + " (" + adm + "), \"targeting "
         + np.where(actor2 == "", "unknown positions", actor2) + "\"" + killed + ".",
         "On " + day_words + ", " + actor1 + " clashed with " + np.where(actor2 == "", "an unidentified group", actor2)
         + " near " + loc + ", " + adm + killed + ".",
         "On " + day_words + ", people demonstrated in " + loc + " (" + adm + "), chanting \"no to war\", "
         + "in solidarity with Gaza. [size=no report]",
         "On " + day_words + ", " + actor1 + " reported that " + weapon + " was intercepted over " + loc
         + ", saying \"no damage, no casualties\"."],
        "On " + day_words + ", " + actor1 + " attacked " + np.where(actor2 == "", "civilians", actor2) + " in " + loc
        + ", " + adm + killed + ".")
    ids = [f"{COUNTRIES[c][1]}{i}" for c, i in zip(country, range(100_001, 100_001 + rows))]
    stamp = (1_700_000_000 + rng.integers(0, 30_000_000, rows)).astype(str)
    return pd.DataFrame({
        "event_id_cnty": ids, "event_date": written, "year": dates.year.astype(str), "time_precision": time_precision,
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": actor1, "assoc_actor_1": np.where(rng.random(rows) < 0.1, "Civilians (" + country + "); Women (" + country + ")", ""),
        "inter1": inter1, "actor2": actor2, "assoc_actor_2": "", "inter2": inter2, "interaction": interaction,
        "civilian_targeting": np.where(inter2 == "Civilians", "Civilian targeting", ""),
        "iso": [str(COUNTRIES[c][0]) for c in country], "region": "Middle East", "country": country,
        "admin1": adm, "admin2": place["admin2"].to_numpy(dtype=object), "admin3": "", "location": loc,
        "latitude": place["latitude"].map("{:.4f}".format).to_numpy(dtype=object),
        "longitude": place["longitude"].map("{:.4f}".format).to_numpy(dtype=object),
        "geo_precision": geo_precision, "source": outlets, "source_scale": _pick(rng, SCALES, None, rows),
        "notes": notes, "fatalities": fatalities.astype(str),
        "tags": np.where(protest, "crowd size=no report", ""), "timestamp": stamp,
    }, columns=list(schema.ACLED_COLUMNS))


def generate(rows: int, workdir: Path, seed: int = SEED) -> Path:
    """The synthetic export of `rows` rows in workdir: reused when it is there, else written (UTF-8 with BOM)."""
    path = dataset_path(workdir, rows, seed)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    generate_frame(rows, seed).to_csv(partial, index=False, encoding="utf-8-sig", lineterminator="\n")
    os.replace(partial, path)
    return path


# --- measurements in fresh processes --------------------------------------------------------------------------

MONTH = (dt.date(2024, 1, 1), dt.date(2024, 1, 31))  # the typical filter: one month...
THEATRE = "Iraq"  # ...and one theatre; the browser's filter change picks theatres in this order
THEATRES = ("Iraq", "Syria", "Yemen")
SEARCH = "Katyusha"  # a text search: a word in some notes
REPEATS = 5  # in-process timings: the median of this many


def payload_bytes(deck) -> int:
    """Bytes of the map spec st.pydeck_chart sends to the browser for this deck, as it builds them.

    Streamlit first turns DataFrame layer data into records (pydeck cannot serialise pandas 3 frames), then
    puts deck.to_json() in the message; for the dashboard's CompactDeck (records already) that is just its JSON.
    """
    from streamlit.elements.deck_gl_json_chart import _prepare_pydeck_for_json

    _prepare_pydeck_for_json(deck)
    return len(deck.to_json().encode("utf-8"))


def _median_time(work: Callable[[], object], repeats: int = REPEATS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _naive_module():
    import importlib.util
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime" warnings: cache_data works without one
    spec = importlib.util.spec_from_file_location("naive_app", NAIVE_APP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _child_ours_load(path: Path, cache: Path) -> dict:
    """Cold parse + validate in process, nothing cached."""
    from eventmap.load import load_events

    before = _rss_mb()
    seconds, loaded = _timed(lambda: load_events(path))
    return {"load_s": seconds, "rows": len(loaded.frame), "problems": len(loaded.problems), "rss_before_mb": before}


def _child_ours_cache(path: Path, cache: Path) -> dict:
    """load_events_cached twice: the first parses and writes the Parquet copy, the second reads it."""
    from eventmap.load import load_events_cached

    first, _ = _timed(lambda: load_events_cached(path, cache_root=cache))
    second, loaded = _timed(lambda: load_events_cached(path, cache_root=cache))
    return {"first_s": first, "second_s": second, "rows": len(loaded.frame)}


def _child_ours_work(path: Path, cache: Path) -> dict:
    """A new process reading the cached copy (an app restart), then filters and the map as the page makes it."""
    from eventmap import filters, mapview
    from eventmap.load import load_events_cached

    before = _rss_mb()
    reload_s, loaded = _timed(lambda: load_events_cached(path, cache_root=cache))
    frame = loaded.frame
    typical = filters.Filters(MONTH[0], MONTH[1], {"theatre": (THEATRE,)})
    theatre_only = filters.Filters(choices={"theatre": (THEATRE,)})
    out = {"reload_s": reload_s, "rss_before_mb": before, "rows": len(frame)}
    out["filter_s"], month_view = _median_time(lambda: filters.apply(frame, typical))
    out["filter_theatre_s"], theatre_view = _median_time(lambda: filters.apply(frame, theatre_only))
    out["search_s"], hits = _median_time(lambda: filters.apply(frame, filters.Filters(text=SEARCH)))
    out.update(filtered_rows=len(month_view), theatre_rows=len(theatre_view), search_rows=len(hits))
    for name, view in (("all", frame), ("filtered", month_view), ("theatre", theatre_view)):
        map_s, data = _median_time(lambda: mapview.build_map_data(view), repeats=3)
        deck_s, deck = _median_time(lambda: mapview.build_deck(data), repeats=3)
        json_s, spec = _median_time(lambda: deck.to_json(), repeats=3)
        out[name] = {"map_data_s": map_s, "deck_s": deck_s, "json_s": json_s, "build_s": map_s + deck_s + json_s,
                     "bytes": payload_bytes(deck), "markers": len(data.markers), "aggregated": data.aggregated,
                     "cell_deg": data.cell_deg}
    return out


def _child_naive_load(path: Path, cache: Path) -> dict:
    import pandas

    before = _rss_mb()
    seconds, frame = _timed(lambda: pandas.read_csv(path))
    return {"load_s": seconds, "rows": len(frame), "rss_before_mb": before}


def _child_naive_work(path: Path, cache: Path) -> dict:
    """The naive app's steps: st.cache_data read (then a cache hit, which copies the frame), filter, deck JSON."""
    naive = _naive_module()
    before = _rss_mb()
    first, _ = _timed(lambda: naive.read_events(str(path)))
    out = {"first_s": first, "rss_before_mb": before}
    out["reload_s"], frame = _median_time(lambda: naive.read_events(str(path)), repeats=3)
    out["filter_theatre_s"], theatre_view = _median_time(lambda: naive.filter_events(frame, [THEATRE]))
    out["search_s"], hits = _median_time(lambda: frame[frame["notes"].str.contains(SEARCH, case=False, regex=False)])
    out.update(rows=len(frame), theatre_rows=len(theatre_view), search_rows=len(hits))
    for name, view in (("all", frame), ("theatre", theatre_view)):
        deck_s, deck = _timed(lambda: naive.make_deck(view))
        json_s, size = _timed(lambda: payload_bytes(deck))
        out[name] = {"deck_s": deck_s, "json_s": json_s, "build_s": deck_s + json_s, "bytes": size}
        del deck
    return out


CHILDREN = {"ours-load": _child_ours_load, "ours-cache": _child_ours_cache, "ours-work": _child_ours_work,
            "naive-load": _child_naive_load, "naive-work": _child_naive_work}


def _child_main(argv: list[str]) -> int:
    step, path, cache = argv
    result = CHILDREN[step](Path(path), Path(cache))
    result["rss_self_mb"] = _rss_mb()
    print("BENCH-RESULT " + json.dumps(result))
    return 0


def run_measured(cmd: list[str], *, timeout: float, env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Run a command to its end; its wall time, exit code, output and peak resident memory (ru_maxrss)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    timed_out = wall >= timeout
    return {"wall_s": wall, "rc": process.returncode, "stdout": stdout, "stderr": stderr,
            "peak_mb": usage.ru_maxrss / 1024, "timed_out": timed_out}


def run_child(step: str, path: Path, cache: Path, timeout: float = 900) -> dict:
    ran = run_measured([sys.executable, "-m", "eventmap.bench", "--child", step, str(path), str(cache)],
                       timeout=timeout, env=_child_env(cache))
    line = next((l for l in ran["stdout"].splitlines() if l.startswith("BENCH-RESULT ")), None)
    if ran["rc"] != 0 or line is None:
        reason = "timed out" if ran["timed_out"] else f"exit {ran['rc']}: {ran['stderr'].strip()[-400:]}"
        return {"error": reason, "wall_s": ran["wall_s"], "peak_mb": ran["peak_mb"]}
    result = json.loads(line.removeprefix("BENCH-RESULT "))
    result.update(wall_s=ran["wall_s"], peak_mb=ran["peak_mb"])
    return result


def _child_env(cache: Path) -> dict:
    env = dict(os.environ, EVENTMAP_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    for name in ("EVENTMAP_EVENTS", "EVENTMAP_ONLINE_GEOCODING"):
        env.pop(name, None)
    return env


def measure_processes(path: Path, workdir: Path, log: Callable[[str], None]) -> dict:
    """Every in-process measurement of one file, ours and naive, each step in a new process."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=workdir))
    try:
        log("validate (CLI)")
        ran = run_measured([sys.executable, "-m", "eventmap", "validate", str(path)], timeout=600, env=_child_env(cache))
        validate = {"wall_s": ran["wall_s"], "peak_mb": ran["peak_mb"], "rc": ran["rc"],
                    "said": (ran["stdout"].strip().splitlines() or [""])[-1][:300], "timed_out": ran["timed_out"]}
        ours = {"validate": validate}
        for step in ("ours-load", "ours-cache", "ours-work"):
            log(step)
            ours[step.removeprefix("ours-")] = run_child(step, path, cache)
        naive = {}
        for step in ("naive-load", "naive-work"):
            log(step)
            naive[step.removeprefix("naive-")] = run_child(step, path, cache)
        return {"ours": ours, "naive": naive}
    finally:
        shutil.rmtree(cache, ignore_errors=True)


# --- the browser ----------------------------------------------------------------------------------------------

# Runs in the page before any of its scripts. WebGL canvases keep their drawing buffer so that the page's own
# pixels can be read back; a timer then scans them for marker colours, and records when they appear or change.
DETECTOR_JS = """
(() => {
  const bench = window.__bench = {found: null, error: null, changeAt: null, scans: 0, scanMs: 0, draws: 0,
                                  messages: [], contexts: []};
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attributes) {
    const webgl = type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl';
    if (webgl) attributes = Object.assign({}, attributes || {}, {preserveDrawingBuffer: true});
    const context = getContext.call(this, type, attributes);
    if (webgl && context && !context.__benchCounted) {  // count draw calls: pixels are read only after new ones
      context.__benchCounted = true;
      bench.contexts.push(context);
      for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced',
                          'drawRangeElements', 'clear']) {
        const native = context[name];
        if (typeof native === 'function') {
          context[name] = function (...args) { bench.draws++; bench.lastDrawAt = performance.now(); return native.apply(this, args); };
        }
      }
    }
    return context;
  };
  const NativeSocket = window.WebSocket;  // every message's arrival time and size, for the breakdown
  window.WebSocket = function (...args) {
    const socket = new NativeSocket(...args);
    socket.addEventListener('message', (event) => {
      const data = event.data;
      bench.messages.push([performance.now(), data.byteLength ?? data.size ?? data.length ?? 0]);
    });
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) window.WebSocket[name] = NativeSocket[name];
  const COLOURS = %(colours)s, TOLERANCE = %(tolerance)d, STEP = 2;
  const LOOKUP = new Uint8Array(1 << 15);  // 5 bits a channel: is this colour a marker colour (1 + its index)?
  for (let key = 0; key < LOOKUP.length; key++) {
    const r = ((key >> 10) << 3) + 4, g = (((key >> 5) & 31) << 3) + 4, b = ((key & 31) << 3) + 4;
    const k = COLOURS.findIndex((c) => Math.abs(r - c[0]) <= TOLERANCE && Math.abs(g - c[1]) <= TOLERANCE
                                       && Math.abs(b - c[2]) <= TOLERANCE);
    LOOKUP[key] = k + 1;
  }
  const scratch = document.createElement('canvas');
  function scan() {
    const started = performance.now();
    let count = 0, hash = 0, readAt = started;
    for (const canvas of document.querySelectorAll('canvas')) {
      if (canvas === scratch || canvas.width < 200 || canvas.height < 200) continue;
      scratch.width = canvas.width; scratch.height = canvas.height;
      const context = scratch.getContext('2d', {willReadFrequently: true});
      context.clearRect(0, 0, scratch.width, scratch.height);
      context.drawImage(canvas, 0, 0);
      const data = context.getImageData(0, 0, scratch.width, scratch.height).data;
      readAt = performance.now();  // the pixels as they were when the canvas could be read
      const width = scratch.width;
      for (let y = 0; y < scratch.height; y += STEP) {
        for (let i = y * width * 4; i < (y + 1) * width * 4; i += 4 * STEP) {
          if (data[i + 3] < 200) continue;
          const k = LOOKUP[((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3)];
          if (k) { count++; hash = (Math.imul(hash, 31) + i * 8 + k) | 0; }
        }
      }
    }
    bench.scans++; bench.scanMs += performance.now() - started;
    return {count, hash, t: readAt};
  }
  bench.scan = scan;
  function errors() {
    return [...document.querySelectorAll('[data-testid="stException"]')].map((e) => [e, e.innerText]);
  }
  bench.watch = (baseline, minimum) => {
    bench.found = null; bench.error = null; clearTimeout(bench.timer);
    // An error already on the page (the naive app's, at 1M rows) may be shown again while the rerun replaces it:
    // then only the markers, or the timeout, end the wait.
    const errorBefore = errors().length > 0;
    const error = () => {
      const shown = errorBefore ? [] : errors();
      return shown.length ? shown[0][1].slice(0, 300) : null;
    };
    // After new draw calls, a fence goes into the page's WebGL2 stream; the pixels are read once the GPU (here
    // SwiftShader) has passed it. Polling the fence does not block, so the page's own work is not held up
    // waiting for the frame, as a read straight after the draw calls would do.
    let scannedAt = -1, pending = null;
    const tick = () => {
      if (pending === null && bench.draws !== scannedAt) {
        scannedAt = bench.draws;
        pending = bench.contexts.filter((gl) => typeof gl.fenceSync === 'function' && !gl.isContextLost())
          .map((gl) => { const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0); gl.flush(); return [gl, fence]; });
        pending.issued = bench.lastDrawAt;  // the last draw call before the fence: when the page issued the frame
      }
      if (pending !== null) {
        const done = pending.every(([gl, fence]) => gl.getSyncParameter(fence, gl.SYNC_STATUS) === gl.SIGNALED);
        if (done) {
          pending.forEach(([gl, fence]) => gl.deleteSync(fence));
          const issued = pending.issued;
          pending = null;
          const seen = scan();
          seen.issued = issued;
          if (seen.count >= minimum && (baseline === null || seen.hash !== baseline.hash || seen.count !== baseline.count)) {
            bench.found = seen; return;
          }
        }
      }
      const failed = error();
      if (failed) { bench.error = {t: performance.now(), text: failed}; return; }
      bench.timer = setTimeout(tick, pending === null ? %(interval)d : %(fence_interval)d);
    };
    tick();
  };
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') bench.changeAt = performance.now();
  }, true);
  bench.watch(null, %(minimum)d);
})();
"""
MIN_MARKER_PIXELS = 12  # sampled pixels of marker colour that make "markers drawn"
POLL_MS = 50  # how often the page looks for new draw calls...
FENCE_POLL_MS = 10  # ...and, once there are, whether the GPU has drawn them


def detector_script() -> str:
    colours = [list(rgb) for rgb in schema.CATEGORY_COLOURS.values()]
    return DETECTOR_JS % {"colours": json.dumps(colours), "tolerance": 30, "interval": POLL_MS, "fence_interval": FENCE_POLL_MS,
                          "minimum": MIN_MARKER_PIXELS}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` on 127.0.0.1 for one events file, with its own empty parse cache."""

    def __init__(self, script: Path, events: Path, workdir: Path, log_name: str):
        self.port = free_port()
        self.cache = Path(tempfile.mkdtemp(prefix="server-cache-", dir=workdir))
        self.log_path = Path(workdir) / f"{log_name}.log"
        env = _child_env(self.cache)
        env["EVENTMAP_EVENTS"] = str(events)
        cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
               f"--server.port={self.port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
               "--server.fileWatcherType=none", "--server.runOnSave=false", "--global.developmentMode=false"]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}/"

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as answer:
                    if answer.read().strip() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"streamlit did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> float | None:
        """Stop the server; its peak resident memory in MB (ru_maxrss), or None if it could not be reaped."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                timer = threading.Timer(30, self.process.kill)
                timer.start()
                try:
                    _, status, usage = os.wait4(self.process.pid, 0)
                finally:
                    timer.cancel()
                self.process.returncode = os.waitstatus_to_exitcode(status)
                return usage.ru_maxrss / 1024
            return None
        finally:
            self._log.close()
            shutil.rmtree(self.cache, ignore_errors=True)


class Frames:
    """What a page receives over Streamlit's websocket: bytes and message types, in order."""

    def __init__(self, page):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._message = ForwardMsg
        self.received: list[tuple[int, str]] = []
        page.on("websocket", self._socket)

    def _socket(self, socket_) -> None:
        socket_.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        kind = ""
        try:
            message = self._message()
            message.ParseFromString(data)
            kind = message.WhichOneof("type") or ""
        except Exception:  # a frame that is not a ForwardMsg still counts its bytes
            kind = "?"
        self.received.append((len(data), kind))

    def mark(self) -> int:
        return len(self.received)

    def finished_after(self, mark: int) -> bool:
        return any(kind == "script_finished" for _, kind in self.received[mark:])

    def bytes_after(self, mark: int) -> int:
        """Bytes from the mark up to and including the first script_finished after it (the whole rerun)."""
        total = 0
        for size, kind in self.received[mark:]:
            total += size
            if kind == "script_finished":
                break
        return total


def _wait_found(page, timeout_s: float) -> dict:
    """Wait for the detector: markers drawn (or changed), an exception on the page, or the timeout."""
    try:
        page.wait_for_function("() => window.__bench && (window.__bench.found || window.__bench.error)",
                               timeout=timeout_s * 1000, polling=100)
    except Exception as error:  # playwright's TimeoutError, or the page died
        name = type(error).__name__
        return {"status": "timeout" if "Timeout" in name else f"failed: {name}: {str(error)[:200]}"}
    state = page.evaluate("() => ({found: window.__bench.found, error: window.__bench.error,"
                          " scans: window.__bench.scans, scanMs: window.__bench.scanMs})")
    if state["found"]:
        return {"status": "drawn", "t_ms": state["found"]["t"], "marker_pixels": state["found"]["count"],
                "hash": state["found"]["hash"], "scans": state["scans"], "scan_ms": state["scanMs"],
                "issued_ms": state["found"].get("issued")}
    return {"status": "error", "t_ms": state["error"]["t"], "error": state["error"]["text"], "scans": state["scans"],
            "scan_ms": state["scanMs"]}


def _breakdown(page, since_ms: float, until_ms: float | None, issued_ms: float | None = None) -> dict:
    """Where the time went, from the page's own clock: the first websocket message after since_ms (the server
    answered), the largest one (the map spec arrived), and the last one before the map was drawn."""
    messages = page.evaluate("() => window.__bench.messages")
    window = [(t, n) for t, n in messages if t >= since_ms and (until_ms is None or t <= until_ms)]
    if not window:
        return {}
    largest = max(window, key=lambda m: m[1])
    out = {"first_message_s": (window[0][0] - since_ms) / 1000, "largest_message_s": (largest[0] - since_ms) / 1000,
           "largest_message_bytes": largest[1], "last_message_s": (window[-1][0] - since_ms) / 1000}
    if issued_ms is not None and issued_ms >= largest[0]:
        out["issued_s"] = (issued_ms - since_ms) / 1000
    return out


def _wait_finished(page, frames: Frames, mark: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if frames.finished_after(mark):
            return True
        page.wait_for_timeout(100)  # lets playwright deliver the websocket events
    return frames.finished_after(mark)


def _settled(page, result: dict, shots: Path | None, name: str) -> None:
    """After the rerun has finished and a second has passed, is the picture still the one detected as drawn?
    If not, the detector caught an intermediate frame, and the details say so."""
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}-detected.png"))
    page.wait_for_timeout(1000)
    final = page.evaluate("() => window.__bench.scan()")
    result["settled_same"] = final["hash"] == result.get("hash") and final["count"] == result.get("marker_pixels")
    result["settled_pixels"] = final["count"]
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}-settled.png"))


def open_page(browser, url: str, timeout_s: float, shots: Path | None = None,
              name: str = "open") -> tuple[object, object, Frames, dict]:
    """A fresh context and page; time from navigation start to markers drawn, and the websocket bytes."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(detector_script())
    page = context.new_page()
    frames = Frames(page)
    started = time.perf_counter()
    try:
        page.goto(url, timeout=timeout_s * 1000, wait_until="commit")
    except Exception as error:
        return context, page, frames, {"status": f"failed: {str(error)[:200]}"}
    result = _wait_found(page, max(1.0, timeout_s - (time.perf_counter() - started)))
    result["wall_s"] = time.perf_counter() - started
    if result["status"] in ("drawn", "error"):
        result["seconds"] = result["t_ms"] / 1000
        result.update(_breakdown(page, 0.0, result["t_ms"], result.get("issued_ms")))
    if result["status"] == "drawn":
        result["complete"] = _wait_finished(page, frames, 0, 60)
        _settled(page, result, shots, name)
    result["ws_bytes"] = frames.bytes_after(0)
    result["ws_frames"] = len(frames.received)
    return context, page, frames, result


def change_filter(page, frames: Frames, label: str, value: str, timeout_s: float, shots: Path | None = None,
                  name: str = "filter") -> dict:
    """Choose one value in the sidebar multiselect `label`; time from the Enter key to the map redrawn."""
    baseline = page.evaluate("() => window.__bench.scan()")
    box = page.get_by_role("combobox", name=label)
    box.click(timeout=30_000)
    box.fill(value)
    page.get_by_role("option", name=value, exact=True).first.wait_for(timeout=30_000)
    page.evaluate("b => { window.__bench.changeAt = null; window.__bench.watch(b, %d); }" % MIN_MARKER_PIXELS, baseline)
    mark = frames.mark()
    started = time.perf_counter()
    box.press("Enter")
    result = _wait_found(page, timeout_s)
    result["wall_s"] = time.perf_counter() - started
    change_at = page.evaluate("() => window.__bench.changeAt")
    if result["status"] in ("drawn", "error") and change_at is not None:
        result["seconds"] = (result["t_ms"] - change_at) / 1000
        result.update(_breakdown(page, change_at, result["t_ms"], result.get("issued_ms")))
    if result["status"] == "drawn":
        result["complete"] = _wait_finished(page, frames, mark, 60)
        _settled(page, result, shots, name)
    result["ws_bytes"] = frames.bytes_after(mark)
    chosen = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).inner_text(timeout=10_000)
    result["chosen"] = value in chosen
    return result


APPS = {  # name: (script, the sidebar multiselect that filters by theatre/country)
    "ours": (ROOT / "app.py", "Theatre"),
    "naive": (NAIVE_APP, "Country"),
}


def measure_browser(path: Path, workdir: Path, app: str, browser, log: Callable[[str], None], *,
                    repeats: int, timeout_s: float, shots: Path | None = None) -> dict:
    """One app on one file: a warm-up page (parses the file), then `repeats` fresh pages, each opened and
    filtered by a different theatre. The server's peak memory when it is stopped."""
    script, label = APPS[app]
    server = Server(script, path, workdir, f"streamlit-{app}-{path.stem}")
    out: dict = {"pages": [], "filters": []}
    try:
        server.wait_healthy()
        log(f"{app}: warm-up page (parses the file)")
        context, _page, _frames, warm = open_page(browser, server.url, timeout_s * 2)
        context.close()
        out["warmup"] = warm
        for attempt in range(repeats):
            log(f"{app}: page {attempt + 1}/{repeats}: open, then {label} = {THEATRES[attempt % len(THEATRES)]}")
            tag = f"{app}-{path.stem}-{attempt + 1}"
            context, page, frames, opened = open_page(browser, server.url, timeout_s, shots, f"{tag}-open")
            out["pages"].append(opened)
            if opened["status"] in ("drawn", "error"):  # after an error the sidebar is there: a filter may draw
                try:
                    out["filters"].append(change_filter(page, frames, label, THEATRES[attempt % len(THEATRES)],
                                                        timeout_s, shots, f"{tag}-filter"))
                except Exception as error:
                    out["filters"].append({"status": f"failed: {type(error).__name__}: {str(error)[:200]}"})
            else:
                out["filters"].append({"status": "not measured: the page did not draw"})
            context.close()
            if opened["status"] != "drawn" or out["filters"][-1]["status"] != "drawn":
                break  # one failure or timeout is the answer; repeating it would only take longer
    except Exception as error:
        out["error"] = f"{type(error).__name__}: {str(error)[:300]}"
    finally:
        out["server_peak_mb"] = server.stop()
    return out


# --- the run and the report -----------------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")), 0)
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        fields = dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
        os_name = fields.get("PRETTY_NAME", os_name).strip('"') + f" (kernel {platform.release()})"
    from importlib.metadata import version

    packages = {name: version(name) for name in ("streamlit", "pydeck", "pandas", "pyarrow", "numpy", "playwright")}
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory_kb / 1024 / 1024, "os": os_name,
            "python": platform.python_version(), "packages": packages, "chromium": chromium}


def cpu_seconds() -> tuple[float, float]:
    """(CPU seconds the whole machine has been busy, CPU seconds used by this process and its reaped children)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    own = sum(getattr(resource.getrusage(who), name) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for name in ("ru_utime", "ru_stime"))
    return busy / os.sysconf("SC_CLK_TCK"), own


def calibration() -> float:
    """Seconds for a fixed pure-Python loop: how fast the machine was at that moment (it is shared and varies)."""
    started = time.perf_counter()
    sum(i * i for i in range(3_000_000))
    return time.perf_counter() - started


def run(sizes: Sequence[int], workdir: Path, *, browser: bool = True, repeats: int = 3, timeout_s: float = 180,
        log: Callable[[str], None] = print, shots: Path | None = None) -> dict:
    """The whole benchmark; returns every number, which write_report turns into docs/performance.md."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict = {"machine": machine(), "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                     "sizes": {}, "browser": browser, "repeats": repeats, "timeout_s": timeout_s,
                     "load_before": os.getloadavg(), "calibration_before": calibration()}
    busy_before, own_before = cpu_seconds()
    for rows in sizes:
        step = time.perf_counter()
        path = dataset_path(workdir, rows)
        reused = path.exists()
        log(f"[{rows:,} rows] {'reusing' if reused else 'generating'} {path}")
        generate(rows, workdir)
        entry = {"file": str(path), "file_mb": path.stat().st_size / 1e6, "reused": reused,
                 "generate_s": time.perf_counter() - step}
        entry.update(measure_processes(path, workdir, lambda what, r=rows: log(f"[{r:,} rows] {what}")))
        results["sizes"][str(rows)] = entry
        entry["load_during"] = os.getloadavg()
        entry["seconds"] = time.perf_counter() - step
    if browser:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS),
                                                  timeout=60_000)
            try:
                for rows in sizes:
                    step = time.perf_counter()
                    entry = results["sizes"][str(rows)]
                    path = Path(entry["file"])
                    for app in APPS:
                        entry[app]["browser"] = measure_browser(
                            path, workdir, app, chromium, lambda what, r=rows: log(f"[{r:,} rows] {what}"),
                            repeats=repeats, timeout_s=timeout_s, shots=shots)
                    entry["browser_seconds"] = time.perf_counter() - step
                    entry["load_browser"] = os.getloadavg()
            finally:
                chromium.close()
    results["load_after"] = os.getloadavg()
    results["calibration_after"] = calibration()
    busy_after, own_after = cpu_seconds()
    results["seconds"] = time.perf_counter() - started
    results["cpu"] = {"machine_busy_s": busy_after - busy_before, "own_s": own_after - own_before,
                      "capacity_s": results["seconds"] * (os.cpu_count() or 1)}
    results["seconds"] = time.perf_counter() - started
    (workdir / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def _median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _browser_values(side: dict, kind: str, key: str) -> tuple[list[float], str | None]:
    """Measured values of one browser measure, and why there are none or fewer than asked."""
    browser = side.get("browser")
    if browser is None:
        return [], "not run (--no-browser)"
    runs = browser.get("pages" if kind == "open" else "filters", [])
    values = [r[key] for r in runs if r.get("status") == "drawn" and r.get(key) is not None]
    problem = next((r for r in runs if r.get("status") != "drawn"), None)
    if problem is None and not runs:
        return [], browser.get("error", "not measured")
    if problem is None:
        return values, None
    status = problem["status"]
    if status == "error":
        status = f"not drawn: the page showed an error after {problem.get('seconds', problem.get('t_ms', 0) / 1000):.1f} s: " \
                 f"{' '.join(problem.get('error', '').split())[:160]}"
    elif status == "timeout":
        status = f"timed out (no map within {problem.get('wall_s', 0):.0f} s)"
    return values, status


def _s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _mb(value: float | None, unit: float = 1e6) -> str:
    if value is None:
        return "—"
    return f"{value / unit:.2f} MB" if value / unit < 100 else f"{value / unit:.0f} MB"


def _ratio(ours: float | None, naive: float | None) -> str:
    if not ours or naive is None:
        return "—"
    return f"{naive / ours:.1f}×"


TARGETS = {  # (measure, rows): (limit, unit) — issue 6
    ("open", 1_000_000): (5.0, "s"), ("open", 100_000): (2.5, "s"),
    ("filter", 1_000_000): (1.0, "s"),
    ("bytes", 1_000_000): (3.0, "MB"), ("bytes", 100_000): (1.5, "MB"),
    ("memory", 1_000_000): (2000.0, "MB"),
    ("validate", 1_000_000): (10.0, "s"),
}


def _verdict(measure: str, rows: int, value: float | None, why: str | None = None) -> tuple[str, str]:
    """The target's text and whether the dashboard met it ('' when there is no target for this size)."""
    target = TARGETS.get((measure, rows))
    if target is None:
        return "", ""
    limit, unit = target
    text = {"open": f"≤ {limit:g} s", "filter": f"≤ {limit:g} s", "bytes": f"≤ {limit:g} MB",
            "memory": f"< {limit / 1000:g} GB", "validate": f"≤ {limit:g} s"}[measure]
    if value is None:
        return text, f"**missed** ({why or 'not measured'})"
    return text, "met" if value <= limit else "**missed**"


def report(results: dict) -> str:
    """docs/performance.md, every number from `results` (one run)."""
    m = results["machine"]
    lines = [
        "# Performance: the dashboard against the naive Streamlit + pydeck app",
        "",
        "Written by `python -m eventmap bench` "
        f"(sizes {', '.join(f'{int(r):,}' for r in results['sizes'])}; one run started {results['started']}, "
        f"took {results['seconds'] / 60:.1f} min). Do not edit the numbers by hand: run the command again.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gb']:.1f} GB; no GPU (Chromium draws WebGL with SwiftShader on the CPU)",
        f"- OS: {m['os']}; Python {m['python']}; {m['chromium']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average (1, 5, 15 min) before the run {_load(results['load_before'])}, after {_load(results['load_after'])}: "
        "other work on the machine shares its 2 cores, and the browser, the server and the page all compete for them. "
        + (f"During the run the machine's CPUs were busy {results['cpu']['machine_busy_s']:,.0f} core-seconds of "
           f"{results['cpu']['capacity_s']:,.0f}; this benchmark and its processes used {results['cpu']['own_s']:,.0f}, "
           f"so other work on the machine took about "
           f"{max(0.0, results['cpu']['machine_busy_s'] - results['cpu']['own_s']):,.0f}. " if "cpu" in results else "")
        + (f"A fixed Python loop took {results['calibration_before']:.3f} s before the run and "
           f"{results['calibration_after']:.3f} s after it (a rough gauge of how busy the machine was)."
           if "calibration_before" in results else ""),
        "",
        "## Method",
        "",
        "- **Data**: synthetic ACLED exports made by `eventmap/bench.py` (seeded, so every run reads the same rows): the 31 "
        "export columns, UTF-8 with a BOM, dates one year apart written as `03 December 2023` (80 %) or ISO, events coded "
        f"to a gazetteer of {PLACES:,} places spread over nine Middle East countries with thirteen hot spots, ACLED-like "
        "actors, event types and notes with commas and quotes.",
        "- **The naive app** (`bench/naive_app.py`): `pd.read_csv` under `st.cache_data`, a sidebar multiselect on country, "
        "and every filtered event as one point of a pydeck ScatterplotLayer sent through `st.pydeck_chart` on every "
        "rerun (8 columns per point: position, date, type, actor, place, fatalities, colour; `map_provider=None`, "
        "so it fetches no tiles and sends no basemap).",
        "- **In process**, each step in a new Python process, so that its peak memory (the child's `ru_maxrss`) is its own: "
        "`python -m eventmap validate FILE` (wall time, interpreter start included); `load_events` cold; "
        "`load_events_cached` twice (parse + write the Parquet copy, then read it); a new process reading the Parquet "
        "copy (what an app restart costs); filter times, the median of "
        f"{REPEATS}: `filters.apply` with {MONTH[0]:%d %b}–{MONTH[1]:%d %b %Y} and theatre {THEATRE}, a text search for "
        f"“{SEARCH}”; the map as the page builds it (`build_map_data`, `build_deck`, `to_json`) and the bytes of the "
        "spec Streamlit sends (`payload_bytes`: the deck's JSON as `st.pydeck_chart` puts it in the message). "
        "The naive side: `pd.read_csv`, its `st.cache_data` hit (which unpickles a copy of the frame on every rerun), "
        "its country filter, and its deck JSON.",
        f"- **In the browser**: headless Chromium {m['chromium'].split()[1] if len(m['chromium'].split()) > 1 else ''} "
        "(Playwright, SwiftShader WebGL, viewport "
        f"{VIEWPORT['width']}×{VIEWPORT['height']}); each app served by `streamlit run` on 127.0.0.1 with "
        "`EVENTMAP_EVENTS=FILE` and an empty parse cache. A first page parses the file (reported as the warm-up); then "
        f"up to {results['repeats']} fresh pages (new browser contexts), each: **open → drawn** is from navigation start "
        "to the first moment the map canvas holds marker colours (a script in the page counts WebGL draw calls; "
        f"within {POLL_MS} ms of new ones it puts a fence in the WebGL stream, polls it every {FENCE_POLL_MS} ms "
        "without blocking, and once the GPU has passed it reads the canvas pixels back and looks for "
        "`schema.CATEGORY_COLOURS`: the time is when the frame was really drawn, not when it was asked for); "
        "then one theatre is chosen in the sidebar multiselect "
        f"(“Theatre” in the dashboard, “Country” in the naive app; {', '.join(THEATRES[:results['repeats']])} on "
        "successive pages, so no choice is a cache hit) and **filter → redrawn** is from the Enter key to the "
        "moment the marker pixels change. **Bytes** are those received over the websocket for that render (from "
        "the page open, or from the change, up to Streamlit's `script_finished`). Shown: the median over the pages, "
        "the range in brackets (bytes: the largest); every page's values are in the details below. **Peak server memory** is the `ru_maxrss` of the `streamlit run` "
        "process when it is stopped, after parsing the file and serving every page. Every wait is bounded "
        f"({results['timeout_s']:.0f} s; the warm-up twice that); a timeout is reported as one. Chromium draws WebGL "
        "in software here (SwiftShader on the same 2 cores as the server), so the drawing part of these times is "
        "far longer than on a machine with a GPU; both apps are drawn the same way.",
        "",
        "## Results",
        "",
        "| measure | rows | dashboard | naive | naive ÷ dashboard | target (dashboard) | met? |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    sizes = [int(r) for r in results["sizes"]]
    notes: list[str] = []
    verdicts: list[tuple[str, int, str, str, str]] = []

    def row(measure: str, label: str, rows: int, ours: float | None, naive: float | None, fmt, *, why_ours=None,
            why_naive=None, target_key: str | None = None, ratio: bool = True, spread_ours=(), spread_naive=(),
            mark_naive: str = "") -> None:
        def spread(values) -> str:
            return f" ({fmt(min(values))}–{fmt(max(values))})" if len(values) > 1 else ""
        shown_ours = fmt(ours) + spread(spread_ours) if ours is not None else (why_ours or "—")
        shown_naive = fmt(naive) + spread(spread_naive) + mark_naive if naive is not None else (why_naive or "—")
        target, met = _verdict(target_key or measure, rows, ours if (target_key or measure) != "bytes" else
                               (ours / 1e6 if ours is not None else None), why_ours)
        if target:
            verdicts.append((label, rows, target, fmt(ours) if ours is not None else (why_ours or "—"), met))
        lines.append(f"| {label} | {rows:,} | {shown_ours} | {shown_naive} | "
                     f"{_ratio(ours, naive) if ratio else ''} | {target} | {met} |")

    for measure, label in (("open", "page open → map drawn (file already parsed)"),
                           ("filter", "theatre filter change → map redrawn")):
        for rows in sizes:
            entry = results["sizes"][str(rows)]
            ours, why_o = _browser_values(entry["ours"], measure, "seconds")
            naive, why_n = _browser_values(entry["naive"], measure, "seconds")
            after_error = ""
            if measure == "filter" and naive and not why_n and _browser_values(entry["naive"], "open", "seconds")[1]:
                after_error = " ¹"
                notes.append(f"¹ {rows:,} rows, naive: the page itself showed an error instead of the map; the filter "
                             "change was made on that page, and drew the smaller, filtered map.")
            row(measure, label, rows, _median(ours) if not why_o else None, _median(naive) if not why_n else None,
                _s, why_ours=_short_why(why_o), why_naive=_short_why(why_n), spread_ours=ours if not why_o else (),
                spread_naive=naive if not why_n else (), mark_naive=after_error)
            for side, why in (("dashboard", why_o), ("naive", why_n)):
                if why and why.startswith(("not drawn", "timed out", "failed")):
                    notes.append(f"{rows:,} rows, {side}, {label}: {why}")
    for measure, label in (("open", "bytes received per render: page open"),
                           ("filter", "bytes received per render: filter change")):
        for rows in sizes:
            entry = results["sizes"][str(rows)]
            ours, why_o = _browser_values(entry["ours"], measure, "ws_bytes")
            naive, why_n = _browser_values(entry["naive"], measure, "ws_bytes")
            row("bytes", label, rows, max(ours) if ours and not why_o else None,
                max(naive) if naive and not why_n else None, _mb, why_ours=_short_why(why_o),
                why_naive=_short_why(why_n))
    for rows in sizes:
        ours, naive = results["sizes"][str(rows)]["ours"]["work"], results["sizes"][str(rows)]["naive"]["work"]
        row("bytes", "map spec bytes, all events (computed in process)", rows, _get(ours, "all", "bytes"),
            _get(naive, "all", "bytes"), _mb, target_key="none")
        row("bytes", f"map spec bytes, theatre {THEATRE} (computed in process)", rows, _get(ours, "theatre", "bytes"),
            _get(naive, "theatre", "bytes"), _mb, target_key="none")
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        validate = entry["ours"]["validate"]
        value = validate["wall_s"] if validate["rc"] == 0 and not validate["timed_out"] else None
        why = None if value is not None else ("timed out" if validate["timed_out"] else f"exit {validate['rc']}")
        row("validate", "`python -m eventmap validate FILE` (naive: none; its `read_csv` below)", rows, value,
            None, _s, why_ours=why, why_naive="no validation", ratio=False)
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("parse", "parse cold, in process (dashboard: `load_events` with validation; naive: `read_csv`)", rows,
            _get(entry["ours"]["load"], "load_s"), _get(entry["naive"]["load"], "load_s"), _s)
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("reload", "cached reload (dashboard: Parquet copy in a new process; naive: `st.cache_data` hit, every rerun)",
            rows, _get(entry["ours"]["work"], "reload_s"), _get(entry["naive"]["work"], "reload_s"), _s)
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("memory", "peak server memory (`streamlit run`, after every page)", rows,
            _get(entry["ours"].get("browser") or {}, "server_peak_mb"),
            _get(entry["naive"].get("browser") or {}, "server_peak_mb"), lambda v: f"{v:,.0f} MB",
            why_ours="not run" if not results["browser"] else None, why_naive="not run" if not results["browser"] else None)
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("parse-memory", "peak memory of a cold parse (child process)", rows, _get(entry["ours"]["load"], "peak_mb"),
            _get(entry["naive"]["load"], "peak_mb"), lambda v: f"{v:,.0f} MB")
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("filter-time", f"filter time: a month + theatre {THEATRE} (naive: its country filter, {THEATRE})", rows,
            _get(entry["ours"]["work"], "filter_s"), _get(entry["naive"]["work"], "filter_theatre_s"), _ms)
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("filter-time", f"filter time: theatre {THEATRE} only", rows,
            _get(entry["ours"]["work"], "filter_theatre_s"), _get(entry["naive"]["work"], "filter_theatre_s"), _ms)
    for rows in sizes:
        entry = results["sizes"][str(rows)]
        row("filter-time", f"text search “{SEARCH}”", rows, _get(entry["ours"]["work"], "search_s"),
            _get(entry["naive"]["work"], "search_s"), _ms)
    for view, label in (("all", "all events"), ("theatre", f"theatre {THEATRE}")):
        for rows in sizes:
            entry = results["sizes"][str(rows)]
            row("build", f"map build per render, {label} (markers + deck + JSON)", rows,
                _get(entry["ours"]["work"], view, "build_s"), _get(entry["naive"]["work"], view, "build_s"), _s)

    lines += ["", "## Targets", "", "| target | rows | dashboard | met? |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {label}: {target} | {rows:,} | {value} | {met} |" for label, rows, target, value, met in verdicts]
    if notes:
        lines += ["", "Failures, timeouts and remarks, as the run saw them:", ""] + [f"- {note}" for note in notes]
    lines += ["", "## Where the browser time goes", "",
              "Medians over the pages, on the page's own clock, from the page open (or the Enter key): the first "
              "websocket message (Streamlit's page has booted, or the server has started the rerun); the largest "
              "message, the map spec (the server has built the map); the page's last WebGL draw call before the "
              "markers appeared (the page has parsed the spec and built the layers: JavaScript); the markers drawn "
              "(the GPU, here SwiftShader on the CPU, has finished the frame).", "",
              "| app | rows | open: first message | map message | frame issued | drawn | "
              "filter: first message | map message | frame issued | drawn |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for rows in sizes:
        for name, side in (("dashboard", "ours"), ("naive", "naive")):
            browser = results["sizes"][str(rows)][side].get("browser") or {}
            cells = []
            for kind in ("pages", "filters"):
                runs = [r for r in browser.get(kind, []) if r.get("status") == "drawn" and "largest_message_s" in r]
                cells += [_s(_median([r["first_message_s"] for r in runs])),
                          _s(_median([r["largest_message_s"] for r in runs])),
                          _s(_median([r.get("issued_s") for r in runs])),
                          _s(_median([r["seconds"] for r in runs]))]
            lines.append(f"| {name} | {rows:,} | " + " | ".join(cells) + " |")
    lines += ["", "## Details", "", _details(results), ""]
    return "\n".join(lines)


def _short_why(why: str | None) -> str | None:
    if not why:
        return None
    if why.startswith("not drawn"):
        return "not drawn (error)"
    if why.startswith("timed out"):
        return "timed out"
    return why.split(":")[0][:40]


def _ms(value: float | None) -> str:
    return "—" if value is None else (f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s")


def _get(data: dict | None, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _load(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _details(results: dict) -> str:
    lines = ["Per size: the file, the steps' own numbers, and every browser page.", ""]
    for rows, entry in results["sizes"].items():
        ours, naive = entry["ours"], entry["naive"]
        lines.append(f"### {int(rows):,} rows")
        lines.append("")
        made = "reused" if entry["reused"] else f"generated in {entry['generate_s']:.1f} s"
        in_browser = f", after the browser part {_load(entry['load_browser'])}" if entry.get("load_browser") else ""
        lines.append(f"- file: {entry['file_mb']:.1f} MB ({made}); load average after the in-process part "
                     f"{_load(entry['load_during'])}{in_browser}")
        validate = ours["validate"]
        lines.append(f"- validate: {validate['wall_s']:.2f} s, peak {validate['peak_mb']:,.0f} MB, said: `{validate['said']}`")
        load, cache, work = ours["load"], ours["cache"], ours["work"]
        if "error" not in load:
            lines.append(f"- dashboard `load_events`: {load['load_s']:.2f} s, {load['rows']:,} rows kept, "
                         f"{load['problems']} problem(s), peak {load['peak_mb']:,.0f} MB (of which "
                         f"{load['rss_before_mb']:,.0f} MB before loading: interpreter and imports)")
        if "error" not in cache:
            lines.append(f"- `load_events_cached`: first call {cache['first_s']:.2f} s (parse + write Parquet), "
                         f"second call in the same process {cache['second_s']:.2f} s")
        if "error" not in work:
            lines.append(f"- new process, Parquet copy: {work['reload_s']:.2f} s; filters keep {work['filtered_rows']:,} "
                         f"(month + theatre), {work['theatre_rows']:,} (theatre), {work['search_rows']:,} (search) rows")
            for view in ("all", "filtered", "theatre"):
                v = work[view]
                lines.append(f"  - map of {view}: {v['markers']:,} "
                             f"{'grid cells of ' + format(v['cell_deg'], 'g') + '°' if v['aggregated'] else 'places'}; "
                             f"build_map_data {v['map_data_s']:.3f} s, build_deck {v['deck_s']:.3f} s, "
                             f"to_json {v['json_s']:.3f} s; {v['bytes'] / 1e6:.2f} MB")
        nload, nwork = naive["load"], naive["work"]
        if "error" not in nload:
            lines.append(f"- naive `read_csv`: {nload['load_s']:.2f} s, peak {nload['peak_mb']:,.0f} MB")
        if "error" not in nwork:
            lines.append(f"- naive first `st.cache_data` call {nwork['first_s']:.2f} s, hit {nwork['reload_s']:.2f} s; "
                         + "; ".join(f"deck of {view}: build {nwork[view]['deck_s']:.2f} s + JSON "
                                     f"{nwork[view]['json_s']:.2f} s, {nwork[view]['bytes'] / 1e6:.1f} MB"
                                     for view in ("all", "theatre")))
        for name, side in (("ours", ours), ("naive", naive)):
            for step, value in side.items():
                if isinstance(value, dict) and "error" in value:
                    lines.append(f"- {name} {step}: **{value['error']}**")
        for name, side in (("dashboard", ours), ("naive", naive)):
            browser = side.get("browser")
            if not browser:
                continue
            lines.append(f"- {name} in the browser (server peak {_fmt_mb(browser.get('server_peak_mb'))}"
                         f"{'; ' + browser['error'] if browser.get('error') else ''}):")
            lines.append(f"  - warm-up page: {_page(browser.get('warmup'))}")
            for i, (page, change) in enumerate(zip(browser["pages"], browser["filters"] + [None] * 9)):
                lines.append(f"  - page {i + 1}: open {_page(page)}; filter {THEATRES[i % len(THEATRES)]}: {_page(change)}")
        lines.append("")
    return "\n".join(lines)


def _fmt_mb(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.0f} MB"


def _page(result: dict | None) -> str:
    if not result:
        return "—"
    if result.get("status") != "drawn":
        extra = f" after {result['seconds']:.1f} s" if result.get("seconds") is not None else \
            (f" after {result['wall_s']:.1f} s" if result.get("wall_s") is not None else "")
        text = f" ({' '.join(result.get('error', '').split())[:200]})" if result.get("error") else ""
        return f"**{result['status']}**{extra}{text}"
    parts = [f"{result['seconds']:.2f} s" if result.get("seconds") is not None else f"wall {result['wall_s']:.2f} s",
             f"{result.get('ws_bytes', 0) / 1e6:.2f} MB over the websocket"]
    if result.get("largest_message_s") is not None:
        issued = (f", frame issued at {result['issued_s']:.2f} s" if result.get("issued_s") is not None else "")
        parts.append(f"(first message at {result['first_message_s']:.2f} s, the map's "
                     f"{result['largest_message_bytes'] / 1e6:.2f} MB message at {result['largest_message_s']:.2f} s"
                     f"{issued}, drawn at {result['seconds']:.2f} s)")
    if result.get("scans") is not None:
        parts.append(f"canvas read {result['scans']} times since the page opened, {result['scan_ms'] / 1000:.2f} s "
                     "reading and scanning pixels")
    if result.get("settled_same") is False:
        parts.append(f"the picture changed again after detection ({result.get('marker_pixels')} -> "
                     f"{result.get('settled_pixels')} marker pixels)")
    if result.get("complete") is False:
        parts.append("no script_finished seen within 60 s")
    if result.get("chosen") is False:
        parts.append("the choice did not show in the widget")
    return ", ".join(parts)


def write_report(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(results), encoding="utf-8")


def main(args) -> int:
    """`python -m eventmap bench`: see add_command."""
    sizes = [int(s.replace("_", "").replace(",", "")) for s in str(args.sizes).split(",") if s.strip()]
    if args.results:  # re-render the report of an earlier run (its numbers, unchanged)
        results = json.loads(Path(args.results).read_text(encoding="utf-8"))
    else:
        started = time.perf_counter()

        def log(message: str) -> None:
            print(f"{time.perf_counter() - started:7.1f} s  {message}", flush=True)

        shots = Path(args.screenshots) if args.screenshots else None
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
        results = run(sizes, Path(args.workdir), browser=not args.no_browser, repeats=args.repeats,
                      timeout_s=args.timeout, log=log, shots=shots)
    write_report(results, Path(args.out))
    print(f"wrote {args.out} ({results['seconds'] / 60:.1f} min run)")
    return 0


def add_command(commands) -> None:
    bench = commands.add_parser("bench", help="measure the dashboard against the naive Streamlit app; writes docs/performance.md")
    bench.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                       help="rows of each synthetic file, comma-separated (default: 10000,100000,1000000)")
    bench.add_argument("--out", default=str(DEFAULT_OUT), help="the report to write (default: docs/performance.md)")
    bench.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    bench.add_argument("--workdir", default=str(DEFAULT_WORKDIR),
                       help=f"where the generated files are kept and reused (default: {DEFAULT_WORKDIR})")
    bench.add_argument("--repeats", type=int, default=3, help="fresh browser pages per app and size (default: 3)")
    bench.add_argument("--timeout", type=float, default=180.0, help="bound on each browser wait, seconds (default: 180)")
    bench.add_argument("--screenshots", metavar="DIR", help="save what the page showed when drawn and a second later")
    bench.add_argument("--results", help=argparse.SUPPRESS)
    bench.set_defaults(run=main)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(_child_main(sys.argv[2:]))
    print("use: python -m eventmap bench", file=sys.stderr)
    raise SystemExit(2)
