"""Writers lose nothing: a killed writer's temporary file is cleared by the next write, the input is never hit."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from eventmap import files
from eventmap.load import load_events_cached
from tests.conftest import FIXTURES


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "out.csv"
    stale = tmp_path / f".out.csv.{_dead_pid()}.abc123.tmp"
    stale.write_bytes(b"half a file")
    live = tmp_path / f".out.csv.{1}.abc123.tmp"  # pid 1 always runs: its writer may still be busy
    live.write_bytes(b"someone else's")
    files.atomic_write_bytes(target, b"whole\n")
    assert target.read_bytes() == b"whole\n"
    assert not stale.exists() and live.exists()


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), files.atomic_open(target) as handle:
        handle.write(b"new, half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_writing_over_an_input_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("x")
    (tmp_path / "link.csv").hardlink_to(source)
    for target in (source, tmp_path / "link.csv", tmp_path / "sub" / ".." / "in.csv"):
        with pytest.raises(files.WriteRefused, match="refusing to write over the input"):
            files.atomic_write_bytes(target, b"y", inputs=[source])
    assert source.read_text() == "x"


def test_the_parquet_cache_is_written_atomically_and_read_back(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes((FIXTURES / "acled_export.csv").read_bytes())
    first = load_events_cached(path, cache_root=tmp_path / "cache")
    written = sorted(p.name for p in (tmp_path / "cache" / "frames").iterdir())
    assert [name.rsplit(".", 1)[1] for name in written] == ["json", "parquet"]
    again = load_events_cached(path, cache_root=tmp_path / "cache")
    pd.testing.assert_frame_equal(first.frame, again.frame)
