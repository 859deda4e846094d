"""A registered report withdrawn while no event cites it: its sources.csv row removed, logged, undoable.

The report's text stays in the sources folder (a text is never deleted by the desk); registering it again, or
undoing the withdrawal, puts its row back. Logged first in sources.changes.jsonl beside sources.csv, as places are.
"""

from __future__ import annotations

from pathlib import Path

from eventmap.csvrecords import read_table
from eventmap.curate import log
from eventmap.curate.journal import commit_file
from eventmap.curate.places import read_journal
from eventmap.curate.table import Files, read_text, retired_path, rows
from eventmap.files import LockBusy, locked
from eventmap.problems import DataFileError, Problem

LOCK_WAIT_S = 10.0


def sources_log(sources_csv: Path) -> Path:
    return Path(sources_csv).with_name(f"{Path(sources_csv).stem}.changes.jsonl")


def citing(events: Path, source_id: str) -> list[str]:
    """Ids of the events, in the file or retired, that cite this source."""
    problems: list[Problem] = []
    files = Files.from_texts(read_text(events, problems), read_text(retired_path(events), problems))
    every = rows(files.events) + (rows(files.retired) if files.retired_existed else [])
    return [
        r.get("event_id_cnty", "") for r in every if source_id in {s.strip() for s in r.get("source", "").split(";")}
    ]


def _change(sources_csv: Path, editor: str, source_id: str | None, events: Path | None) -> list[Problem]:
    """Withdraw source_id (given) or undo the last withdrawal (None), under the sources.csv lock."""
    sources_csv, problems = Path(sources_csv), []
    with locked(sources_csv, timeout=LOCK_WAIT_S):
        try:
            table = read_table(sources_csv)
        except (DataFileError, OSError) as error:
            return getattr(error, "problems", None) or [Problem(sources_csv.name, None, "", "cannot be read")]
        entries = read_journal(sources_log(sources_csv), problems)
        if problems:
            return problems
        seq, time = len(entries) + 1, log.now_utc()
        if source_id is not None:
            index = next(
                (i for i, (cells, _) in enumerate(table.rows) if cells and cells[0].strip() == source_id), None
            )
            if index is None:
                return [Problem(sources_csv.name, None, "source", f"no registered report {source_id!r}")]
            if cited := citing(events, source_id):
                said = f"cited by {', '.join(cited)}: change or retire those events first"
                return [Problem(sources_csv.name, None, "source", said)]
            cells = table.rows[index][0]
            del table.rows[index]
            entry = {"seq": seq, "time": time, "editor": editor, "action": "withdraw", "position": index, "row": cells}
        else:
            undone = {e.get("undoes") for e in entries}
            target = next((e for e in reversed(entries) if e["action"] == "withdraw" and e["seq"] not in undone), None)
            if target is None:
                return [Problem(sources_csv.name, None, "", "no withdrawn report to bring back")]
            table.append(target["row"])
            table.rows.insert(min(target["position"], len(table.rows) - 1), table.rows.pop())
            entry = {"seq": seq, "time": time, "editor": editor, "action": "undo", "undoes": target["seq"]}
        return commit_file(sources_csv, table.text(), sources_log(sources_csv), [*entries, entry], "the sources' log")


def withdraw_source(source_id: str, sources_csv: Path, events: Path, editor: str) -> list[Problem]:
    """Take a report off sources.csv while no event cites it; nothing is written on a problem."""
    try:
        return _change(sources_csv, editor, source_id, Path(events))
    except LockBusy:
        return [Problem(Path(sources_csv).name, None, "", "sources.csv is busy (held by another save); try again")]


def undo_withdrawal(sources_csv: Path, editor: str) -> list[Problem]:
    try:
        return _change(sources_csv, editor, None, None)
    except LockBusy:
        return [Problem(Path(sources_csv).name, None, "", "sources.csv is busy (held by another save); try again")]
