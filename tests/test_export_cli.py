"""`python -m eventmap export` writes the same bytes as the app's downloads, for the same filters."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from eventmap import export, filters
from eventmap.filters import Filters
from eventmap.load import load_curated
from tests.conftest import ROOT


def run_export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventmap", "export", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_export_writes_the_filtered_rows_in_both_formats(tmp_path):
    result = run_export("--start", "2023-11-20", "--end", "2023-11-23", "--theatre", "Iraq", "--format", "both",
                        "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    expected = filters.apply(load_curated().events, Filters(dt.date(2023, 11, 20), dt.date(2023, 11, 23), {"theatre": ("Iraq",)}))
    assert (tmp_path / "events_2023-11-20_2023-11-23.csv").read_bytes() == export.to_csv_bytes(expected)
    assert (tmp_path / "events_2023-11-20_2023-11-23.geojson").read_bytes() == export.to_geojson_bytes(expected)
    assert f"wrote 6 of {len(load_curated().events)} events" in result.stdout


def test_export_refuses_values_it_does_not_understand(tmp_path):
    result = run_export("--theatre", "Mars", "--start", "2023-13-01", "-o", str(tmp_path / "x.csv"))
    assert result.returncode == 1
    assert "'Mars'" in result.stderr and "not a date" in result.stderr
    assert not (tmp_path / "x.csv").exists()
