"""Each validation rule flags exactly its rows with a located message; good rows become the typed frame."""

from __future__ import annotations

import pandas as pd
import pytest

from eventmap import schema, validate
from eventmap.categories import categorise
from tests.sample import event_rows


def cells(rows: list[dict[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(schema.EVENT_COLUMN_NAMES), dtype="str")
    return frame.assign(row_number=range(2, len(frame) + 2))


def check(rows, curated=True):
    return validate.check_events(cells(rows), "f.csv", curated=curated)


def messages(problems) -> set[tuple[int | None, str, str]]:
    return {(p.row, p.column, p.message) for p in problems}


def test_the_sample_is_valid_and_typed_as_the_schema_says():
    frame, problems = check(event_rows())
    assert problems == []
    for column in schema.EVENT_COLUMNS:
        kind = frame[column.name].dtype
        expected = {"date": "M", "float": "f", "int": "i"}.get(column.kind)
        if expected:
            assert kind.kind == expected, column.name
        elif column.label:
            assert isinstance(kind, pd.CategoricalDtype), column.name
    assert frame["time_precision"].dtype == "Int8" and frame["geo_precision"].isna().sum() == 1


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("event_date", "2024-02-30", "not a date: '2024-02-30' (use YYYY-MM-DD)"),
        ("event_date", "", "required value is empty"),
        ("alt_event_date", "soon", "not a date: 'soon' (use YYYY-MM-DD)"),
        ("time_precision", "4", "must be 1, 2 or 3, not '4'"),
        ("geo_precision", "0", "must be 1, 2 or 3, not '0'"),
        ("event_type", "Picnic", "unknown event type 'Picnic'"),
        (
            "sub_event_type",
            "Peaceful protest",
            "sub-event type 'Peaceful protest' does not belong to the row's event_type",
        ),
        ("sub_event_type", "Tea", "unknown sub-event type 'Tea'"),
        ("latitude", "north", "not a number: 'north'"),
        ("longitude", "200", "out of range: '200' (must be between -180 and 180)"),
        ("fatalities", "-1", "must be a whole number 0 or more, not '-1'"),
        ("fatalities", "2.5", "must be a whole number 0 or more, not '2.5'"),
        ("source", " ", "required value is empty"),
    ],
)
def test_each_rule_flags_its_row_with_a_located_message(column, value, message):
    rows = event_rows()
    rows[2][column] = value
    frame, problems = check(rows)
    assert any(p.row == 4 and p.column == column and p.message.startswith(message) for p in problems), problems
    assert {p.row for p in problems} == {4}
    assert "SM-003" not in set(frame["event_id_cnty"]) and len(frame) == len(rows) - 1


def test_coordinates_come_in_pairs_and_need_a_precision():
    rows = event_rows()
    rows[0]["longitude"] = ""
    rows[1]["geo_precision"] = ""
    _, problems = check(rows)
    found = messages(problems)
    assert (2, "longitude", "latitude and longitude must both be given or both be empty") in found
    assert (3, "geo_precision", "required when coordinates are given") in found


def test_a_named_place_needs_coordinates_in_curated_files_only():
    rows = [{**row, "country": "Samplestan"} for row in event_rows()]
    rows[0].update(latitude="", longitude="", geo_precision="")
    _, curated = check(rows)
    assert any(p.row == 2 and "no coordinates" in p.message for p in curated)
    _, acled = check(rows, curated=False)
    assert acled == []


def test_duplicate_ids_name_the_first_use():
    rows = event_rows()
    rows[3]["event_id_cnty"] = "SM-001"
    _, problems = check(rows)
    assert (5, "event_id_cnty", "duplicate id 'SM-001', first used on row 2") in messages(problems)


def test_acled_files_need_fewer_values():
    rows = [{**row, "country": "Samplestan"} for row in event_rows()]  # ACLED records every event in a country
    rows[0].update(time_precision="", source="", fatalities="", theatre="")
    frame, problems = check(rows, curated=False)
    assert problems == [] and frame.loc[0, "theatre"] == "Not reported" and frame.loc[0, "fatalities"] == 0
    _, curated = check(rows)
    assert {p.column for p in curated} == {"time_precision", "source", "fatalities", "theatre"}


def test_many_rows_with_one_problem_are_summarised():
    rows = [dict(event_rows()[0], event_id_cnty=f"X-{i}", event_date="bad") for i in range(30)]
    _, problems = check(rows)
    dated = [p for p in problems if p.column == "event_date"]
    assert len(dated) == 21 and dated[-1].row is None and "10 more rows" in dated[-1].message


def test_hostile_text_survives_as_written():
    rows = event_rows()
    frame, problems = check(rows)
    assert problems == []
    assert frame.loc[1, "notes"] == rows[1]["notes"] and frame.loc[4, "target"] == "=cmd|' /C calc'!A0"


def test_categories_follow_the_table_precedence():
    frame = pd.DataFrame(
        {
            "event_type": [
                "Explosions/Remote violence",
                "Explosions/Remote violence",
                "Strategic developments",
                "Battles",
                "Battles",
                "Protests",
                "Unknown",
            ],
            "sub_event_type": [
                "Air/drone strike",
                "Air/drone strike",
                "Disrupted weapons use",
                "Armed clash",
                "Armed clash",
                "Peaceful protest",
                "",
            ],
            "actor1": [
                "Militia",
                schema.US_ACTOR_PREFIX + " (2021-)",
                schema.US_ACTOR_PREFIX + " (2021-)",
                "Militia",
                schema.US_ACTOR_PREFIX,
                "Protesters",
                "X",
            ],
        }
    )
    categories = categorise(frame)
    assert list(categories[:6]) == ["Attack", "US strike", "Interception", "Battles", "US strike", "Protests"]
    assert pd.isna(categories[6])  # a type ACLED does not have gets no colour category (the map's fallback grey)


# --- ACLED's codebook rules (data/README.md, 'Coding rules: ACLED codebook') ---------------------------------


def test_a_sea_area_is_coded_at_precision_3():
    rows = event_rows()
    sea = next(i for i, row in enumerate(rows) if row["location"] == "Sample Sea")
    rows[sea]["geo_precision"] = "2"
    _, problems = check(rows)
    assert messages(problems) == {
        (
            sea + 2,
            "geo_precision",
            "'2' for a sea area or strait: ACLED codes a sea as 3, 'a larger region' (data/README.md)",
        )
    }
    rows[sea]["location"] = "Bravo Town"  # a town may be coded 2 ("near" it)
    assert check(rows)[1] == []


@pytest.mark.parametrize("fatalities", ["1", "2"])
def test_deaths_without_a_number_are_3_or_10_not_1_or_2(fatalities):
    rows = event_rows()
    unknown = next(i for i, row in enumerate(rows) if row["fatalities_reported"] == "unknown")
    rows[unknown]["fatalities"] = fatalities
    _, problems = check(rows)
    message = f"'{fatalities}' with fatalities_reported 'unknown': ACLED estimates deaths without a number as 3 or 10"
    assert messages(problems) == {(unknown + 2, "fatalities", message)}
    rows[unknown]["fatalities_reported"] = ""  # one or two deaths reported as such are counts, not estimates
    assert check(rows)[1] == []


def test_an_acled_format_row_needs_a_country():
    rows = [{**row, "country": "Samplestan"} for row in event_rows()]
    rows[1]["country"] = ""
    _, problems = check(rows, curated=False)
    assert messages(problems) == {
        (3, "country", "required in an ACLED-format file: ACLED records no event without a country")
    }
    assert check(rows)[1] == []  # a curated row at sea, or with no place, has none


def test_names_with_invisible_or_direction_changing_characters_are_refused_but_notes_may_hold_them():
    """A second 'Land' with a zero-width space, or an actor read backwards, cannot enter through a file."""
    rows = event_rows()
    rows[0]["theatre"] = "Land\u200b"
    rows[1]["actor1"] = "\u202eaitilim elpmaS"
    rows[2]["notes"] = "A name written with a zero-width joiner: \u200d is kept in the notes."
    frame, problems = check(rows)
    invisible = sorted((p.row, p.column) for p in problems if "invisible or direction-changing" in p.message)
    assert invisible == [(2, "theatre"), (3, "actor1")]
    assert "\u200d" in frame.loc[frame["event_id_cnty"] == rows[2]["event_id_cnty"], "notes"].iloc[0]


def test_a_name_typed_in_two_unicode_forms_is_one_name():
    """'Café' with a combining accent and with a composed 'é' is one place in a filter (NFC), as on the desk."""
    rows = event_rows()
    rows[0]["location"], rows[1]["location"] = "Cafe\u0301 Base", "Caf\u00e9 Base"
    frame, problems = check(rows)
    assert problems == []
    assert set(frame.loc[frame.index[:2], "location"]) == {"Caf\u00e9 Base"}
