"""Every id ever used, so that none is given again: the files' rows, the change log, the retired-ids table.

An id freed by undo or by a merge still names an event in the log, in a citation or in someone's notes; giving
it to another event would make two events under one name. The retired-ids table (retired_ids.csv beside the
events file, columns event_id_cnty and reason) lists ids retired before the desk kept its log.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from eventmap.curate.table import ID, Files, reserved_ids_path, rows
from eventmap.problems import Problem


def read_reserved(events: Path, problems: list[Problem]) -> dict[str, str]:
    """The retired-ids table beside the events file: id -> reason; {} when there is none."""
    path = reserved_ids_path(events)
    if not path.exists():
        return {}
    try:
        reader = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")))
        table = {(r.get(ID) or "").strip(): (r.get("reason") or "").strip() for r in reader}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        problems.append(Problem(path.name, None, "", f"cannot be read as a CSV table: {error}"))
        return {}
    if reader.fieldnames is None or ID not in reader.fieldnames:
        problems.append(Problem(path.name, 1, "", f"no {ID} column: expected {ID},reason"))
        return {}
    return {event_id: reason for event_id, reason in table.items() if event_id}


def _logged_ids(entry: dict) -> list[str]:
    found = [entry.get("event_id", "")]
    found += [
        row.get(ID, "") for key in ("before", "after", "retired_before", "retired_after") if (row := entry.get(key))
    ]
    if "events_text" in entry:  # a baseline: the rows the files held then
        files = Files.from_texts(entry["events_text"], entry["retired_text"])
        found += [row.get(ID, "") for row in rows(files.events) + rows(files.retired)]
    return found


def used_ids(entries: list[dict], reserved: dict[str, str]) -> dict[str, str]:
    """Ids used before and where, for the message that refuses one: the retired-ids table, then the log."""
    used = {
        event_id: f"is retired and never reused ({reason or 'listed in retired_ids.csv'})"
        for event_id, reason in reserved.items()
    }
    for entry in entries:
        for event_id in _logged_ids(entry):
            event_id = event_id.strip()
            if event_id:
                used.setdefault(
                    event_id, f"was used before (change {entry.get('seq')} in the change log); ids are never reused"
                )
    return used
