"""`geocode` and `geocode-file` as the main CLI registers them."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest
from geopy.exc import GeocoderUnavailable

from eventmap import files, schema
from eventmap.geocode import commands
from eventmap.geocode.cache import GeocodeCache
from eventmap.geocode.gazetteer import Gazetteer
from eventmap.geocode.online import OnlineGeocoder
from eventmap.geocode.resolver import Resolver

from .conftest import FakeGeocoder

AGENT = "eventmap-tests/1.0 (tests@example.org)"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="eventmap")
    commands.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.run(args)


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def fake_online(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, answers: dict) -> FakeGeocoder:
    fake = FakeGeocoder(answers)

    def build(**_: object) -> Resolver:
        online = OnlineGeocoder(AGENT, geocoder=fake, min_delay_seconds=0, domain="test", max_retries=0)
        return Resolver(Gazetteer(), GeocodeCache(tmp_path / "fake-cache.sqlite3"), online)

    monkeypatch.setattr(commands, "build_resolver", build)
    return fake


def test_both_commands_register_with_a_run_function():
    parser = argparse.ArgumentParser()
    commands.add_commands(parser.add_subparsers(dest="command"))
    for argv in (["geocode", "Bravo Town"], ["geocode-file", "x.csv"]):
        assert callable(parser.parse_args(argv).run)


def test_geocode_prints_one_json_line_per_name(capsys):
    assert run("geocode", "Bravo Town", "alpha ab", "--offline") == 0  # a name, and an alias as typed
    first, second = lines(capsys.readouterr().out)
    assert {"query", "latitude", "longitude", "address", "provider", "kind", "precision", "status"} <= set(first)
    assert first["status"] == "found" and first["provider"] == "gazetteer" and first["latitude"] == 34.0
    assert second["address"] == "Alpha Base, Samplestan" and second["precision"] == 1


def test_geocode_says_not_found_and_exits_1(capsys):
    assert run("geocode", "Bravo Town", "Atlantis", "--offline") == 1
    results = lines(capsys.readouterr().out)
    assert [r["status"] for r in results] == ["found", "not found"]


def test_geocode_online_without_a_user_agent_refuses_to_start(capsys, monkeypatch):
    assert run("geocode", "Atlantis", "--online") == 2
    assert schema.USER_AGENT_ENV in capsys.readouterr().err
    monkeypatch.setenv(schema.ONLINE_GEOCODING_ENV, "1")
    assert run("geocode", "Atlantis") == 2
    assert run("geocode", "Bravo Town", "--offline") == 0  # --offline wins over the environment


def test_geocode_reports_service_unavailable_as_a_status(capsys, monkeypatch, tmp_path):
    fake_online(monkeypatch, tmp_path, {"Mosul": GeocoderUnavailable("refused")})
    assert run("geocode", "Mosul", "--online", "--user-agent", AGENT) == 1
    (result,) = lines(capsys.readouterr().out)
    assert result["status"] == "service unavailable" and "refused" in result["error"]


# --- geocode-file -------------------------------------------------------------------------------------------

HEADER = "event_id_cnty,location,latitude,longitude,geo_precision,notes\n"


def test_fills_missing_coordinates_and_keeps_everything_else(tmp_path, capsys):
    path = tmp_path / "events.csv"
    source = (
        HEADER
        + 'A-1,Bravo Town,,,,"near Bravo Town, said ""CENTCOM"""\n'
        + "A-2,Alpha Base,1.5,2.5,1,curated: never overwritten\n"
        + "A-3,Sample Sea,,,2,precision kept\n"
        + "A-4,,,,,no place named\n"
        + 'A-5,Atlantis,,,,"two\nlines"\n'
        + "A-6,Alpha AB,, ,,blank-ish cell\n"
    )
    path.write_text(source, encoding="utf-8", newline="")
    assert run("geocode-file", str(path), "--offline") == 1
    out, err = capsys.readouterr()
    written = path.read_text(encoding="utf-8").split("\n")
    assert written[1] == 'A-1,Bravo Town,34.0,43.0,1,"near Bravo Town, said ""CENTCOM"""'
    assert written[2] == "A-2,Alpha Base,1.5,2.5,1,curated: never overwritten"
    assert written[3] == "A-3,Sample Sea,20.0,39.0,2,precision kept"
    assert written[4] == "A-4,,,,,no place named"
    assert written[5:7] == ['A-5,Atlantis,,,,"two', 'lines"']
    assert written[7] == "A-6,Alpha AB,33.5,42.5,1,blank-ish cell"
    assert f"{path}:6: location: not found: 'Atlantis'" in out
    assert "filled 3 row(s), 1 unresolved, 1 already had coordinates" in err


def test_bom_crlf_and_odd_quoting_survive_byte_for_byte(tmp_path, capsys):
    path = tmp_path / "events.csv"
    rows = ['"A-1","Bravo Town",,,,"quoted though it need not be"', "A-2,Sample Sea,22.0,38.0,3,x"]
    path.write_bytes(("\ufeff" + HEADER.replace("\n", "\r\n") + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    assert run("geocode-file", str(path), "--offline") == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b'"A-1","Bravo Town",34.0,43.0,1,"quoted though it need not be"\r\n' in data
    assert data.endswith(b"A-2,Sample Sea,22.0,38.0,3,x\r\n")


def test_nothing_to_do_leaves_the_file_untouched(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A-1,Bravo Town,1,2,1,x\n", encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert run("geocode-file", str(path), "--offline") == 0
    assert path.stat().st_mtime_ns == before
    assert "file not changed" in capsys.readouterr().err


def test_a_curated_events_file_round_trips(tmp_path, capsys, sample_dir, sample):
    """Blank every coordinate of the sample's events, fill them again from its gazetteer: the same points, every
    other byte unchanged."""
    original = schema.data_files(sample_dir).events.read_text(encoding="utf-8")
    header, *rows = original.split("\n")
    blanked = [header]
    names = header.split(",")
    lat, lon = names.index("latitude"), names.index("longitude")
    for row in rows:
        cells = row.split(",")
        if len(cells) > lon and cells[lat] and cells[0].startswith("SM-"):
            cells[lat] = cells[lon] = ""
        blanked.append(",".join(cells))
    path = tmp_path / "events.csv"
    path.write_text("\n".join(blanked), encoding="utf-8", newline="")
    assert run("geocode-file", str(path), "--offline") == 0
    placed = int(sample.events["latitude"].notna().sum())
    assert f"filled {placed} row(s), 0 unresolved" in capsys.readouterr().err
    refilled = path.read_text(encoding="utf-8").split("\n")
    for before, after in zip(original.split("\n"), refilled, strict=True):
        b, a = before.split(","), after.split(",")
        assert len(a) == len(b)
        for i, (x, y) in enumerate(zip(b, a, strict=True)):
            if i in (lat, lon) and x and before.startswith("SM-"):
                assert abs(float(x) - float(y)) < 0.001
            else:
                assert x == y


def test_progress_goes_to_stderr_on_long_files(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "".join(f"A-{i},Place number {i},,,,x\n" for i in range(30)), encoding="utf-8")
    assert run("geocode-file", str(path), "--offline", "--progress-every", "10") == 1
    out, err = capsys.readouterr()
    assert "10/30 place names (33%)" in err and "30/30 place names (100%)" in err
    assert out.count("not found") == 30


def test_an_interrupted_write_leaves_the_original_intact(tmp_path, capsys, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A-1,Bravo Town,,,,x\n", encoding="utf-8")
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    assert run("geocode-file", str(path), "--offline") == 1
    assert path.read_bytes() == before
    assert "not written, the file is unchanged: disk full" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["events.csv", "events.csv" + files.LOCK_SUFFIX]  # no temporary file


def test_unreadable_or_wrong_files_are_clear_errors(tmp_path, capsys):
    assert run("geocode-file", str(tmp_path / "missing.csv"), "--offline") == 1
    assert "file not found" in capsys.readouterr().err
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert run("geocode-file", str(path), "--offline") == 1
    assert f"{path}:1: location: column missing from the header" in capsys.readouterr().err


def test_a_short_row_and_half_coordinates_are_reported_not_guessed(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A-1,Bravo Town,35.0,,,x\nA-2,Bravo Town\n", encoding="utf-8")
    assert run("geocode-file", str(path), "--offline") == 1
    out = capsys.readouterr().out
    assert f"{path}:2: longitude: only one of latitude/longitude is given" in out
    assert f"{path}:3: 2 cells but the header has 6" in out


def test_geocode_file_online_fills_from_the_service_and_reports_outages(tmp_path, capsys, monkeypatch):
    from .conftest import nominatim_location

    fake_online(
        monkeypatch,
        tmp_path,
        {"Mosul": nominatim_location("Mosul, Iraq", 36.34, 43.13), "Tikrit": GeocoderUnavailable("refused")},
    )
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A-1,Mosul,,,,x\nA-2,Mosul,,,,y\nA-3,Tikrit,,,,z\n", encoding="utf-8")
    assert run("geocode-file", str(path), "--online", "--user-agent", AGENT) == 1
    out, err = capsys.readouterr()
    written = path.read_text(encoding="utf-8").splitlines()
    assert written[1:3] == ["A-1,Mosul,36.34,43.13,1,x", "A-2,Mosul,36.34,43.13,1,y"]
    assert f"{path}:4: location: service unavailable: 'Tikrit' (GeocoderUnavailable: refused)" in out
    assert "OpenStreetMap" in err


def test_a_broken_cache_is_said_on_stderr_and_offline_answers_still_come(tmp_path, capsys):
    (tmp_path / "geocode.sqlite3").write_bytes(b"this is not a database" * 100)
    code = run("geocode", "--offline", "--cache-dir", str(tmp_path), "Alpha Base")
    out, err = capsys.readouterr()
    assert code == 0 and lines(out)[0]["status"] == "found"
    assert "geocode.sqlite3" in err and "without a cache" in err


def test_a_cell_over_the_limit_is_validates_message_with_its_row(tmp_path, capsys):
    from eventmap.csvfile import MAX_FIELD_CHARS

    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A-1,Bravo Town,,,," + "x" * (MAX_FIELD_CHARS + 500_000) + "\n", encoding="utf-8")
    before = path.read_bytes()
    assert run("geocode-file", str(path), "--offline") == 1
    assert f"{path}:2: a cell longer than {MAX_FIELD_CHARS:,} characters" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_save_made_while_geocoding_is_never_lost(tmp_path, capsys, monkeypatch):
    """An editor saves on the desk while geocode-file waits on the service: geocode-file must not write over it."""
    from .conftest import nominatim_location

    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A-1,Mosul,,,,x\n", encoding="utf-8")
    desk_save = HEADER + "A-1,Mosul,,,,x\nA-2,Basra,30.5,47.8,1,added on the desk meanwhile\n"
    fake = fake_online(monkeypatch, tmp_path, {"Mosul": nominatim_location("Mosul, Iraq", 36.34, 43.13)})
    answer = fake.geocode

    def slow_geocode(query: str, **kwargs):
        with files.locked(path):  # the desk's save takes the same lock
            files.atomic_write(path, [desk_save])
        return answer(query, **kwargs)

    fake.geocode = slow_geocode
    assert run("geocode-file", str(path), "--online", "--user-agent", AGENT) == 1
    assert path.read_text(encoding="utf-8") == desk_save
    assert f"{path}: changed on disk while geocoding; not written, run again" in capsys.readouterr().err
    fake.geocode = answer  # run again: now it fills the row and keeps the desk's
    assert run("geocode-file", str(path), "--online", "--user-agent", AGENT) == 0
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        "A-1,Mosul,36.34,43.13,1,x",
        "A-2,Basra,30.5,47.8,1,added on the desk meanwhile",
    ]
