"""The checks a candidate row meets before any save: by field, with hostile values, and duplicates and ids."""

from __future__ import annotations

from eventmap.curate.check import as_cells, next_id, possible_duplicates, row_problems
from tests.curate.deskfiles import NEW_EVENT, ROWS, SOURCE_ID, SOURCE_TEXT


def problems_of(row: dict, taken: dict | None = None) -> list[tuple[str, str]]:
    found = row_problems(
        as_cells(row),
        "events.csv",
        4,
        known_sources={SOURCE_ID},
        source_texts={SOURCE_ID: SOURCE_TEXT},
        taken_ids=taken or {},
    )
    assert all(p.path == "events.csv" and p.row == 4 for p in found)
    return [(p.column, p.message) for p in found]


def test_a_good_row_has_no_problems():
    assert problems_of(NEW_EVENT | {"event_id_cnty": "EM-IRQ-009"}) == []


def test_problems_are_by_field():
    row = NEW_EVENT | {
        "event_id_cnty": "EM-IRQ-001",
        "sub_event_type": "Air/drone strike",
        "latitude": 95,
        "actor1": " Protesters (Iraq)",
        "notes": "tab\x07bell",
        "extra": "x",
        "source_quote": "Protesters marched in Basra.",
    }
    columns = {column for column, _ in problems_of(row, {"EM-IRQ-001": "on row 2"})}
    assert {"extra", "sub_event_type", "latitude", "actor1", "notes", "source_quote", "event_id_cnty"} <= columns


def test_cells_are_text_as_written():
    assert as_cells({"a": None, "b": 3.0, "c": True, "d": "=1+1"}) == {"a": "", "b": "3.0", "c": "True", "d": "=1+1"}


def test_possible_duplicates_are_same_day_place_and_sub_type():
    existing = [as_cells(r) for r in ROWS]
    same = ROWS[0] | {"event_id_cnty": "new", "location": " camp ALPHA "}
    assert [r["event_id_cnty"] for r in possible_duplicates(as_cells(same), existing)] == ["EM-IRQ-001"]
    by_point = ROWS[0] | {"event_id_cnty": "new", "location": "elsewhere", "latitude": "33.10000"}
    assert len(possible_duplicates(as_cells(by_point), existing)) == 1
    other_day = ROWS[0] | {"event_id_cnty": "new", "event_date": "2023-12-02"}
    assert possible_duplicates(as_cells(other_day), existing) == []
    assert possible_duplicates(as_cells(ROWS[0]), existing) == []  # a row is no duplicate of itself


def test_next_id_follows_the_theatres_prefix_and_numbering():
    existing = [
        {"event_id_cnty": "EM-IRQ-007", "theatre": "Iraq"},
        {"event_id_cnty": "EM-IRQ-012", "theatre": "Iraq"},
        {"event_id_cnty": "EM-SEA-001", "theatre": "Red Sea"},
    ]
    assert next_id({"theatre": "Iraq"}, existing) == "EM-IRQ-013"
    assert next_id({"theatre": "Red Sea"}, existing) == "EM-SEA-002"
    assert next_id({"theatre": "Gulf of Aden"}, existing) == "EM-GUL-001"
    assert next_id({"theatre": "<>"}, []) == "EM-EVT-001"
