"""The desk's and geocode-file's CSV reader: exact records, and the same answers as `validate` on bad files."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from eventmap import csvrecords
from eventmap.csvfile import MAX_FIELD_CHARS, read_cells
from eventmap.csvrecords import CsvText, read_table, records, replace_cells
from eventmap.problems import DataFileError
from tests.conftest import ROOT


def test_importing_it_alone_sets_the_field_limit_validate_uses():
    code = "import csv, eventmap.csvrecords; print(csv.field_size_limit())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert int(out.stdout) == MAX_FIELD_CHARS


def test_records_keep_their_exact_text():
    text = 'id,notes\r\n1,"a, ""b""\nc"\r\n2,=1+1\r\n'
    found = records(text)
    assert [cells for cells, _ in found] == [["id", "notes"], ["1", 'a, "b"\nc'], ["2", "=1+1"]]
    assert "".join(raw for _, raw in found) == text


def test_a_cell_over_the_limit_is_the_limit_problem_with_its_row(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("id,notes\n1,short\n2," + "x" * (MAX_FIELD_CHARS + 500_000) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as desk:
        read_table(path)
    with pytest.raises(DataFileError) as validate:
        read_cells(path)
    [problem] = desk.value.problems
    assert (problem.path, problem.row) == (str(path), 3)
    assert problem.message == validate.value.problems[0].message and "MAX_FIELD_CHARS" in problem.message


def test_cr_only_line_endings_read_like_validate(tmp_path):
    path = tmp_path / "old-mac.csv"
    path.write_bytes(b'id,notes\r1,a\r2,"b\rc"\r')
    table = read_table(path)
    assert [cells for cells, _ in table.rows] == [["1", "a"], ["2", "b\rc"]]
    assert list(read_cells(path)["id"]) == ["1", "2"]
    assert table.newline == "\r" and table.text() == path.read_bytes().decode("utf-8")
    table.append(["3", "d"])
    assert table.text().endswith('"b\rc"\r3,d\r')


def test_a_lone_cr_in_an_unquoted_cell_ends_the_record_as_in_validate():
    table = CsvText.parse("id,notes\n1,a\rb\n")
    assert [cells for cells, _ in table.rows] == [["1", "a"], ["b"]]


@pytest.mark.parametrize(
    "data, said",
    [
        (b"id,notes\n1,caf\xe9\n", "not UTF-8"),
        (b"", "empty"),
        (b"PK\x03\x04rest", "ZIP"),
    ],
)
def test_files_validate_refuses_are_refused_with_its_message(tmp_path, data, said):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(DataFileError) as error:
        read_table(path, "shown.csv")
    assert error.value.problems[0].path == "shown.csv" and said in error.value.problems[0].message
    assert not list(tmp_path.glob("*.lock"))


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_replace_cells_rewrites_only_the_changed_cell():
    raw = '1,"keep ""this""",x\r\n'
    assert (
        replace_cells(raw, ["1", 'keep "this"', "x"], {2: "new, with comma"})
        == '1,"keep ""this""","new, with comma"\r\n'
    )
    assert csvrecords.quote_cell("\rstarts with CR") == '"\rstarts with CR"'
    assert csv.field_size_limit() == MAX_FIELD_CHARS
