"""A place the gazetteer lacks, added from the desk: a row of places.csv with the desk's guarantees.

The place is written like an event: checked first (the gazetteer's own rules, the text rule, a name or alias
that reads the same as another place's is refused), logged first in places.changes.jsonl beside the file, then
written atomically under the file's lock; a failure puts the log back. Undo removes the last added place when its
row is still as added. The point's public reference is required, as for every place.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from eventmap import schema
from eventmap.csvrecords import CsvText, read_table
from eventmap.curate import log
from eventmap.curate.hygiene import MAX_NAME, nfc, text_problems
from eventmap.curate.journal import commit_file
from eventmap.files import LockBusy, locked
from eventmap.geocode.base import KINDS, normalise
from eventmap.geocode.gazetteer import OPTIONAL_PLACE_COLUMNS, PLACE_COLUMNS
from eventmap.problems import DataFileError, Problem

_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d+)?$")
LOCK_WAIT_S = 10.0


@dataclass(frozen=True)
class PlaceForm:
    name: str
    aliases: str  # separated by schema.LIST_SEPARATOR
    latitude: str
    longitude: str
    kind: str
    radius_km: str
    country: str
    reference: str  # where the point came from: required

    def row(self) -> dict[str, str]:
        return {name: nfc(str(value).strip()) for name, value in asdict(self).items()}


def places_log(places: Path) -> Path:
    return Path(places).with_name(f"{Path(places).stem}.changes.jsonl")


def _labels(row: dict[str, str]) -> list[str]:
    return [row["name"], *(a.strip() for a in row.get("aliases", "").split(schema.LIST_SEPARATOR) if a.strip())]


def form_problems(row: dict[str, str], table: CsvText, shown: str) -> list[Problem]:
    """Every problem of the new place, by field; the gazetteer's rules and the desk's text rule."""
    problems = text_problems({k: v for k, v in row.items() if k != "reference"}, shown, None)
    checks = (
        (
            "name",
            bool(normalise(row["name"])) and len(row["name"]) <= MAX_NAME,
            f"a name of 1 to {MAX_NAME} characters",
        ),
        (
            "latitude",
            bool(_DECIMAL.match(row["latitude"])) and abs(float(row["latitude"] or 0)) <= 85.0511,
            "a decimal latitude within the map, -85.05..85.05",
        ),
        (
            "longitude",
            bool(_DECIMAL.match(row["longitude"])) and abs(float(row["longitude"] or 0)) <= 180,
            "a decimal longitude, -180..180",
        ),
        ("kind", row["kind"] in KINDS, f"one of: {', '.join(KINDS)}"),
        (
            "radius_km",
            bool(re.match(r"^\d+(\.\d+)?$", row["radius_km"])) and float(row["radius_km"] or 0) > 0,
            "a positive number of km",
        ),
        ("reference", bool(row["reference"]), "give the public reference the point was taken from"),
    )
    problems += [Problem(shown, None, column, message) for column, ok, message in checks if not ok]
    taken = {normalise(label): r[0] for r, _ in table.rows if r for label in _labels(dict(zip(table.names, r)))}
    for label in _labels(row):
        if normalise(label) in taken:
            problems.append(
                Problem(
                    shown,
                    None,
                    "aliases" if label != row["name"] else "name",
                    f"{label!r} reads the same as a name of {taken[normalise(label)]!r}: look it up",
                )
            )
    return problems


def _read(places: Path, problems: list[Problem]) -> CsvText | None:
    if not places.exists():
        return CsvText.parse(",".join(PLACE_COLUMNS) + "\n")
    try:
        table = read_table(places)
    except DataFileError as error:
        problems += error.problems
        return None
    except OSError as error:
        problems.append(Problem(places.name, None, "", f"cannot be read ({error.strerror})"))
        return None
    if [n.strip() for n in table.names] not in (list(PLACE_COLUMNS), [*PLACE_COLUMNS, *OPTIONAL_PLACE_COLUMNS]):
        problems.append(Problem(places.name, 1, "", "header is not " + ",".join(PLACE_COLUMNS)))
        return None
    return table


def read_journal(path: Path, problems: list[Problem]) -> list[dict]:
    if not path.exists():
        return []
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as error:
        problems.append(Problem(path.name, None, "", f"the places' change log cannot be read ({error})"))
        return []


def _commit(places: Path, table: CsvText, entry: dict, entries: list[dict]) -> list[Problem]:
    return commit_file(places, table.text(), places_log(places), [*entries, entry], "the places' change log")


def add_place(form: PlaceForm, places: Path, editor: str) -> list[Problem]:
    """Add the place (logged, atomic) or say why not; nothing is written on a problem."""
    places, problems = Path(places), []
    if not places.parent.is_dir():
        return [Problem(places.name, None, "", "the data folder was not found")]
    try:
        with locked(places, timeout=LOCK_WAIT_S):
            table, entries = _read(places, problems), read_journal(places_log(places), problems)
            if table is None or problems:
                return problems
            row = form.row()
            if problems := form_problems(row, table, places.name):
                return problems
            table.append([row.get(name.strip(), "") for name in table.names])  # name_ar: none from the desk
            entry = {"seq": len(entries) + 1, "time": log.now_utc(), "editor": editor, "action": "add", "after": row}
            return _commit(places, table, entry, entries)
    except LockBusy:
        return [Problem(places.name, None, "", "the places file is busy (held by another save); try again")]


def undo_place(places: Path, editor: str) -> list[Problem]:
    """Remove the last place added from the desk, as a new logged change, if its row is still as added."""
    places, problems = Path(places), []
    with locked(places, timeout=LOCK_WAIT_S):
        table, entries = _read(places, problems), read_journal(places_log(places), problems)
        undone = {e.get("undoes") for e in entries}
        target = next((e for e in reversed(entries) if e["action"] == "add" and e["seq"] not in undone), None)
        if table is None or problems or target is None:
            return problems or [Problem(places.name, None, "", "no place added from the desk to undo")]
        wanted = [target["after"][name.strip()] for name in table.names]
        index = next((i for i, (cells, _) in enumerate(table.rows) if cells == wanted), None)
        if index is None:
            return [Problem(places.name, None, "name", f"{target['after']['name']!r} changed since it was added")]
        del table.rows[index]
        if not table.rows:  # the gazetteer refuses a places file without rows
            return [
                Problem(places.name, None, "name", "this would leave the places file with no rows; add another first")
            ]
        entry = {
            "seq": len(entries) + 1,
            "time": log.now_utc(),
            "editor": editor,
            "action": "undo",
            "undoes": target["seq"],
            "before": target["after"],
        }
        return _commit(places, table, entry, entries)
