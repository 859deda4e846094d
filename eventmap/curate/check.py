"""The checks a candidate row goes through before any save: the loader's own rules, the quote, the id, duplicates."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from eventmap import schema
from eventmap.curate.hygiene import nfc
from eventmap.curate.table import ID, Row
from eventmap.load import load_known_sources, sources_beside
from eventmap.problems import DataFileError, Problem
from eventmap.quotes import normalise_space
from eventmap.validate import check_events

_NUMBER = re.compile(r"^(.*?)-(\d+)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")  # readers take NUL for a binary file


def as_cells(values: Mapping[str, object]) -> Row:
    """A row as text cells, the way they will be written: None is empty, 3.0 stays 3.0, True is 'True'; NFC."""
    return {str(k): "" if v is None else nfc(str(v)) for k, v in values.items()}


def row_problems(
    row: Row,
    shown: str,
    number: int,
    *,
    known_sources: set[str] | None,
    source_texts: Mapping[str, str] | None,
    taken_ids: Mapping[str, str],
) -> list[Problem]:
    """Every problem of one candidate row, by field: unknown columns, the loader's rules, quote and id."""
    problems = [
        Problem(shown, number, name, "unknown column (expected one of the events columns)")
        for name in row
        if name not in schema.EVENT_COLUMN_NAMES
    ]
    frame = pd.DataFrame({name: pd.Series([row.get(name, "")], dtype="str") for name in schema.EVENT_COLUMN_NAMES})
    frame["row_number"] = number
    problems += check_events(frame, shown, curated=True, known_sources=known_sources, source_texts=source_texts)[1]
    event_id = row.get(ID, "").strip()
    if event_id in taken_ids:
        problems.append(Problem(shown, number, ID, f"id {event_id!r} is already used {taken_ids[event_id]}"))
    for name, value in row.items():
        if name in schema.EVENT_COLUMN_NAMES and value != value.strip() and name not in ("notes", "source_quote"):
            problems.append(Problem(shown, number, name, "starts or ends with spaces; remove them"))
        if _CONTROL.search(value):
            problems.append(Problem(shown, number, name, "contains a control character; paste it as plain text"))
    return problems


MIN_QUOTE_WORDS, MIN_QUOTE_CHARS = 4, 20  # a clause at least: "a" is in every report (data/README.md)


def quote_problems(row: Row, shown: str, number: int) -> list[Problem]:
    """Each ' | '-joined passage of a new or changed quote must be a clause, not a word found anywhere."""
    short = [
        passage
        for passage in (p.strip() for p in row.get("source_quote", "").split(" | "))
        if passage and (len(passage.split()) < MIN_QUOTE_WORDS or len(passage) < MIN_QUOTE_CHARS)
    ]
    return [
        Problem(
            shown,
            number,
            "source_quote",
            f"too short to support an event: {passage[:40]!r}; quote at least a clause "
            f"({MIN_QUOTE_WORDS} words and {MIN_QUOTE_CHARS} characters)",
        )
        for passage in short
    ]


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def possible_duplicates(row: Row, existing: list[Row]) -> list[Row]:
    """Rows on the same day, at the same place (name or point) and of the same sub-type as the candidate."""

    def place(r: Row) -> tuple[str, str]:
        point = ""
        with contextlib.suppress(ValueError):
            point = f"{round(float(r.get('latitude', '')), 4)},{round(float(r.get('longitude', '')), 4)}"
        return normalise_space(r.get("location", "")).casefold(), point

    name, point = place(row)
    same = []
    for other in existing:
        if other.get(ID, "").strip() == row.get(ID, "").strip():
            continue
        if (
            other.get("event_date", "").strip() != row.get("event_date", "").strip()
            or other.get("sub_event_type", "").strip() != row.get("sub_event_type", "").strip()
        ):
            continue
        other_name, other_point = place(other)
        if (
            (name and name == other_name)
            or (point and point == other_point)
            or (not name and not other_name and not point and not other_point)
        ):
            same.append(other)
    return same


def next_id(row: Row, existing: list[Row], used: Iterable[str] = ()) -> str:
    """EM-<area>-<number>: the area most rows of the same theatre use, numbered after the highest ever used (rows
    of the files, and `used`: ids of the change log and the retired-ids table), so no id is given twice."""
    theatre = row.get("theatre", "").strip()
    prefixes = Counter(
        m.group(1)
        for r in existing
        if r.get("theatre", "").strip() == theatre and (m := _NUMBER.match(r.get(ID, "").strip()))
    )
    if prefixes:
        prefix = prefixes.most_common(1)[0][0]
    else:
        letters = re.sub(r"[^A-Za-z]", "", theatre).upper()[:3]
        prefix = f"EM-{letters or 'EVT'}"
    every = [r.get(ID, "").strip() for r in existing] + [str(u).strip() for u in used]
    matches = [m for event_id in every if (m := _NUMBER.match(event_id))]
    numbers = [int(m.group(2)) for m in matches if m.group(1) == prefix]
    width = max((len(m.group(2)) for m in matches), default=3)
    return f"{prefix}-{max(numbers, default=0) + 1:0{max(width, 3)}d}"


def known_sources_for(events: Path) -> set[str] | None:
    """The source ids validate accepts for this events file (sources.csv beside it, else the project's)."""
    path = sources_beside(Path(events))
    try:
        return load_known_sources(path)
    except (DataFileError, KeyError, OSError):  # validate reports an unreadable sources.csv; here none is known
        return set()
