"""CSV records with their exact source text: a save rewrites only the changed records, byte for byte.

Shared by `geocode-file` and the editors' desk, so that the diff of any save is exactly the changed line(s):
column order, quoting, line endings, BOM and untouched rows stay as they were. Files are read after csvfile's
checks and within its limits (importing csvfile sets csv.field_size_limit), so a file `validate` refuses is
refused here with the same message, and a file it reads (CR-only line endings too) is read the same way.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventmap.csvfile import MAX_FIELD_CHARS, check_text_file
from eventmap.csvfile import _field_limit as field_limit_message
from eventmap.problems import DataFileError, Problem

BOM = "\ufeff"
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")  # LF, CRLF or a lone CR, as pyarrow (validate) reads them
csv.field_size_limit(MAX_FIELD_CHARS)  # csvfile sets it too: one limit for every reader, whatever is imported first


class Lines(Iterator[str]):
    """Feeds csv.reader one physical line at a time and remembers which lines made the last record."""

    def __init__(self, text: str):
        self._lines = iter([line for line in _LINE_END.split(text) if line])
        self.taken: list[str] = []

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw, self.taken = "".join(self.taken), []
        return raw


def records(text: str, shown: str = "CSV text") -> list[tuple[list[str], str]]:
    """(cells, exact source text) of every CSV record, so untouched rows are written back byte for byte.

    Raises DataFileError naming the record (the header is row 1) where the text stops being CSV."""
    lines, found = Lines(text), []
    reader = csv.reader(lines)
    try:
        for cells in reader:
            found.append((cells, lines.take()))
    except csv.Error as error:
        message = field_limit_message() if "field limit" in str(error) else f"malformed CSV: {error}"
        raise DataFileError([Problem(shown, len(found) + 1, "", message)]) from None
    return found


def read_table(path: Path, shown: str | None = None) -> CsvText:
    """A CSV file as a CsvText, after csvfile's checks (found, size, binary, UTF-8, empty); DataFileError else."""
    shown = shown or str(path)
    check_text_file(Path(path), shown)
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return CsvText.parse(handle.read(), shown)


def field_spans(raw: str) -> list[tuple[int, int]]:
    """Where each field of one CSV record lies in its source text (quotes included)."""
    spans, i, end = [], 0, len(raw.rstrip("\r\n"))
    while True:
        start = i
        if i < end and raw[i] == '"':
            i += 1
            while i < end:
                if raw[i] == '"':
                    if i + 1 < end and raw[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                i += 1
        while i < end and raw[i] != ",":
            i += 1
        spans.append((start, i))
        if i >= end:
            return spans
        i += 1


def quote_cell(value: str) -> str:
    """A cell as CSV text: quoted (quotes doubled) only when it holds a comma, a quote, CR or LF.

    csv.writer leaves a lone CR unquoted when the line ending is LF, and readers then split the record there.
    """
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(ch in value for ch in ',"\r\n') else value


def replace_cells(raw: str, cells: list[str], changes: dict[int, str]) -> str:
    """The record with only the changed cells rewritten; everything else keeps its exact bytes."""
    wanted = [changes.get(i, c) for i, c in enumerate(cells)]
    spans = field_spans(raw)
    if len(spans) == len(cells):
        out, last = [], 0
        for index in sorted(changes):
            start, stop = spans[index]
            out += [raw[last:start], quote_cell(changes[index])]
            last = stop
        rewritten = "".join(out) + raw[last:]
        try:
            if next(csv.reader(Lines(rewritten)), None) == wanted:
                return rewritten
        except csv.Error:  # cannot happen for cells that were read; re-quote the record below
            pass
    return render(wanted, raw[len(raw.rstrip("\r\n")) :])  # fall back to re-quoting this one record


def render(cells: list[str], newline: str) -> str:
    """A record as minimal quoting writes it, ended with the file's own line ending."""
    if len(cells) == 1 and cells[0] == "":
        return '""' + newline  # a lone empty cell must not read as a blank line
    return ",".join(quote_cell(cell) for cell in cells) + newline


@dataclass
class CsvText:
    """A CSV file as its BOM and records: edit records, then `text()` gives the file back, changed only there."""

    bom: str
    header: list[str]
    rows: list[tuple[list[str], str]] = field(default_factory=list)  # data records, blank lines included
    header_raw: str = ""

    @classmethod
    def parse(cls, text: str, shown: str = "CSV text") -> CsvText:
        bom = BOM if text.startswith(BOM) else ""
        found = records(text[len(bom) :], shown)
        if not found:
            return cls(bom, [], [], "")
        (header, header_raw), rows = found[0], found[1:]
        return cls(bom, header, rows, header_raw)

    @property
    def names(self) -> list[str]:
        return [name.strip() for name in self.header]

    @property
    def newline(self) -> str:
        """The file's line ending, read off its header (CRLF from Excel, LF elsewhere)."""
        ending = self.header_raw[len(self.header_raw.rstrip("\r\n")) :]
        return ending or "\n"

    def text(self) -> str:
        return self.bom + self.header_raw + "".join(raw for _, raw in self.rows)

    def append(self, cells: list[str]) -> None:
        """Add a record at the end; a last record without a line ending gets the file's first."""
        if self.rows and not self.rows[-1][1].endswith(("\n", "\r")):
            cells_last, raw_last = self.rows[-1]
            self.rows[-1] = (cells_last, raw_last + self.newline)
        elif not self.rows and self.header_raw and not self.header_raw.endswith(("\n", "\r")):
            self.header_raw += "\n"
        self.rows.append((list(cells), render(cells, self.newline)))

    def data_rows(self) -> list[int]:
        """Indexes into `rows` of the non-blank records, in order (blank lines are no rows for a reader)."""
        return [i for i, (cells, _) in enumerate(self.rows) if cells]
