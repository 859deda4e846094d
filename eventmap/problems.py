"""A problem found in an input file, said so that an editor can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Past this many rows with the same problem in one column, one summary line stands for the rest.
MAX_ROWS_PER_PROBLEM = 20


@dataclass(frozen=True)
class Problem:
    """One line of `validate` output: PATH:ROW: column: message. ROW counts the header as row 1."""

    path: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else f"{self.row}:"
        column = f" {self.column}:" if self.column else ""
        return f"{self.path}:{row}{column} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "row": self.row, "column": self.column, "message": self.message}


class DataFileError(Exception):
    """A whole file cannot be read; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def show_value(value: object, limit: int = 40) -> str:
    """Quote a cell for a message, shortened so that one bad cell cannot flood the output."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def flag(
    problems: list[Problem],
    path: str,
    rows: pd.Series,
    mask: pd.Series | np.ndarray,
    column: str,
    message: str,
    values: pd.Series | None = None,
) -> None:
    """Add one problem per row where mask is true; `{value}` in message shows the cell."""
    mask = np.asarray(mask, dtype=bool)
    count = int(mask.sum())
    if not count:
        return
    hit_rows = np.asarray(rows)[mask]
    hit_values = np.asarray(values)[mask] if values is not None else None
    for i in range(min(count, MAX_ROWS_PER_PROBLEM)):
        shown = message.format(value=show_value(hit_values[i])) if hit_values is not None else message
        problems.append(Problem(path, int(hit_rows[i]), column, shown))
    if count > MAX_ROWS_PER_PROBLEM:
        rest = count - MAX_ROWS_PER_PROBLEM
        problems.append(Problem(path, None, column, f"... and {rest:,} more rows with this problem"))
