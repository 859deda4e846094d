"""A small made-up dataset for unit tests, built by the tests themselves (hostile values included).

The shipped data changes as reports arrive; tests of the code use this instead, and know its counts because
they are written here. Only tests/test_curated_data.py and tests/test_validate_cli.py know the shipped counts.
"""

from __future__ import annotations

import csv
from pathlib import Path

from eventmap import schema

SOURCE_ID = "900_sample.txt"
SOURCE_TEXT = (
    "On Monday 6 May 2024 a drone struck the depot at Alpha Base. "
    "Rockets hit Alpha Base again the next day. "
    "US aircraft then struck a launch site near Bravo Town. "
    "A drone was shot down somewhere over the Sample Sea. "
    "Officials said a missile was fired at a tanker, and it was not said from where. "
    "Several militants were believed killed at an unnamed site inside Samplestan."
)
US = "Military Forces of the United States (2021-)"
MILITIA = "Sample militia"
CIVILIANS = "Civilians (commercial shipping)"
COUNTRY = "Samplestan"  # the made-up country of the events on land (not one ACLED's export has a code for)
HOSTILE_NOTES = '<img src=x onerror="window.__xss=1"> **bold** [link](http://198.51.100.7/) =HYPERLINK("x")'

# id, date, time_precision, event_type, sub_event_type, actor1, actor2, location, lat, lon, geo_precision,
# theatre, quote, extra
_ROWS = [
    (
        "SM-001",
        "2024-05-06",
        "1",
        "Explosions/Remote violence",
        "Air/drone strike",
        MILITIA,
        US,
        "Alpha Base",
        "33.5",
        "42.5",
        "1",
        "Land",
        "a drone struck the depot at Alpha Base",
        {"weapon": "Drone", "fatalities": "2"},
    ),
    (
        "SM-002",
        "2024-05-07",
        "1",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        MILITIA,
        US,
        "Alpha Base",
        "33.5",
        "42.5",
        "1",
        "Land",
        "Rockets hit Alpha Base again the next day",
        {"weapon": "Rockets", "notes": HOSTILE_NOTES},
    ),
    (
        "SM-003",
        "2024-05-07",
        "2",
        "Explosions/Remote violence",
        "Air/drone strike",
        US,
        MILITIA,
        "Bravo Town",
        "34.0",
        "43.0",
        "2",
        "Land",
        "US aircraft then struck a launch site near Bravo Town",
        {"alt_event_date": "2024-05-08", "source_conflict": "**Another** report says [8 May](http://198.51.100.7/)"},
    ),
    (
        "SM-004",
        "2024-05-08",
        "1",
        "Strategic developments",
        "Disrupted weapons use",
        MILITIA,
        US,
        "Sample Sea",
        "20.0",
        "39.0",
        "3",
        "Sea",
        "A drone was shot down somewhere over the Sample Sea",
        {"weapon": "Drone"},
    ),
    (
        "SM-005",
        "2024-05-09",
        "1",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        MILITIA,
        CIVILIANS,
        "",
        "",
        "",
        "",
        "Sea",
        "a missile was fired at a tanker, and it was not said from where",
        {"target": "=cmd|' /C calc'!A0"},
    ),
    (
        "SM-006",
        "2024-05-10",
        "1",
        "Explosions/Remote violence",
        "Air/drone strike",
        US,
        MILITIA,
        "Samplestan",
        "32.0",
        "44.0",
        "3",
        "Land",
        "Several militants were believed killed at an unnamed site inside Samplestan",
        {"outcome": "several believed killed", "fatalities": "3", "fatalities_reported": "unknown"},
    ),
]

IDS = [row[0] for row in _ROWS]
PLACED = [row[0] for row in _ROWS if row[8]]
UNPLACED = [row[0] for row in _ROWS if not row[8]]
COUNTRY_LEVEL = ["SM-006"]  # placed only to Samplestan (a country): the map draws no point for it
POINTED = [event_id for event_id in PLACED if event_id not in COUNTRY_LEVEL]  # drawn as markers
APPROXIMATE = [row[0] for row in _ROWS if row[10] in ("2", "3")]
UNKNOWN_FATALITIES = ["SM-006"]  # deaths reported without a number: fatalities holds the floor the words allow
CATEGORY = {
    "SM-001": "Attack",
    "SM-002": "Attack",
    "SM-003": "US strike",
    "SM-004": "Interception",
    "SM-005": "Attack",
    "SM-006": "US strike",
}


def event_rows() -> list[dict[str, str]]:
    """The sample events as CSV cells in the curated format."""
    rows = []
    for event_id, date, tp, kind, sub, actor1, actor2, location, lat, lon, gp, theatre, quote, extra in _ROWS:
        row = {name: "" for name in schema.EVENT_COLUMN_NAMES}
        row.update(
            event_id_cnty=event_id,
            event_date=date,
            time_precision=tp,
            event_type=kind,
            sub_event_type=sub,
            actor1=actor1,
            actor2=actor2,
            location=location,
            latitude=lat,
            longitude=lon,
            geo_precision=gp,
            theatre=theatre,
            source=SOURCE_ID,
            source_quote=quote,
            fatalities="0",
            notes=f"Sample event {event_id}.",
            country=COUNTRY if theatre == "Land" else "",
        )
        row.update(extra)
        rows.append(row)
    return rows


# The gazetteer (places.csv, eventmap/geocode/gazetteer.py's columns): the sample's places, Alpha Base with aliases
# and a name in Arabic script (the optional name_ar column; made up, as the place is).
NAME_AR = "قاعدة ألفا"
PLACES = [
    {
        "name": "Alpha Base",
        "aliases": "Alpha AB;Alpha Airbase",
        "latitude": "33.5",
        "longitude": "42.5",
        "kind": "base",
        "radius_km": "3",
        "country": COUNTRY,
        "reference": "http://198.51.100.7/alpha <b>made up</b>",
        "name_ar": NAME_AR,
    },
    {
        "name": "Bravo Town",
        "aliases": "",
        "latitude": "34.0",
        "longitude": "43.0",
        "kind": "city",
        "radius_km": "40",
        "country": COUNTRY,
        "reference": "http://198.51.100.7/bravo",
        "name_ar": "",
    },
    {
        "name": "Sample Sea",
        "aliases": "the Sample Sea",
        "latitude": "20.0",
        "longitude": "39.0",
        "kind": "sea area",
        "radius_km": "400",
        "country": "",
        "reference": "http://198.51.100.7/sea",
        "name_ar": "",
    },
    {
        "name": COUNTRY,
        "aliases": "",
        "latitude": "32.0",
        "longitude": "44.0",
        "kind": "country",
        "radius_km": "300",
        "country": COUNTRY,
        "reference": "http://198.51.100.7/samplestan",
        "name_ar": "",
    },
]
ALIAS = ("Alpha AB", "Alpha Base")  # an alias and the place it names
# Each actor's ACLED inter code (actors.csv, eventmap/actors.py): US forces 8, the militia 3, civilians 7.
ACTORS = [
    {"actor": US, "inter_code": "8", "inter_label": "External/Other forces", "notes": "Outside the United States."},
    {"actor": MILITIA, "inter_code": "3", "inter_label": "Political militia", "notes": '=HYPERLINK("x")'},
    {"actor": CIVILIANS, "inter_code": "7", "inter_label": "Civilians", "notes": "<b>Ships</b>"},
]
ACTORS_HEADER = ("actor", "inter_code", "inter_label", "notes")


def _write(path: Path, columns, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_dataset(folder: Path) -> Path:
    """A complete dataset folder (events, tallies, periods, sources, places, actors) with a sources/ folder of
    the source texts inside it."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "places.csv", PLACES[0], PLACES)
    _write(folder / "actors.csv", ACTORS_HEADER, ACTORS)
    _write(folder / "events.csv", schema.EVENT_COLUMN_NAMES, event_rows())
    _write(
        folder / "sources.csv",
        schema.SOURCE_COLUMNS,
        [
            {
                "source_id": SOURCE_ID,
                "title": "A made-up report",
                "outlet": "Test",
                "published": "2024-05-11",
                "published_how": "Made up for the tests.",
            }
        ],
    )
    _write(
        folder / "periods.csv",
        schema.PERIOD_COLUMNS,
        [
            {
                "period_id": "ceasefire",
                "name": "Sample truce",
                "start": "2024-05-08",
                "end": "2024-05-09",
                "source": SOURCE_ID,
                "source_quote": "A drone was shot down somewhere over the Sample Sea",
                "notes": "",
            }
        ],
    )
    _write(
        folder / "tallies.csv",
        schema.TALLY_COLUMNS,
        [
            {
                "tally_id": "T01",
                "subject": "Attacks on US forces",
                "count": "12",
                "qualifier": "at least",
                "theatre": "Land",
                "period_start": "2024-05-01",
                "period_end": "2024-05-10",
                "as_of": "2024-05-11",
                "source": SOURCE_ID,
                "source_quote": "Rockets hit Alpha Base again the next day",
                "notes": "",
            }
        ],
    )
    sources = folder / "sources"
    sources.mkdir(exist_ok=True)
    (sources / SOURCE_ID).write_text(SOURCE_TEXT, encoding="utf-8")
    return folder
