"""Register a source report: its text stored in the sources folder under a stable id, a row in sources.csv.

The id is `<NNN>_<first 16 hex of the SHA-256 of the text>.txt`, like the shipped reports: the number orders
the reports, the hash names the text. The same text (white space aside) is recognised, never stored twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from eventmap import schema
from eventmap.csvrecords import CsvText, read_table
from eventmap.files import atomic_write, locked
from eventmap.problems import DataFileError, Problem
from eventmap.quotes import normalise_space

SOURCES_ENV = schema.SOURCES_ENV
_ID = re.compile(r"^(\d{3,})_([0-9a-f]{16})\.txt$")
_LF_HEADER = ",".join(schema.SOURCE_COLUMNS) + "\n"


@dataclass(frozen=True)
class SourceForm:
    """What the editor gives for a report; `url` and `timezone` are kept in published_how (no column of their own)."""

    text: str
    title: str
    published: str
    outlet: str = ""
    url: str = ""
    timezone: str = ""
    how: str = ""


@dataclass(frozen=True)
class Registered:
    source_id: str
    new: bool  # False: the same text was already registered under this id


def text_hash(text: str) -> str:
    """16 hex digits naming a text; white space is folded, so a re-pasted copy is recognised."""
    return hashlib.sha256(normalise_space(text).encode("utf-8")).hexdigest()[:16]


def sources_csv_for(events_path: Path) -> Path:
    """The sources.csv the desk writes: the one beside the events file (validate reads it from there)."""
    return schema.data_files(Path(events_path).parent).sources


def check_form(form: SourceForm, shown: str) -> list[Problem]:
    """Every problem with the form, by field; empty when it can be registered."""
    problems = []
    if not normalise_space(form.text):
        problems.append(Problem(shown, None, "text", "the report's full text is required"))
    if not form.title.strip():
        problems.append(Problem(shown, None, "title", "required value is empty"))
    try:
        dt.date.fromisoformat(form.published.strip())
    except ValueError:
        problems.append(Problem(shown, None, "published", f"not a date: {form.published!r} (use YYYY-MM-DD)"))
    for name in ("title", "outlet", "url", "timezone", "how"):
        if "\n" in getattr(form, name) or "\r" in getattr(form, name):
            problems.append(Problem(shown, None, name, "must be one line"))
    return problems


def _published_how(form: SourceForm) -> str:
    parts = [form.how.strip() or "Given by the editor on the desk"]
    if form.timezone.strip():
        parts.append(f"time zone {form.timezone.strip()}")
    if form.url.strip():
        parts.append(f"URL {form.url.strip()}")
    return "; ".join(parts)


def find_text(folder: Path, text: str) -> str | None:
    """The id under which this text is already stored in the folder, if it is."""
    wanted = text_hash(text)
    for path in sorted(Path(folder).glob("*.txt")):
        found = _ID.match(path.name)
        if found and found.group(2) == wanted:
            return path.name
    for path in sorted(Path(folder).glob("*.txt")):  # reports stored under other names or hashes
        if normalise_space(path.read_text(encoding="utf-8", errors="replace")) == normalise_space(text):
            return path.name
    return None


def next_number(folder: Path, table: CsvText) -> int:
    names = [p.name for p in Path(folder).glob("*.txt")] + [cells[0] for cells in (c for c, _ in table.rows) if cells]
    numbers = [int(m.group(1)) for name in names if (m := _ID.match(name.strip()))]
    return max(numbers, default=-1) + 1


def register_source(form: SourceForm, folder: Path, sources_csv: Path) -> tuple[Registered | None, list[Problem]]:
    """Store the text and add its sources.csv row, under a lock; a text already there is recognised."""
    problems = check_form(form, str(sources_csv))
    folder = Path(folder)
    if not folder.is_dir():
        problems.append(
            Problem(str(folder), None, "", f"sources folder not found (give --sources DIR or set {SOURCES_ENV})")
        )
    if not Path(sources_csv).parent.is_dir():
        problems.append(
            Problem(
                str(Path(sources_csv).parent), None, "", "folder not found (it holds the events file and sources.csv)"
            )
        )
    if problems:
        return None, problems
    with locked(sources_csv):
        try:
            table = read_table(sources_csv) if sources_csv.exists() else CsvText.parse(_LF_HEADER)
        except DataFileError as error:
            return None, error.problems
        if table.names != list(schema.SOURCE_COLUMNS):
            return None, [Problem(str(sources_csv), 1, "", "header is not " + ",".join(schema.SOURCE_COLUMNS))]
        existing = find_text(folder, form.text)
        listed = {cells[0].strip() for cells, _ in table.rows if cells}
        source_id = existing or f"{next_number(folder, table):03d}_{text_hash(form.text)}.txt"
        if existing is None:
            atomic_write(folder / source_id, [form.text])
        if source_id not in listed:
            row = {
                "source_id": source_id,
                "title": form.title.strip(),
                "outlet": form.outlet.strip(),
                "published": form.published.strip(),
                "published_how": _published_how(form),
            }
            table.append([row[name.strip()] for name in table.header])
            atomic_write(sources_csv, [table.text()])
        return Registered(source_id, existing is None or source_id not in listed), []


def read_sources_table(sources_csv: Path) -> list[dict[str, str]]:
    """The rows of sources.csv as dicts (the desk lists them to pick from); empty when there is no file."""
    try:
        table = read_table(Path(sources_csv))
    except DataFileError:
        return []  # the page then lists no source; validate and add-source say what is wrong with the file
    return [dict(zip(table.names, cells)) for cells, _ in table.rows if cells]
