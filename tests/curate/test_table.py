"""The events file as editable text: one change touches only its record, and the files' format is kept."""

from __future__ import annotations

import pytest

from eventmap.curate.table import Files, apply_change, find, log_path, read_text, retired_path, row_at, row_number, rows

TEXT = '\ufeffevent_id_cnty,notes\r\nA-1,"one, ""quoted"""\r\n\r\nA-2,=1+1\r\n'


def test_paths_beside_the_events_file(tmp_path):
    events = tmp_path / "events.csv"
    assert retired_path(events) == tmp_path / "events.retired.csv"
    assert log_path(events) == tmp_path / "events.changes.jsonl"


def test_rows_and_row_numbers_as_validate_counts_them():
    table = Files.from_texts(TEXT, "").events
    assert rows(table) == [
        {"event_id_cnty": "A-1", "notes": 'one, "quoted"'},
        {"event_id_cnty": "A-2", "notes": "=1+1"},
    ]
    index = find(table, " A-2 ")
    assert row_at(table, index)["notes"] == "=1+1" and row_number(table, index) == 3  # blank lines are no rows
    assert find(table, "A-9") is None


def test_a_change_rewrites_only_its_cells_and_keeps_bom_and_line_endings():
    files = Files.from_texts(TEXT, "")
    table = files.events
    before = row_at(table, find(table, "A-2"))
    apply_change(table, before, before | {"notes": "two\nlines"})
    assert table.text() == TEXT.replace("A-2,=1+1\r\n", 'A-2,"two\nlines"\r\n')
    apply_change(table, None, {"event_id_cnty": "A-3", "notes": ""})
    assert table.text().endswith("A-3,\r\n")
    apply_change(table, row_at(table, find(table, "A-1")), None)
    assert [r["event_id_cnty"] for r in rows(table)] == ["A-2", "A-3"]
    with pytest.raises(KeyError):
        apply_change(table, {"event_id_cnty": "gone"}, {"event_id_cnty": "gone", "notes": "x"})


def test_the_retired_file_stays_absent_until_something_is_retired():
    files = Files.from_texts(TEXT, "")
    assert files.texts()[1] == ""
    assert files.retired.header == ["event_id_cnty", "notes", "retired_at", "retired_by", "reason"]
    assert files.retired.bom == "\ufeff" and files.retired.newline == "\r\n"


def test_read_text_keeps_the_bytes_and_says_what_is_wrong(tmp_path):
    path = tmp_path / "events.csv"
    problems: list = []
    assert read_text(path, problems) == "" and problems == []  # missing: no file yet
    path.write_bytes(TEXT.encode("utf-8"))
    assert read_text(path, problems) == TEXT and problems == []
    path.write_bytes(b"event_id_cnty,notes\nA-1,caf\xe9\n")
    assert read_text(path, problems) == ""
    assert [(p.path, p.row) for p in problems] == [(str(path), 2)] and "not UTF-8" in problems[0].message
