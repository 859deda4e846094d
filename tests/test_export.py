"""Exports hold exactly the filtered rows, every column, formula-safe text and untouched numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pandas as pd

from eventmap import export, filters, schema
from eventmap.filters import Filters
from eventmap.load import load_events
from tests.conftest import FIXTURES
from tests.sample import SOURCE_ID


def test_csv_holds_exactly_the_filtered_rows_and_reloads(sample, tmp_path):
    state = Filters(dt.date(2024, 5, 7), dt.date(2024, 5, 9), {"theatre": ("Land",)})
    shown = filters.apply(sample.events, state)
    body = export.to_csv_bytes(shown)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == list(shown["event_id_cnty"]) == ["SM-002", "SM-003"]
    assert list(rows[0]) == list(schema.EVENT_COLUMN_NAMES)
    assert rows[0]["source_quote"] == shown.iloc[0]["source_quote"]
    path = tmp_path / "events.csv"
    path.write_bytes(body)
    again = load_events(path, known_sources={SOURCE_ID})
    assert again.problems == [] and list(again.frame["event_id_cnty"]) == ["SM-002", "SM-003"]


def test_formula_cells_are_neutralised_but_numbers_are_not(sample):
    assert export.neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for trigger in ("+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"):
        assert export.neutralise(trigger).startswith("'")
    assert export.neutralise("-12.5") == "-12.5" and export.neutralise("+3") == "+3"
    frame = sample.events.head(1).copy()
    frame["notes"] = "=1+1"
    frame["longitude"] = -77.0365
    row = next(csv.DictReader(io.StringIO(export.to_csv_bytes(frame).decode())))
    assert row["notes"] == "'=1+1" and row["longitude"] == "-77.0365"
    target = {
        r["event_id_cnty"]: r["target"]
        for r in csv.DictReader(io.StringIO(export.to_csv_bytes(sample.events).decode()))
    }
    assert target["SM-005"] == "'=cmd|' /C calc'!A0"


def test_geojson_keeps_unplaced_events_with_null_geometry(sample):
    collection = json.loads(export.to_geojson_bytes(sample.events))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(sample.events)
    by_id = {f["id"]: f for f in collection["features"]}
    assert by_id["SM-005"]["geometry"] is None
    assert by_id["SM-003"]["geometry"] == {"type": "Point", "coordinates": [43.0, 34.0]}
    assert by_id["SM-003"]["properties"]["event_date"] == "2024-05-07"
    assert by_id["SM-003"]["properties"]["alt_event_date"] == "2024-05-08"
    assert "category" not in by_id["SM-003"]["properties"] and "row_number" not in by_id["SM-003"]["properties"]


def test_acled_columns_pass_through_the_export():
    frame = load_events(FIXTURES / "acled_export.csv").frame
    rows = list(csv.DictReader(io.StringIO(export.to_csv_bytes(frame).decode())))
    assert rows[0]["assoc_actor_2"] == "Kataib Hezbollah; Harakat al-Nujaba" and rows[1]["actor1"] == "NA"


def test_an_acled_file_exported_in_acleds_format_gives_back_its_own_cells():
    """ACLED's repetitive columns are kept as categories (a filtered copy of a million rows is cheaper): that must
    not change a cell of what an analyst gets back, nor its filtered rows."""
    path = FIXTURES / "acled_export.csv"
    frame = load_events(path).frame
    assert all(isinstance(frame[name].dtype, pd.CategoricalDtype) for name in schema.ACLED_LABEL_COLUMNS)
    written = {
        row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(export.to_acled_csv_bytes(frame).decode()))
    }
    with path.open(encoding="utf-8-sig", newline="") as handle:
        original = {row["event_id_cnty"]: row for row in csv.DictReader(handle)}
    for name in schema.ACLED_LABEL_COLUMNS:
        assert {key: row[name] for key, row in written.items()} == {key: row[name] for key, row in original.items()}, (
            name
        )
    kept = filters.apply(frame, Filters(choices={"theatre": ("Yemen",)}))
    assert list(kept["iso"].astype(str)) == [row["iso"] for row in original.values() if row["country"] == "Yemen"]


def test_file_name_carries_the_date_range(sample):
    assert export.file_stem(sample.events, Filters()) == "events_2024-05-06_2024-05-10"
    assert export.file_stem(sample.events, Filters(start=dt.date(2024, 5, 8))) == "events_2024-05-08_2024-05-10"


def _reload(tmp_path, body: bytes):
    path = tmp_path / "again.csv"
    path.write_bytes(body)
    return load_events(path)


def test_a_cell_starting_with_a_carriage_return_is_quoted_and_neutralised(sample, tmp_path):
    frame = sample.events.head(2).copy()
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
    path.write_text(
        header.rstrip("\r")
        + ","
        + ",".join(f'"{h.replace(chr(34), 2 * chr(34))}"' for h in hostile)
        + "\n"
        + "".join(line.rstrip("\r") + ",a,b,c\n" for line in rest.splitlines() if line),
        encoding="utf-8",
    )
    loaded = load_events(path)
    body = export.to_csv_bytes(loaded.frame)
    names = next(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert not any(name.startswith(export.FORMULA_TRIGGERS) for name in names)
    assert "'@cmd" in names and "'-2+3" in names
    again = _reload(tmp_path, body)
    assert again.problems == [] and len(again.frame) == len(loaded.frame)
