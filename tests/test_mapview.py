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
    assert not data.aggregated and data.events_unplaced == int(events["latitude"].isna().sum()) > 0
    asad = data.markers[data.markers["location"] == "Ain al-Asad Air Base"]
    assert len(asad) == 1 and asad["count"].iloc[0] == 3  # attacks of 20 and 23 Nov and the AC-130 strike
    assert asad["precision"].iloc[0] == 1 and asad["category"].iloc[0] == "Attack"  # the dominant category
    assert data.markers["count"].sum() == len(events) - data.events_unplaced
    clicked = mapview.events_at(events, [int(asad["key"].iloc[0])])
    assert list(clicked["event_id_cnty"]) == ["EM-IRQ-001", "EM-IRQ-002", "EM-IRQ-005"]
    areas = data.areas.set_index("location")
    assert areas.loc["Ain al-Asad Air Base", "area_m"] > 0  # the AC-130 strike "in the area" gets its area


def test_approximate_places_are_drawn_as_areas():
    areas = mapview.build_map_data(load_curated().events).areas.set_index("location")
    assert areas.loc["Iraq", "area_m"] > areas.loc["Kirkuk", "area_m"] > 0  # "inside Iraq" > "near Kirkuk"
    assert "Erbil Air Base" not in areas.index  # exact places get no area


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
    # No basemap provider: pydeck's sentinel style, which Streamlit draws without fetching any tiles
    # (map_style=None would make Streamlit fetch a Carto style), and no address anywhere in the spec.
    assert "mapProvider" not in spec and spec["mapStyle"] == "__MAP_STYLE__"
    assert "://" not in deck.to_json()


def test_tooltip_marks_approximate_dates():
    records = mapview.layer_records(mapview.build_map_data(load_curated().events).markers)
    mason = next(r for r in records if "Gulf of Aden" in r["title"])
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
    budget = mapview.POINT_BUDGET
    below = mapview.build_map_data(synthetic(3 * budget, places=budget))  # many events, few enough places
    assert not below.aggregated and len(below.markers) == budget
    many = synthetic(20_000, places=budget + 1)
    above = mapview.build_map_data(many)
    assert above.aggregated and len(above.markers) <= budget
    assert above.markers["count"].sum() == 20_000
    back = mapview.build_map_data(many.head(budget))  # filtering below the budget brings the points back
    assert not back.aggregated and back.markers["count"].max() == 1


def test_payload_stays_under_budget_for_a_large_input():
    """What one render sends to the browser, at the worst case: as many single places as the budget allows."""
    budget = mapview.POINT_BUDGET
    for frame in (synthetic(100_000, places=budget), synthetic(100_000, places=50_000), synthetic(budget, places=budget)):
        spec = mapview.build_deck(mapview.build_map_data(frame)).to_json()
        assert len(spec.encode("utf-8")) <= 1_500_000
