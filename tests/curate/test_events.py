"""Desk operations on a real file: only the changed line differs, bad rows write nothing, stale forms are refused."""

import difflib
import subprocess
import sys

import pytest

from eventmap.curate import events as ops
from eventmap.curate import log
from eventmap.curate.table import log_path, retired_path
from eventmap.load import file_digest
from tests.conftest import ROOT
from tests.curate.deskfiles import NEW_EVENT, make_desk

VARIANTS = [
    pytest.param("\n", False, id="lf"),
    pytest.param("\r\n", False, id="crlf"),
    pytest.param("\r\n", True, id="crlf-bom"),
    pytest.param("\n", True, id="lf-bom"),
]


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    return (
        [line[2:].encode() for line in diff if line.startswith("- ")],
        [line[2:].encode() for line in diff if line.startswith("+ ")],
    )


def validate(events, sources) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eventmap", "validate", str(events), "--sources", str(sources)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("newline, bom", VARIANTS)
def test_edit_rewrites_only_the_changed_line(tmp_path, newline, bom):
    events, sources = make_desk(tmp_path, newline=newline, bom=bom)
    before = events.read_bytes()
    outcome = ops.save(
        ops.Desk(events, sources),
        ops.plan_edit("EM-SEA-001", {"fatalities": "1", "outcome": "shot, down"}),
        editor="Ana",
    )
    assert outcome.ok, outcome.problems
    after = events.read_bytes()
    removed, added = changed_lines(before.decode(), after.decode())
    assert len(removed) == len(added) == 1
    assert removed[0].startswith(b"EM-SEA-001") and added[0].endswith(newline.encode())
    assert b',"shot, down",1,' in added[0]
    assert after.startswith(b"\xef\xbb\xbf") == bom
    assert after.count(b"\r\n") == before.count(b"\r\n")
    assert validate(events, sources).returncode == 0


@pytest.mark.parametrize("newline, bom", VARIANTS)
def test_add_appends_one_line_in_the_files_format(tmp_path, newline, bom):
    events, sources = make_desk(tmp_path, newline=newline, bom=bom)
    before = events.read_bytes()
    outcome = ops.save(ops.Desk(events, sources), ops.plan_add(NEW_EVENT), editor="Ana")
    assert outcome.ok and outcome.entry["event_id"] == "EM-IRQ-002"  # numbered after the theatre's highest id
    after = events.read_bytes()
    assert after.startswith(before)
    assert (
        after[len(before) :]
        == (
            "EM-IRQ-002,2023-12-01,1,Protests,Peaceful protest,Protesters (Iraq),,Iraq,,Basra,30.5,47.8,1,Iraq,,,,0,"
            f"000_0123456789abcdef.txt,Protesters gathered in Basra on December 1.,,,{newline}"
        ).encode()
    )
    assert validate(events, sources).returncode == 0


def test_invalid_row_lists_problems_by_field_and_writes_nothing(tmp_path):
    events, sources = make_desk(tmp_path)
    before = events.read_bytes()
    bad = NEW_EVENT | {
        "event_type": "Battles",
        "latitude": "95",
        "fatalities": "-1",
        "source_quote": "Protesters were paid",
        "event_id_cnty": "EM-IRQ-001",
        "colour": "red",
    }
    outcome = ops.save(ops.Desk(events, sources), ops.plan_add(bad), editor="Ana")
    assert not outcome.ok
    columns = {p.column for p in outcome.problems}
    assert {"sub_event_type", "latitude", "fatalities", "source_quote", "event_id_cnty", "colour"} <= columns
    assert all(p.row == 4 and p.path == str(events) for p in outcome.problems if p.column != "")
    assert events.read_bytes() == before
    assert not log_path(events).exists() and not retired_path(events).exists()


def test_stale_form_is_refused(tmp_path):
    events, sources = make_desk(tmp_path)
    loaded = file_digest(events)
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_add(NEW_EVENT), editor="Bo", expected_digest=loaded).ok
    after_first = events.read_bytes()
    stale = ops.save(desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "4"}), editor="Ana", expected_digest=loaded)
    assert not stale.ok and "changed on disk" in stale.problems[0].message
    assert events.read_bytes() == after_first


def test_possible_duplicate_is_reported_but_saved(tmp_path):
    events, sources = make_desk(tmp_path)
    twin = NEW_EVENT | {
        "event_date": "2023-12-03",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "location": "camp alpha",
        "source_quote": "Drones struck Camp Alpha on Sunday",
    }
    outcome = ops.save(ops.Desk(events, sources), ops.plan_add(twin), editor="Ana", write=False)
    assert outcome.ok and [d["event_id_cnty"] for d in outcome.duplicates] == ["EM-IRQ-001"]
    assert not log_path(events).exists()  # a check writes nothing


def test_retire_restore_and_undo_keep_the_file_and_the_history(tmp_path):
    events, sources = make_desk(tmp_path, newline="\r\n", bom=True)
    original = events.read_bytes()
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_retire("EM-IRQ-001", "double-counted with a later report"), editor="Ana").ok
    assert b"EM-IRQ-001" not in events.read_bytes()
    retired = retired_path(events).read_bytes()
    assert retired.startswith(b"\xef\xbb\xbf") and b"double-counted with a later report\r\n" in retired
    assert validate(events, sources).returncode == 0
    refused = ops.save(desk, ops.plan_add(NEW_EVENT | {"event_id_cnty": "EM-IRQ-001"}), editor="Ana")
    assert [p.column for p in refused.problems] == ["event_id_cnty"]  # a retired id stays reserved
    assert ops.save(desk, ops.plan_restore("EM-IRQ-001"), editor="Bo").ok
    assert b"EM-IRQ-001" in events.read_bytes() and b"EM-IRQ-001" not in retired_path(events).read_bytes()
    assert ops.save(desk, ops.plan_undo, editor="Bo").ok  # undo the restore: retired again
    assert ops.save(desk, ops.plan_undo, editor="Bo").ok  # undo the retire: back in its own place
    assert events.read_bytes() == original
    entries = log.read_entries(log_path(events))
    assert [e["action"] for e in entries] == ["baseline", "retire", "restore", "undo", "undo"]
    assert [e["undoes"] for e in entries[3:]] == [3, 2]
    assert [h["action"] for h in log.history(entries, "EM-IRQ-001")] == ["undo", "undo", "restore", "retire"]
    assert log.replay(entries) == (events.read_bytes().decode(), retired_path(events).read_bytes().decode())
    nothing = ops.save(desk, ops.plan_undo, editor="Bo")
    assert not nothing.ok and "nothing to undo" in nothing.problems[0].message


def test_an_edit_outside_the_desk_starts_a_new_baseline(tmp_path):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "3"}), editor="Ana").ok
    events.write_bytes(events.read_bytes().replace(b"Guards", b"Guards (hand edit)"))
    refused = ops.save(desk, ops.plan_undo, editor="Ana")
    assert not refused.ok and "outside the desk" in refused.problems[0].message
    assert ops.save(desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "2"}), editor="Ana").ok
    entries = log.read_entries(log_path(events))
    assert [e["action"] for e in entries] == ["baseline", "edit", "baseline", "edit"]
    assert log.replay(entries)[0] == events.read_bytes().decode()


def test_unknown_event_and_missing_file(tmp_path):
    events, sources = make_desk(tmp_path)
    outcome = ops.save(ops.Desk(events, sources), ops.plan_edit("EM-NOPE-1", {"notes": "x"}), editor="Ana")
    assert "no event 'EM-NOPE-1'" in outcome.problems[0].message
    missing = ops.save(ops.Desk(tmp_path / "none.csv", sources), ops.plan_add(NEW_EVENT), editor="Ana")
    assert "file not found" in missing.problems[0].message


def test_the_last_event_cannot_be_retired(tmp_path):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_retire("EM-IRQ-001", "wrong"), editor="Ana").ok
    before = events.read_bytes()
    last = ops.save(desk, ops.plan_retire("EM-SEA-001", "wrong too"), editor="Ana")
    assert not last.ok and "no rows" in last.problems[0].message
    assert events.read_bytes() == before
