"""Stacked events fanned out: what the server sends for a marker of several events (eventmap/maps/fan.py), the
ring the browser spreads them on (frontend/src/fan.js, run by Node), and a fanned event's click to its record."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from eventmap import schema
from eventmap.maps import contract, fan, markers
from eventmap.ui.widgets import empty_pick_note
from tests.maps.test_contract import code
from tests.maps.test_markers import events

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"


def records_at(data: markers.MapData, place: str) -> dict:
    return next(row for row in markers.layer_records(data.markers) if row["title"].startswith(place + " — "))


def test_a_stack_sends_each_event_with_its_own_key_look_and_tooltip(sample_events):
    alpha = records_at(markers.build_map_data(sample_events), "Alpha Base")
    assert [entry["key"] for entry in alpha["fan"]] == ["SM-001", "SM-002"], "in date order"
    for entry in alpha["fan"]:
        assert tuple(entry) == contract.FAN_FIELDS
        assert entry["fill"][:3] == list(schema.CATEGORY_COLOURS["Attack"]) and entry["shape"] == "triangle"
        assert entry["title"] == f"Alpha Base — {entry['key']}"
        assert entry["line"] == list(schema.PALETTE["fan line"])
    assert alpha["fan"][0]["body"].startswith("6 May 2024 · Attack · fatalities: 2 · Sample event SM-001.")
    assert "7 May 2024 · Attack" in alpha["fan"][1]["body"] and "6 May" not in alpha["fan"][1]["body"]
    assert records_at(markers.build_map_data(sample_events), "Sample Sea")["fan"] == [], "one event: nothing to fan"


def test_a_fanned_events_key_lists_that_event_alone(sample_events):
    assert list(markers.events_at(sample_events, ["SM-002"])["event_id_cnty"]) == ["SM-002"]
    assert markers.events_at(sample_events, ["SM-006"]).empty, "placed only to a country: never a marker"
    assert "not in this view" in empty_pick_note(["SM-404"])


def test_big_stacks_and_stacks_past_the_budget_are_not_fanned(sample_events, monkeypatch):
    many = fan.FAN_MAX + 1
    big = events(sample_events, *((f"B{i}", "Big", 30.0, 40.0, 1) for i in range(many)))
    assert records_at(markers.build_map_data(big), "Big")["fan"] == []
    pairs = events(sample_events, *((f"P{i}", f"Pair {i // 2}", 30.0 + i // 2, 40.0, 1) for i in range(6)))
    monkeypatch.setattr(fan, "FAN_BUDGET", 4)
    fanned = [len(row["fan"]) for row in markers.layer_records(markers.build_map_data(pairs).markers)]
    assert sorted(fanned) == [0, 2, 2], "two stacks of two within a budget of four events, the third not"


def node_positions(*args) -> list[list[float]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing (./scripts/setup.sh installs it)")
    call = f"fanPositions({json.dumps(args)[1:-1]})"
    script = f"import {{fanPositions}} from './src/fan.js'; console.log(JSON.stringify({call}))"
    done = subprocess.run(
        [node, "--input-type=module", "-e", script], cwd=FRONTEND, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("count", [2, 3, 5, fan.FAN_MAX])
def test_the_fan_is_a_ring_around_the_place_clear_of_its_marker_with_no_two_events_touching(count):
    x, y, r, size = 100.0, 200.0, 10.0, 7.0
    spots = node_positions(x, y, count, r, size)
    assert len(spots) == count
    distances = [math.hypot(px - x, py - y) for px, py in spots]
    assert max(distances) - min(distances) < 1e-6, "on one circle round the true point"
    assert min(distances) >= r + size + 4, "clear of the stacked marker, with a gap"
    assert min(distances) <= 60, "a small circle: the events stay by their place"
    assert spots[0][0] == pytest.approx(x) and spots[0][1] < y, "the first straight above"
    gaps = [math.dist(a, b) for i, a in enumerate(spots) for b in spots[i + 1 :]]
    assert min(gaps) >= 2 * size + 4 - 1e-6, "no two fanned markers touch"
    angles = [math.atan2(py - y, px - x) for px, py in spots]
    steps = {round((b - a) % (2 * math.pi), 6) for a, b in zip(angles, angles[1:])}
    assert steps == {round(2 * math.pi / count, 6)}, "evenly spaced, clockwise on the screen"


def test_fan_js_reads_markers_and_fanned_events_only_through_the_contract():
    source = code(FRONTEND / "src" / "fan.js")
    fields = set(re.findall(r"\brow\.(\w+)", source))
    assert fields and fields <= {*contract.MARKER_FIELDS, *contract.FAN_FIELDS}, sorted(fields)
    read = set(re.findall(r"\blayer\.(\w+)", source))
    assert read <= set(contract.LAYER_PROPS["ScatterplotLayer"]), sorted(read)
