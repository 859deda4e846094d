"""`python -m eventmap render`: bad input is one line, exit 1 and nothing written; the offline HTML holds the view
with its text escaped and its pictures inlined (drawn, with nothing requested: tests/browser/test_picture.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from eventmap.maps import contract
from tests.conftest import ROOT
from tests.sample import HOSTILE_NOTES, IDS


def run_render(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eventmap", "render", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


def one_refusal(result: subprocess.CompletedProcess, says: str) -> None:
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("render: ") and says in lines[0], result.stderr


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--format", "gif"], "unknown format 'gif'"),
        (["--size", "800x600"], "unknown size '800x600'"),
        (["--scale", "0"], "scale '0' out of range"),
        (["--scale", "5"], "scale '5' out of range"),
        (["--scale", "two"], "scale 'two' out of range"),
        (["--format", "pdf", "--paper", "a3"], "unknown paper 'a3'"),
    ],
)
def test_a_bad_option_is_one_line_and_nothing_written(options, says, tmp_path):
    target = tmp_path / "view.png"
    one_refusal(run_render(*options, "-o", str(target)), says)
    assert not list(tmp_path.iterdir())


def test_an_output_that_is_an_input_a_folder_or_under_a_file_is_refused(sample_dir, tmp_path):
    events = sample_dir / "events.csv"
    before = events.read_bytes()
    one_refusal(run_render("--format", "html", "-o", str(events)), "refusing to write over the input file")
    assert events.read_bytes() == before
    one_refusal(run_render("--format", "html", "-o", str(tmp_path)), "is a folder")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    one_refusal(run_render("--format", "html", "-o", str(blocker / "view.html")), "is a file, not a folder")
    assert [path.name for path in tmp_path.iterdir()] == ["a-file"]


def view_of(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="eventmap-view">(.*?)</script>', page, re.S)
    assert block, "the view's JSON block"
    return json.loads(block.group(1))


def test_the_offline_file_holds_the_view_escaped_and_its_pictures_inlined(tmp_path):
    target = tmp_path / "view.html"
    result = run_render("--format", "html", "--theatre", "Land", "-o", str(target))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert len(page.encode()) < 3_000_000
    assert "<img src=x" not in page, "untrusted notes only inside the JSON, escaped"
    view = view_of(page)
    assert {record["id"] for record in view["records"]} == {"SM-001", "SM-002", "SM-003", "SM-006"}
    assert HOSTILE_NOTES in {record["what"] for record in view["records"]}
    images = [layer["image"] for layer in view["spec"][contract.LAYERS] if layer[contract.TYPE] == "BitmapLayer"]
    assert images and all(image.startswith("data:image/png;base64,") for image in images)
    assert not re.search(r"(src|href)=[\"']?(https?:|//)", page), "nothing fetched"
    assert view["spec"][contract.PICTURE]["filters"].startswith("theatre: Land")
    assert set(IDS) >= {record["id"] for record in view["records"]}


def test_an_empty_view_is_drawn_as_saying_so(tmp_path):
    target = tmp_path / "empty.html"
    result = run_render("--format", "html", "--q", "no event says this", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert view_of(target.read_text(encoding="utf-8"))["spec"][contract.PICTURE]["empty"] == (
        "No events match these filters"
    )
