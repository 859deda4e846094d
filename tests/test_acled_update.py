"""`python -m eventmap acled-update`: an ACLED export refreshed by id, the newer timestamp winning, deletions dropped;
bad inputs refused in located lines with nothing written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap import acled_update, cli
from eventmap.export import FORMATS
from eventmap.load import load_events

HEADER = "event_id_cnty,event_date,timestamp,notes\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(["acled-update", *argv])
    except SystemExit as stop:
        code = stop.code
    out = capsys.readouterr()
    return code, out.out, out.err


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path, Path]:
    old = write(tmp_path, "old.csv", HEADER + "A1,2024-01-01,100,one\nA2,2024-01-02,100,two\nA3,2024-01-03,100,three\n")
    new = write(
        tmp_path, "new.csv", HEADER + "A2,2024-01-02,200,two again\nA3,2024-01-03,100,three\nA4,2024-01-04,150,4\n"
    )
    deleted = write(tmp_path, "deleted.csv", "event_id_cnty,deleted_timestamp\nA1,120\nA3,90\nA9,500\n")
    return old, new, deleted


def test_the_newer_row_wins_deletions_are_dropped_and_each_kind_is_printed(capsys, files, tmp_path):
    old, new, deleted = files
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, str(old), str(new), "--deleted", str(deleted), "-o", str(target))
    assert code == 0, err
    assert out.splitlines() == ["added 1: A4", "changed 1: A2", "deleted 1: A1", f"wrote 3 events to {target}"]
    rows = rows_of(target)
    assert [(r["event_id_cnty"], r["timestamp"], r["notes"]) for r in rows] == [
        ("A2", "200", "two again"),
        ("A3", "100", "three"),  # its deletion (90) is older than the row (100): the row stays
        ("A4", "150", "4"),
    ]


def test_without_a_deletions_file_the_old_rows_stay_and_a_new_column_is_kept(capsys, tmp_path):
    old = write(tmp_path, "old.csv", HEADER + "A1,2024-01-01,100,one\n")
    new = write(tmp_path, "new.csv", 'event_id_cnty,timestamp,notes,tags\nA2,300,two,"x; y"\n')
    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, str(old), str(new), "-o", str(target))
    assert code == 0
    assert out.splitlines()[:3] == ["added 1: A2", "changed 0", "deleted 0"]
    rows = rows_of(target)
    assert list(rows[0]) == ["event_id_cnty", "timestamp", "notes", "tags", "event_date"]  # the newer file's order
    assert [(r["event_id_cnty"], r["event_date"], r["tags"]) for r in rows] == [
        ("A1", "2024-01-01", ""),
        ("A2", "", "x; y"),
    ]


def test_an_export_and_a_deletions_list_with_no_rows_change_nothing(capsys, files, tmp_path):
    old, _, _ = files
    new = write(tmp_path, "new.csv", HEADER)
    deleted = write(tmp_path, "deleted.csv", "event_id_cnty,deleted_timestamp\n")
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, str(old), str(new), "--deleted", str(deleted), "-o", str(target))
    assert code == 0, err
    assert out.splitlines()[:3] == ["added 0", "changed 0", "deleted 0"]
    assert target.read_bytes() == old.read_bytes()


def test_an_acled_export_refreshed_loads_back_with_the_newer_text(capsys, sample, tmp_path):
    old = tmp_path / "old.csv"
    old.write_bytes(FORMATS["acled"].write(sample.events))
    frame = pd.read_csv(old, dtype=str, keep_default_na=False)
    changed = frame.iloc[[0]].assign(notes="Corrected by ACLED", timestamp=str(int(frame["timestamp"].iat[0]) + 60))
    new = tmp_path / "new.csv"
    changed.to_csv(new, index=False)
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, str(old), str(new), "-o", str(target))
    assert code == 0, err
    assert out.splitlines()[1] == f"changed 1: {frame['event_id_cnty'].iat[0]}"
    loaded = load_events(target)
    assert len(loaded.frame) == len(frame)
    shown = loaded.frame.set_index("event_id_cnty")
    assert shown.loc[frame["event_id_cnty"].iat[0], "notes"] == "Corrected by ACLED"


BAD_INPUTS = [
    ("old.csv", HEADER + "A2,2024-01-02,300,newer\n", "old.csv:2: timestamp: 'A2' is newer here (300) than in "),
    ("new.csv", HEADER + "A5,2024-01-05,1,x\nA5,2024-01-05,2,y\n", "new.csv:3: event_id_cnty: 'A5' is also on row 2"),
    ("new.csv", HEADER + ",2024-01-05,1,x\n", "new.csv:2: event_id_cnty: blank"),
    ("new.csv", HEADER + "A5,2024-01-05,yesterday,x\n", "new.csv:2: timestamp: 'yesterday' is not a time in Unix"),
    ("new.csv", "event_id_cnty,notes\nA5,x\n", "new.csv:1: timestamp: column missing"),
    ("deleted.csv", HEADER + "A1,2024-01-01,100,one\n", "deleted.csv:1: deleted_timestamp: column missing"),
    ("deleted.csv", "event_id_cnty,deleted_timestamp\nA1,12.5\n", "deleted.csv:2: deleted_timestamp: '12.5' is not"),
    ("deleted.csv", "", "deleted.csv: file is empty"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_INPUTS)
def test_each_bad_input_is_refused_in_a_located_line_with_nothing_written(capsys, files, tmp_path, name, text, message):
    write(tmp_path, name, text)
    old, new, deleted = files
    target = tmp_path / "out.csv"
    before = sorted(tmp_path.iterdir())
    code, out, err = run(capsys, str(old), str(new), "--deleted", str(deleted), "-o", str(target))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("acled-update: ") and message in err, err
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("old.csv", "refusing to write over the input file"),
        ("new.csv", "refusing to write over the input file"),
        ("deleted.csv", "refusing to write over the input file"),
        (".", "is a folder"),
        ("old.csv/out.csv", "is a file, not a folder"),
    ],
)
def test_an_output_that_is_an_input_a_folder_or_unwritable_is_refused(capsys, files, tmp_path, target, message):
    old, new, deleted = files
    contents = {path: path.read_bytes() for path in files}
    code, out, err = run(capsys, str(old), str(new), "--deleted", str(deleted), "-o", str(tmp_path / target))
    assert code == 1 and out == "" and message in err and len(err.splitlines()) == 1
    assert {path: path.read_bytes() for path in files} == contents
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deleted.csv", "new.csv", "old.csv"]


def as_export(rows: list[tuple[str, int]]) -> acled_update.Export:
    cells = pd.DataFrame(
        {
            "event_id_cnty": [i for i, _ in rows],
            "timestamp": [str(t) for _, t in rows],
            "notes": [f"{i} as of {t}" for i, t in rows],
        },
        dtype="str",
    )
    return acled_update.Export("export", cells, np.array([t for _, t in rows], dtype="int64"), np.arange(len(rows)) + 2)


@st.composite
def histories(draw):
    """ACLED's life as its exports see it: each id has versions over time and may be deleted after its last one;
    the export of step k holds some of the ids alive then (up to their deletion time), at their version then, and
    its deletions list some of the ids deleted by then."""
    ids = [f"X{n}" for n in range(draw(st.integers(1, 6)))]
    steps = draw(st.integers(1, 5))
    versions = {i: sorted(draw(st.sets(st.integers(0, 10 * steps), min_size=1, max_size=4))) for i in ids}
    deleted = {i: versions[i][-1] + draw(st.integers(0, 3)) for i in ids if draw(st.booleans())}
    exports, deletions = [], []
    for now in (10 * (k + 1) for k in range(steps)):
        alive = [i for i in ids if versions[i][0] <= now and deleted.get(i, now) >= now]
        chosen = draw(st.lists(st.sampled_from(alive), unique=True)) if alive else []
        exports.append([(i, max(v for v in versions[i] if v <= now)) for i in chosen])
        gone = [i for i in ids if deleted.get(i, now + 1) <= now]
        listed = draw(st.lists(st.sampled_from(gone), unique=True)) if gone else []
        deletions.append(pd.Series({i: deleted[i] for i in listed}, dtype="int64"))
    return exports, deletions


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_any_sequence_of_updates_equals_the_newest_version_of_each_id_minus_deletions(history):
    exports, deletions = history
    state = as_export([])
    for export, gone in zip(exports, deletions):
        table = acled_update.merge(state, as_export(export), gone).table
        times = table["timestamp"].astype("int64").to_numpy()
        state = acled_update.Export("merged", table, times, np.arange(len(table)) + 2)
    newest: dict[str, int] = {}
    for export in exports:
        for i, t in export:
            newest[i] = max(newest.get(i, t), t)
    for gone in deletions:
        for i, when in gone.items():
            if i in newest and when >= newest[i]:
                del newest[i]
    assert sorted(zip(table["event_id_cnty"], table["timestamp"].astype(int), table["notes"])) == sorted(
        (i, t, f"{i} as of {t}") for i, t in newest.items()
    )


def export_file(folder: Path, name: str, rows: list[tuple[str, int]]) -> Path:
    """An export as ACLED writes it, its notes holding what CSV must quote (commas, quotes, line breaks)."""
    lines = [HEADER.strip()]
    for i, t in rows:
        lines.append(f'{i},2024-01-01,{t},"{i} as of {t}, ""quoted""\nsecond line"')
    return write(folder, name, "\n".join(lines) + "\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_same_holds_for_files_written_and_read_back(tmp_path_factory, history):
    folder = tmp_path_factory.mktemp("fold")
    exports, deletions = history
    state: Path | None = None
    newest: dict[str, int] = {}
    for step, (export, gone) in enumerate(zip(exports, deletions)):
        if not export and state is None:
            continue
        new = export_file(folder, f"new{step}.csv", export) if export else state
        listed = write(folder, f"gone{step}.csv", "event_id_cnty,deleted_timestamp\n")
        listed.write_text(listed.read_text() + "".join(f"{i},{t}\n" for i, t in gone.items()), encoding="utf-8")
        update = acled_update.update_files(state or new, new, listed)
        state = folder / f"state{step}.csv"
        state.write_bytes(acled_update.update_bytes(update))
        for i, t in export:
            newest[i] = max(newest.get(i, t), t)
        newest = {i: t for i, t in newest.items() if gone.get(i, -1) < t}
    rows = rows_of(state) if state is not None else []
    assert sorted((r["event_id_cnty"], int(r["timestamp"]), r["notes"]) for r in rows) == sorted(
        (i, t, f'{i} as of {t}, "quoted"\nsecond line') for i, t in newest.items()
    )
