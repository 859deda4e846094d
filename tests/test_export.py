"""Exports hold exactly the filtered rows, every column, formula-safe text and untouched numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json


from eventmap import export, filters, schema
from eventmap.filters import Filters
from eventmap.load import load_curated, load_events
from tests.conftest import FIXTURES


def test_csv_holds_exactly_the_filtered_rows_and_reloads(tmp_path):
    data = load_curated()
    state = Filters(dt.date(2023, 11, 20), dt.date(2023, 11, 23), {"theatre": ("Iraq",)})
    shown = filters.apply(data.events, state)
    body = export.to_csv_bytes(shown)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == list(shown["event_id_cnty"])
    assert list(rows[0]) == list(schema.EVENT_COLUMN_NAMES)
    assert rows[0]["source_quote"] == shown.iloc[0]["source_quote"]
    path = tmp_path / "events.csv"
    path.write_bytes(body)
    again = load_events(path, known_sources=set(data.sources["source_id"]))
    assert again.problems == [] and len(again.frame) == len(shown)


def test_formula_cells_are_neutralised_but_numbers_are_not():
    assert export.neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    for trigger in ("+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"):
        assert export.neutralise(trigger).startswith("'")
    assert export.neutralise("-12.5") == "-12.5" and export.neutralise("+3") == "+3"
    frame = load_curated().events.head(1).copy()
    frame["notes"] = "=1+1"
    frame["longitude"] = -77.0365
    row = next(csv.DictReader(io.StringIO(export.to_csv_bytes(frame).decode())))
    assert row["notes"] == "'=1+1" and row["longitude"] == "-77.0365"


def test_geojson_keeps_unplaced_events_with_null_geometry():
    events = load_curated().events
    collection = json.loads(export.to_geojson_bytes(events))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(events)
    by_id = {f["id"]: f for f in collection["features"]}
    assert by_id["EM-SEA-003"]["geometry"] is None
    assert by_id["EM-IRQ-007"]["geometry"] == {"type": "Point", "coordinates": [44.3922, 35.4681]}
    assert by_id["EM-IRQ-007"]["properties"]["event_date"] == "2023-12-03"
    assert by_id["EM-IRQ-007"]["properties"]["alt_event_date"] == "2023-12-04"


def test_acled_columns_pass_through_the_export():
    frame = load_events(FIXTURES / "acled_export.csv").frame
    rows = list(csv.DictReader(io.StringIO(export.to_csv_bytes(frame).decode())))
    assert rows[0]["assoc_actor_2"] == "Kataib Hezbollah; Harakat al-Nujaba" and rows[1]["actor1"] == "NA"


def test_file_name_carries_the_date_range():
    events = load_curated().events
    assert export.file_stem(events, Filters()) == "events_2023-11-20_2023-12-03"
    assert export.file_stem(events, Filters(start=dt.date(2023, 12, 1))) == "events_2023-12-01_2023-12-03"


def _reload(tmp_path, body: bytes):
    path = tmp_path / "again.csv"
    path.write_bytes(body)
    return load_events(path)


def test_a_cell_starting_with_a_carriage_return_is_quoted_and_neutralised(tmp_path):
    frame = load_curated().events.head(2).copy()
    frame["notes"] = ["\r=cmd|' /C calc'!A0", "plain"]
    body = export.to_csv_bytes(frame)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert len(rows) == 3 and all(len(row) == len(rows[0]) for row in rows)
    notes = rows[0].index("notes")
    assert rows[1][notes] == "'\r=cmd|' /C calc'!A0"
    assert not any(line.startswith(export.FORMULA_TRIGGERS) for line in body.decode().split("\n")[1:])
    again = _reload(tmp_path, body)
    assert again.problems == [] and list(again.frame["event_id_cnty"]) == list(frame["event_id_cnty"])


def test_extra_column_names_from_an_upload_are_neutralised_in_the_header(tmp_path):
    source = (FIXTURES / "acled_export.csv").read_text(encoding="utf-8-sig")
    header, rest = source.split("\n", 1)
    hostile = ['=HYPERLINK("http://198.51.100.7","x")', "@cmd", "-2+3"]
    path = tmp_path / "acled.csv"
    path.write_text(header.rstrip("\r") + "," + ",".join(f'"{h.replace(chr(34), 2 * chr(34))}"' for h in hostile)
                    + "\n" + "".join(line.rstrip("\r") + ",a,b,c\n" for line in rest.splitlines() if line), encoding="utf-8")
    loaded = load_events(path)
    body = export.to_csv_bytes(loaded.frame)
    names = next(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert not any(name.startswith(export.FORMULA_TRIGGERS) for name in names)
    assert "'@cmd" in names and "'-2+3" in names
    again = _reload(tmp_path, body)
    assert again.problems == [] and len(again.frame) == len(loaded.frame)
