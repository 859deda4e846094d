"""The map's data: one marker per place, precision as area, no jitter, aggregation above the budget."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from eventmap import mapview, schema
from eventmap.basemap import MAP_WIDTH_PX, POINT_ZOOM
from eventmap.load import load_curated
from eventmap.ui.widgets import empty_pick_note


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


def test_a_click_that_lists_nothing_says_why():
    events = load_curated().events
    asad = mapview.build_map_data(events).markers.set_index("location").loc["Ain al-Asad Air Base", "key"]
    red_sea = events[events["theatre"] == "Red Sea"]  # a filter change after the click: Ain al-Asad is gone
    assert mapview.events_at(red_sea, [int(asad)]).empty
    assert "not in this view" in empty_pick_note([int(asad)])
    assert "aggregated cell" in empty_pick_note([-1]), "a grid cell has no single place to list"


def test_approximate_places_are_drawn_as_areas():
    areas = mapview.build_map_data(load_curated().events).areas.set_index("location")
    assert areas.loc["Iraq", "area_m"] > areas.loc["Kirkuk", "area_m"] > 0  # "inside Iraq" > "near Kirkuk"
    assert "Erbil Air Base" not in areas.index  # exact places get no area


def test_an_area_takes_the_colour_of_most_of_its_events():
    """Events placed only 'near X' are one area per place: coloured by their most frequent category, the first
    listed on a tie, whatever order the rows come in."""
    events = load_curated().events
    near = events[events["geo_precision"] == 2].iloc[0]
    rows = pd.DataFrame([near] * 5).reset_index(drop=True)
    rows["event_id_cnty"] = [f"T-{i}" for i in range(5)]
    rows["category"] = pd.Categorical(
        ["Interception", "US strike", "US strike", "Attack", "Interception"], categories=schema.CATEGORIES
    )
    for order in (rows, rows.iloc[::-1]):
        areas = mapview.build_map_data(order).areas
        assert len(areas) == 1 and areas["category"].iloc[0] == min(
            ("Interception", "US strike"), key=schema.CATEGORIES.index
        )
    rows.loc[3, "category"] = "US strike"
    assert mapview.build_map_data(rows).areas["category"].iloc[0] == "US strike"


def test_a_tooltip_lists_a_places_first_events_in_date_order_then_how_many_more():
    events = load_curated().events
    exact = events[(events["geo_precision"] == 1) & (events["time_precision"] == 1)].iloc[0]
    rows = pd.DataFrame([exact] * 5).reset_index(drop=True)
    rows["event_id_cnty"] = [f"T-{i}" for i in range(5)]
    rows["event_date"] = pd.to_datetime(["2024-01-05", "2024-01-02", "2024-01-04", "2024-01-01", "2024-01-03"])
    rows["notes"] = [f"note {i}" for i in range(5)]
    other = rows.iloc[[0]].assign(latitude=rows["latitude"] + 1, event_id_cnty="T-9", notes="elsewhere")
    markers = mapview.build_map_data(pd.concat([rows, other], ignore_index=True)).markers.set_index("count")
    lines = markers.loc[5, "body"].split("\n")
    assert [line.split(" · ")[0] for line in lines[:3]] == ["1 Jan 2024", "2 Jan 2024", "3 Jan 2024"]
    assert ["note 3" in lines[0], "note 1" in lines[1], "note 4" in lines[2]] == [True] * 3
    assert lines[3:] == ["… and 2 more: click"] and "elsewhere" in markers.loc[1, "body"]


def test_markers_do_not_move_between_renders():
    events = load_curated().events
    first = mapview.layer_records(mapview.build_map_data(events).markers)
    second = mapview.layer_records(mapview.build_map_data(events.sample(frac=1, random_state=1)).markers)
    assert sorted((r["lon"], r["lat"], r["n"]) for r in first) == sorted((r["lon"], r["lat"], r["n"]) for r in second)


def test_layer_data_is_plain_json_with_dates_as_text():
    deck = mapview.build_deck(mapview.build_map_data(load_curated().events))
    spec = json.loads(deck.to_json())
    layer = next(each for each in spec["layers"] if each["id"] == mapview.MAP_LAYER_ID)
    assert "{}" not in json.dumps(layer["data"])  # a Timestamp would have serialised as {}
    assert any("3 Dec 2023" in r["body"] for r in layer["data"])
    # No basemap provider: pydeck's sentinel style, which Streamlit draws without fetching any tiles
    # (map_style=None would make Streamlit fetch a Carto style), and no address anywhere in the spec.
    assert "mapProvider" not in spec and spec["mapStyle"] == "__MAP_STYLE__"
    assert "://" not in deck.to_json()
    assert spec["tooltip"] == mapview.TOOLTIP, "the tooltip's look travels in the spec (pydeck leaves it out)"


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
    for frame in (
        synthetic(100_000, places=budget),
        synthetic(100_000, places=50_000),
        synthetic(budget, places=budget),
    ):
        spec = mapview.build_deck(mapview.build_map_data(frame)).to_json()
        assert len(spec.encode("utf-8")) <= 1_500_000


def test_the_map_columns_alone_draw_the_same_map_with_tooltips_read_from_the_dataset():
    """The Map page copies only MAP_COLUMNS of the filtered rows; tooltips read the rest from the dataset."""
    whole = load_curated().events.copy()
    whole.loc[whole.index[::2], "notes"] = '<b>bold</b> =cmd|" /C calc"!A0 **not markdown**'  # hostile, shown as text
    for view in (whole, whole[whole["theatre"] != "Iraq"], whole.iloc[::-1]):  # every row, a filter, another order
        full = mapview.build_map_data(view)
        narrow = mapview.build_map_data(view[list(mapview.MAP_COLUMNS)], details=whole)
        pd.testing.assert_frame_equal(narrow.markers, full.markers)
        pd.testing.assert_frame_equal(narrow.areas, full.areas)
        assert "<b>bold</b>" in " ".join(full.markers["body"])


# --- precision shapes, the view, the spec: on small frames built here --------------------------------------


def events(*rows: tuple[str, str, float, float, int]) -> pd.DataFrame:
    """(id, location, latitude, longitude, geo_precision) -> a frame shaped like the loader's."""
    base = load_curated().events.iloc[[0]]
    frame = base.loc[base.index.repeat(len(rows))].reset_index(drop=True)
    for column, values in zip(("event_id_cnty", "location", "latitude", "longitude", "geo_precision"), zip(*rows)):
        frame[column] = list(values)
    return frame


def test_an_event_placed_only_to_a_country_tints_that_country_instead_of_a_circle():
    data = mapview.build_map_data(
        events(("A", "Iraq", 33.0, 44.0, 3), ("B", "Kirkuk", 35.47, 44.39, 2), ("C", "Erbil Air Base", 36.24, 43.96, 1))
    )
    countries = mapview.country_layers(data.areas)
    assert [layer.id for layer in countries] == ["country-iraq"]
    assert countries[0].tint_color == list(schema.colour_of(data.areas["category"].iloc[0]))
    circles = mapview.area_records(data.areas)
    assert len(circles) == 1 and circles[0]["area"] == 10_000  # Kirkuk's gazetteer radius, 10 km
    fill, line = circles[0]["fill"], circles[0]["line"]
    assert fill[3] < line[3] / 3, "a light fill under a clear outline"
    assert data.shapes == (True, True)


def test_approximate_markers_are_drawn_beneath_exact_ones():
    data = mapview.build_map_data(
        events(("A", "Kirkuk", 35.47, 44.39, 2), ("B", "Erbil Air Base", 36.24, 43.96, 1), ("C", "Iraq", 33.0, 44.0, 3))
    )
    records = mapview.layer_records(data.markers)
    alphas = [r["fill"][3] for r in records]
    assert alphas == sorted(alphas) and alphas[-1] == mapview.POINT_ALPHA


def test_a_country_name_that_the_basemap_lacks_falls_back_to_a_circle():
    data = mapview.build_map_data(events(("A", "Atlantis", 10.0, 20.0, 3)))
    assert mapview.country_layers(data.areas) == [] and len(mapview.area_records(data.areas)) == 1


def points(*latlon: tuple[float, float], area_m: float = 0.0) -> pd.DataFrame:
    return pd.DataFrame(
        {"latitude": [p[0] for p in latlon], "longitude": [p[1] for p in latlon], "area_m": [area_m] * len(latlon)}
    )


def test_fit_view_centres_a_single_place_at_the_closest_zoom_allowed():
    view = mapview.fit_view(points((36.24, 43.96)))
    assert view == {"latitude": 36.24, "longitude": 43.96, "zoom": POINT_ZOOM}


def test_fit_view_never_goes_wider_than_the_whole_theatre():
    assert mapview.fit_view(points((37.0, 42.0), (12.0, 48.0), (-30.0, 10.0))) == dict(mapview.INITIAL_VIEW)
    assert mapview.fit_view(points()) == dict(mapview.INITIAL_VIEW)
    assert mapview.fit_view(pd.DataFrame({"latitude": [float("nan")], "longitude": [1.0]})) == dict(
        mapview.INITIAL_VIEW
    )


def test_fit_view_shows_every_point_and_the_areas_around_them():
    view = mapview.fit_view(points((36.24, 43.96), (33.79, 42.44)))
    assert mapview.INITIAL_VIEW["zoom"] < view["zoom"] < POINT_ZOOM
    assert 33.79 < view["latitude"] < 36.24 and 42.44 < view["longitude"] < 43.96
    half_width_deg = MAP_WIDTH_PX / 2 * 360 / (512 * 2 ** view["zoom"])
    assert abs(43.96 - view["longitude"]) < half_width_deg and abs(42.44 - view["longitude"]) < half_width_deg
    wider = mapview.fit_view(points((36.24, 43.96), (33.79, 42.44), area_m=100_000))
    assert wider["zoom"] < view["zoom"]


def test_the_spec_references_the_basemap_by_url_and_only_markers_are_pickable():
    deck = mapview.build_deck(
        mapview.build_map_data(events(("A", "Kirkuk", 35.47, 44.39, 2), ("B", "Iraq", 33.0, 44.0, 3)))
    )
    spec = json.loads(deck.to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert list(layers) == [
        "sea",
        "basemap",
        "country-iraq",
        "precision-areas",
        mapview.NAMES_LAYER_ID,
        mapview.MAP_LAYER_ID,
    ]
    assert layers["basemap"]["image"] == "app/static/basemap.png"
    assert [i for i, layer in layers.items() if layer.get("pickable")] == [mapview.MAP_LAYER_ID]
    names = layers[mapview.NAMES_LAYER_ID]["data"]
    places = [n["name"] for n in names if n["color"] == list(schema.PALETTE["place label"])]
    assert places == ["Kirkuk"], "a place is named; Iraq is named as a country, not again as a place"
    assert {"Iraq", "Syria", "Red Sea"} <= {n["name"] for n in names}
    assert len(deck.to_json()) < 20_000, "no basemap inside the spec"
