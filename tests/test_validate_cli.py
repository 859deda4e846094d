"""`python -m eventmap validate`: one line per problem as PATH:ROW: column: message, exit 1; never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT, SOURCES_DIR

pytestmark = pytest.mark.shipped_data  # validates the shipped data/ (the only tests besides test_curated_data.py)


def run_validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eventmap", "validate", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_shipped_data_passes_with_quotes_checked(source_texts):
    result = run_validate("--sources", str(SOURCES_DIR))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK:")
    assert "13 curated events rows" in result.stdout
    assert "quotes checked against 2 source texts" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("empty.csv", "empty.csv: file is empty"),
        ("binary.csv", "binary.csv: binary file: this is a PNG image"),
        ("windows1252.csv", "windows1252.csv:2: not UTF-8 text"),
        ("utf16.csv", "utf16.csv: file is UTF-16"),
        ("malformed.csv", "malformed.csv:3: malformed CSV"),
        ("missing_column.csv", "missing_column.csv:1: event_date: required column is missing"),
        ("does_not_exist.csv", "does_not_exist.csv: file not found"),
    ],
)
def test_unreadable_files_get_one_clear_line(fixture, expected):
    result = run_validate(str(FIXTURES / fixture))
    assert result.returncode == 1
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_non_utf8_names_the_encoding_to_try():
    result = run_validate(str(FIXTURES / "windows1252.csv"))
    assert "Windows-1252" in result.stdout and "CSV UTF-8" in result.stdout


def test_unknown_column_suggests_the_intended_one():
    result = run_validate(str(FIXTURES / "missing_column.csv"))
    assert "lattitude: unknown column (did you mean 'latitude'?)" in result.stdout


def test_each_bad_row_is_named_by_row_and_column(source_texts):
    result = run_validate(str(FIXTURES / "bad_events.csv"), "--sources", str(SOURCES_DIR))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = {
        3: ("event_id_cnty", "duplicate id 'X-1', first used on row 2"),
        4: ("event_date", "not a date: '3rd of Dec'"),
        5: ("time_precision", "must be 1, 2 or 3, not '4'"),
        6: ("latitude", "out of range: '95.0'"),
        7: ("longitude", "not a number: 'east'"),
        8: ("event_type", "unknown event type 'Explosion'"),
        9: ("sub_event_type", "does not belong to the row's event_type"),
        10: ("source", "not in sources.csv: '999_missing.txt'"),
        11: ("source_quote", "quote not found verbatim"),
        12: ("fatalities", "must be a whole number 0 or more, not '-2'"),
        13: ("geo_precision", "required when coordinates are given"),
    }
    for row, (column, message) in expected.items():
        prefix = f"tests/fixtures/bad_events.csv:{row}: {column}: "
        assert any(line.startswith(prefix) and message in line for line in lines), (row, result.stdout)
    assert not any(line.startswith("tests/fixtures/bad_events.csv:2:") for line in lines), "row 2 is valid"
    rows = [int(line.split(":")[1]) for line in lines if line.count(":") >= 2]
    assert rows == sorted(rows), "problems are listed in file order"


def test_quote_check_catches_a_changed_word(tmp_path, source_texts):
    events = (ROOT / "data" / "events.csv").read_text(encoding="utf-8")
    tampered = events.replace("killing all five militants", "killing all six militants")
    assert tampered != events
    path = tmp_path / "events.csv"
    path.write_text(tampered, encoding="utf-8")
    (tmp_path / "sources.csv").write_text((ROOT / "data" / "sources.csv").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_validate(str(path), "--sources", str(SOURCES_DIR))
    assert result.returncode == 1
    assert "source_quote: quote not found verbatim" in result.stdout
    assert "killing all six militants" in result.stdout


def test_acled_export_validates():
    result = run_validate(str(FIXTURES / "acled_export.csv"))
    assert result.returncode == 0, result.stdout
    assert "3 ACLED export rows" in result.stdout
