"""A viewer never writes the dataset: viewer replicas mount it read-only (deploy/kubernetes.yaml) and only the
editor process writes it (docs/deploy.md, "One writer"). Every page, opened without the editor's token, opens no
file in the dataset folder for writing and creates, renames or removes nothing there."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from eventmap import schema
from tests.app.conftest import ALL_PAGES, page

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
CHANGING = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.truncate", "os.chmod"}
_watched: list[tuple[Path, list[str]]] = []  # the folder watched now and what was done in it


def _audit(event: str, args: tuple) -> None:
    if not _watched or (event != "open" and event not in CHANGING):
        return
    folder, seen = _watched[-1]
    if event == "open":
        path, mode, flags = args
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags or 0) & WRITING
        if not writes:
            return
        args = (path,)
    for path in args[:2]:
        if isinstance(path, (str, bytes, os.PathLike)) and not isinstance(path, int):
            target = Path(os.fsdecode(path)).resolve()
            if target == folder or folder in target.parents:
                seen.append(f"{event} {target}")


sys.addaudithook(_audit)  # a hook cannot be removed: it is idle whenever _watched is empty


@pytest.fixture
def writes(sample_dir, monkeypatch):
    monkeypatch.delenv(schema.EDITOR_TOKEN_ENV, raising=False)
    seen: list[str] = []
    _watched.append((Path(sample_dir).resolve(), seen))
    yield seen
    _watched.clear()


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_a_viewer_opening_any_page_writes_nothing_in_the_dataset(name, writes):
    app = page(name).run()
    assert not app.exception, app.exception
    assert writes == []


def test_the_watch_sees_a_write(sample_dir, writes):
    (Path(sample_dir) / "probe.txt").write_text("x")  # what the test above would catch
    (Path(sample_dir) / "probe.txt").unlink()
    assert any("probe.txt" in line for line in writes)
