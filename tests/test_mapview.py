"""The map's data: one marker per place, precision as area, no jitter, aggregation above the budget."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from eventmap import mapview
from eventmap.load import load_curated


def test_stacked_events_become_one_marker_with_a_count():
    events = load_curated().events
    data = mapview.build_map_data(events)
    assert not data.aggregated and data.events_unplaced == 1
    markers = data.markers.set_index("ids")
    asad_exact = markers.loc["EM-IRQ-001;EM-IRQ-005"]
    assert asad_exact["count"] == 2 and asad_exact["precision"] == 1 and asad_exact["area_m"] == 0
    assert data.markers["count"].sum() == len(events) - 1


def test_approximate_places_are_drawn_as_areas():
    data = mapview.build_map_data(load_curated().events)
    markers = data.markers.set_index("ids")
    assert markers.loc["EM-IRQ-002", "area_m"] > 0  # "in the area" of Ain al-Asad
    assert markers.loc["EM-IRQ-003", "area_m"] > markers.loc["EM-IRQ-007", "area_m"] > 0  # Iraq > near Kirkuk


def test_markers_do_not_move_between_renders():
    events = load_curated().events
    first = mapview.layer_records(mapview.build_map_data(events).markers)
    second = mapview.layer_records(mapview.build_map_data(events.sample(frac=1, random_state=1)).markers)
    assert sorted((r["lon"], r["lat"], r["n"]) for r in first) == sorted((r["lon"], r["lat"], r["n"]) for r in second)


def test_layer_data_is_plain_json_with_dates_as_text():
    deck = mapview.build_deck(mapview.build_map_data(load_curated().events))
    spec = json.loads(deck.to_json())
    layer = next(l for l in spec["layers"] if l["id"] == mapview.MAP_LAYER_ID)
    assert "{}" not in json.dumps(layer["data"])  # a Timestamp would have serialised as {}
    assert any("3 Dec 2023" in r["body"] for r in layer["data"])
    assert spec.get("mapProvider") in (None, "") and "mapStyle" not in spec or not spec["mapStyle"]


def test_tooltip_marks_approximate_dates():
    records = mapview.layer_records(mapview.build_map_data(load_curated().events).markers)
    mason = next(r for r in records if "EM-SEA-001" in r["ids"])
    assert "≈ 27 Nov 2023 (within a week)" in mason["body"]


def synthetic(n: int, places: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    base = load_curated().events.iloc[[0]]
    frame = base.loc[base.index.repeat(n)].reset_index(drop=True)
    frame["event_id_cnty"] = [f"S{i}" for i in range(n)]
    spots = rng.uniform([12, 35], [38, 60], size=(places, 2))
    pick = np.arange(n) % places  # every place used
    frame["latitude"], frame["longitude"] = spots[pick, 0], spots[pick, 1]
    return frame


def test_aggregation_switches_on_above_the_budget_and_off_below():
    below = mapview.build_map_data(synthetic(3_000, places=mapview.POINT_BUDGET))
    assert not below.aggregated
    above = mapview.build_map_data(synthetic(20_000, places=mapview.POINT_BUDGET + 1))
    assert above.aggregated and len(above.markers) <= mapview.POINT_BUDGET
    assert above.markers["count"].sum() == 20_000
    back = mapview.build_map_data(synthetic(20_000, places=mapview.POINT_BUDGET + 1).head(4_000))
    assert not back.aggregated
