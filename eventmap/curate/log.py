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

from eventmap.curate.table import Files, apply_entry
from eventmap.files import atomic_write, digest_bytes
from eventmap.problems import Problem

BASELINE, UNDO = "baseline", "undo"


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def read_entries(path: Path, problems: list[Problem] | None = None) -> list[dict]:
    """The log's entries in order; a line that is not a JSON object is reported and skipped."""
    entries: list[dict] = []
    if not Path(path).exists():
        return entries
    for number, line in enumerate(Path(path).read_bytes().decode("utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if isinstance(entry, dict):
            entries.append(entry)
        elif problems is not None:
            problems.append(Problem(str(path), number, "", "not a change-log entry (a JSON object)"))
    return entries


def write_entries(path: Path, old: list[dict], new: list[dict]) -> None:
    """Rewrite the log atomically with the new entries appended (an interrupted write loses nothing)."""
    lines = [json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n" for entry in [*old, *new]]
    atomic_write(Path(path), lines)


def baseline(entries: list[dict], events_text: str, retired_text: str, editor: str, time: str) -> dict | None:
    """A baseline entry when the log does not end at these files (new log, or an edit outside the desk)."""
    last = next((e for e in reversed(entries) if "digest_after" in e), None)
    if last is not None and last["digest_after"] == digest_bytes(events_text.encode("utf-8")):
        return None
    return {"seq": _next_seq(entries), "time": time, "editor": editor, "action": BASELINE, "event_id": "",
            "events_text": events_text, "retired_text": retired_text, "digest_after": digest_bytes(events_text.encode("utf-8"))}


def _next_seq(entries: list[dict]) -> int:
    return max((int(e.get("seq", 0)) for e in entries), default=0) + 1


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
        what = ("start of the log (the files as they were)" if entry.get("action") == BASELINE
                else _summary(entry))
        shown.append({"seq": entry.get("seq"), "time": entry.get("time", ""), "editor": entry.get("editor", ""),
                      "action": entry.get("action", ""), "event_id": entry.get("event_id", ""), "change": what})
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
