"""One change, both files or neither: the change log is written first and is the journal the files follow.

A save writes the log (with the new entry) first, then the retired-events file, then the events file, each
atomically. A failure before the log is written changes nothing. A failure after it puts back what was already
written (the log's and the retired file's old bytes), so the editor's "nothing was saved" is true. A crash after
the log is written leaves files one entry behind their log: the next read under the lock sees that the log's
last entry, replayed on the files as they are, gives its digest_after, and completes the change (roll forward).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eventmap.curate import log
from eventmap.curate.table import log_path, retired_path
from eventmap.files import atomic_write, digest_bytes
from eventmap.problems import Problem


@dataclass(frozen=True)
class Texts:
    events: str
    retired: str


def _reason(error: OSError) -> str:
    """The error in a few words, without the server's paths (the editor sees this)."""
    return (error.strerror or type(error).__name__).split(": ")[-1]


def pending(entries: list[dict], texts: Texts) -> Texts | None:
    """The files as the log says they are, when the last logged change was not completed on the files."""
    last = entries[-1] if entries else None
    if last is None or last.get("action") == log.BASELINE or "digest_after" not in last:
        return None
    if last["digest_after"] == digest_bytes(texts.events.encode("utf-8")):
        return None
    before = log.replay(entries[:-1])
    if before is None or before[0] != texts.events:
        return None  # the files changed outside the desk: a new baseline, not a completion
    after = log.replay(entries)
    if after is None or digest_bytes(after[0].encode("utf-8")) != last["digest_after"]:
        return None
    return Texts(*after)


def _write_files(events: Path, old: Texts, new: Texts) -> None:
    if new.retired != old.retired:
        atomic_write(retired_path(events), [new.retired])
    atomic_write(events, [new.events])


def complete(events: Path, entries: list[dict], texts: Texts) -> tuple[Texts, list[Problem]]:
    """Roll an interrupted change forward; the files' texts after it (unchanged when nothing was pending)."""
    done = pending(entries, texts)
    if done is None:
        return texts, []
    try:
        _write_files(events, texts, done)
    except OSError as error:
        message = f"an earlier save was interrupted and cannot be completed: {events.name} could not be written"
        return texts, [Problem(str(events), None, "", f"{message} ({_reason(error)}); nothing was saved")]
    return done, []


def _put_back(path: Path, old: bytes | None) -> None:
    if old is None:
        path.unlink(missing_ok=True)
    else:
        atomic_write(path, [old])


def _old_bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def commit(events: Path, entries: list[dict], new_entries: list[dict], old: Texts, new: Texts) -> list[Problem]:
    """Write the log, then the files; on a failure put back what was written. Problems say what failed."""
    journal, retired = log_path(events), retired_path(events)
    try:
        old_log, old_retired = _old_bytes(journal), _old_bytes(retired)
        log.write_entries(journal, entries, new_entries)
    except OSError as error:
        said = f"the change log ({journal.name}) could not be written ({_reason(error)}); nothing was saved"
        return [Problem(str(journal), None, "", said)]
    try:
        _write_files(events, old, new)
    except OSError as error:
        failed = retired if _old_bytes(retired) == old_retired and new.retired != old.retired else events
        said = f"{failed.name} could not be written ({_reason(error)})"
        try:
            _put_back(retired, old_retired)
            _put_back(journal, old_log)
        except OSError:
            return [
                Problem(
                    str(events), None, "", f"{said}; the change is in the change log and the next save completes it"
                )
            ]
        return [Problem(str(events), None, "", f"{said}; nothing was saved")]
    return []


def commit_file(target: Path, text: str, journal: Path, entries: list[dict], what: str) -> list[Problem]:
    """One table beside the events (places, sources): its own log written first, then the file; on a failure
    the log is put back. `entries` is the whole log, the new entry last; `what` names the log for the editor."""
    old_log = _old_bytes(journal)
    try:
        atomic_write(journal, [json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries])
    except OSError as error:
        return [Problem(journal.name, None, "", f"{what} could not be written ({_reason(error)}); nothing was saved")]
    try:
        atomic_write(target, [text])
    except OSError as error:
        _put_back(journal, old_log)
        return [
            Problem(target.name, None, "", f"{target.name} could not be written ({_reason(error)}); nothing was saved")
        ]
    return []
