"""The change log as the desk reads it: good entries in order, every bad line reported by its line number."""

from __future__ import annotations

import json

import pytest

from eventmap.curate import log

GOOD = {
    "seq": 1,
    "time": "2023-12-04T10:00:00+00:00",
    "editor": "ana",
    "action": "add",
    "event_id": "EM-1",
    "before": None,
    "after": {"event_id_cnty": "EM-1", "notes": "x"},
}


def write(path, *lines: bytes) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def test_good_entries_are_read_in_order(tmp_path):
    path = tmp_path / "events.changes.jsonl"
    second = GOOD | {"seq": 2, "action": "undo", "undoes": 1, "before": GOOD["after"], "after": None}
    write(path, json.dumps(GOOD).encode(), b"", json.dumps(second).encode())
    problems: list = []
    assert log.read_entries(path, problems) == [GOOD, second]
    assert problems == []
    assert log.read_entries(tmp_path / "absent.jsonl", problems) == [] and problems == []


@pytest.mark.parametrize(
    "bad, said",
    [
        (b'{"seq":"abc"}', "seq"),
        (b"\xff\xfe not text", "UTF-8"),
        (b'{"seq":99,"after":"x"}', "action"),
        (b'{"seq":99,"action":"edit","event_id":"EM-1","after":"x"}', "after"),
        (b'{"seq":true,"action":"add","event_id":"EM-1"}', "seq"),
        (b'{"seq":3,"action":"undo","event_id":"EM-1","undoes":"1"}', "undoes"),
        (b'{"seq":3,"action":"edit","event_id":"EM-1","before":{"notes":5}}', "before"),
        (b'{"seq":3,"action":"add","event_id":"EM-1","after":{"notes":"x"}}', "event_id_cnty"),
        (b'{"seq":3,"action":"baseline","event_id":""}', "events_text"),
        (b"[1, 2]", "JSON object"),
        (b"{nope", "JSON object"),
    ],
)
def test_a_bad_line_is_a_located_problem_not_a_traceback(tmp_path, bad, said):
    path = tmp_path / "events.changes.jsonl"
    write(path, json.dumps(GOOD).encode(), bad)
    problems: list = []
    entries = log.read_entries(path, problems)
    assert entries == [GOOD]
    assert [(p.path, p.row, p.column) for p in problems] == [(str(path), 2, "")]
    assert said in problems[0].message


def test_history_and_undo_target_of_a_clean_log():
    edit = GOOD | {"seq": 2, "action": "edit", "before": GOOD["after"], "after": GOOD["after"] | {"notes": "y"}}
    assert log.undo_target([GOOD, edit]) == edit
    shown = log.history([GOOD, edit], "EM-1")
    assert [s["seq"] for s in shown] == [2, 1]
    assert "notes: 'x' -> 'y'" in shown[0]["change"]
