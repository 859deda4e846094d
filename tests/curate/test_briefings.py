"""The desk's briefing writer: every change validated, atomic, locked, logged, undoable; nothing written on a
problem, and a file the desk wrote always reads back as a briefing."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest

from eventmap import briefing
from eventmap.curate import briefing_edits as edits
from eventmap.curate import briefings as desk
from eventmap.files import locked
from eventmap.filters import Filters
from tests.sample import SOURCE_ID


@pytest.fixture
def data(tmp_path, sample_dir):
    folder = tmp_path / "data"
    shutil.copytree(sample_dir, folder)
    return folder


@pytest.fixture(scope="module")
def context(sample_dir):
    return briefing.load_context(sample_dir)


def first_days() -> dict:
    view = Filters(start=dt.date(2024, 5, 6), end=dt.date(2024, 5, 7))
    return edits.step_of_view(
        view, "The first days", "Two attacks on Alpha Base.", {"latitude": 33.5, "longitude": 42.5, "zoom": 6}
    )


def apply(data, context, edit, action="edit", **kwargs) -> desk.Change:
    return desk.change(briefing.folder_of(data), "story", edit, action=action, editor="Ana", context=context, **kwargs)


def read(data, context):
    return briefing.read(desk.path_of(briefing.folder_of(data), "story"), context)


def test_build_reorder_edit_and_undo_each_step_logged(data, context):
    folder = briefing.folder_of(data)
    assert apply(data, context, edits.add_step(first_days(), "Sample story"), "add-step").ok
    everything = edits.step_of_view(Filters(), "Everything", "All of it.", day=dt.date(2024, 5, 6), event="SM-001")
    assert apply(data, context, edits.add_step(everything), "add-step").ok
    assert apply(data, context, edits.move_step(1, -1), "move-step").ok
    assert apply(data, context, edits.edit_step(0, caption="**Not bold** =1+1"), "edit-step").ok
    assert apply(data, context, edits.add_callout(1, "The depot", place="Alpha Base", source=SOURCE_ID)).ok
    shown, problems = read(data, context)
    assert problems == []
    assert [s.title for s in shown.steps] == ["Everything", "The first days"]
    assert shown.steps[0].caption == "**Not bold** =1+1" and shown.steps[0].event == "SM-001"
    assert shown.steps[1].filters.start == dt.date(2024, 5, 6) and dict(shown.steps[1].camera)["zoom"] == 6
    assert briefing.pins(shown.steps[1], context) == [("The depot", 33.5, 42.5)]
    text = desk.path_of(folder, "story").read_text(encoding="utf-8")
    assert '\n  "steps": [\n' in text and '"start": "2024-05-06"' in text  # indented, one value as text
    entries = desk.read_log(desk.log_of(desk.path_of(folder, "story")), [])
    assert [e["action"] for e in entries] == ["add-step", "add-step", "move-step", "edit-step", "edit"]
    assert all(e["editor"] == "Ana" for e in entries) and entries[0]["before"] is None
    assert desk.undo(folder, "story", editor="Ana", context=context).ok  # the callout
    assert desk.undo(folder, "story", editor="Ana", context=context).ok  # the caption
    assert desk.undo(folder, "story", editor="Ana", context=context).ok  # the order
    shown, _ = read(data, context)
    assert [s.title for s in shown.steps] == ["The first days", "Everything"] and not shown.steps[0].callouts
    assert desk.undo(folder, "story", editor="Ana", context=context).ok
    assert desk.undo(folder, "story", editor="Ana", context=context).ok  # the creation: the file goes
    assert not desk.path_of(folder, "story").exists()
    assert "nothing to undo" in desk.undo(folder, "story", editor="Ana", context=context).problems[0].message


def test_a_change_that_would_not_validate_writes_nothing(data, context):
    folder = briefing.folder_of(data)
    assert apply(data, context, edits.add_step(first_days(), "Sample story"), "add-step").ok
    refusals = {
        "callouts[2].place": edits.add_callout(0, "x", place="Atlantis"),
        "caption": edits.edit_step(0, caption=""),
        "title": edits.edit_step(0, title="zero\u200bwidth"),
        "steps": edits.delete_step(0),
        "filters": edits.add_step(edits.step_of_view(Filters(start=dt.date(2030, 1, 1)), "Later", "None.")),
    }
    apply(data, context, edits.add_callout(0, "ok", place="Alpha Base"))
    before, log_before = (
        desk.path_of(folder, "story").read_bytes(),
        desk.log_of(desk.path_of(folder, "story")).read_bytes(),
    )
    for name, edit in refusals.items():
        outcome = apply(data, context, edit)
        assert not outcome.ok and any(p.column == name for p in outcome.problems), (name, outcome.problems)
    stale = apply(data, context, edits.move_step(0, 0), expected=desk.ABSENT)
    assert "changed since you loaded it" in stale.problems[0].message
    assert desk.path_of(folder, "story").read_bytes() == before
    assert desk.log_of(desk.path_of(folder, "story")).read_bytes() == log_before


def test_a_hand_broken_file_is_said_never_edited_and_undo_refuses_a_hand_edit(data, context):
    folder = briefing.folder_of(data)
    assert apply(data, context, edits.add_step(first_days(), "Sample story"), "add-step").ok
    path = desk.path_of(folder, "story")
    path.write_text('{"title": "x", "steps": "nope"}', encoding="utf-8")
    outcome = apply(data, context, edits.edit_step(0, title="New"))
    assert outcome.problems[0].column == "steps" and "fix it by hand" in outcome.problems[0].message
    assert "changed outside the desk" in desk.undo(folder, "story", editor="Ana", context=context).problems[0].message
    path.write_text("{not json", encoding="utf-8")
    assert "cannot be read as JSON" in apply(data, context, edits.edit_step(None, title="x")).problems[0].message
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_bad_name_and_a_busy_lock_write_nothing(data, context, monkeypatch):
    folder = briefing.folder_of(data)
    bad = desk.change(folder, "../x", edits.add_step(first_days(), "t"), action="a", editor="A", context=context)
    assert bad.problems[0].column == "name" and not (data / "x.json").exists()
    monkeypatch.setattr(desk, "LOCK_WAIT_S", 0.1)
    folder.mkdir()
    held, release = threading.Event(), threading.Event()

    def hold():
        with locked(desk.path_of(folder, "story")):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        busy = apply(data, context, edits.add_step(first_days(), "Sample story"))
    finally:
        release.set()
        thread.join()
    assert "busy" in busy.problems[0].message and not desk.path_of(folder, "story").exists()


def test_a_file_that_cannot_be_written_leaves_the_log_as_it_was(data, context, monkeypatch):
    from eventmap.curate import journal

    folder = briefing.folder_of(data)
    assert apply(data, context, edits.add_step(first_days(), "Sample story"), "add-step").ok
    path = desk.path_of(folder, "story")
    before, log_before = path.read_bytes(), desk.log_of(path).read_bytes()
    real = journal.atomic_write

    def failing(target, chunks, **kwargs):
        if target == path:
            raise OSError(28, "No space left on device")
        return real(target, chunks, **kwargs)

    monkeypatch.setattr(journal, "atomic_write", failing)
    outcome = apply(data, context, edits.edit_step(0, title="New"))
    assert "could not be written (No space left on device); nothing was saved" in outcome.problems[0].message
    assert path.read_bytes() == before and desk.log_of(path).read_bytes() == log_before
