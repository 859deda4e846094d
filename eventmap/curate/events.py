"""Add, edit, retire, restore and undo: each plans a logged change on the files, then one locked atomic save.

`save` is the only writer: under the events file's lock it re-reads both files, refuses when the file changed
since the editor's form was loaded (expected digest), plans the change, checks it, writes the events file,
the retired-events file and the change log, each atomically. Any problem: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventmap.curate import log
from eventmap.curate.check import as_cells, has_control, known_sources_for, next_id, possible_duplicates, row_problems
from eventmap.curate.table import (
    ID,
    RETIRED_COLUMNS,
    Files,
    Row,
    apply_entry,
    find,
    header_problems,
    log_path,
    read_text,
    retired_path,
    row_at,
    row_number,
    rows,
)
from eventmap.files import atomic_write, digest_bytes, locked
from eventmap.load import read_source_texts
from eventmap.problems import Problem


@dataclass(frozen=True)
class Desk:
    """Where the desk works: the events file (its retired file and log beside it) and the source texts."""

    events: Path
    sources: Path | None = None  # folder of source texts; quotes are checked against it when given

    def source_texts(self) -> dict[str, str] | None:
        return read_source_texts(self.sources) if self.sources and Path(self.sources).is_dir() else None


@dataclass
class Outcome:
    """What a save did: the logged entry, or the problems that stopped it; duplicates found either way."""

    entry: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Row] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.entry is not None and not self.problems


Plan = Callable[[Files, list[dict], "Context"], Outcome]


@dataclass(frozen=True)
class Context:
    desk: Desk
    editor: str
    time: str
    known_sources: set[str] | None
    source_texts: Mapping[str, str] | None


def _taken(files: Files, skip: str = "") -> dict[str, str]:
    """Ids in use, and where: a row of the events file, or a retired event (its id stays reserved for a restore)."""
    taken: dict[str, str] = {}
    for table, where in ((files.events, "on row {}"), (files.retired, "by a retired event (restore it instead)")):
        for index in table.data_rows():
            event_id = row_at(table, index).get(ID, "").strip()
            if event_id and event_id != skip:
                taken.setdefault(event_id, where.format(row_number(table, index)))
    return taken


def _entry(files: Files, entries: list[dict], ctx: Context, action: str, event_id: str, **parts) -> dict:
    return {
        "seq": log.next_seq(entries),
        "time": ctx.time,
        "editor": ctx.editor,
        "action": action,
        "event_id": event_id,
        "before": None,
        "after": None,
        **parts,
    }


def _checked(files: Files, ctx: Context, entry: dict, row: Row | None, number: int, skip: str = "") -> Outcome:
    if row is None:
        return Outcome(entry)
    shown = str(ctx.desk.events)
    problems = row_problems(
        row,
        shown,
        number,
        known_sources=ctx.known_sources,
        source_texts=ctx.source_texts,
        taken_ids=_taken(files, skip),
    )
    duplicates = possible_duplicates(row, rows(files.events))
    return Outcome(None if problems else entry, problems, duplicates)


def plan_add(values: Mapping[str, object]) -> Plan:
    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        row = {name: "" for name in files.events.names} | as_cells(values)
        if not row.get(ID, "").strip():
            row[ID] = next_id(row, rows(files.events) + rows(files.retired))
        entry = _entry(files, entries, ctx, "add", row[ID], after=row)
        return _checked(files, ctx, entry, row, row_number(files.events, len(files.events.rows)))

    return plan


def _missing(files: Files, ctx: Context, event_id: str, where: str = "events file") -> Outcome:
    return Outcome(problems=[Problem(str(ctx.desk.events), None, ID, f"no event {event_id!r} in the {where}")])


def plan_edit(event_id: str, changes: Mapping[str, object]) -> Plan:
    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        index = find(files.events, event_id)
        if index is None:
            return _missing(files, ctx, event_id)
        before = row_at(files.events, index)
        after = before | as_cells(changes)
        if after == before:
            return Outcome(
                problems=[
                    Problem(
                        str(ctx.desk.events),
                        row_number(files.events, index),
                        "",
                        "nothing to change: the values are those already saved",
                    )
                ]
            )
        entry = _entry(files, entries, ctx, "edit", event_id, before=before, after=after)
        return _checked(files, ctx, entry, after, row_number(files.events, index), skip=event_id)

    return plan


def plan_retire(event_id: str, reason: str) -> Plan:
    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        index = find(files.events, event_id)
        if index is None:
            return _missing(files, ctx, event_id)
        if not reason.strip() or has_control(reason) or "\n" in reason or "\r" in reason:
            return Outcome(
                problems=[
                    Problem(
                        str(ctx.desk.events),
                        row_number(files.events, index),
                        "reason",
                        "give the reason for retiring the event, on one line",
                    )
                ]
            )
        before = row_at(files.events, index)
        retired = before | {"retired_at": ctx.time, "retired_by": ctx.editor, "reason": reason.strip()}
        return Outcome(
            _entry(
                files,
                entries,
                ctx,
                "retire",
                event_id,
                before=before,
                reason=reason.strip(),
                position=index,
                retired_before=None,
                retired_after=retired,
            )
        )

    return plan


def plan_restore(event_id: str) -> Plan:
    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        index = find(files.retired, event_id)
        if index is None:
            return _missing(files, ctx, event_id, "retired-events file")
        retired = row_at(files.retired, index)
        row = {name: retired.get(name, "") for name in files.events.names}
        entry = _entry(files, entries, ctx, "restore", event_id, after=row, retired_before=retired, retired_after=None)
        return _checked(files, ctx, entry, row, row_number(files.events, len(files.events.rows)), skip=event_id)

    return plan


def plan_undo(files: Files, entries: list[dict], ctx: Context) -> Outcome:
    """The last change not yet undone, reverted by a new change that says which one it undoes."""
    target = log.undo_target(entries)
    if log.baseline(entries, *files.texts(), ctx.editor, ctx.time) is not None and entries:
        return Outcome(
            problems=[
                Problem(
                    str(ctx.desk.events),
                    None,
                    "",
                    "the file was changed outside the desk "
                    "since the last logged change: undo reverts only desk changes",
                )
            ]
        )
    if target is None:
        return Outcome(problems=[Problem(str(log_path(ctx.desk.events)), None, "", "nothing to undo")])
    for part, key in ((files.events, "after"), (files.retired, "retired_after")):
        row = target.get(key)
        index = find(part, row[ID]) if row else None
        if row and (index is None or row_at(part, index) != {n: row.get(n, "") for n in part.names}):
            return Outcome(
                problems=[
                    Problem(
                        str(ctx.desk.events),
                        None,
                        ID,
                        f"cannot undo change {target['seq']}: event {row[ID]!r} has changed since; edit it instead",
                    )
                ]
            )
    entry = _entry(
        files,
        entries,
        ctx,
        log.UNDO,
        target.get("event_id", ""),
        undoes=target["seq"],
        **({"position": target["position"]} if "position" in target else {}),
        before=target.get("after"),
        after=target.get("before"),
        retired_before=target.get("retired_after"),
        retired_after=target.get("retired_before"),
    )
    after = entry["after"]
    number = row_number(files.events, len(files.events.rows))
    return _checked(files, ctx, entry, after, number, skip=after[ID] if after and target.get("before") else "")


def save(desk: Desk, plan: Plan, *, editor: str, expected_digest: str | None = None, write: bool = True) -> Outcome:
    """Run one plan under the lock and write the files, or write nothing and say why (write=False: a check)."""
    events = Path(desk.events)
    if not events.is_file():  # before the lock, which would need its folder
        return Outcome(
            problems=[
                Problem(
                    str(events),
                    None,
                    "",
                    "file not found" if not events.is_dir() else "is a folder, not an events file",
                )
            ]
        )
    with locked(events):
        problems: list[Problem] = []
        events_text = read_text(events, problems)
        retired_text = read_text(retired_path(events), problems)
        if not problems and not events_text:
            problems.append(Problem(str(events), None, "", "file is empty: the desk edits an existing events file"))
        if problems:
            return Outcome(problems=problems)
        if expected_digest is not None and digest_bytes(events_text.encode("utf-8")) != expected_digest:
            return Outcome(
                problems=[
                    Problem(
                        str(events),
                        None,
                        "",
                        "the file changed on disk since this form was "
                        "loaded (another editor saved); nothing was written: reload the "
                        "form, your draft is kept",
                    )
                ]
            )
        files = Files.from_texts(events_text, retired_text)
        problems = header_problems(files.events, str(events))
        problems += header_problems(files.retired, str(retired_path(events)), RETIRED_COLUMNS)
        if problems:
            return Outcome(problems=problems)
        entries = log.read_entries(log_path(events), problems)
        if problems:
            return Outcome(problems=problems)  # a damaged log cannot be extended, undone or replayed
        ctx = Context(desk, editor, log.now_utc(), known_sources_for(events), desk.source_texts())
        outcome = plan(files, entries, ctx)
        if not outcome.ok or not write:
            return outcome
        start = log.baseline(entries, events_text, retired_text, editor, ctx.time)
        entry = outcome.entry
        if start is not None:
            entry["seq"] = start["seq"] + 1
        apply_entry(files, entry)
        if not files.events.data_rows():
            return Outcome(
                problems=[
                    Problem(
                        str(events),
                        None,
                        ID,
                        "this would leave the events file with no rows, "
                        "which no reader accepts: add another event first",
                    )
                ]
            )
        new_events, new_retired = files.texts()
        entry["digest_after"] = digest_bytes(new_events.encode("utf-8"))
        if new_retired != retired_text:
            atomic_write(retired_path(events), [new_retired])
        atomic_write(events, [new_events])
        log.write_entries(log_path(events), entries, [e for e in (start, entry) if e is not None])
        return outcome


def load_form(desk: Desk) -> tuple[str, list[Row]]:
    """The events file's digest (to refuse a stale save later) and its rows, read once for a form."""
    problems: list[Problem] = []
    text = read_text(Path(desk.events), problems)
    return digest_bytes(text.encode("utf-8")), rows(Files.from_texts(text, "").events) if text else []


def retired_rows(desk: Desk) -> list[Row]:
    problems: list[Problem] = []
    text = read_text(retired_path(desk.events), problems)
    return rows(Files.from_texts(text, text).retired) if text else []
