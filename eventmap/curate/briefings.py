"""Briefings written from the desk with the desk's guarantees: an edit (eventmap.curate.briefing_edits: add a step
from a view, reorder, edit, add or remove a callout, delete a step) applied and written, and undo.

A change works on the file's JSON as it is (keys it does not touch are kept), runs the briefing's own validation
(eventmap.briefing.parse) on the result and the desk's text rule on what the editor typed, and writes nothing
unless both pass: a file the desk wrote always validates. It runs under the briefing file's lock (waited for at
most LOCK_WAIT_S), is logged first in NAME.changes.jsonl beside it (the whole text before and after, so any change
can be undone and the log shows it) and then written atomically (curate.journal.commit_file: a failure puts the
log back). Undo reverts the last change not yet undone, as a new logged change, while the file is as that change
left it; undoing the change that created a briefing removes its file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eventmap import briefing
from eventmap.curate import log
from eventmap.curate.briefing_edits import Edit, Refused
from eventmap.curate.hygiene import text_problems
from eventmap.curate.journal import commit_file
from eventmap.files import LockBusy, WriteRefused, atomic_write, digest_bytes, locked
from eventmap.problems import Problem

LOCK_WAIT_S = 10.0  # as the events' desk: an editor waits this long for another save, then is told to try again
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # the file's stem, also the Briefing page's ?name=: URL-safe
ABSENT = digest_bytes(b"")  # the expected digest of a briefing not yet written
STALE = "the briefing changed since you loaded it (another editor saved); nothing was written: look again and redo"


@dataclass
class Change:
    """What a desk change did: the logged entry, or the problems that stopped it (nothing written)."""

    entry: dict | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.entry is not None and not self.problems


def path_of(folder: Path, name: str) -> Path:
    return Path(folder) / f"{name}{briefing.SUFFIX}"


def log_of(path: Path) -> Path:
    return Path(path).with_name(f"{Path(path).stem}.changes.jsonl")


def text_of(raw: dict) -> str:
    """The file's text: two-space indented JSON, one key a line, characters as typed (diff-friendly)."""
    return json.dumps(raw, indent=2, ensure_ascii=False) + "\n"


def digest_of(folder: Path, name: str) -> str:
    """The briefing file's digest now (ABSENT when there is none): a change made from a page passes it back, so
    a briefing another editor changed since is never edited by position."""
    try:
        return digest_bytes(path_of(folder, name).read_bytes())
    except OSError:
        return ABSENT


def _typed(old: dict | None, new: dict) -> list[tuple[int | None, dict[str, str]]]:
    """The texts this change brings in (each step's title, caption and notes not in the old file), by step."""
    before = text_of(old) if old is not None else ""
    found: list[tuple[int | None, dict[str, str]]] = [(None, {"title": new.get("title", "")})]
    for number, step in enumerate(new.get("steps", []), 1):
        texts = {key: step.get(key, "") for key in ("title", "caption")}
        texts |= {f"callouts[{n}].note": c.get("note", "") for n, c in enumerate(step.get("callouts", []), 1)}
        found.append((number, texts))
    return [
        (n, {k: v for k, v in t.items() if isinstance(v, str) and json.dumps(v, ensure_ascii=False) not in before})
        for n, t in found
    ]


def _shape(raw: object, shown: str) -> list[Problem]:
    """What keeps the desk from editing a file by position: it must be an object with a list of step objects."""
    if isinstance(raw, dict) and isinstance(raw.get("steps"), list) and all(isinstance(s, dict) for s in raw["steps"]):
        return []
    return [Problem(shown, None, "steps", "the file is not a briefing the desk can edit: fix it by hand first")]


def _read(path: Path, problems: list[Problem]) -> tuple[bytes | None, dict | None]:
    if not path.exists():
        return None, None
    try:
        data = path.read_bytes()
        raw = json.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        problems.append(Problem(str(path), None, "", f"cannot be read as JSON ({str(error)[:120]}): fix it by hand"))
        return None, None
    problems += _shape(raw, str(path))
    return data, raw


def read_log(path: Path, problems: list[Problem]) -> list[dict]:
    """The briefing's change log, oldest first; a damaged log is a problem (it cannot be extended or undone)."""
    if not path.exists():
        return []
    try:
        entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problems.append(Problem(str(path), None, "", f"the briefing's change log cannot be read ({str(error)[:120]})"))
        return []
    if not all(isinstance(e, dict) and isinstance(e.get("seq"), int) for e in entries):
        problems.append(Problem(str(path), None, "", "the briefing's change log has a line that is not an entry"))
        return []
    return entries


def _checked(name: str, path: Path, text: str, context: briefing.Context) -> list[Problem]:
    return briefing.parse(json.loads(text), name, str(path), context)[1]


def _commit(path: Path, text: str | None, entries: list[dict]) -> list[Problem]:
    """The log first, then the file (written, or removed when text is None); the log put back on a failure."""
    if text is not None:
        return commit_file(path, text, log_of(path), entries, "the briefing's change log")
    journal = log_of(path)
    old_log = journal.read_bytes() if journal.exists() else None
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries]
    try:
        atomic_write(journal, lines)
    except OSError as error:
        return [Problem(journal.name, None, "", f"the change log could not be written ({error.strerror})")]
    try:
        path.unlink()
    except OSError as error:
        if old_log is None:
            journal.unlink(missing_ok=True)
        else:
            atomic_write(journal, [old_log])
        return [Problem(path.name, None, "", f"could not be removed ({error.strerror}); nothing was changed")]
    return []


def _entry(entries: list[dict], editor: str, action: str, before: bytes | None, after: str | None) -> dict:
    return {
        "seq": log.next_seq(entries),
        "time": log.now_utc(),
        "editor": editor,
        "action": action,
        "before": before.decode("utf-8") if before is not None else None,
        "after": after,
    }


def _locked(folder: Path, name: str, work: Callable[[Path], Change]) -> Change:
    if not NAME.match(name):
        said = "a briefing's name is 1 to 64 lower-case letters, digits, - and _, starting with a letter or digit"
        return Change(problems=[Problem(str(folder), None, "name", said)])
    path = path_of(folder, name)
    try:
        if Path(folder).parent.is_dir():
            Path(folder).mkdir(exist_ok=True)
        with locked(path, timeout=LOCK_WAIT_S):
            return work(path)
    except LockBusy:
        return Change(problems=[Problem(str(path), None, "", "the briefing is busy (another save); try again")])
    except (WriteRefused, OSError) as error:
        return Change(problems=[Problem(str(path), None, "", f"cannot be written ({error.strerror or error})")])


def change(
    folder: Path,
    name: str,
    edit: Edit,
    *,
    action: str,
    editor: str,
    context: briefing.Context,
    expected: str | None = None,
) -> Change:
    """Apply one edit to the briefing NAME of `folder` and write it, or write nothing and say why. expected: the
    file's digest when the editor saw it (digest_of), refused if it changed since."""

    def work(path: Path) -> Change:
        problems: list[Problem] = []
        old_bytes, old = _read(path, problems)
        entries = read_log(log_of(path), problems)
        if problems:
            return Change(problems=problems)
        if expected is not None and digest_bytes(old_bytes or b"") != expected:
            return Change(problems=[Problem(str(path), None, "", STALE)])
        try:
            new = edit(old)
        except Refused as refused:
            return Change(problems=[Problem(str(path), refused.step, refused.name, refused.message)])
        problems = [p for n, typed in _typed(old, new) for p in text_problems(typed, str(path), n)]
        text = text_of(new)
        problems += _checked(name, path, text, context)
        if problems:
            return Change(problems=problems)
        entry = _entry(entries, editor, action, old_bytes, text)
        return Change(problems=failed) if (failed := _commit(path, text, [*entries, entry])) else Change(entry)

    return _locked(folder, name, work)


def undo_target(entries: list[dict]) -> dict | None:
    """The latest change that no later undo has reverted (undo again goes further back)."""
    undone = {e.get("undoes") for e in entries if e.get("action") == log.UNDO}
    return next((e for e in reversed(entries) if e.get("action") != log.UNDO and e["seq"] not in undone), None)


def undo(folder: Path, name: str, *, editor: str, context: briefing.Context) -> Change:
    """Revert the briefing's last change not yet undone, as a new logged change, while the file is as it left it."""

    def work(path: Path) -> Change:
        problems: list[Problem] = []
        entries = read_log(log_of(path), problems)
        now = path.read_bytes() if path.exists() else None
        if problems:
            return Change(problems=problems)
        target = undo_target(entries)
        if target is None:
            return Change(problems=[Problem(str(path), None, "", "nothing to undo")])
        if (now.decode("utf-8", "replace") if now is not None else None) != target["after"]:
            said = f"cannot undo change {target['seq']}: the file was changed outside the desk since"
            return Change(problems=[Problem(str(path), None, "", said)])
        text = target["before"]
        if text is not None and (problems := _checked(name, path, text, context)):
            return Change(problems=problems)
        entry = _entry(entries, editor, log.UNDO, now, text) | {"undoes": target["seq"]}
        return Change(problems=failed) if (failed := _commit(path, text, [*entries, entry])) else Change(entry)

    return _locked(folder, name, work)
