"""Property: two editors' edits, retires, adds and undos, interleaved in any order, never lose a field.

Each editor edits from the row as they last opened it. After every save, each field the save names holds that
editor's value, or the save was refused with a conflict on it (another editor had changed it); no other field
and no other row changes; a refused save writes nothing; no id is given twice; the log replays to the files.
"""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap.curate import events as ops
from eventmap.curate import log
from eventmap.curate.table import log_path, retired_path
from tests.curate.deskfiles import NEW_EVENT, make_desk

EDITORS = ("ana", "bo")
editor = st.sampled_from(EDITORS)
ids = st.sampled_from(["EM-IRQ-001", "EM-SEA-001", "EM-IRQ-002"])
fields = st.sampled_from(["notes", "outcome", "target", "fatalities", "actor2"])
values = st.sampled_from(["", "a", "b", "3", "x,y", 'q"uote', "line\nbreak"])
operations = st.lists(
    st.one_of(
        st.tuples(st.just("open"), editor),
        st.tuples(st.just("edit"), editor, ids, st.dictionaries(fields, values, min_size=1, max_size=2)),
        st.tuples(st.just("retire"), editor, ids),
        st.tuples(st.just("restore"), editor, ids),
        st.tuples(st.just("add"), editor),
        st.tuples(st.just("undo"), editor),
    ),
    max_size=12,
)


def rows_now(events) -> dict[str, dict[str, str]]:
    return {row["event_id_cnty"]: row for row in ops.load_form(ops.Desk(events))[1]}


def on_disk(events) -> tuple[bytes, ...]:
    return tuple(p.read_bytes() if p.exists() else b"" for p in (events, retired_path(events), log_path(events)))


def check_edit(outcome, seen_row, event_id, changes, disk, after) -> None:
    """The save wrote exactly the editor's fields, or was refused with a conflict on each field it would revert."""
    row = disk.get(event_id)
    if row is None or not outcome.ok:
        if row is not None:
            clashes = {f for f, v in changes.items() if row[f] != seen_row.get(f, row[f]) and row[f] != v}
            assert {c.field for c in outcome.conflicts} == clashes
        return
    assert {f for f, v in changes.items() if row[f] != seen_row.get(f, row[f]) and row[f] != v} == set()
    assert after[event_id] == row | changes
    assert {k: v for k, v in after.items() if k != event_id} == {k: v for k, v in disk.items() if k != event_id}


def plan_for(operation, seen):
    kind, who = operation[0], operation[1]
    if kind == "edit":
        event_id, changes = operation[2], operation[3]
        started = seen[who].get(event_id)
        return ops.plan_edit(event_id, changes, {f: started[f] for f in changes} if started else None)
    if kind == "retire":
        return ops.plan_retire(operation[2], f"retired by {who}")
    if kind == "restore":
        return ops.plan_restore(operation[2])
    if kind == "add":
        return ops.plan_add(NEW_EVENT)
    return ops.plan_undo


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=operations)
def test_two_editors_never_revert_each_other(sequence):
    with tempfile.TemporaryDirectory() as folder:
        events, sources = make_desk(Path(folder))
        desk = ops.Desk(events, sources)
        seen = {who: rows_now(events) for who in EDITORS}
        given_ids: list[str] = []
        for operation in sequence:
            if operation[0] == "open":
                seen[operation[1]] = rows_now(events)
                continue
            disk, before = rows_now(events), on_disk(events)
            outcome = ops.save(desk, plan_for(operation, seen), editor=operation[1])
            if not outcome.ok:
                assert on_disk(events) == before  # a refused save writes nothing, log included
            if operation[0] == "edit":
                event_id = operation[2]
                seen_row = seen[operation[1]].get(event_id, disk.get(event_id, {}))
                check_edit(outcome, seen_row, event_id, operation[3], disk, rows_now(events))
            if operation[0] == "add" and outcome.ok:
                given_ids.append(outcome.entry["event_id"])
        assert len(given_ids) == len(set(given_ids))  # no id given twice, undo or not
        entries = log.read_entries(log_path(events))
        if entries:
            retired = retired_path(events)
            assert log.replay(entries) == (
                events.read_bytes().decode(),
                retired.read_bytes().decode() if retired.exists() else "",
            )
