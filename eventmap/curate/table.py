"""The events file and its retired-events file as editable CSV text, and the one way a change is applied.

A change is (part, row before, row after): None before adds the row at the end, None after removes it, both
rewrite only the cells that differ. The desk's operations, undo and the change log's replay all use
`apply_change`, so replaying the log gives back the file byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventmap import schema
from eventmap.csvrecords import CsvText, read_table, render, replace_cells
from eventmap.problems import DataFileError, Problem

RETIRED_COLUMNS = ("retired_at", "retired_by", "reason")
ID = "event_id_cnty"
Row = dict[str, str]


def retired_path(events: Path) -> Path:
    return Path(events).with_name(f"{Path(events).stem}.retired.csv")


def log_path(events: Path) -> Path:
    return Path(events).with_name(f"{Path(events).stem}.changes.jsonl")


RESERVED_IDS_FILE = "retired_ids.csv"  # ids retired before the desk kept a log (merged events): never given again


def reserved_ids_path(events: Path) -> Path:
    return Path(events).with_name(RESERVED_IDS_FILE)


@dataclass
class Files:
    """The two files a desk operation may change, as text tables."""

    events: CsvText
    retired: CsvText
    retired_existed: bool = False

    def part(self, name: str) -> CsvText:
        return self.events if name == "events" else self.retired

    @classmethod
    def from_texts(cls, events_text: str, retired_text: str) -> Files:
        events = CsvText.parse(events_text)
        retired = CsvText.parse(retired_text) if retired_text else retired_for(events)
        return cls(events, retired, bool(retired_text))

    def texts(self) -> tuple[str, str]:
        """Both files' text; the retired file stays absent until something is retired."""
        keep = self.retired_existed or bool(self.retired.rows)
        return self.events.text(), self.retired.text() if keep else ""


def retired_for(events: CsvText) -> CsvText:
    """An empty retired-events table shaped like the events file: its columns, BOM and line endings, plus three."""
    header = [*events.header, *RETIRED_COLUMNS]
    return CsvText(events.bom, header, [], render(header, events.newline))


def read_text(path: Path, problems: list[Problem]) -> str:
    """The file's text exactly (BOM, line endings); '' when missing; problems as `validate` says them (not UTF-8,
    binary, a cell over the limit, broken CSV) when it cannot be read as CSV."""
    if not Path(path).exists():
        return ""
    try:
        return read_table(Path(path)).text()
    except DataFileError as error:
        problems.extend(error.problems)
    except OSError as error:
        problems.append(Problem(str(path), None, "", f"cannot be read: {error}"))
    return ""


def header_problems(table: CsvText, shown: str, extra: tuple[str, ...] = ()) -> list[Problem]:
    names = table.names
    if not names:
        return [Problem(shown, 1, "", "no header row: expected the events columns")]
    return [
        Problem(shown, 1, name, "column is missing from the header")
        for name in (*schema.EVENT_COLUMN_NAMES, *extra)
        if name not in names and name not in schema.ADDED_COLUMNS
    ]


def find(table: CsvText, event_id: str) -> int | None:
    """Index into table.rows of the record with this id."""
    column = table.names.index(ID) if ID in table.names else 0
    for index, (cells, _) in enumerate(table.rows):
        if len(cells) > column and cells[column].strip() == event_id.strip():
            return index
    return None


def row_at(table: CsvText, index: int) -> Row:
    cells = table.rows[index][0]
    return {name: cells[i] if i < len(cells) else "" for i, name in enumerate(table.names)}


def rows(table: CsvText) -> list[Row]:
    return [row_at(table, i) for i in table.data_rows()]


def row_number(table: CsvText, index: int) -> int:
    """The row number validate reports for a record (the header is row 1; blank lines are not rows)."""
    return 2 + sum(1 for i in table.data_rows() if i < index)


def apply_change(table: CsvText, before: Row | None, after: Row | None, at: int | None = None) -> None:
    """Add (at the end, or back at index `at`), remove or rewrite one record; untouched records keep their bytes."""
    if before is None and after is None:
        return
    if before is None:
        table.append([str(after.get(name, "")) for name in table.names])
        if at is not None and 0 <= at < len(table.rows) - 1 and table.rows[-1][1].endswith(("\n", "\r")):
            table.rows.insert(at, table.rows.pop())
        return
    index = find(table, before[ID])
    if index is None:
        raise KeyError(before[ID])
    if after is None:
        del table.rows[index]
        return
    cells, raw = table.rows[index]
    changes = {
        i: str(after[name])
        for i, name in enumerate(table.names)
        if name in after and i < len(cells) and cells[i] != str(after[name])
    }
    if changes:
        table.rows[index] = ([changes.get(i, c) for i, c in enumerate(cells)], replace_cells(raw, cells, changes))


def apply_entry(files: Files, entry: dict, *, inverse: bool = False) -> None:
    """A logged change applied to both files (or undone, with inverse=True)."""
    for part, prefix in (("events", ""), ("retired", "retired_")):
        before, after = entry.get(f"{prefix}before"), entry.get(f"{prefix}after")
        if inverse:
            before, after = after, before
        apply_change(files.part(part), before, after, entry.get("position") if part == "events" else None)
        if part == "retired" and after is not None:
            files.retired_existed = True  # once written, the retired file stays, if only with its header
