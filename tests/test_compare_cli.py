"""`python -m eventmap compare`: a CSV with a change and a level column, or a table; bad input refused in one line."""

from __future__ import annotations

import csv
import io

import pytest

from eventmap import cli
from tests.sample import COUNTRY

PERIODS = ("--a", "2024-05-06:2024-05-07", "--b", "2024-05-08:2024-05-10")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(["compare", *argv])
    except SystemExit as stop:
        code = stop.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_compare_writes_a_csv_by_province_with_the_events_placed_only_to_a_country_apart(capsys, tmp_path):
    target = tmp_path / "change.csv"
    code, out, err = run(capsys, *PERIODS, "--by", "admin1", "-o", str(target))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {"change", "percent", "level"} <= set(rows[0])
    land = next(row for row in rows if row["country"] == COUNTRY)  # the sample has no admin1: all counted apart
    assert land["placed"] == "placed only to a country/region"
    assert (land["events_a"], land["events_b"], land["fatalities_a"], land["fatalities_b"]) == ("3", "1", "2", "3")
    assert (land["change"], land["percent"], land["level"]) == ("-2", "-66.7", "large decrease")
    sea = next(row for row in rows if row["country"] == "")
    assert (sea["events_a"], sea["events_b"], sea["percent"], sea["level"]) == ("0", "2", "new", "new")
    assert f"wrote 2 rows to {target}" in out
    assert f"{COUNTRY}: 3 -> 1 events, -67 % (large decrease)" in out


def test_compare_by_place_prints_a_table_with_the_filters_applied(capsys):
    code, out, err = run(capsys, *PERIODS, "--by", "location", "--theatre", "Land")
    assert code == 0, err
    lines = out.splitlines()
    assert "Alpha Base" in out and "Bravo Town" in out and "Sample Sea" not in out
    alpha = next(line for line in lines if "Alpha Base" in line)
    assert alpha.split()[-8:] == ["2", "0", "2", "0", "-2", "-100.0", "large", "decrease"]  # A, B, deaths, change
    assert lines[-1] == f"{COUNTRY}: 3 -> 1 events, -67 % (large decrease)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--a", "2024-05-06", "--b", "2024-05-08:2024-05-10"), "compare: --a: '2024-05-06' is not START:END"),
        (("--a", "2024-05-06:2024-05-07", "--b", "2024-05-10:2024-05-08"), "compare: --b: "),
        (("--a", "2024-05-06:2024-05-07"), "compare: --b is required"),
        ((*PERIODS, "--by", "district"), "compare: --by: 'district' is not one of admin1, location"),
        ((*PERIODS, "--theatre", "Mars"), "compare: "),
        ((*PERIODS, "--start", "2024-13-01"), "compare: "),
    ],
)
def test_compare_refuses_bad_input_in_one_line_and_writes_nothing(capsys, tmp_path, argv, message):
    target = tmp_path / "change.csv"
    code, out, err = run(capsys, *argv, "-o", str(target))
    assert code == 1 and out == ""
    assert err.startswith(message) and len(err.splitlines()) == 1, err
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_b_before_a_is_allowed(capsys):
    code, out, err = run(capsys, "--a", "2024-05-08:2024-05-10", "--b", "2024-05-06:2024-05-07")
    assert code == 0, err
    assert f"{COUNTRY}: 1 -> 3 events, +200 % (large increase)" in out


def test_compare_never_writes_onto_its_input(capsys, tmp_path, sample_dir):
    events = tmp_path / "events.csv"
    events.write_bytes((sample_dir / "events.csv").read_bytes())
    before = events.read_bytes()
    code, _, err = run(capsys, *PERIODS, "--events", str(events), "-o", str(events))
    assert code == 1 and err.startswith("compare: ") and len(err.splitlines()) == 1
    assert events.read_bytes() == before


def test_hostile_names_are_formula_safe_in_the_csv_and_inert_on_the_terminal(capsys, tmp_path, sample_dir):
    hostile = '=HYPERLINK("http://198.51.100.7/")\x1b[2J'
    events = tmp_path / "events.csv"
    text = (sample_dir / "events.csv").read_text(encoding="utf-8")
    events.write_text(text.replace("Alpha Base", hostile.replace('"', '""').join('""')), encoding="utf-8")
    code, out, err = run(capsys, *PERIODS, "--by", "location", "--events", str(events))
    assert code == 0, err
    assert "\x1b" not in out and "\\x1b[2J" in out
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, *PERIODS, "--by", "location", "--events", str(events), "-o", str(target))
    assert code == 0, err
    cells = [cell for row in csv.reader(io.StringIO(target.read_text(encoding="utf-8"))) for cell in row]
    assert "'" + hostile in cells and hostile not in cells
