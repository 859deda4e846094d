"""Nothing lost in editors' hands: field-level edits with conflicts, one atomic change, ids never reused, a busy
lock said in words; each as an editor would meet it."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from eventmap.curate import events as ops
from eventmap.curate import journal, log
from eventmap.curate.table import log_path, reserved_ids_path, retired_path
from eventmap.files import digest_bytes
from tests.curate.deskfiles import NEW_EVENT, ROWS, make_desk


def row_of(events, event_id: str) -> dict[str, str]:
    return next(r for r in ops.load_form(ops.Desk(events))[1] if r["event_id_cnty"] == event_id)


def test_two_editors_correct_the_same_event_and_nothing_is_reverted(tmp_path):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    form_a = form_b = row_of(events, "EM-IRQ-001")  # both open the event
    a = ops.save(
        desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "3"}, {"fatalities": form_a["fatalities"]}), editor="A"
    )
    assert a.ok
    # B never touched fatalities: B's save of another field applies that field only; A's correction stays
    b = ops.save(
        desk, ops.plan_edit("EM-IRQ-001", {"actor2": "Guards (base)"}, {"actor2": form_b["actor2"]}), editor="B"
    )
    assert b.ok, b.problems
    saved = row_of(events, "EM-IRQ-001")
    assert (saved["fatalities"], saved["actor2"]) == ("3", "Guards (base)")
    assert set(b.entry["after"].items()) - set(b.entry["before"].items()) == {("actor2", "Guards (base)")}


def test_the_same_field_changed_by_two_editors_is_a_conflict_shown_side_by_side(tmp_path):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    original = row_of(events, "EM-IRQ-001")["fatalities"]
    assert ops.save(desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "3"}, {"fatalities": original}), editor="A").ok
    before = events.read_bytes()
    b = ops.save(desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "4"}, {"fatalities": original}), editor="B")
    assert not b.ok and events.read_bytes() == before
    assert [(c.field, c.theirs, c.yours, c.original) for c in b.conflicts] == [("fatalities", "3", "4", "2")]
    assert "another editor changed fatalities" in b.problems[0].message
    # B resolves by keeping theirs' as the starting point and saving their own value on purpose
    assert ops.save(desk, ops.plan_edit("EM-IRQ-001", {"fatalities": "4"}, {"fatalities": "3"}), editor="B").ok
    assert row_of(events, "EM-IRQ-001")["fatalities"] == "4"


def test_an_edit_of_an_event_another_editor_retired_says_by_whom(tmp_path):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_retire("EM-IRQ-001", "double-counted"), editor="Bo").ok
    late = ops.save(desk, ops.plan_edit("EM-IRQ-001", {"notes": "x"}, {"notes": ROWS[0]["notes"]}), editor="Ana")
    assert not late.ok and "EM-IRQ-001 was retired by Bo" in late.problems[0].message
    assert "double-counted" in late.problems[0].message and "draft is kept" in late.problems[0].message


def files_now(events) -> tuple[bytes, bytes | None, bytes | None]:
    retired, changes = retired_path(events), log_path(events)
    return (
        events.read_bytes(),
        retired.read_bytes() if retired.exists() else None,
        changes.read_bytes() if changes.exists() else None,
    )


def failing_write(monkeypatch, broken: str):
    """atomic_write refusing one file (by name), as a full disk or a read-only file would."""
    real = journal.atomic_write
    real_log = log.atomic_write

    def write(path, chunks, **kwargs):
        if path.name == broken:
            raise PermissionError(13, "Permission denied")
        return (real_log if path.name.endswith(".jsonl") else real)(path, chunks, **kwargs)

    monkeypatch.setattr(journal, "atomic_write", write)
    monkeypatch.setattr(log, "atomic_write", write)


@pytest.mark.parametrize(
    "broken, said",
    [
        ("events.changes.jsonl", "the change log (events.changes.jsonl) could not be written (Permission denied)"),
        ("events.csv", "events.csv could not be written (Permission denied)"),
        ("events.retired.csv", "events.retired.csv could not be written (Permission denied)"),
    ],
)
def test_a_failed_write_changes_neither_file_nor_log_and_says_what_failed(tmp_path, monkeypatch, broken, said):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_edit("EM-SEA-001", {"fatalities": "1"}), editor="Ana").ok
    before = files_now(events)
    failing_write(monkeypatch, broken)
    outcome = ops.save(desk, ops.plan_retire("EM-IRQ-001", "double-counted"), editor="Ana")
    assert not outcome.ok and said in outcome.problems[0].message
    assert "nothing was saved" in outcome.problems[0].message and str(tmp_path) not in outcome.problems[0].message
    assert files_now(events) == before


def test_a_crash_between_the_log_and_the_files_is_completed_by_the_next_read(tmp_path, monkeypatch):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    assert ops.save(desk, ops.plan_edit("EM-SEA-001", {"fatalities": "1"}), editor="Ana").ok
    before = events.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(journal, "_write_files", lambda *args: None)  # the process dies once the log is written
        assert ops.save(desk, ops.plan_retire("EM-IRQ-001", "double-counted"), editor="Ana").ok
    assert events.read_bytes() == before and log.read_entries(log_path(events))[-1]["action"] == "retire"
    digest, rows = ops.load_form(desk)  # the next read rolls the logged change forward
    assert "EM-IRQ-001" not in [r["event_id_cnty"] for r in rows]
    entries = log.read_entries(log_path(events))
    assert log.replay(entries) == (events.read_text(), retired_path(events).read_text())
    assert digest == entries[-1]["digest_after"] == digest_bytes(events.read_bytes())


def test_an_id_freed_by_undo_is_not_given_again(tmp_path):
    events, sources = make_desk(tmp_path)
    desk = ops.Desk(events, sources)
    first = ops.save(desk, ops.plan_add(NEW_EVENT), editor="Ana")
    assert first.entry["event_id"] == "EM-IRQ-002"
    assert ops.save(desk, ops.plan_undo, editor="Ana").ok
    second = ops.save(desk, ops.plan_add(NEW_EVENT | {"fatalities": 1}), editor="Bo")
    assert second.entry["event_id"] == "EM-IRQ-003"
    typed = ops.save(desk, ops.plan_add(NEW_EVENT | {"event_id_cnty": "EM-IRQ-002"}), editor="Bo")
    assert [p.column for p in typed.problems] == ["event_id_cnty"]
    assert "never reused" in typed.problems[0].message


def test_ids_the_retired_ids_table_lists_are_skipped(tmp_path):
    events, sources = make_desk(tmp_path)
    reserved_ids_path(events).write_text("event_id_cnty,reason\nEM-SEA-002,merged into EM-SEA-001\n")
    desk = ops.Desk(events, sources)
    sea = NEW_EVENT | {"theatre": "Red Sea", "event_date": "2023-12-02"}
    assert ops.save(desk, ops.plan_add(sea), editor="Ana").entry["event_id"] == "EM-SEA-003"
    typed = ops.save(desk, ops.plan_add(sea | {"event_id_cnty": "EM-SEA-002"}), editor="Ana")
    assert "merged into EM-SEA-001" in typed.problems[0].message


def test_a_held_lock_is_a_busy_message_not_a_wait_without_end(tmp_path, monkeypatch):
    events, sources = make_desk(tmp_path)
    monkeypatch.setattr(ops, "LOCK_WAIT_S", 0.5)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from eventmap import files; import time\nwith files.locked({str(events)!r}):\n"
            "    print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before, started = events.read_bytes(), time.monotonic()
        outcome = ops.save(ops.Desk(events, sources), ops.plan_add(NEW_EVENT), editor="Ana")
        assert time.monotonic() - started < 3
    finally:
        holder.kill()
        holder.wait()
    assert [p.message for p in outcome.problems] == ["the events file is busy (held by another save); try again"]
    assert events.read_bytes() == before and not log_path(events).exists()
