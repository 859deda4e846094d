"""Each finding of the adversarial pass about reading files, as a test: a located message, fast, or the data."""

from __future__ import annotations

import time

import pyarrow.csv as pacsv

from eventmap import csvfile
from eventmap.load import load_events
from eventmap.problems import DataFileError
from tests.hostile import builders


def problems_of(path) -> list[str]:
    try:
        return [str(p) for p in load_events(path).problems]
    except DataFileError as error:
        return [str(p) for p in error.problems]


def test_dates_of_year_1_and_2099_are_flagged(small):
    loaded = load_events(small["year_1_and_2099.csv"])
    said = [str(p) for p in loaded.problems]
    assert list(loaded.frame["event_id_cnty"]) == ["IRQ3"]
    assert any(":2: event_date:" in p and "before 1900" in p for p in said), said
    assert any(":3: event_date:" in p and "a year from today" in p for p in said), said


def test_a_bad_row_after_blank_lines_is_reported_by_the_row_a_spreadsheet_shows(small):
    said = problems_of(small["blank_lines.csv"])
    assert any(p.endswith("blank_lines.csv:5: event_date: not a date: 'not a date' (use YYYY-MM-DD)") for p in said), (
        said
    )


def test_a_valid_cell_of_2_mb_is_accepted(small):
    loaded = load_events(small["cell_2mb.csv"])
    assert loaded.problems == [] and loaded.frame["notes"].str.len().tolist() == [2_100_000] * 2


def test_a_field_over_the_limit_is_refused_by_name_with_the_limit(big):
    said = problems_of(big["field_50mb.csv"])
    assert len(said) == 1 and ":2: notes: a cell longer than 10,000,000 characters" in said[0]
    assert "MAX_FIELD_CHARS" in said[0] and "field larger than field limit" not in said[0]


def test_a_cell_over_the_limit_in_a_file_that_pyarrow_cannot_block_is_located(tmp_path):
    path = tmp_path / "open_quote.csv"
    path.write_bytes(builders.acled(builders.rows(1, 1) + ['"IRQ2,' + "y" * (csvfile._MAX_BLOCK + 10)]))
    said = problems_of(path)
    assert len(said) == 1 and ":3:" in said[0] and "MAX_FIELD_CHARS" in said[0], said


def test_geojson_renamed_csv_and_a_100k_column_file_finish_fast_with_a_clear_message(small, big):
    for path, said in (
        (big["geojson_40mb.csv"], "this is JSON"),
        (small["geojson_cut.csv"], "MAX_COLUMNS"),
        (small["columns_100k.csv"], "the header has 100,000 columns; the limit is 1,000"),
    ):
        started = time.perf_counter()
        problems = problems_of(path)
        assert time.perf_counter() - started < 2, path
        assert len(problems) == 1 and said in problems[0], problems


def test_nul_bytes_anywhere_are_refused_with_their_line(small):
    assert problems_of(small["nul_late.csv"]) == [
        f"{small['nul_late.csv']}:62: binary file (it contains NUL bytes): expected a UTF-8 CSV text file"
    ]


def test_a_50_mb_file_of_a_bad_shape_takes_a_small_multiple_of_reading_50_mb(big, tmp_path):
    shapes = {
        "one row of 50 million commas": b"a,b\n1,2\n" + b"," * 50_000_000 + b"\n",
        "a quote left open for 50 MB": b'a,b\n1,2\n"' + b"x," * 25_000_000 + b"\n",
        "a 50 MB cell": big["field_50mb.csv"].read_bytes(),
        "40 MB of GeoJSON": big["geojson_40mb.csv"].read_bytes(),
    }
    started = time.perf_counter()
    pacsv.read_csv(big["field_50mb.csv"], read_options=pacsv.ReadOptions(block_size=1 << 26))
    baseline = time.perf_counter() - started  # pyarrow reading a 50 MB CSV, on this machine, now
    for shape, body in shapes.items():
        path = tmp_path / "shape.csv"
        path.write_bytes(body)
        started = time.perf_counter()
        said = problems_of(path)
        assert time.perf_counter() - started < 10 * baseline + 1, shape
        assert len(said) == 1 and ":3:" in said[0] or "JSON" in said[0] or ":2:" in said[0], (shape, said)
