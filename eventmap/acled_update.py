"""Refresh an ACLED export with a newer one: merged by `event_id_cnty`, the newer `timestamp` wins, and the ids in
ACLED's deletions list dropped (a deletion applies when its `deleted_timestamp` is not older than the row's). At
equal timestamps the new file's row is kept, and counted as changed only if a cell differs.

ACLED's own R client refreshes a file the same way. Every cell stays the text the files hold; the work is hash
lookups and column-wise selection, linear in the rows. A conflict (a row newer in the old file than in the new one,
an id twice in a file, a deletions file that is not one) is a located Problem, and nothing is merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from eventmap.csvfile import read_cells, read_header
from eventmap.export import csv_bytes
from eventmap.problems import DataFileError, Problem, flag, show_value

ID, TIMESTAMP = "event_id_cnty", "timestamp"
DELETED_TIMESTAMP = "deleted_timestamp"
NO_ROWS = "no data rows"  # how read_cells says a file has a header and nothing else
_UNIX_SECONDS = r"\s*\d{1,12}\s*"


class UpdateError(DataFileError):
    """The inputs cannot be merged; `problems` say where and why."""


@dataclass(frozen=True)
class Export:
    """One file's rows as text cells, its timestamps as integers, and each row's number as a spreadsheet shows it."""

    shown: str
    cells: pd.DataFrame
    times: np.ndarray
    rows: np.ndarray


@dataclass(frozen=True)
class Update:
    """The merged rows (text cells, the newer file's column order) and which ids it added, changed and deleted."""

    table: pd.DataFrame
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the update did, one line each kind: its count, then its ids."""
        return [
            f"{kind} {len(ids):,}" + (f": {', '.join(ids)}" if ids else "")
            for kind, ids in (("added", self.added), ("changed", self.changed), ("deleted", self.deleted))
        ]

    def counts(self) -> str:
        return f"{len(self.added):,} added, {len(self.changed):,} changed, {len(self.deleted):,} deleted"


def _cells(path: Path, shown: str) -> pd.DataFrame:
    """read_cells, but a header with no rows is an empty export (nothing changed, nothing deleted), not a fault."""
    try:
        return read_cells(path, shown)
    except DataFileError as error:
        if len(error.problems) != 1 or not error.problems[0].message.startswith(NO_ROWS):
            raise
        return pd.DataFrame(columns=read_header(path), dtype="str")


def _row_numbers(cells: pd.DataFrame) -> np.ndarray:
    rows = cells.attrs.get("rows")
    return np.asarray(rows) if rows is not None else np.arange(2, len(cells) + 2)


def _required(cells: pd.DataFrame, shown: str, names: tuple[str, ...], what: str) -> None:
    missing = [name for name in names if name not in cells.columns]
    if missing:
        raise UpdateError(
            [Problem(shown, 1, name, f"column missing: {what} has {', '.join(names)}") for name in missing]
        )


def _unix_seconds(cells: pd.DataFrame, column: str, shown: str, rows: np.ndarray) -> np.ndarray:
    """A column of Unix seconds as integers, or an UpdateError naming the rows that hold anything else."""
    text = cells[column].astype("str")
    bad = ~text.str.fullmatch(_UNIX_SECONDS).to_numpy(dtype=bool)
    if bad.any():
        problems: list[Problem] = []
        flag(problems, shown, rows, bad, column, "{value} is not a time in Unix seconds (a whole number)", text)
        raise UpdateError(problems)
    return text.str.strip().astype("int64").to_numpy()


def _ids(cells: pd.DataFrame, shown: str, rows: np.ndarray, *, unique: bool) -> pd.Series:
    ids = cells[ID].astype("str").str.strip()
    problems: list[Problem] = []
    flag(problems, shown, rows, (ids == "").to_numpy(), ID, "blank: every event needs its id")
    if unique:
        twice = ids.duplicated(keep=False).to_numpy() & (ids != "").to_numpy()
        first = pd.Series(rows, index=ids.index).groupby(ids.to_numpy()).transform("min").to_numpy()
        later = twice & (first != rows)
        for row, value, earlier in list(zip(rows[later], ids.to_numpy()[later], first[later]))[:20]:
            problems.append(
                Problem(shown, int(row), ID, f"{show_value(value)} is also on row {earlier}: ids are unique")
            )
    if problems:
        raise UpdateError(problems)
    return ids


def read_export(path: Path, shown: str | None = None) -> Export:
    """An ACLED export's cells, refused with located problems unless every row has an id, once, and a timestamp."""
    shown = shown or str(path)
    cells = _cells(path, shown)
    _required(cells, shown, (ID, TIMESTAMP), "an ACLED export")
    rows = _row_numbers(cells)
    ids = _ids(cells, shown, rows, unique=True)
    times = _unix_seconds(cells, TIMESTAMP, shown, rows)
    return Export(shown, cells.assign(**{ID: ids}).reset_index(drop=True), times, rows)


def read_deletions(path: Path, shown: str | None = None) -> pd.Series:
    """ACLED's deletions list as the latest deletion time of each id; refused unless it is one."""
    shown = shown or str(path)
    cells = _cells(path, shown)
    _required(cells, shown, (ID, DELETED_TIMESTAMP), "ACLED's deletions file")
    rows = _row_numbers(cells)
    ids = _ids(cells, shown, rows, unique=False)
    times = _unix_seconds(cells, DELETED_TIMESTAMP, shown, rows)
    return pd.Series(times, index=ids.to_numpy()).groupby(level=0).max()


def _column(export: Export, name: str) -> np.ndarray:
    if name in export.cells.columns:
        return export.cells[name].astype("str").to_numpy(dtype=object)
    return np.full(len(export.cells), "", dtype=object)


def _conflicts(old: Export, new: Export, at: np.ndarray) -> None:
    """Refuse a row the old file holds newer than the new file does: the files are swapped, or the new one is stale."""
    common = at >= 0
    newer = np.zeros(len(at), dtype=bool)
    newer[common] = old.times[common] > new.times[at[common]]
    if newer.any():
        problems = [
            Problem(
                old.shown,
                int(old.rows[i]),
                TIMESTAMP,
                f"{show_value(old.cells[ID].iat[i])} is newer here ({old.times[i]}) than in {new.shown} row "
                f"{new.rows[at[i]]} ({new.times[at[i]]}): is the new file older than the old one?",
            )
            for i in np.flatnonzero(newer)[:20]
        ]
        raise UpdateError(problems)


def merge(old: Export, new: Export, deletions: pd.Series | None = None) -> Update:
    """The old rows with the new file's version of each id in their place, the new file's other ids after them,
    minus deletions not older than the row; what was added, changed and deleted."""
    old_ids, new_ids = old.cells[ID].to_numpy(dtype=object), new.cells[ID].to_numpy(dtype=object)
    at = pd.Index(new_ids).get_indexer(old_ids)  # each old row's row in the new file, -1 if none (hashing)
    _conflicts(old, new, at)
    fresh = np.ones(len(new_ids), dtype=bool)
    fresh[at[at >= 0]] = False
    columns = [*new.cells.columns, *(name for name in old.cells.columns if name not in new.cells.columns)]
    common = at >= 0
    take = np.where(common, at, 0)
    differs = np.zeros(len(old_ids), dtype=bool)
    merged = {}
    for name in columns:
        before, after = _column(old, name), _column(new, name)
        replaced = np.where(common, after[take] if len(after) else before, before)
        differs |= common & (replaced != before)
        merged[name] = np.concatenate([replaced, after[fresh]])
    ids = merged[ID]
    times = np.concatenate([np.where(common, new.times[take] if len(new.times) else 0, old.times), new.times[fresh]])
    dropped = np.zeros(len(ids), dtype=bool)
    if deletions is not None and len(deletions):
        when = deletions.reindex(ids).to_numpy(dtype="float64")
        dropped = ~np.isnan(when) & (when >= times)
    was_old = np.arange(len(ids)) < len(old_ids)
    table = pd.DataFrame({name: values[~dropped] for name, values in merged.items()}, columns=columns, dtype=object)
    return Update(
        table,
        added=list(ids[~was_old & ~dropped]),
        changed=list(ids[: len(old_ids)][differs & ~dropped[: len(old_ids)]]),
        deleted=list(ids[was_old & dropped]),
    )


def update_files(old: Path, new: Path, deleted: Path | None = None, shown: tuple[str, ...] = ()) -> Update:
    """merge() of two files and an optional deletions file; `shown` names them in messages (an upload's names)."""
    names = [*shown, *[str(path) for path in (old, new, deleted)][len(shown) :]]
    before, after = read_export(old, names[0]), read_export(new, names[1])
    deletions = read_deletions(deleted, names[2]) if deleted is not None else None
    return merge(before, after, deletions)


def update_bytes(update: Update) -> bytes:
    """The merged file: UTF-8 CSV, LF line ends, every cell as the inputs held it."""
    return csv_bytes(update.table)
