"""Property: whatever the desk is asked to do, in any order, the file stays valid and the log replays to it."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap.curate import events as ops
from eventmap.curate import log
from eventmap.curate.table import log_path, retired_path
from eventmap.load import read_source_texts, validate_paths
from tests.curate.deskfiles import NEW_EVENT, make_desk

hostile = st.text(st.characters(exclude_categories=("Cs",)), max_size=25) | st.sampled_from(
    ["", '"', '=HYPERLINK("x")', "a,b", "line\nbreak", "\rstarts with CR", "x\r\n", "<b>bold</b>", " ", "NA"]
)
columns = st.sampled_from(
    [
        "notes",
        "outcome",
        "target",
        "weapon",
        "fatalities",
        "actor2",
        "location",
        "latitude",
        "event_date",
        "sub_event_type",
    ]
)
ids = st.sampled_from(["EM-IRQ-001", "EM-SEA-001", "EM-IRQ-002", "EM-IRQ-003", "EM-NONE-1"])
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), hostile),
        st.tuples(st.just("edit"), ids, columns, hostile),
        st.tuples(st.just("retire"), ids, hostile),
        st.tuples(st.just("restore"), ids),
        st.tuples(st.just("undo")),
    ),
    max_size=8,
)


def plan_for(operation):
    kind = operation[0]
    if kind == "add":
        return ops.plan_add(NEW_EVENT | {"notes": operation[1]})
    if kind == "edit":
        return ops.plan_edit(operation[1], {operation[2]: operation[3]})
    if kind == "retire":
        return ops.plan_retire(operation[1], operation[2])
    if kind == "restore":
        return ops.plan_restore(operation[1])
    return ops.plan_undo


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=operations, crlf=st.booleans(), bom=st.booleans())
def test_any_sequence_keeps_the_file_valid_and_the_log_true(sequence, crlf, bom):
    with tempfile.TemporaryDirectory() as folder:
        events, sources = make_desk(Path(folder), newline="\r\n" if crlf else "\n", bom=bom)
        desk = ops.Desk(events, sources)
        for operation in sequence:
            before = events.read_bytes()
            outcome = ops.save(desk, plan_for(operation), editor="prop")
            if not outcome.ok:
                assert events.read_bytes() == before  # a refused change writes nothing
        problems, _ = validate_paths([events], read_source_texts(sources))
        assert problems == []
        entries = log.read_entries(log_path(events))
        if entries:
            retired = retired_path(events)
            assert log.replay(entries) == (
                events.read_bytes().decode(),
                retired.read_bytes().decode() if retired.exists() else "",
            )
