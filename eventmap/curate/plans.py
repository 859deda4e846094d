"""What each desk operation would change: a plan reads both files and the log, and returns the entry to log.

A plan writes nothing; `events.save` runs it under the lock and writes what it returns. An edit is field-level:
it names the fields the editor changed and the values they started from, so a field another editor changed
meanwhile is a conflict (theirs, yours, the original) for the editor to resolve, never silently reverted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventmap.curate import log
from eventmap.curate.check import as_cells, has_control, next_id, possible_duplicates, quote_problems, row_problems
from eventmap.curate.hygiene import text_problems
from eventmap.curate.table import ID, Files, Row, find, row_at, row_number, rows
from eventmap.problems import Problem


@dataclass(frozen=True)
class Conflict:
    """A field another editor changed since this editor's form was loaded, to one value, this editor to another."""

    field: str
    original: str  # the value this editor started from
    theirs: str  # the value on file now
    yours: str


@dataclass
class Outcome:
    """What a save did: the logged entry, or the problems that stopped it; duplicates found either way."""

    entry: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Row] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.entry is not None and not self.problems


@dataclass(frozen=True)
class Context:
    events: Path
    editor: str
    time: str
    known_sources: set[str] | None
    source_texts: Mapping[str, str] | None
    used_ids: Mapping[str, str] = field(default_factory=dict)  # every id ever used, and where (curate.ids)

    def problem(self, row: int | None, column: str, message: str) -> Outcome:
        return Outcome(problems=[Problem(str(self.events), row, column, message)])


Plan = Callable[[Files, list[dict], Context], Outcome]


def _taken(files: Files, skip: str = "", used: Mapping[str, str] | None = None) -> dict[str, str]:
    """Ids in use, and where: a row of the events file, a retired event (kept for a restore), or ever used."""
    taken: dict[str, str] = {}
    for table, where in ((files.events, "on row {}"), (files.retired, "by a retired event (restore it instead)")):
        for index in table.data_rows():
            event_id = row_at(table, index).get(ID, "").strip()
            if event_id and event_id != skip:
                taken.setdefault(event_id, where.format(row_number(table, index)))
    for event_id, where in (used or {}).items():
        taken.setdefault(event_id, where)
    return taken


def _entry(entries: list[dict], ctx: Context, action: str, event_id: str, **parts) -> dict:
    base = {"seq": log.next_seq(entries), "time": ctx.time, "editor": ctx.editor, "action": action}
    return base | {"event_id": event_id, "before": None, "after": None, **parts}


def _checked(
    files: Files,
    ctx: Context,
    entry: dict,
    row: Row | None,
    number: int,
    taken: dict[str, str],
    typed: Row | None = None,
) -> Outcome:
    """The row's problems, and those of what the editor typed (a quote's length, the text rule); duplicates."""
    if row is None:
        return Outcome(entry)
    typed = typed or {}  # what the editor typed (a new row, an edit's fields): held to the desk's text rule
    problems = quote_problems(typed, str(ctx.events), number) + text_problems(typed, str(ctx.events), number)
    problems += row_problems(
        row,
        str(ctx.events),
        number,
        known_sources=ctx.known_sources,
        source_texts=ctx.source_texts,
        taken_ids=taken,
    )
    duplicates = possible_duplicates(row, rows(files.events))
    return Outcome(None if problems else entry, problems, duplicates)


def theatre_problem(files: Files, theatre: str, new: bool, shown: str, number: int) -> list[Problem]:
    """A theatre is chosen from the data's; a new one only on purpose, and never one reading like another."""
    known = {r.get("theatre", "").strip() for r in rows(files.events) + rows(files.retired)} - {""}
    theatre = theatre.strip()
    if not theatre or theatre in known:
        return []
    alike = next((k for k in known if " ".join(k.casefold().split()) == " ".join(theatre.casefold().split())), None)
    if alike is not None:
        return [Problem(shown, number, "theatre", f"{theatre!r} reads the same as the theatre {alike!r}: use that")]
    if new:
        return []
    listed = ", ".join(sorted(known)) or "none yet"
    message = f"{theatre!r} is not a theatre of the data ({listed}): choose one, or start a new theatre on purpose"
    return [Problem(shown, number, "theatre", message)]


def plan_add(values: Mapping[str, object], *, new_theatre: bool = False) -> Plan:
    """A new row; a theatre the data has not had needs new_theatre (the editor means it)."""

    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        row = {name: "" for name in files.events.names} | as_cells(values)
        if not row.get(ID, "").strip():
            row[ID] = next_id(row, rows(files.events) + rows(files.retired), ctx.used_ids)
        entry = _entry(entries, ctx, "add", row[ID], after=row)
        number = row_number(files.events, len(files.events.rows))
        outcome = _checked(files, ctx, entry, row, number, _taken(files, used=ctx.used_ids), row)
        return _with(outcome, theatre_problem(files, row.get("theatre", ""), new_theatre, str(ctx.events), number))

    return plan


def _gone(files: Files, ctx: Context, event_id: str) -> Outcome:
    """An event that is not in the events file: retired (by whom, when, why), or never there."""
    index = find(files.retired, event_id)
    if index is None:
        return ctx.problem(None, ID, f"no event {event_id!r} in the events file")
    retired = row_at(files.retired, index)
    return ctx.problem(
        None,
        ID,
        f"{event_id} was retired by {retired.get('retired_by', '?')} at {retired.get('retired_at', '?')} "
        f"(reason: {retired.get('reason', '')}); nothing was saved and your draft is kept: restore the event "
        "first to apply it",
    )


def conflicts_of(before: Row, yours: Row, started: Row) -> list[Conflict]:
    """Fields changed on file since the editor started (to another value than the editor's): theirs vs yours."""
    return [
        Conflict(name, started[name], before[name], value)
        for name, value in yours.items()
        if name in before and before[name] != started.get(name, before[name]) and before[name] != value
    ]


def _with(outcome: Outcome, problems: list[Problem]) -> Outcome:
    if problems:
        outcome.problems += problems
        outcome.entry = None
    return outcome


def plan_edit(
    event_id: str,
    changes: Mapping[str, object],
    started_from: Mapping[str, object] | None = None,
    *,
    new_theatre: bool = False,
) -> Plan:
    """Set the named fields only. `started_from`: each field's value when the editor read it (the form's load);
    without it, the row as read under the lock (the CLI names its fields, so there is nothing to conflict with)."""

    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        index = find(files.events, event_id)
        if index is None:
            return _gone(files, ctx, event_id)
        before, number = row_at(files.events, index), row_number(files.events, index)
        yours = as_cells(changes)
        conflicts = conflicts_of(before, yours, as_cells(started_from or {}))
        if conflicts:
            names = ", ".join(c.field for c in conflicts)
            outcome = ctx.problem(
                number,
                conflicts[0].field,
                f"another editor changed {names} since you loaded this event; nothing was saved: choose theirs or "
                "yours for each, then save again",
            )
            outcome.conflicts = conflicts
            return outcome
        after = before | yours
        if after == before:
            return ctx.problem(number, "", "nothing to change: the values are those already saved")
        entry = _entry(entries, ctx, "edit", event_id, before=before, after=after)
        outcome = _checked(files, ctx, entry, after, number, _taken(files, skip=event_id), yours)
        said = theatre_problem(files, yours.get("theatre", ""), new_theatre, str(ctx.events), number)
        return _with(outcome, said)

    return plan


def plan_retire(event_id: str, reason: str) -> Plan:
    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        index = find(files.events, event_id)
        if index is None:
            return _gone(files, ctx, event_id)
        if not reason.strip() or has_control(reason) or "\n" in reason or "\r" in reason:
            number = row_number(files.events, index)
            return ctx.problem(number, "reason", "give the reason for retiring the event, on one line")
        before = row_at(files.events, index)
        retired = before | {"retired_at": ctx.time, "retired_by": ctx.editor, "reason": reason.strip()}
        parts = {"before": before, "reason": reason.strip(), "position": index}
        return Outcome(_entry(entries, ctx, "retire", event_id, **parts, retired_before=None, retired_after=retired))

    return plan


def plan_restore(event_id: str) -> Plan:
    def plan(files: Files, entries: list[dict], ctx: Context) -> Outcome:
        index = find(files.retired, event_id)
        if index is None:
            return ctx.problem(None, ID, f"no event {event_id!r} in the retired-events file")
        retired = row_at(files.retired, index)
        row = {name: retired.get(name, "") for name in files.events.names}
        entry = _entry(entries, ctx, "restore", event_id, after=row, retired_before=retired, retired_after=None)
        number = row_number(files.events, len(files.events.rows))
        return _checked(files, ctx, entry, row, number, _taken(files, skip=event_id))

    return plan


def _undo_refused(files: Files, entries: list[dict], ctx: Context, target: dict | None) -> Outcome | None:
    if log.baseline(entries, *files.texts(), ctx.editor, ctx.time) is not None and entries:
        message = "the file was changed outside the desk since the last logged change: undo reverts only desk changes"
        return ctx.problem(None, "", message)
    if target is None:
        return ctx.problem(None, "", "nothing to undo")
    for part, key in ((files.events, "after"), (files.retired, "retired_after")):
        row = target.get(key)
        index = find(part, row[ID]) if row else None
        if row and (index is None or row_at(part, index) != {n: row.get(n, "") for n in part.names}):
            message = f"cannot undo change {target['seq']}: event {row[ID]!r} has changed since; edit it instead"
            return ctx.problem(None, ID, message)
    return None


def plan_undo(files: Files, entries: list[dict], ctx: Context) -> Outcome:
    """The last change not yet undone, reverted by a new change that says which one it undoes."""
    target = log.undo_target(entries)
    refused = _undo_refused(files, entries, ctx, target)
    if refused is not None:
        return refused
    entry = _entry(
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
    return _checked(
        files, ctx, entry, after, number, _taken(files, after[ID] if after and target.get("before") else "")
    )
