"""Read a CSV file as text cells, or say exactly why it cannot be read."""

from __future__ import annotations

import codecs
import contextlib
import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventmap.problems import DataFileError, Problem

# Limits a user can see (README "Limits"); each is said in the message that enforces it.
MAX_FILE_BYTES = 1_000_000_000  # 1 GB: a million-row ACLED export is about half of that
MAX_COLUMNS = 1_000  # ACLED ships 31 columns, ours are 23
MAX_FIELD_CHARS = 10_000_000  # characters in one cell; a long report's notes are a few thousand

csv.field_size_limit(MAX_FIELD_CHARS)  # the stdlib reader (headers, geocode-file) stops at the same size
_CHUNK = 1 << 24
_MAX_BLOCK = 1 << 26  # pyarrow's block must hold the largest record: 64 MB > 4 bytes x MAX_FIELD_CHARS
_BLANK_LINE = (b"\n\n", b"\n\r\n", b"\r\r")
_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (an .xlsx workbook?): save it from the spreadsheet as 'CSV UTF-8'",
    b"\xd0\xcf\x11\xe0": "an old Excel/Office file: save it as 'CSV UTF-8'",
    b"%PDF": "a PDF document, not a CSV file",
    b"\x89PNG": "a PNG image, not a CSV file",
    b"PAR1": "a Parquet file, not a CSV file",
}


def _file_problem(path: str, message: str, row: int | None = None) -> DataFileError:
    return DataFileError([Problem(path, row, "", message)])


def _guess_encoding(sample: bytes) -> str:
    for name, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        try:
            sample.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "an 8-bit legacy encoding"


def check_text_file(path: Path, shown: str) -> bool:
    """Raise DataFileError unless path is a non-empty UTF-8 text file within the limits; streams, so big files
    cost no memory. Returns whether the file holds blank lines (then rows are numbered the slow way)."""
    if not path.exists():
        raise _file_problem(shown, "file not found")
    if path.is_dir():
        raise _file_problem(shown, "is a folder, not a CSV file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _file_problem(
            shown,
            f"file is {size / 1e6:,.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:,.0f} MB "
            "(MAX_FILE_BYTES): split it, or filter it by date first",
        )
    with path.open("rb") as handle:
        head = handle.read(4096)
        _check_head(head, shown)
        handle.seek(0)
        return _check_utf8(handle, shown)


def _check_head(head: bytes, shown: str) -> None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        raise _file_problem(shown, "file is empty: expected a header row and at least one data row")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _file_problem(shown, "file is UTF-16 (Excel 'Unicode Text'); save it as 'CSV UTF-8' instead")
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise _file_problem(shown, f"binary file: this is {what}")
    if text[:1] in (b"{", b"["):
        raise _file_problem(shown, "this is JSON (GeoJSON?), not a CSV file: export the table as CSV")


def _check_utf8(handle, shown: str) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, lines, tail = 0, 1, b"\n"  # a blank first line counts as a blank line too
    blank = False
    while chunk := handle.read(_CHUNK):
        if (nul := chunk.find(b"\x00")) >= 0:
            raise _file_problem(
                shown,
                "binary file (it contains NUL bytes): expected a UTF-8 CSV text file",
                row=lines + chunk.count(b"\n", 0, nul),
            )
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            bad = offset + error.start
            line = lines + chunk.count(b"\n", 0, error.start)
            sample = chunk[max(0, error.start - 200) : error.start + 200]
            raise _file_problem(
                shown,
                f"not UTF-8 text (byte 0x{chunk[error.start]:02X} at byte offset {bad}); it looks like "
                f"{_guess_encoding(sample)}: re-save it as 'CSV UTF-8', or convert it with "
                f"`iconv -f WINDOWS-1252 -t UTF-8`",
                row=line,
            ) from None
        joined = tail + chunk[:4]
        blank = blank or any(mark in chunk or mark in joined for mark in _BLANK_LINE)
        tail = chunk[-2:]
        offset += len(chunk)
        lines += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _file_problem(shown, "not UTF-8 text: the file ends in the middle of a character") from None
    return blank


def read_header(path: Path, *, strip: bool = True) -> list[str]:
    """The header's column names; tolerant of bad bytes, which read_cells reports properly."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        try:
            names = next((record for record in csv.reader(handle) if record), [])
        except csv.Error:
            names = []  # a header cell over MAX_FIELD_CHARS: read_cells says so, with the limit
    return [name.strip() for name in names] if strip else names


def _check_header(path: Path, shown: str) -> list[str]:
    """The stripped header, refused when too wide or with a name twice; linear in the number of columns."""
    raw = read_header(path, strip=False)
    if len(raw) > MAX_COLUMNS:
        raise _file_problem(
            shown,
            f"the header has {len(raw):,} columns; the limit is {MAX_COLUMNS:,} "
            "(MAX_COLUMNS): is this really a table of events?",
            row=1,
        )
    counts = Counter(name.strip() for name in raw)
    duplicated = sorted(name for name, count in counts.items() if count > 1)
    if duplicated:
        raise DataFileError(
            [Problem(shown, 1, name, "column appears more than once in the header") for name in duplicated]
        )
    return raw


def read_cells(path: Path, shown: str | None = None) -> pd.DataFrame:
    """All cells as text, exactly as written: 'NA', 'None' and '' stay text, nothing becomes NaN.

    `shown` is the name used in messages (an upload's own file name rather than its temporary path). When the
    file has blank lines, frame.attrs["rows"] holds each record's row number as a spreadsheet shows it.
    """
    shown = shown or str(path)
    blank_lines = check_text_file(path, shown)
    raw = _check_header(path, shown)
    size = path.stat().st_size
    try:
        # pyarrow's reader: multi-threaded, five times faster than pandas' on a million rows. Every column is
        # text and nothing is null, so 'NA' and 'None' stay what they are. A block must hold the largest record.
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=_block_size(size)),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in raw},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        located = None if blank_lines else _wrong_width(path, shown, size)
        raise located or _parse_problem(path, shown, error) from None
    rows = spreadsheet_rows(path, table.num_rows) if blank_lines else None
    _check_field_sizes(table, shown, rows)
    frame = table.to_pandas()
    frame.columns = [str(name).strip() for name in frame.columns]
    if frame.empty:
        raise _file_problem(shown, "no data rows: the file has a header but no events", row=2)
    if rows is not None:
        frame.attrs["rows"] = rows
    return frame


def _block_size(size: int) -> int:
    """pyarrow's block must hold the largest record: the whole file when it is small, else 64 MB."""
    return max(1 << 20, min(size + 1, _MAX_BLOCK))


def _field_limit() -> str:
    return (
        f"a cell longer than {MAX_FIELD_CHARS:,} characters; the limit is {MAX_FIELD_CHARS:,} "
        "(MAX_FIELD_CHARS): is a quote left open above it?"
    )


def _check_field_sizes(table: pa.Table, shown: str, rows: list[int] | None) -> None:
    for index, name in enumerate(table.column_names):
        lengths = pc.utf8_length(table.column(index))
        if table.num_rows and pc.max(lengths).as_py() > MAX_FIELD_CHARS:
            record = pc.index(pc.greater(lengths, MAX_FIELD_CHARS), True).as_py()
            row = rows[record] if rows is not None else record + 2
            raise DataFileError([Problem(shown, row, name.strip(), _field_limit())])


def spreadsheet_rows(path: Path, count: int) -> list[int] | None:
    """Row number of each data record as a spreadsheet shows it (blank lines are rows there), or None when the
    stdlib reader and pyarrow disagree on the records. Only for files with blank lines: it is slower."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        numbers = [number for number, record in enumerate(csv.reader(handle), start=1) if record]
    return numbers[1:] if len(numbers) == count + 1 else None


def _wrong_width(path: Path, shown: str, size: int) -> DataFileError | None:
    """The first record with the wrong number of cells, found by pyarrow itself in one thread (so it counts
    records: without blank lines, the row a spreadsheet shows); memory stays flat however wide the record."""
    found = []

    def first_bad(row) -> str:
        found.append(row)
        return "error"

    with contextlib.suppress(pa.ArrowInvalid, pa.ArrowTypeError):
        pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(use_threads=False, block_size=_block_size(size)),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=first_bad),
        )
    if not found or found[0].number is None or found[0].actual_columns <= found[0].expected_columns:
        return None  # too few cells: an open quote, say, which the stdlib reader locates better
    row = found[0]
    return _file_problem(
        shown, f"malformed CSV: {row.actual_columns:,} cells but the header has {row.expected_columns}", row=row.number
    )


def _parse_problem(path: Path, shown: str, error: Exception) -> DataFileError:
    """pyarrow does not say where a CSV breaks; the stdlib reader does, so ask it on this (rare) path."""
    width = None
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        row = 0
        try:
            for row, record in enumerate(reader, start=1):
                if not record:
                    continue
                if width is None:
                    width = len(record)
                elif len(record) != width:
                    return _file_problem(
                        shown, f"malformed CSV: {len(record)} cells but the header has {width}", row=row
                    )
        except csv.Error as located:
            if "field limit" in str(located):
                return _file_problem(shown, _field_limit(), row=row + 1)
            return _file_problem(shown, f"malformed CSV: {located}", row=row + 1)
    return _file_problem(shown, f"malformed CSV: {str(error)[:200]}")
