"""A tiny desk built in a temporary folder: events.csv (LF, CRLF, with or without BOM), a made-up source text
and its sources.csv. Shared by the curate, CLI, AppTest and browser tests; never touches the repository's data/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from eventmap import schema

SOURCE_ID = "000_0123456789abcdef.txt"
SOURCE_TEXT = (
    "Drones struck Camp Alpha on Sunday, officials said Monday.\n"
    "The strike killed two guards and wounded 3 others, though a later count said four died.\n"
    "A missile fired from Yemen was shot down over the Red Sea yesterday.\n"
    "Protesters gathered in Basra on December 1.\n"
)
PUBLISHED = "2023-12-04"
# The file's own column order, not the schema's: saves must keep it.
COLUMNS = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "theatre",
    "weapon",
    "target",
    "outcome",
    "fatalities",
    "source",
    "source_quote",
    "notes",
    "alt_event_date",
    "source_conflict",
]

ROWS = [
    {
        "event_id_cnty": "EM-IRQ-001",
        "event_date": "2023-12-03",
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Militia, unnamed",
        "actor2": "Guards",
        "country": "Iraq",
        "location": "Camp Alpha",
        "latitude": "33.1",
        "longitude": "44.2",
        "geo_precision": "1",
        "theatre": "Iraq",
        "fatalities": "2",
        "source": SOURCE_ID,
        "source_quote": "Drones struck Camp Alpha on Sunday",
        "notes": 'Sunday: "3 Dec", line one\nline two',
    },
    {
        "event_id_cnty": "EM-SEA-001",
        "event_date": "2023-12-03",
        "time_precision": "1",
        "event_type": "Strategic developments",
        "sub_event_type": "Disrupted weapons use",
        "actor1": "Military Forces of the United States (2021-)",
        "location": "Red Sea",
        "latitude": "20.0",
        "longitude": "38.5",
        "geo_precision": "3",
        "theatre": "Red Sea",
        "fatalities": "0",
        "source": SOURCE_ID,
        "source_quote": "A missile fired from Yemen was shot down over the Red Sea yesterday",
        "notes": "=1+1",
    },
]

NEW_EVENT = {
    "event_date": "2023-12-01",
    "time_precision": 1,
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Iraq)",
    "country": "Iraq",
    "location": "Basra",
    "latitude": 30.5,
    "longitude": 47.8,
    "geo_precision": 1,
    "theatre": "Iraq",
    "fatalities": 0,
    "source": SOURCE_ID,
    "source_quote": "Protesters gathered in Basra on December 1.",
}


def events_text(newline: str = "\n", rows: list[dict] | None = None) -> str:
    sink = io.StringIO()
    writer = csv.writer(sink, lineterminator=newline)
    writer.writerow(COLUMNS)
    for row in ROWS if rows is None else rows:
        writer.writerow([row.get(c, "") for c in COLUMNS])
    return sink.getvalue()


def make_desk(folder: Path, *, newline: str = "\n", bom: bool = False) -> tuple[Path, Path]:
    """(events file, sources folder) in `folder`; sources.csv sits beside the events file, as validate reads it."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (sources / SOURCE_ID).write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "sources.csv").write_text(
        ",".join(schema.SOURCE_COLUMNS) + "\n" + f"{SOURCE_ID},A made-up report,Nowhere Times,{PUBLISHED},Printed\n",
        encoding="utf-8",
    )
    events = folder / "events.csv"
    events.write_bytes(("\ufeff" if bom else "").encode() + events_text(newline).encode("utf-8"))
    return events, sources


def write_json(path: Path, values: dict) -> Path:
    path.write_text(json.dumps(values), encoding="utf-8")
    return path
