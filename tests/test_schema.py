"""The contract holds each fact once, and what it says about categories and filters is consistent."""

from __future__ import annotations

from eventmap import schema


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


def test_events_path_is_the_env_file_or_the_curated_one(tmp_path):
    from eventmap import schema

    assert schema.events_path({}) == schema.EVENTS_PATH
    assert schema.events_path({"EVENTMAP_EVENTS": "  "}) == schema.EVENTS_PATH
    assert schema.events_path({"EVENTMAP_EVENTS": str(tmp_path / "e.csv")}) == tmp_path / "e.csv"
    assert [c.name for c in schema.EVENT_COLUMNS if c.long] == ["notes", "outcome", "source_quote", "source_conflict"]
