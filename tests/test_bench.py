"""The benchmark's pieces, without timing anything: the generated file is a valid ACLED export, and the
payload it reports for a map is exactly what the dashboard's deck serialises to."""

from __future__ import annotations

import csv

import pytest

from eventmap import bench, mapview, schema
from eventmap.load import ACLED, load_events

ROWS = 2_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return bench.generate(ROWS, tmp_path_factory.mktemp("bench"))


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
    again = bench.generate(ROWS, tmp_path)
    assert again.read_bytes() == generated.read_bytes()
    stamp = again.stat().st_mtime_ns
    assert bench.generate(ROWS, tmp_path) == again and again.stat().st_mtime_ns == stamp  # not written twice


def test_payload_bytes_is_what_the_deck_sends(generated):
    frame = load_events(generated).frame
    for view in (frame, frame[frame["theatre"] == "Iraq"], frame.iloc[0:0]):
        data = mapview.build_map_data(view)
        expected = len(mapview.build_deck(data).to_json().encode())
        assert bench.payload_bytes(mapview.build_deck(data)) == expected


def test_naive_payload_is_the_json_streamlit_would_send(generated):
    naive = bench._naive_module()
    events = naive.read_events(str(generated))
    deck = naive.make_deck(naive.filter_events(events, ["Iraq"]))
    size = bench.payload_bytes(deck)
    assert size == len(deck.to_json().encode())  # records now, as st.pydeck_chart leaves them
    assert size > 100 * len(naive.filter_events(events, ["Iraq"]))


def test_report_marks_targets(generated):
    """A report from made-up results: every target row says met or missed, and a timeout is said as such."""
    drawn = {"status": "drawn", "seconds": 1.0, "ws_bytes": 1_000_000}
    side = {"validate": {"wall_s": 1.0, "peak_mb": 100, "rc": 0, "said": "OK", "timed_out": False},
            "load": {"load_s": 1.0, "peak_mb": 100, "rows": 1, "problems": 0, "rss_before_mb": 50},
            "cache": {"first_s": 1.0, "second_s": 0.1},
            "work": {"reload_s": 0.1, "filter_s": 0.01, "filter_theatre_s": 0.01, "search_s": 0.01,
                     "filtered_rows": 1, "theatre_rows": 1, "search_rows": 1,
                     **{v: {"map_data_s": 0.1, "deck_s": 0.1, "json_s": 0.1, "build_s": 0.3, "bytes": 10,
                            "markers": 1, "aggregated": False, "cell_deg": None} for v in ("all", "filtered", "theatre")}},
            "browser": {"pages": [drawn], "filters": [drawn], "warmup": drawn, "server_peak_mb": 500}}
    naive = {"load": {"load_s": 2.0, "peak_mb": 100, "rows": 1, "rss_before_mb": 50},
             "work": {"first_s": 1.0, "reload_s": 0.5, "filter_theatre_s": 0.01, "search_s": 0.01,
                      **{v: {"deck_s": 1.0, "json_s": 1.0, "build_s": 2.0, "bytes": 10} for v in ("all", "theatre")}},
             "browser": {"pages": [{"status": "timeout", "wall_s": 180}], "filters": [], "warmup": drawn,
                         "server_peak_mb": 900}}
    results = {"machine": bench.machine(), "started": "now", "seconds": 60, "browser": True, "repeats": 1,
               "timeout_s": 180, "load_before": (0, 0, 0), "load_after": (0, 0, 0),
               "sizes": {"1000000": {"file": str(generated), "file_mb": 1.0, "reused": True, "generate_s": 0,
                                     "load_during": (0, 0, 0), "ours": side, "naive": naive}}}
    text = bench.report(results)
    targets = text.split("## Targets")[1].split("## Where")[0]
    assert targets.count("| met |") == 6 and "missed" not in targets  # open, filter, bytes ×2, memory, validate
    assert "timed out" in text
    side["browser"]["filters"] = [{**drawn, "seconds": 1.5}]
    targets = bench.report(results).split("## Targets")[1].split("## Where")[0]
    assert targets.count("| met |") == 5 and targets.count("**missed**") == 1
