"""The synthetic ACLED exports the benchmark reads: valid, realistic in shape, the same for the same seed."""

from __future__ import annotations

import csv

import pytest

from bench import synthetic
from eventmap import schema
from eventmap.load import ACLED, load_events

ROWS = 2_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return synthetic.generate(ROWS, tmp_path_factory.mktemp("bench"))


def test_generated_file_is_a_clean_acled_export(generated):
    raw = generated.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with generated.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == schema.ACLED_COLUMNS and len(rows[0]) == 31
    assert all(len(row) == 31 for row in rows[1:]) and len(rows) == ROWS + 1
    loaded = load_events(generated)
    assert loaded.kind == ACLED
    assert loaded.problems == [] and len(loaded.frame) == ROWS
    dates = [row[1] for row in rows[1:]]
    assert any("-" in d for d in dates) and any(" " in d for d in dates)  # ISO and '03 December 2023' both
    assert any('"' in row[27] and "," in row[27] for row in rows[1:])  # notes with quotes and commas
    span = loaded.frame["event_date"].max() - loaded.frame["event_date"].min()
    assert 300 <= span.days <= 366


def test_generation_is_deterministic_and_reused(generated, tmp_path):
    again = synthetic.generate(ROWS, tmp_path)
    assert again.read_bytes() == generated.read_bytes()
    stamp = again.stat().st_mtime_ns
    assert synthetic.generate(ROWS, tmp_path) == again and again.stat().st_mtime_ns == stamp  # not written twice
    assert [p.name for p in tmp_path.iterdir()] == [again.name]  # no temporary file left beside it


def test_another_seed_gives_other_rows(tmp_path):
    assert synthetic.generate_frame(50, seed=1).equals(synthetic.generate_frame(50, seed=1))
    assert not synthetic.generate_frame(50, seed=1).equals(synthetic.generate_frame(50, seed=2))
