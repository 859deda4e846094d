"""The desk on the command line: what an editor scripting bulk work sees, and 20 writers at once losing nothing."""

import json
import subprocess
import sys

import pandas as pd

from eventmap.curate.sources import text_hash
from tests.conftest import ROOT
from tests.curate.deskfiles import NEW_EVENT, SOURCE_ID, make_desk, write_json


def run(*args: str, env_sources: str | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if k != "EVENTMAP_SOURCES"}
    if env_sources:
        env["EVENTMAP_SOURCES"] = env_sources
    return subprocess.run(
        [sys.executable, "-m", "eventmap", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env | {"EVENTMAP_EDITOR": "cli-tester"},
    )


def test_add_source_prints_its_id_and_recognises_the_same_text(tmp_path):
    events, sources = make_desk(tmp_path)
    text = tmp_path / "report.txt"
    text.write_text("Rockets hit Camp Gamma late on Friday, police said.\n", encoding="utf-8")
    args = (
        "add-source",
        "--events",
        str(events),
        "--text-file",
        str(text),
        "--title",
        "Rockets",
        "--published",
        "2023-12-09",
        "--url",
        "https://example.org/r",
    )
    first = run(*args, env_sources=str(sources))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"001_{text_hash(text.read_text())}.txt"
    second = run(*args, env_sources=str(sources))
    assert second.stdout == first.stdout and "already registered" in second.stderr
    assert (tmp_path / "sources.csv").read_text().count(first.stdout.strip()) == 1


def test_add_event_then_edit_retire_restore_history_undo(tmp_path):
    events, sources = make_desk(tmp_path)
    common = ("--events", str(events), "--sources", str(sources))
    added = run("add-event", "--json", str(write_json(tmp_path / "row.json", NEW_EVENT)), *common)
    assert added.returncode == 0, added.stderr
    new_id = added.stdout.strip()
    assert new_id == "EM-IRQ-002"
    assert run("edit-event", new_id, "fatalities=0", "notes=crowd of, about 200", *common).returncode == 0
    assert run("retire-event", new_id, "--reason", "not an event in scope", *common).returncode == 0
    assert new_id not in events.read_text()
    assert run("restore-event", new_id, *common).returncode == 0
    history = run("history", new_id, *common)
    assert [line.split("\t")[3] for line in history.stdout.splitlines()] == ["restore", "retire", "edit", "add"]
    assert "notes: '' -> 'crowd of, about 200'" in history.stdout
    undo = run("undo", *common)
    assert undo.returncode == 0 and "undid change" in undo.stderr
    assert new_id not in events.read_text()
    assert run("validate", str(events), *common[2:]).returncode == 0


def test_problems_are_path_row_column_lines_and_files_untouched(tmp_path):
    events, sources = make_desk(tmp_path)
    before = events.read_bytes()
    common = ("--events", str(events), "--sources", str(sources))
    bad = write_json(tmp_path / "bad.json", NEW_EVENT | {"event_date": "3 Decembre", "source_quote": "invented"})
    result = run("add-event", "--json", str(bad), *common)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(events))]
    assert f"{events}:4: event_date: not a date: '3 Decembre' (use YYYY-MM-DD)" in lines
    assert any(": source_quote: quote not found verbatim" in line for line in lines)
    assert "Traceback" not in result.stderr
    for args in (
        ("edit-event", "EM-IRQ-001", "latitude=91"),
        ("edit-event", "EM-IRQ-001", "no-equals-sign"),
        ("retire-event", "EM-NONE-9", "--reason", "x"),
        ("restore-event", "EM-IRQ-001"),
        ("undo",),
    ):
        failed = run(*args, *common)
        assert failed.returncode == 1 and "Traceback" not in failed.stderr, (args, failed.stderr)
    not_json = tmp_path / "x.json"
    not_json.write_text("[1, 2]")
    assert run("add-event", "--json", str(not_json), *common).returncode == 1
    no_sources = run("add-event", "--json", str(bad), "--events", str(events))
    assert no_sources.returncode == 1 and "--sources" in no_sources.stderr
    assert events.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.json",
        "events.csv",
        "events.csv.lock",
        "sources",
        "sources.csv",
        "x.json",
    ]


def test_duplicate_is_a_warning(tmp_path):
    events, sources = make_desk(tmp_path)
    twin = NEW_EVENT | {
        "event_date": "2023-12-03",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "location": "Camp Alpha",
        "source_quote": "Drones struck Camp Alpha on Sunday",
    }
    result = run(
        "add-event",
        "--json",
        str(write_json(tmp_path / "t.json", twin)),
        "--events",
        str(events),
        "--sources",
        str(sources),
    )
    assert result.returncode == 0 and "possible duplicate of EM-IRQ-001" in result.stderr


def test_twenty_concurrent_add_event_processes_lose_nothing(tmp_path):
    events, sources = make_desk(tmp_path, newline="\r\n", bom=True)
    procs = []
    for i in range(20):
        row = NEW_EVENT | {"notes": f"writer {i}", "fatalities": i}
        path = write_json(tmp_path / f"row{i}.json", row)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "eventmap",
                    "add-event",
                    "--json",
                    str(path),
                    "--events",
                    str(events),
                    "--sources",
                    str(sources),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    # A writer that waited over the desk's 10 s for the lock is told so and writes nothing; every other one saves.
    busy = {i for i, (code, _, err) in enumerate(results) if code == 1 and "the events file is busy" in err}
    assert [code for i, (code, _, _) in enumerate(results) if i not in busy] == [0] * (20 - len(busy)), results
    assert len(busy) < 20
    ids = {out.strip() for i, (_, out, _) in enumerate(results) if i not in busy}
    assert len(ids) == 20 - len(busy)
    frame = pd.read_csv(events, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert sorted(frame.loc[frame["notes"].str.startswith("writer"), "notes"]) == sorted(
        f"writer {i}" for i in range(20) if i not in busy
    )
    assert set(frame["event_id_cnty"]) >= ids
    check = run("validate", str(events), "--sources", str(sources))
    assert check.returncode == 0, check.stdout
    entries = [json.loads(line) for line in (tmp_path / "events.changes.jsonl").read_text().splitlines()]
    assert [e["action"] for e in entries].count("add") == 20 - len(busy)
    assert events.read_bytes().count(b"\r\n") == 23 - len(busy) and SOURCE_ID in events.read_text(encoding="utf-8-sig")


def test_a_missing_events_file_or_folder_is_file_not_found_and_nothing_is_created(tmp_path):
    missing = tmp_path / "x" / "y" / "z" / "events.csv"
    for args in (
        ("undo",),
        ("history",),
        ("retire-event", "EM-IRQ-001", "--reason", "gone"),
        ("edit-event", "EM-IRQ-001", "notes=x"),
    ):
        result = run(*args, "--events", str(missing))
        assert result.returncode == 1, (args, result.stderr)
        assert f"{missing}: file not found" in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()
    history = run("history", "--events", str(tmp_path / "events.csv"))
    assert history.returncode == 1 and f"{tmp_path / 'events.csv'}: file not found" in history.stderr


def test_a_corrupt_change_log_is_reported_by_line_and_nothing_is_written(tmp_path):
    from eventmap.curate.table import log_path

    events, sources = make_desk(tmp_path)
    common = ("--events", str(events), "--sources", str(sources))
    assert run("edit-event", "EM-IRQ-001", "notes=first", *common).returncode == 0
    changes = log_path(events)
    good = changes.read_bytes()
    for bad, commands in (
        (b'{"seq":"abc"}', [("edit-event", "EM-IRQ-001", "notes=second")]),
        (b"\xff", [("history",), ("undo",)]),
        (b'{"seq":99,"after":"x"}', [("undo",), ("history", "EM-IRQ-001")]),
    ):
        changes.write_bytes(good + bad + b"\n")
        before = events.read_bytes()
        for command in commands:
            result = run(*command, *common)
            assert result.returncode == 1, (command, result.stderr)
            assert "Traceback" not in result.stderr
            assert f"{changes}:{len(good.splitlines()) + 1}: " in result.stderr, result.stderr  # the bad line
            assert events.read_bytes() == before and changes.read_bytes() == good + bad + b"\n"


def test_a_cell_over_the_limit_or_cr_line_endings_are_read_as_validate_reads_them(tmp_path):
    from eventmap.csvfile import MAX_FIELD_CHARS
    from tests.curate.deskfiles import events_text

    events, sources = make_desk(tmp_path)
    common = ("--events", str(events), "--sources", str(sources))
    events.write_bytes(events_text("\r").encode("utf-8"))  # old Mac line endings: validate reads them
    edited = run("edit-event", "EM-SEA-001", "fatalities=1", *common)
    assert edited.returncode == 0, edited.stderr
    assert events.read_bytes() == events_text("\r").replace(",Red Sea,,,,0,", ",Red Sea,,,,1,").encode("utf-8")
    huge = events_text() + "EM-X-1," + "x" * (MAX_FIELD_CHARS + 500_000) + "\n"
    events.write_text(huge, encoding="utf-8")
    result = run("edit-event", "EM-SEA-001", "fatalities=2", *common)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{events}:4: a cell longer than {MAX_FIELD_CHARS:,} characters" in result.stderr, result.stderr[:500]


def test_an_unusable_change_log_is_said_in_words_and_nothing_is_written(tmp_path):
    events, sources = make_desk(tmp_path)
    (tmp_path / "events.changes.jsonl").mkdir()  # the log cannot be read or written
    before = events.read_bytes()
    result = run("edit-event", "EM-IRQ-001", "fatalities=3", "--events", str(events), "--sources", str(sources))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the change log cannot be read" in result.stderr and "nothing was written" in result.stderr
    assert events.read_bytes() == before


def test_propose_lists_the_reports_candidate_events_as_json_lines(tmp_path):
    events, sources = make_desk(tmp_path)
    before = events.read_bytes()
    result = run("propose", "--source", SOURCE_ID, "--events", str(events), "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    found = {c["quote"]: c for c in map(json.loads, result.stdout.splitlines())}
    drones = found["Drones struck Camp Alpha on Sunday, officials said Monday."]
    assert drones["sub_event_type"] == "Air/drone strike"
    assert (drones["dates"][0]["date"], drones["dates"][0]["time_precision"]) == ("2023-12-03", 1)
    assert (
        found["The strike killed two guards and wounded 3 others, though a later count said four died."]["fatalities"]
        == "killed two guards"
    )
    missile = found["A missile fired from Yemen was shot down over the Red Sea yesterday."]
    assert missile["sub_event_type"] == "Disrupted weapons use" and missile["dates"][0]["date"] == "2023-12-03"
    assert found["Protesters gathered in Basra on December 1."]["event_type"] == "Protests"
    assert events.read_bytes() == before and not (tmp_path / "events.changes.jsonl").exists()  # nothing saved
    unknown = run("propose", "--source", "nope.txt", "--events", str(events), "--sources", str(sources))
    assert unknown.returncode == 1 and "no registered report 'nope.txt'" in unknown.stderr


def test_a_new_theatre_on_the_command_line_needs_new_theatre(tmp_path):
    events, sources = make_desk(tmp_path)
    row = write_json(tmp_path / "jordan.json", NEW_EVENT | {"theatre": "Jordan"})
    common = ("--json", str(row), "--events", str(events), "--sources", str(sources))
    refused = run("add-event", *common)
    assert refused.returncode == 1 and "'Jordan' is not a theatre of the data (Iraq, Red Sea)" in refused.stderr
    added = run("add-event", *common, "--new-theatre")
    assert added.returncode == 0 and added.stdout.strip() == "EM-JOR-001"
