"""Add, edit, retire, restore and undo: each plans a logged change on the files, then one locked atomic save.

`save` is the only writer: under the events file's lock (waited for at most LOCK_WAIT_S) it re-reads both files
and the log, completes a change a crash interrupted, refuses a stale form (expected digest), runs the plan,
checks it, and writes the change log and then the files (curate.journal: both or neither). Any problem: nothing
is written, and the problem says what failed in the editor's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventmap.curate import ids, log
from eventmap.curate.check import known_sources_for
from eventmap.curate.journal import Texts, commit, complete
from eventmap.curate.plans import (  # noqa: F401 (the desk's operations, used as events.plan_add etc.)
    Conflict,
    Context,
    Outcome,
    Plan,
    plan_add,
    plan_edit,
    plan_restore,
    plan_retire,
    plan_undo,
)
from eventmap.curate.table import (
    ID,
    RETIRED_COLUMNS,
    Files,
    Row,
    apply_entry,
    header_problems,
    log_path,
    read_text,
    retired_path,
    rows,
)
from eventmap.files import LockBusy, digest_bytes, locked
from eventmap.load import read_source_texts
from eventmap.problems import Problem

LOCK_WAIT_S = 10.0  # an editor waits this long for another save, then is told to try again
BUSY = "the events file is busy (held by another save); try again"
STALE = (
    "the file changed on disk since this form was loaded (another editor saved); nothing was written: reload the "
    "form, your draft is kept"
)


@dataclass(frozen=True)
class Desk:
    """Where the desk works: the events file (its retired file and log beside it) and the source texts."""

    events: Path
    sources: Path | None = None  # folder of source texts; quotes are checked against it when given

    def source_texts(self) -> dict[str, str] | None:
        return read_source_texts(self.sources) if self.sources and Path(self.sources).is_dir() else None


@dataclass
class _State:
    texts: Texts
    entries: list[dict]
    files: Files


def _missing(events: Path) -> Problem | None:
    if events.is_file():
        return None
    return Problem(
        str(events), None, "", "file not found" if not events.is_dir() else "is a folder, not an events file"
    )


def _read(events: Path, problems: list[Problem]) -> _State | None:
    """Both files and the log, as the last completed change left them; None with problems when unusable."""
    texts = Texts(read_text(events, problems), read_text(retired_path(events), problems))
    if not problems and not texts.events:
        problems.append(Problem(str(events), None, "", "file is empty: the desk edits an existing events file"))
    entries = [] if problems else log.read_entries(log_path(events), problems)
    if problems:
        return None  # a damaged log cannot be extended, undone or replayed
    texts, failed = complete(events, entries, texts)
    problems += failed
    files = Files.from_texts(texts.events, texts.retired)
    problems += header_problems(files.events, str(events))
    problems += header_problems(files.retired, str(retired_path(events)), RETIRED_COLUMNS)
    return None if problems else _State(texts, entries, files)


def _context(desk: Desk, state: _State, editor: str, problems: list[Problem]) -> Context:
    events = Path(desk.events)
    used = ids.used_ids(state.entries, ids.read_reserved(events, problems))
    return Context(events, editor, log.now_utc(), known_sources_for(events), desk.source_texts(), used)


def _write(events: Path, state: _State, outcome: Outcome, ctx: Context) -> Outcome:
    start = log.baseline(state.entries, state.texts.events, state.texts.retired, ctx.editor, ctx.time)
    entry = outcome.entry
    if start is not None:
        entry["seq"] = start["seq"] + 1
    apply_entry(state.files, entry)
    if not state.files.events.data_rows():
        message = "this would leave the events file with no rows, which no reader accepts: add another event first"
        return Outcome(problems=[Problem(str(events), None, ID, message)])
    new = Texts(*state.files.texts())
    entry["digest_after"] = digest_bytes(new.events.encode("utf-8"))
    failed = commit(events, state.entries, [e for e in (start, entry) if e is not None], state.texts, new)
    return Outcome(problems=failed) if failed else outcome


def _save_locked(desk: Desk, plan: Plan, editor: str, expected_digest: str | None, write: bool) -> Outcome:
    events, problems = Path(desk.events), []
    state = _read(events, problems)
    if state is None:
        return Outcome(problems=problems)
    if expected_digest is not None and digest_bytes(state.texts.events.encode("utf-8")) != expected_digest:
        return Outcome(problems=[Problem(str(events), None, "", STALE)])
    ctx = _context(desk, state, editor, problems)
    if problems:
        return Outcome(problems=problems)
    outcome = plan(state.files, state.entries, ctx)
    if not outcome.ok or not write:
        return outcome
    return _write(events, state, outcome, ctx)


def save(desk: Desk, plan: Plan, *, editor: str, expected_digest: str | None = None, write: bool = True) -> Outcome:
    """Run one plan under the lock and write the files, or write nothing and say why (write=False: a check)."""
    events = Path(desk.events)
    if (missing := _missing(events)) is not None:  # before the lock, which would need its folder
        return Outcome(problems=[missing])
    try:
        with locked(events, timeout=LOCK_WAIT_S):
            return _save_locked(desk, plan, editor, expected_digest, write)
    except LockBusy:
        return Outcome(problems=[Problem(str(events), None, "", BUSY)])


def load_form(desk: Desk) -> tuple[str, list[Row]]:
    """The events file's digest (to refuse a stale save later) and its rows, read once for a form; a change a
    crash interrupted is completed first, so the form shows what the log says."""
    events, problems = Path(desk.events), []
    if _missing(events) is None:
        try:
            with locked(events, timeout=LOCK_WAIT_S):
                _read(events, problems)
        except (LockBusy, OSError):
            pass  # the form still shows the file as it is; the next save completes the change
    text = read_text(events, problems)
    return digest_bytes(text.encode("utf-8")), rows(Files.from_texts(text, "").events) if text else []


def retired_rows(desk: Desk) -> list[Row]:
    problems: list[Problem] = []
    text = read_text(retired_path(desk.events), problems)
    return rows(Files.from_texts(text, text).retired) if text else []
