"""The contract holds each fact once, and what it says about categories, filters and settings is consistent."""

from __future__ import annotations

import re
from pathlib import Path

from eventmap import schema

ROOT = Path(schema.__file__).resolve().parent.parent


def test_every_category_has_a_distinct_colour_and_a_rule_in_words():
    colours = [c.colour for c in schema.CATEGORY_TABLE]
    assert len(set(colours)) == len(colours)
    assert all(c.rule and all(0 <= v <= 255 for v in c.colour) for c in schema.CATEGORY_TABLE)
    assert schema.colour_of("no such category") == schema.PALETTE["fallback"]


def test_category_conditions_use_acled_codes():
    for category in schema.CATEGORY_TABLE:
        assert set(category.event_types) <= set(schema.EVENT_TYPES), category.name
        subs = {s for subs in schema.SUB_EVENT_TYPES.values() for s in subs}
        assert set(category.sub_event_types) <= subs, category.name


def test_choice_filters_match_columns_of_the_frame():
    names = {*schema.EVENT_COLUMN_NAMES, *schema.DERIVED_COLUMNS}
    for choice in schema.CHOICE_FILTERS:
        assert set(choice.columns) <= names, choice.key
    assert len({c.key for c in schema.CHOICE_FILTERS}) == len(schema.CHOICE_FILTERS)


def test_acled_header_columns_are_acleds_own():
    assert set(schema.ACLED_HEADER_REQUIRED) <= set(schema.ACLED_COLUMNS)
    assert set(schema.ACLED_VALUE_REQUIRED) <= set(schema.ACLED_HEADER_REQUIRED)


def test_the_dataset_folder_is_one_setting_read_at_call_time(tmp_path, sample_dir):
    assert schema.data_dir() == sample_dir, "the tests run on their own sample (tests/conftest.py)"
    assert schema.data_dir({schema.DATA_DIR_ENV: str(tmp_path)}) == tmp_path
    assert schema.data_dir({schema.DATA_DIR_ENV: "  "}) == schema.data_dir({})
    files = schema.data_files(tmp_path)
    assert (files.events, files.places, files.actors) == (
        tmp_path / "events.csv",
        tmp_path / "places.csv",
        tmp_path / "actors.csv",
    )
    assert files.checked == (files.events, files.tallies, files.periods, files.sources)
    assert schema.data_files(env={schema.DATA_DIR_ENV: str(tmp_path)}) == files


def test_events_path_is_the_env_file_or_the_dataset_folders(tmp_path, sample_dir):
    assert schema.events_path({schema.DATA_DIR_ENV: str(sample_dir)}) == sample_dir / "events.csv"
    assert schema.events_path({schema.DATA_DIR_ENV: str(tmp_path), schema.EVENTS_ENV: "  "}) == tmp_path / "events.csv"
    assert schema.events_path({schema.EVENTS_ENV: str(tmp_path / "e.csv")}) == tmp_path / "e.csv"


def test_long_columns_are_the_prose_ones():
    assert [c.name for c in schema.EVENT_COLUMNS if c.long] == ["notes", "outcome", "source_quote", "source_conflict"]


def test_every_setting_is_documented_and_the_documents_name_no_other():
    names = {setting.name for setting in schema.SETTINGS}
    assert len(names) == len(schema.SETTINGS) and all(s.meaning and s.default for s in schema.SETTINGS)
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    mentioned = {name for path in documents for name in re.findall(r"EVENTMAP_[A-Z_]*[A-Z]", path.read_text("utf-8"))}
    assert mentioned <= names, "documents name a setting the code does not read"
    assert names <= mentioned, "a setting nobody is told about"
