"""The contract holds each fact once, and what it says about categories and filters is consistent."""

from __future__ import annotations

import ast
from pathlib import Path

from eventmap import schema

PACKAGE = Path(schema.__file__).parent


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


def _literals(path: Path) -> list[tuple]:
    """RGB-like tuples of three ints 0-255 and '#rrggbb' strings written in a module."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    unpacked = {id(node.value) for node in ast.walk(tree)  # a, b, c = 60, 235, 120 names three numbers
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)}
    for node in ast.walk(tree):
        if id(node) in unpacked:
            continue
        if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) in (3, 4) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, int) and 0 <= e.value <= 255 for e in node.elts[:3]) \
                and all(isinstance(e, ast.Constant) for e in node.elts) and any(e.value > 10 for e in node.elts[:3]):
            found.append(tuple(e.value for e in node.elts))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("#") \
                and len(node.value) in (4, 7) and all(ch in "0123456789abcdefABCDEF" for ch in node.value[1:]):
            found.append((node.value,))
    return found


def test_colour_literals_live_in_the_schema_only():
    offenders = {str(p.relative_to(PACKAGE)): _literals(p) for p in PACKAGE.rglob("*.py") if p.name != "schema.py"}
    assert {k: v for k, v in offenders.items() if v} == {}



def test_os_replace_lives_in_files_only():
    users = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if "os.replace(" in p.read_text(encoding="utf-8")]
    assert users == ["files.py"]


def test_events_path_is_the_env_file_or_the_curated_one(tmp_path):
    from eventmap import schema

    assert schema.events_path({}) == schema.EVENTS_PATH
    assert schema.events_path({"EVENTMAP_EVENTS": "  "}) == schema.EVENTS_PATH
    assert schema.events_path({"EVENTMAP_EVENTS": str(tmp_path / "e.csv")}) == tmp_path / "e.csv"
    assert [c.name for c in schema.EVENT_COLUMNS if c.long] == ["notes", "outcome", "source_quote", "source_conflict"]
