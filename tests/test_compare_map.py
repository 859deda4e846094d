"""The change map on a made-up frame: a marker per place with events in either period, its colour and shape by
ACLED's change level, its size by the larger count, coarse places left out, names only as tooltip text."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from eventmap import compare, compare_map, schema
from eventmap.compare import Period
from eventmap.maps import contract

A = Period(dt.date(2024, 1, 1), dt.date(2024, 1, 7))
B = Period(dt.date(2024, 1, 8), dt.date(2024, 1, 14))
HOSTILE = '<img src=x onerror=alert(1)>"Town'


def events(rows: list[tuple]) -> pd.DataFrame:
    """(date, admin1, location, geo_precision, latitude, longitude) rows in Iraq, as the loaded frame holds them."""
    frame = pd.DataFrame(rows, columns=["event_date", "admin1", "location", "geo_precision", "latitude", "longitude"])
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["country"] = pd.Series("Iraq", index=frame.index, dtype="category")
    frame["fatalities"] = 1
    for name in ("admin1", "location"):
        frame[name] = frame[name].astype("category")
    frame["geo_precision"] = frame["geo_precision"].astype("Int8")
    return frame


def days(a: int, b: int) -> list[str]:
    return ["2024-01-02"] * a + ["2024-01-10"] * b


def place(name: str, admin1: str, a: int, b: int, lat: float, lon: float, precision: int = 1) -> list[tuple]:
    return [(day, admin1, name, precision, lat, lon) for day in days(a, b)]


FRAME = events(
    [
        *place("Surge", "Anbar", 2, 8, 33.0, 42.0),  # +300 %: large increase
        *place("Creep", "Anbar", 10, 12, 34.0, 42.0),  # +20 %: moderate increase
        *place("Steady", "Erbil", 4, 4, 36.0, 44.0),  # 0 %: limited change
        *place("Falling", "Erbil", 4, 1, 36.2, 44.2),  # -75 %: large decrease
        *place("Fresh", "Basra", 0, 3, 30.5, 47.8),  # new
        *place("Quiet", "Basra", 5, 0, 30.6, 47.6),  # gone
        *place(HOSTILE, "Basra", 1, 1, 30.0, 47.0),
        *place("Iraq", "", 6, 6, 33.0, 44.0, precision=3),  # placed only to the country: counted apart
        *place("Nowhere", "Basra", 2, 0, None, None),  # named but no coordinates: not drawn
    ]
)


def change_map(by: str) -> tuple[list[dict], int]:
    table = compare.compare(FRAME, A, B, by)
    where = compare_map.points(FRAME, A, B, by)
    return compare_map.marker_rows(table, where, by), compare_map.not_drawn(table, where, by)


def test_each_place_is_coloured_and_shaped_by_its_level_and_sized_by_its_larger_count():
    markers, not_drawn = change_map("location")
    by_title = {m["title"].split(":")[0]: m for m in markers}
    assert set(by_title) == {"Surge", "Creep", "Steady", "Falling", "Fresh", "Quiet", HOSTILE.split(":")[0]}
    assert all(tuple(m) == contract.MARKER_FIELDS for m in markers)
    expected = {
        "Surge": ("large increase", "triangle"),
        "Creep": ("moderate increase", "triangle"),
        "Steady": ("limited change", "circle"),
        "Falling": ("large decrease", "triangle down"),
        "Fresh": ("new", "triangle"),
        "Quiet": ("gone", "triangle down"),
    }
    for name, (level, shape) in expected.items():
        assert by_title[name]["title"].endswith(f"({level})")
        assert by_title[name]["fill"][:3] == list(schema.CHANGE_COLOURS[level]) and by_title[name]["shape"] == shape
    assert by_title["Surge"]["title"] == "Surge: 2 → 8 events (large increase)"
    assert by_title["Quiet"]["body"] == "Basra, Iraq\nFatalities: 5 → 0"
    # sized by max(A, B): Creep 12, Surge 8, Quiet 5, Fresh 3; Steady and Falling 4 each
    assert by_title["Creep"]["r"] > by_title["Surge"]["r"] > by_title["Quiet"]["r"] > by_title["Fresh"]["r"]
    assert by_title["Steady"]["r"] == by_title["Falling"]["r"]
    assert [m["r"] for m in markers] == sorted((m["r"] for m in markers), reverse=True)  # small ones drawn on top
    assert (by_title["Surge"]["lat"], by_title["Surge"]["lon"]) == (33.0, 42.0)
    assert not_drawn == 12 + 2  # the country-level events and the place with no coordinates


def test_the_levels_read_in_grey_and_every_level_has_a_colour_and_a_known_shape():
    legend = compare_map.legend()
    assert [name for name, _, _ in legend] == list(schema.CHANGE_LEVELS)
    assert {item.name for item in compare.LEVELS} | {compare.NEW, compare_map.GONE} == set(schema.CHANGE_LEVELS)
    assert all(shape in contract.SHAPES for _, _, shape in legend)
    grey = [0.2126 * r + 0.7152 * g + 0.0722 * b for _, (r, g, b), _ in legend]
    increases, decreases = grey[:3], grey[4:][::-1]
    assert increases == sorted(increases) and decreases == sorted(decreases)  # darker the further from stable
    assert len(set(schema.CHANGE_COLOURS.values())) == len(schema.CHANGE_COLOURS)


def test_provinces_are_drawn_at_the_mean_point_of_their_events():
    markers, not_drawn = change_map("admin1")
    by_title = {m["title"].split(":")[0]: m for m in markers}
    assert set(by_title) == {"Anbar", "Erbil", "Basra"}
    assert by_title["Anbar"]["lat"] == round((33.0 * 10 + 34.0 * 22) / 32, 4)
    assert by_title["Anbar"]["title"] == "Anbar: 12 → 20 events (large increase)"
    assert by_title["Basra"]["body"].startswith("Iraq\n")
    assert not_drawn == 12  # the country-level events; Nowhere's province is drawn from its other places


def test_hostile_names_are_only_tooltip_text_in_the_spec():
    markers, _ = change_map("location")
    hostile = [m for m in markers if m["title"].startswith(HOSTILE)]
    assert len(hostile) == 1 and hostile[0]["title"] == f"{HOSTILE}: 1 → 1 events (limited change)"
    spec = json.loads(compare_map.deck(markers).to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert layers["events"]["data"] == markers  # the map's one pickable layer, drawn by the existing component
    assert [layer["id"] for layer in spec["layers"] if layer.get("pickable")] == ["events"]
    assert not any(key != "data" and HOSTILE in json.dumps(value) for key, value in layers["events"].items())


def test_an_empty_comparison_draws_nothing():
    empty = FRAME.iloc[0:0]
    table, where = compare.compare(empty, A, B, "location"), compare_map.points(empty, A, B, "location")
    assert (
        compare_map.marker_rows(table, where, "location") == [] and compare_map.not_drawn(table, where, "location") == 0
    )
    assert json.loads(compare_map.deck([]).to_json())["layers"][-1]["data"] == []


def test_above_the_budget_the_places_with_the_most_events_are_drawn():
    table, where = compare.compare(FRAME, A, B, "location"), compare_map.points(FRAME, A, B, "location")
    markers = compare_map.marker_rows(table, where, "location", budget=2)
    assert [m["title"].split(":")[0] for m in markers] == ["Creep", "Surge"]
    assert len(compare_map.drawable(table, where, "location")) == 7
