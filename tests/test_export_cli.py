"""`python -m eventmap export` writes the same bytes as the app's downloads, for the same filters."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from eventmap import export, filters
from eventmap.filters import Filters
from tests.conftest import ROOT


def run_export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eventmap", "export", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_export_writes_the_filtered_rows_in_both_formats(sample, sample_dir, tmp_path):
    result = run_export(
        "--events",
        str(sample_dir / "events.csv"),
        "--start",
        "2024-05-06",
        "--end",
        "2024-05-08",
        "--theatre",
        "Land",
        "--format",
        "both",
        "-o",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    expected = filters.apply(sample.events, Filters(dt.date(2024, 5, 6), dt.date(2024, 5, 8), {"theatre": ("Land",)}))
    assert (tmp_path / "events_2024-05-06_2024-05-08.csv").read_bytes() == export.to_csv_bytes(expected)
    assert (tmp_path / "events_2024-05-06_2024-05-08.geojson").read_bytes() == export.to_geojson_bytes(expected)
    assert f"wrote 3 of {len(sample.events)} events" in result.stdout


def test_export_refuses_values_it_does_not_understand(sample_dir, tmp_path):
    result = run_export(
        "--events",
        str(sample_dir / "events.csv"),
        "--theatre",
        "Mars",
        "--start",
        "2023-13-01",
        "-o",
        str(tmp_path / "x.csv"),
    )
    assert result.returncode == 1
    assert "'Mars'" in result.stderr and "not a date" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_export_refuses_to_write_over_its_own_input(tmp_path, sample_dir):
    source = tmp_path / "events.csv"
    source.write_bytes((sample_dir / "events.csv").read_bytes())
    before = source.read_bytes()
    result = run_export("--events", str(source), "--theatre", "Land", "-o", str(source))
    assert result.returncode == 1
    assert "refusing to write over the input file" in result.stderr and "Traceback" not in result.stderr
    assert source.read_bytes() == before


def test_export_to_a_folder_a_path_under_a_file_or_an_unwritable_place_says_so_in_one_line(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    unwritable = Path("/proc/eventmap-export.csv")  # not writable even by root, unlike a chmod-ed folder
    for target, said in (
        (folder, "is a folder"),
        (a_file / "x.csv", "is a file, not a folder"),
        (unwritable, "cannot write"),
    ):
        result = run_export("-o", str(target))
        assert result.returncode == 1, target
        assert said in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    both = run_export("--format", "both", "-o", str(a_file))
    assert both.returncode == 1 and "Traceback" not in both.stderr
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plain.txt"]


def test_export_refuses_a_search_text_longer_than_the_limit(tmp_path):
    result = run_export("--q", "x" * (filters.MAX_TEXT + 1), "-o", str(tmp_path / "x.csv"))
    assert result.returncode == 1 and "at most 200 characters" in result.stderr
    assert "cut" not in result.stderr, "nothing was cut: the export was refused"
    assert not (tmp_path / "x.csv").exists()


def test_a_closed_pipe_ends_the_output_quietly():
    """`validate | true`: the reader is gone before the first line is written; no traceback, no 'Exception ignored'."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        f"{sys.executable} -m eventmap validate | true",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr == ""
