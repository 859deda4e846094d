"""Hexagons above the point budget: every placed event counted once, coarse places counted apart, cells that
never overlap, a ramp whose lightness falls with the count, and a legend of counts in words."""

from __future__ import annotations

import json

import numpy as np
from h3.api import basic_int as h3

from eventmap import schema
from eventmap.maps import camera, contract, hexes, markers, picture, spec
from tests.maps.test_markers import synthetic


def lightness(rgb: tuple[int, int, int]) -> float:
    """CIELAB L* of an sRGB colour (D65): what a reader sees as light or dark."""
    linear = [((c / 255 + 0.055) / 1.055) ** 2.4 if c / 255 > 0.04045 else c / 255 / 12.92 for c in rgb]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def made_up(sample_events, n=6_000, places=markers.POINT_BUDGET + 500):
    """More places than the budget, a tenth of the events placed only to a region, a few to a country."""
    frame = synthetic(sample_events, n, places=places)
    frame["geo_precision"] = np.where(np.arange(n) % 10 == 0, 3, 1)
    for column in ("location", "country"):
        frame[column] = frame[column].astype(str).where(np.arange(n) >= 7, "Iraq")
    frame.loc[frame.index[:7], ["latitude", "longitude", "geo_precision"]] = [33.0, 44.0, 3]
    return frame


def test_hexagons_count_every_placed_event_once_and_coarse_places_apart(sample_events):
    frame = made_up(sample_events)
    data = markers.build_map_data(frame)
    coarse = int((frame["geo_precision"] >= 3).sum())
    assert data.aggregated and data.resolution in hexes.RESOLUTIONS
    assert data.events_country == 7, "placed only to a country: its shape, never a hexagon"
    assert data.events_region == coarse - 7, "placed only to a region: counted apart, never in a hexagon"
    assert data.markers["count"].sum() == data.events_drawn == len(frame) - coarse
    cells = data.markers["cell"].tolist()
    assert len(set(cells)) == len(cells), "one hexagon per cell"
    assert {h3.get_resolution(cell) for cell in cells} == {data.resolution}, "one resolution: cells never overlap"
    pointed = frame[frame["geo_precision"] < 3]
    expected = hexes.cell_ids(pointed, data.resolution)
    for cell, count in zip(cells[:50], data.markers["count"].tolist()[:50]):
        assert (expected == cell).sum() == count, "each hexagon counts the events inside it"
    assert len(data.markers) <= markers.POINT_BUDGET


def test_the_hexagons_resolution_follows_the_extent(sample_events):
    wide = synthetic(sample_events, 100, places=100)
    narrow = wide.assign(latitude=33 + (wide["latitude"] - 12) / 100, longitude=44 + (wide["longitude"] - 35) / 100)
    assert hexes.resolution_for(narrow) > hexes.resolution_for(wide)


def test_the_density_ramp_darkens_with_the_count():
    lightness_by_class = [lightness(colour) for colour in schema.DENSITY_COLOURS]
    assert all(a > b + 5 for a, b in zip(lightness_by_class, lightness_by_class[1:])), lightness_by_class
    assert len(schema.DENSITY_COLOURS) == len(schema.DENSITY_BREAKS)
    assert list(hexes.density_class(np.array([1, 9, 10, 99, 100, 5_000, 10**6]))) == [0, 0, 1, 1, 2, 3, 5]
    words = [words for words, _ in hexes.legend_classes()]
    assert words[:3] == ["1–9", "10–99", "100–999"] and words[-1] == "100,000 or more"


def test_the_spec_sends_each_hexagon_as_a_compact_outline_in_its_class_colour(sample_events):
    data = markers.build_map_data(made_up(sample_events))
    sent = json.loads(spec.build_deck(data, camera.camera(camera.fit_map(data), "hexagons")).to_json())
    layer = next(layer for layer in sent[contract.LAYERS] if layer["id"] == spec.CELLS_LAYER_ID)
    assert layer[contract.TYPE] == "PolygonLayer" and not layer["pickable"]
    assert len(layer["data"]) == len(data.markers)
    for row, count in zip(layer["data"], data.markers["count"]):
        assert tuple(row) == contract.CELL_FIELDS and len(row["poly"]) % 2 == 0 and len(row["poly"]) >= 10
        assert all(round(value, 3) == value for value in row["poly"])
        assert row["fill"][:3] == list(schema.DENSITY_COLOURS[hexes.density_class(np.array([count]))[0]])
    marks = next(layer for layer in sent[contract.LAYERS] if layer["id"] == spec.MAP_LAYER_ID)["data"]
    assert {row["r"] for row in marks} == {markers.CELL_MARK_PX}, "the centre mark is small: the fill says the count"
    labels = next(layer for layer in sent[contract.LAYERS] if layer["id"] == spec.NAMES_LAYER_ID)["data"]
    assert not [n for n in labels if n["color"] == list(schema.PALETTE["place label"])], "a count is its fill"
    places = json.loads(spec.build_deck(markers.build_map_data(sample_events)).to_json())
    empty = next(layer for layer in places[contract.LAYERS] if layer["id"] == spec.CELLS_LAYER_ID)
    assert empty["data"] == [], "a map of places draws no hexagons"


def test_the_pictures_legend_names_the_classes_of_counts_shown(sample_events):
    data = markers.build_map_data(made_up(sample_events))
    labels = [item["label"] for item in picture.legend(data)]
    top = hexes.top_class(data.markers)
    assert labels[: top + 1] == [f"hexagon of {words} events" for words, _ in hexes.legend_classes()[: top + 1]]
    assert not [label for label in picture.legend(markers.build_map_data(sample_events)) if "hexagon" in label["label"]]
