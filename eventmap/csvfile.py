"""Read a CSV file as text cells, or say exactly why it cannot be read."""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from eventmap.problems import DataFileError, Problem

_CHUNK = 1 << 24
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


def check_text_file(path: Path, shown: str) -> None:
    """Raise DataFileError unless path is a non-empty UTF-8 text file; streams, so big files cost no memory."""
    if not path.exists():
        raise _file_problem(shown, "file not found")
    if path.is_dir():
        raise _file_problem(shown, "is a folder, not a CSV file")
    with path.open("rb") as handle:
        head = handle.read(4096)
        if not head.strip(b"\xef\xbb\xbf \t\r\n"):
            raise _file_problem(shown, "file is empty: expected a header row and at least one data row")
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise _file_problem(shown, "file is UTF-16 (Excel 'Unicode Text'); save it as 'CSV UTF-8' instead")
        for signature, what in _SIGNATURES.items():
            if head.startswith(signature):
                raise _file_problem(shown, f"binary file: this is {what}")
        if b"\x00" in head:
            raise _file_problem(shown, "binary file (it contains NUL bytes): expected a UTF-8 CSV text file")
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset, lines = 0, 1
        while chunk := handle.read(_CHUNK):
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
            offset += len(chunk)
            lines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise _file_problem(shown, "not UTF-8 text: the file ends in the middle of a character") from None


def read_header(path: Path, *, strip: bool = True) -> list[str]:
    """The header's column names; tolerant of bad bytes, which read_cells reports properly."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        names = next(csv.reader(handle), [])
    return [name.strip() for name in names] if strip else names


def read_cells(path: Path, shown: str | None = None) -> pd.DataFrame:
    """All cells as text, exactly as written: 'NA', 'None' and '' stay text, nothing becomes NaN.

    `shown` is the name used in messages (an upload's own file name rather than its temporary path).
    """
    shown = shown or str(path)
    check_text_file(path, shown)
    header = read_header(path)
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise DataFileError([Problem(shown, 1, name, "column appears more than once in the header") for name in duplicated])
    try:
        # pyarrow's reader: multi-threaded, five times faster than pandas' on a million rows. Every column is
        # text and nothing is null, so 'NA' and 'None' stay what they are.
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in read_header(path, strip=False)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
        )
    except pa.ArrowInvalid as error:
        raise _parse_problem(path, shown, error) from None
    frame = table.to_pandas()
    frame.columns = [str(name).strip() for name in frame.columns]
    if frame.empty:
        raise _file_problem(shown, "no data rows: the file has a header but no events", row=2)
    return frame


def _parse_problem(path: Path, shown: str, error: Exception) -> DataFileError:
    """pyarrow does not say where a CSV breaks; pandas' parser does, so ask it on this (rare) path."""
    try:
        pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.ParserError as located:
        found = re.search(r"line (\d+)", str(located))
        return _file_problem(shown, f"malformed CSV: {located}".strip(), row=int(found.group(1)) if found else None)
    except (ValueError, pd.errors.EmptyDataError):
        pass
    return _file_problem(shown, f"malformed CSV: {str(error)[:200]}")
