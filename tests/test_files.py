"""Writers lose nothing: atomic replace, no stray temporary files, never onto an input, one writer at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from eventmap import files
from eventmap.load import load_events_cached
from tests.conftest import FIXTURES


def test_atomic_write_replaces_the_whole_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    files.atomic_write(target, ["a,b\n", b"1,2\n"])
    assert target.read_bytes() == b"a,b\n1,2\n"
    assert (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("precious\n")

    def chunks():
        yield "half"
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        files.atomic_write(target, chunks())
    assert target.read_text() == "precious\n" and len(list(tmp_path.iterdir())) == 1


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "out.csv"
    code = (
        f"import os, tempfile; fd, _ = tempfile.mkstemp(dir={str(tmp_path)!r}, prefix='.out.csv.%d.' % os.getpid(), "
        "suffix='.tmp'); os.write(fd, b'half'); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    assert len(list(tmp_path.glob(".out.csv.*.tmp"))) == 1
    files.atomic_write_bytes(target, b"whole\n")
    assert list(tmp_path.glob(".out.csv.*.tmp")) == [] and target.read_bytes() == b"whole\n"


def test_writing_onto_an_input_is_refused(tmp_path):
    source = tmp_path / "events.csv"
    source.write_text("keep me\n")
    link = tmp_path / "alias.csv"
    link.symlink_to(source)
    for target in (source, link, tmp_path / "." / "events.csv"):
        with pytest.raises(files.WriteRefused, match="refusing to write over the input"):
            files.atomic_write_bytes(target, b"gone", inputs=[source])
    assert source.read_text() == "keep me\n"


def test_folders_and_paths_under_a_file_are_refused_with_a_message(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(files.WriteRefused, match="is a folder"):
        files.atomic_write_bytes(tmp_path, b"x")
    with pytest.raises(files.WriteRefused, match="is a file, not a folder"):
        files.atomic_write_bytes(tmp_path / "afile" / "out.csv", b"x")


def test_the_lock_serialises_read_modify_write(tmp_path):
    counter = tmp_path / "n.txt"
    counter.write_text("0")

    def bump():
        for _ in range(25):
            with files.locked(counter):
                value = int(counter.read_text())
                files.atomic_write(counter, [str(value + 1)])

    workers = [threading.Thread(target=bump) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert counter.read_text() == "100"


def test_a_held_lock_is_waited_for_at_most_the_timeout(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("x")
    holder = subprocess.Popen(  # another process holds the lock, as another save would
        [
            sys.executable,
            "-c",
            f"from eventmap import files; import time\nwith files.locked({str(target)!r}):\n"
            "    print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(files.LockBusy), files.locked(target, timeout=0.5):
            pass
        assert 0.5 <= time.monotonic() - started < 3
    finally:
        holder.kill()
        holder.wait()
    with files.locked(target, timeout=0.5):  # released with its holder
        pass


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    target = tmp_path / "out.csv"
    stale = tmp_path / f".out.csv.{_dead_pid()}.abc123.tmp"
    stale.write_bytes(b"half a file")
    live = tmp_path / f".out.csv.{1}.abc123.tmp"  # pid 1 always runs: its writer may still be busy
    live.write_bytes(b"someone else's")
    files.atomic_write_bytes(target, b"whole\n")
    assert not stale.exists() and live.exists()


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), files.atomic_open(target) as handle:
        handle.write(b"new, half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_the_frame_cache_is_written_atomically_and_read_back(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes((FIXTURES / "acled_export.csv").read_bytes())
    first = load_events_cached(path, cache_root=tmp_path / "cache")
    written = sorted(p.name for p in (tmp_path / "cache" / "frames").iterdir())
    assert [name.rsplit(".", 1)[1] for name in written] == ["arrow", "json"]
    again = load_events_cached(path, cache_root=tmp_path / "cache")
    pd.testing.assert_frame_equal(first.frame, again.frame)


def test_the_lock_creates_no_folders(tmp_path):
    """Locking a path in a folder that does not exist must not leave x/y/z/events.csv.lock behind."""
    with pytest.raises(OSError, match="not found"), files.locked(tmp_path / "x" / "y" / "z" / "events.csv"):
        pass
    assert not (tmp_path / "x").exists()


def test_one_digest_for_bytes_and_files(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"id\n1\n")
    assert files.file_digest(path) == files.digest_bytes(b"id\n1\n")
    assert files.digest_bytes(b"id\n1\n") != files.digest_bytes(b"id\n2\n")
    from eventmap.load import file_digest  # the cache key is the same helper

    assert file_digest is files.file_digest
