"""The change log beside the events file: one JSON line per change, enough to show, undo and replay it.

Each entry: seq, time (UTC), editor, action, event_id, the row before and after (and, for retire and restore,
the retired-events row before and after), digest_after (the events file's digest once written). A "baseline"
entry holds both files' full text: the first change writes one, and so does the first change after the file
was edited outside the desk, so that replaying from the last baseline always gives back the current files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eventmap.curate.table import ID, Files, apply_entry
from eventmap.files import atomic_write, digest_bytes
from eventmap.problems import Problem

BASELINE, UNDO = "baseline", "undo"
ACTIONS = (BASELINE, "add", "edit", "retire", "restore", UNDO)


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def read_entries(path: Path, problems: list[Problem] | None = None) -> list[dict]:
    """The log's entries in order; a line that is not a well-formed entry is reported by its number and skipped."""
    entries: list[dict] = []
    if not Path(path).exists():
        return entries
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        if problems is not None:
            problems.append(Problem(str(path), None, "", f"the change log cannot be read ({error.strerror})"))
        return entries
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line.decode("utf-8"))
            fault = entry_problem(entry)
        except UnicodeDecodeError:
            entry, fault = None, "not UTF-8 text"
        except ValueError:
            entry, fault = None, "not a change-log entry (a JSON object)"
        if fault is None:
            entries.append(entry)
        elif problems is not None:
            problems.append(Problem(str(path), number, "", f"{fault}; fix or remove this line"))
    return entries


def _is_row(value: object) -> bool:
    return value is None or isinstance(value, dict) and ID in value and all(isinstance(v, str) for v in value.values())


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def entry_problem(entry: object) -> str | None:
    """What makes a parsed line unusable as an entry (None when it is one): checked once, so readers trust it."""
    if not isinstance(entry, dict):
        return "not a change-log entry (a JSON object)"
    if not _is_int(entry.get("seq")) or entry["seq"] < 1:
        return "seq is not a whole number from 1"
    if entry.get("action") not in ACTIONS:
        return f"action is not one of {', '.join(ACTIONS)}"
    for key in ("time", "editor", "event_id", "reason", "digest_after"):
        if key in entry and not isinstance(entry[key], str):
            return f"{key} is not text"
    for key in ("before", "after", "retired_before", "retired_after"):
        if not _is_row(entry.get(key)):
            return f"{key} is not a row (an object of column: text, with {ID})"
    for key in ("undoes", "position"):
        if key in entry and not _is_int(entry[key]):
            return f"{key} is not a whole number"
    if entry["action"] == BASELINE and not all(isinstance(entry.get(k), str) for k in ("events_text", "retired_text")):
        return "a baseline without events_text and retired_text"
    return None


def write_entries(path: Path, old: list[dict], new: list[dict]) -> None:
    """Rewrite the log atomically with the new entries appended (an interrupted write loses nothing)."""
    lines = [json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n" for entry in [*old, *new]]
    atomic_write(Path(path), lines)


def baseline(entries: list[dict], events_text: str, retired_text: str, editor: str, time: str) -> dict | None:
    """A baseline entry when the log does not end at these files (new log, or an edit outside the desk)."""
    last = next((e for e in reversed(entries) if "digest_after" in e), None)
    if last is not None and last["digest_after"] == digest_bytes(events_text.encode("utf-8")):
        return None
    return {
        "seq": _next_seq(entries),
        "time": time,
        "editor": editor,
        "action": BASELINE,
        "event_id": "",
        "events_text": events_text,
        "retired_text": retired_text,
        "digest_after": digest_bytes(events_text.encode("utf-8")),
    }


def _next_seq(entries: list[dict]) -> int:
    return max((e["seq"] for e in entries), default=0) + 1


def next_seq(entries: list[dict]) -> int:
    return _next_seq(entries)


def since_baseline(entries: list[dict]) -> list[dict]:
    start = max((i for i, e in enumerate(entries) if e.get("action") == BASELINE), default=None)
    return entries if start is None else entries[start:]


def replay(entries: list[dict]) -> tuple[str, str] | None:
    """Both files' text rebuilt from the last baseline and the changes after it; None without a baseline."""
    entries = since_baseline(entries)
    if not entries or entries[0].get("action") != BASELINE:
        return None
    files = Files.from_texts(entries[0]["events_text"], entries[0]["retired_text"])
    for entry in entries[1:]:
        apply_entry(files, entry)
    return files.texts()


def undo_target(entries: list[dict]) -> dict | None:
    """The latest change since the last baseline that no later undo has reverted (undo again goes further back)."""
    entries = since_baseline(entries)
    undone = {e.get("undoes") for e in entries if e.get("action") == UNDO}
    for entry in reversed(entries):
        if entry.get("action") not in (BASELINE, UNDO) and entry.get("seq") not in undone:
            return entry
    return None


def history(entries: list[dict], event_id: str | None = None) -> list[dict]:
    """The changes to show, newest first: of one event, or of the whole file (baselines said in one line)."""
    shown = []
    for entry in reversed(entries):
        if event_id is not None and entry.get("event_id") != event_id:
            continue
        what = "start of the log (the files as they were)" if entry.get("action") == BASELINE else _summary(entry)
        shown.append(
            {
                "seq": entry.get("seq"),
                "time": entry.get("time", ""),
                "editor": entry.get("editor", ""),
                "action": entry.get("action", ""),
                "event_id": entry.get("event_id", ""),
                "change": what,
            }
        )
    return shown


def _summary(entry: dict) -> str:
    before, after = entry.get("before"), entry.get("after")
    if before and after:
        changed = [f"{k}: {before.get(k, '')!r} -> {v!r}" for k, v in after.items() if before.get(k) != v]
        text = "; ".join(changed) or "no change"
    elif after:
        text = "row added" if entry.get("action") != "restore" else "row restored"
    elif before:
        text = "row removed"
    else:
        text = ""
    if entry.get("reason"):
        text += f" (reason: {entry['reason']})"
    if entry.get("undoes"):
        text = f"undoes change {entry['undoes']}: {text}"
    return text
