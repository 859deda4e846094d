"""Reading a CSV as text cells: exactly as written, or one located reason why not."""

from __future__ import annotations

import pytest

from eventmap import csvfile
from eventmap.problems import DataFileError


def write(tmp_path, text: str | bytes, name: str = "f.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problem(path) -> str:
    with pytest.raises(DataFileError) as caught:
        csvfile.read_cells(path)
    return str(caught.value)


def test_cells_stay_text_as_written(tmp_path):
    path = write(tmp_path, '\ufeffa, b ,c\nNA,None,\n0012,=1+1,"x, ""y"""\n')
    cells = csvfile.read_cells(path)
    assert list(cells.columns) == ["a", "b", "c"]  # the BOM and the spaces round names are gone
    assert cells.to_dict("records") == [{"a": "NA", "b": "None", "c": ""}, {"a": "0012", "b": "=1+1", "c": 'x, "y"'}]


def test_a_multiline_cell_is_one_cell(tmp_path):
    cells = csvfile.read_cells(write(tmp_path, 'a,b\n"line one\nline two",2\n'))
    assert cells.loc[0, "a"] == "line one\nline two" and len(cells) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        ("a,b\n", "no data rows"),
        ("a,a\n1,2\n", "column appears more than once"),
        (b"\xff\xfea\x00,\x00b\x00", "UTF-16"),
        (b"a,b\ncaf\xe9,1\n", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, expected):
    assert expected in problem(write(tmp_path, content))


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    assert "file not found" in problem(tmp_path / "nope.csv")
    assert "folder" in problem(tmp_path)


def test_the_limits_are_said_with_their_value(tmp_path):
    wide = write(tmp_path, ",".join(f"c{i}" for i in range(csvfile.MAX_COLUMNS + 1)) + "\n" + "1" * 3 + "\n")
    message = problem(wide)
    assert f"{csvfile.MAX_COLUMNS:,}" in message
