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


MIN_REPORT_CHARS, MIN_REPORT_WORDS = 40, 8  # the full text of a report, not a word or a title
MAX_REPORT_CHARS = 500_000  # a long report is some 50,000; the page refuses a longer paste in the browser
EARLIEST = dt.date(1990, 1, 1)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # NUL, terminal escapes; not tab or line ends


def _published_problem(published: str) -> str | None:
    text = published.strip()
    try:
        day = dt.date.fromisoformat(text) if _ISO_DAY.match(text) else None
    except ValueError:
        day = None
    if day is None:
        return f"not a date: {published!r} (type it as YYYY-MM-DD, e.g. 2024-01-27)"
    if not EARLIEST <= day <= dt.date.today():
        return f"{text} is not a publication date from {EARLIEST.isoformat()} to today"
    return None


def check_form(form: SourceForm, shown: str) -> list[Problem]:
    """Every problem with the form, by field; empty when it can be registered."""
    problems = []
    text = normalise_space(form.text)
    if not text:
        problems.append(Problem(shown, None, "text", "the report's full text is required"))
    elif len(text) < MIN_REPORT_CHARS or len(text.split()) < MIN_REPORT_WORDS:
        problems.append(
            Problem(
                shown,
                None,
                "text",
                f"too short for a report's full text ({len(text)} characters, {len(text.split())} words); paste "
                f"the whole report (at least {MIN_REPORT_CHARS} characters and {MIN_REPORT_WORDS} words)",
            )
        )
    if len(form.text) > MAX_REPORT_CHARS:
        problems.append(Problem(shown, None, "text", f"over {MAX_REPORT_CHARS:,} characters: not one report"))
    if not form.title.strip():
        problems.append(Problem(shown, None, "title", "required value is empty"))
    if (said := _published_problem(form.published)) is not None:
        problems.append(Problem(shown, None, "published", said))
    for name in ("text", "title", "outlet", "url", "timezone", "how"):
        if _CONTROL.search(getattr(form, name)):
            problems.append(Problem(shown, None, name, "contains control characters: paste it as plain text"))
        elif name != "text" and ("\n" in getattr(form, name) or "\r" in getattr(form, name)):
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
            Problem(str(folder), None, "", f"sources folder not found (give --sources DIR or set {schema.SOURCES_ENV})")
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
