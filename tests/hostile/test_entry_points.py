"""Every hostile file through every entry point: validate, load (what EVENTMAP_EVENTS uses), upload, export,
render (the offline HTML), geocode-file, acled-update, feed. Each ends in data or in located messages, never a
traceback, never a formula cell, never markup from the data."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from eventmap import cli, export
from eventmap.load import load_events, load_events_cached
from eventmap.problems import DataFileError
from tests.app.conftest import page
from tests.conftest import ROOT
from tests.hostile import builders

SMALL = sorted(builders.small_files())
BIG = sorted(builders.big_files())


def test_validate_cli_answers_every_file_in_one_line_each_without_a_traceback(small, big):
    paths = [str(small[name]) for name in SMALL] + [str(big[name]) for name in BIG]
    result = subprocess.run(
        [sys.executable, "-m", "eventmap", "validate", *paths], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(tuple(paths)) for line in lines), lines  # PATH:ROW: column: message
    assert {"bom_only.csv", "columns_100k.csv", "geojson_40mb.csv", "field_50mb.csv"} <= {
        line.split(":")[0].rsplit("/", 1)[1] for line in lines
    }
    assert f"in {len(paths)} file(s)" in result.stderr


@pytest.mark.parametrize("name", SMALL + BIG)
def test_load_gives_a_frame_or_located_problems(name, small, big, tmp_path):
    path = {**small, **big}[name]
    try:
        loaded = load_events_cached(path, shown=name, cache_root=tmp_path)
    except DataFileError as error:
        assert error.problems and all(p.path == name and p.message for p in error.problems)
        return
    assert all(p.path == name and p.row for p in loaded.problems if "more rows" not in p.message)
    assert len(loaded.frame) + len({p.row for p in loaded.problems}) >= loaded.rows_read


def _no_formula_cells(body: str) -> None:
    for row in csv.reader(io.StringIO(body, newline="")):
        for cell in row:
            assert not cell.startswith(export.FORMULA_TRIGGERS) or export._PLAIN_NUMBER.match(cell), cell


@pytest.mark.parametrize("name", SMALL)
def test_export_cli_writes_a_safe_file_that_validates_back_or_says_why_not(name, small, tmp_path, capsys):
    target = tmp_path / "out.csv"
    code = cli.main(["export", "--events", str(small[name]), "-o", str(target)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    if code == 1:
        assert err.strip() and not target.exists()
        return
    body = target.read_text(encoding="utf-8")
    _no_formula_cells(body)
    again = load_events(target)
    assert len(again.frame) == int(out.split("wrote ")[1].split(" of")[0])


@pytest.mark.parametrize("name", SMALL)
def test_compare_cli_writes_a_safe_table_or_says_why_in_one_line(name, small, tmp_path, capsys):
    target = tmp_path / "change.csv"
    periods = ["--a", "1900-01-01:2024-05-07", "--b", "2024-05-08:2100-12-31", "--by", "location"]
    code = cli.main(["compare", "--events", str(small[name]), *periods, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    if code == 1:
        assert err.startswith("compare: ") and not target.exists()
        return
    _no_formula_cells(target.read_text(encoding="utf-8"))
    assert "\x1b" not in out and "\r" not in out  # names reach the terminal inert


@pytest.mark.parametrize("name", SMALL)
def test_render_cli_writes_an_offline_file_with_no_markup_from_the_data_or_says_why_not(name, small, tmp_path, capsys):
    target = tmp_path / "view.html"
    code = cli.main(["render", "--events", str(small[name]), "--format", "html", "-o", str(target)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    if code == 1:
        assert err.strip() and not target.exists()
        return
    page_html = target.read_text(encoding="utf-8")
    data = page_html.split('id="eventmap-view">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data, "the data's text cannot open or close an element"
    assert page_html.count("<script") == 3


@pytest.mark.parametrize("name", SMALL + BIG)
def test_geocode_file_changes_nothing_it_cannot_read_and_never_crashes(name, small, big, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes({**small, **big}[name].read_bytes())
    before = path.read_bytes()
    code = cli.main(["geocode-file", "--offline", "--cache-dir", str(tmp_path / "cache"), str(path)])
    _, err = capsys.readouterr()
    assert code in (0, 1, 2) and "Traceback" not in err
    if code != 0 and "filled" not in err:
        assert path.read_bytes() == before
    if name == "cell_200kb.csv":  # a cell that validate accepts, geocode-file accepts too
        assert code == 0 and "field limit" not in err


@pytest.mark.parametrize("name", SMALL)
def test_upload_shows_data_or_problems_and_never_an_exception(name, small):
    app = page("Map").run()
    app.file_uploader(key="upload").set_value((name, small[name].read_bytes(), "text/csv")).run()
    assert not app.exception, app.exception
    assert any("showing" in c.value for c in app.caption)


@pytest.mark.parametrize("name", SMALL)
@pytest.mark.parametrize("role", ["old", "new", "deleted"])
def test_acled_update_merges_or_says_where_in_located_lines_and_writes_nothing(name, role, small, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(builders.acled(builders.rows(3)))
    files = {"old": good, "new": good, "deleted": None, role: small[name]}
    target = tmp_path / "out.csv"
    extra = ["--deleted", str(files["deleted"])] if files["deleted"] else []
    code = cli.main(["acled-update", str(files["old"]), str(files["new"]), *extra, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    assert "\x1b" not in out + err and "\r" not in out + err  # ids and messages reach the terminal inert
    if code == 1:
        assert err and all(line.startswith("acled-update: ") for line in err.splitlines()) and not target.exists()
        return
    assert out.splitlines()[-1].startswith("wrote ")


@pytest.mark.parametrize("name", SMALL)
def test_feed_cli_writes_a_well_formed_feed_or_says_why_not(name, small, tmp_path, capsys):
    for kind, parse in (("atom", ET.fromstring), ("json", json.loads)):
        target = tmp_path / f"feed.{kind}"
        code = cli.main(["feed", "--events", str(small[name]), "--format", kind, "-o", str(target)])
        _, err = capsys.readouterr()
        assert code in (0, 1) and "Traceback" not in err
        if code == 1:
            assert err.strip() and not target.exists()
            continue
        body = target.read_bytes()
        parse(body)  # XML refuses control characters; both parse
        assert b"<script" not in body.lower() or kind == "json"  # Atom carries the data's markup escaped
