"""The map's data: one marker per place, precision as area, no jitter, aggregation above the budget."""

from __future__ import annotations

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.maps import markers, pictures
from eventmap.ui.widgets import empty_pick_note
from tests import sample


def events(base: pd.DataFrame, *rows: tuple[str, str, float, float, int]) -> pd.DataFrame:
    """(id, location, latitude, longitude, geo_precision) -> a frame shaped like the loader's."""
    first = base.iloc[[0]]
    frame = first.loc[first.index.repeat(len(rows))].reset_index(drop=True)
    for column, values in zip(("event_id_cnty", "location", "latitude", "longitude", "geo_precision"), zip(*rows)):
        frame[column] = list(values)
    return frame


def count_in(title: str) -> int:
    """The number of events a marker's title says it holds ("Alpha Base — 2 events", "1 event")."""
    return int(title.split(" — ")[1].split(" ")[0].replace(",", ""))


def test_stacked_events_become_one_marker_with_a_count(sample_events):
    data = markers.build_map_data(sample_events)
    assert not data.aggregated and data.events_unplaced == len(sample.UNPLACED) == 1
    assert data.unplaced_ids == tuple(sample.UNPLACED)
    alpha = data.markers[data.markers["location"] == "Alpha Base"]
    assert len(alpha) == 1 and alpha["count"].iloc[0] == 2  # SM-001 and SM-002, the same point
    assert alpha["precision"].iloc[0] == 1 and alpha["category"].iloc[0] == "Attack"
    assert data.markers["count"].sum() == len(sample.POINTED)
    assert alpha["title"].iloc[0] == "Alpha Base — 2 events"
    clicked = markers.events_at(sample_events, [int(alpha["key"].iloc[0])])
    assert list(clicked["event_id_cnty"]) == ["SM-001", "SM-002"]
    assert data.areas.set_index("location").loc["Bravo Town", "area_m"] > 0  # "near Bravo Town": an area


def test_an_event_placed_only_to_a_country_is_its_shape_never_a_point(sample_events):
    data = markers.build_map_data(sample_events)
    assert (data.events_country, data.country_ids) == (len(sample.COUNTRY_LEVEL), tuple(sample.COUNTRY_LEVEL))
    assert sample.COUNTRY not in set(data.markers["location"]) and data.events_drawn == len(sample.POINTED)
    assert markers.events_at(sample_events, list(data.markers["key"])).shape[0] == len(sample.POINTED)
    iraq = events(sample_events, ("I", "Iraq", 33.0, 44.0, 3), ("K", "Kirkuk", 35.47, 44.39, 2))
    iraq["country"] = "Iraq"  # a basemap country: its shape is tinted, and Kirkuk is still a point
    drawn = markers.build_map_data(iraq)
    assert list(drawn.markers["location"]) == ["Kirkuk"] and drawn.country_ids == ("I",)
    assert [layer.id for layer in pictures.country_layers(drawn.areas)] == ["country-iraq"]
    assert "I" not in set(markers.events_at(iraq, list(drawn.markers["key"]))["event_id_cnty"])


def test_a_click_that_lists_nothing_says_why(sample_events):
    alpha = markers.build_map_data(sample_events).markers.set_index("location").loc["Alpha Base", "key"]
    at_sea = sample_events[sample_events["theatre"] == "Sea"]  # a filter change after the click: Alpha Base is gone
    assert markers.events_at(at_sea, [int(alpha)]).empty
    assert "not in this view" in empty_pick_note([int(alpha)])
    assert "aggregated cell" in empty_pick_note([-1]), "a hexagon has no single place to list"


def test_approximate_places_are_drawn_as_areas(sample_events):
    areas = markers.build_map_data(sample_events).areas.set_index("location")
    assert areas.loc["Sample Sea", "area_m"] > areas.loc["Bravo Town", "area_m"] > 0  # a larger area > "near"
    assert areas.loc["Bravo Town", "area_m"] == 12_000, "the gazetteer's radius of Bravo Town"
    assert "Alpha Base" not in areas.index  # exact places get no area


def test_a_place_named_as_the_geocoder_reads_it_gets_the_gazetteers_area(sample_events):
    """'Ayn al-Asad AB' is the gazetteer's Ain al-Asad Air Base to the geocoder (geocode.base.normalise), so the map
    draws its area at the gazetteer's radius (5 km), not the default for a place near somewhere (25 km)."""
    frame = events(
        sample_events, ("A", "Ayn al-Asad AB", 33.7856, 42.4412, 2), ("B", "AIN AL ASAD AIRBASE", 33.8, 42.5, 2)
    )
    assert markers.build_map_data(frame).areas["area_m"].tolist() == [5_000.0, 5_000.0]
    unknown = events(sample_events, ("C", "Nowhere Base", 30.0, 40.0, 2))
    assert markers.build_map_data(unknown).areas["area_m"].tolist() == [markers.DEFAULT_AREA_KM[2] * 1000]


def test_an_area_takes_the_colour_of_most_of_its_events(sample_events):
    """Events placed only 'near X' are one area per place: coloured by their most frequent category, the first
    listed on a tie, whatever order the rows come in."""
    near = sample_events[sample_events["geo_precision"] == 2].iloc[0]
    rows = pd.DataFrame([near] * 5).reset_index(drop=True)
    rows["event_id_cnty"] = [f"T-{i}" for i in range(5)]
    rows["category"] = pd.Categorical(
        ["Interception", "US strike", "US strike", "Attack", "Interception"], categories=schema.CATEGORIES
    )
    for order in (rows, rows.iloc[::-1]):
        areas = markers.build_map_data(order).areas
        assert len(areas) == 1 and areas["category"].iloc[0] == min(
            ("Interception", "US strike"), key=schema.CATEGORIES.index
        )
    rows.loc[3, "category"] = "US strike"
    assert markers.build_map_data(rows).areas["category"].iloc[0] == "US strike"


def test_a_tooltip_lists_a_places_first_events_in_date_order_then_how_many_more(sample_events):
    exact = sample_events[(sample_events["geo_precision"] == 1) & (sample_events["time_precision"] == 1)].iloc[0]
    rows = pd.DataFrame([exact] * 5).reset_index(drop=True)
    rows["event_id_cnty"] = [f"T-{i}" for i in range(5)]
    rows["event_date"] = pd.to_datetime(["2024-01-05", "2024-01-02", "2024-01-04", "2024-01-01", "2024-01-03"])
    rows["notes"] = [f"note {i}" for i in range(5)]
    other = rows.iloc[[0]].assign(latitude=rows["latitude"] + 1, event_id_cnty="T-9", notes="elsewhere")
    drawn = markers.build_map_data(pd.concat([rows, other], ignore_index=True)).markers.set_index("count")
    lines = drawn.loc[5, "body"].split("\n")
    assert [line.split(" · ")[0] for line in lines[:3]] == ["1 Jan 2024", "2 Jan 2024", "3 Jan 2024"]
    assert ["note 3" in lines[0], "note 1" in lines[1], "note 4" in lines[2]] == [True] * 3
    assert lines[3:] == ["… and 2 more: click"] and "elsewhere" in drawn.loc[1, "body"]


def test_markers_do_not_move_between_renders(sample_events):
    first = markers.layer_records(markers.build_map_data(sample_events).markers)
    second = markers.layer_records(markers.build_map_data(sample_events.sample(frac=1, random_state=1)).markers)
    assert sorted((r["lon"], r["lat"], r["title"]) for r in first) == sorted(
        (r["lon"], r["lat"], r["title"]) for r in second
    )
    assert sorted(count_in(r["title"]) for r in first) == [1, 1, 2]  # SM-006, "inside Samplestan", is no point


def test_tooltip_marks_approximate_dates(sample_events):
    records = markers.layer_records(markers.build_map_data(sample_events).markers)
    bravo = next(r for r in records if r["title"].startswith("Bravo Town"))
    assert "≈ 7 May 2024 (within a week)" in bravo["body"]
    alpha = next(r for r in records if r["title"].startswith("Alpha Base"))
    assert alpha["body"].startswith("6 May 2024 · Attack · fatalities: 2 · "), "an exact day, as formats.day writes it"


def synthetic(base: pd.DataFrame, n: int, places: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    first = base.iloc[[0]]
    frame = first.loc[first.index.repeat(n)].reset_index(drop=True)
    frame["event_id_cnty"] = [f"S{i}" for i in range(n)]
    spots = rng.uniform([12, 35], [38, 60], size=(places, 2))
    pick = np.arange(n) % places  # every place used
    frame["latitude"], frame["longitude"] = spots[pick, 0], spots[pick, 1]
    return frame


def test_aggregation_switches_on_above_the_budget_and_off_below(sample_events):
    budget = markers.POINT_BUDGET
    below = markers.build_map_data(synthetic(sample_events, 3 * budget, places=budget))  # few enough places
    assert not below.aggregated and len(below.markers) == budget
    many = synthetic(sample_events, 20_000, places=budget + 1)
    above = markers.build_map_data(many)
    assert above.aggregated and len(above.markers) <= budget
    assert above.markers["count"].sum() == 20_000
    assert above.markers["body"].iloc[0].endswith("6 May 2024 – 6 May 2024"), "a cell's days as formats.day writes"
    back = markers.build_map_data(many.head(budget))  # filtering below the budget brings the points back
    assert not back.aggregated and back.markers["count"].max() == 1


def test_the_map_columns_alone_draw_the_same_map_with_tooltips_read_from_the_dataset(sample_events):
    """The Map page copies only MAP_COLUMNS of the filtered rows; tooltips read the rest from the dataset."""
    whole = sample_events.copy()
    whole.loc[whole.index[::2], "notes"] = '<b>bold</b> =cmd|" /C calc"!A0 **not markdown**'  # hostile, shown as text
    for view in (whole, whole[whole["theatre"] != "Land"], whole.iloc[::-1]):  # every row, a filter, another order
        full = markers.build_map_data(view)
        narrow = markers.build_map_data(view[list(markers.MAP_COLUMNS)], details=whole)
        pd.testing.assert_frame_equal(narrow.markers, full.markers)
        pd.testing.assert_frame_equal(narrow.areas, full.areas)
    assert "<b>bold</b>" in " ".join(markers.build_map_data(whole).markers["body"])


# --- precision shapes: on small frames built here ---------------------------------------------------------


def test_an_event_placed_only_to_a_country_tints_that_country_instead_of_a_circle(sample_events):
    data = markers.build_map_data(
        events(
            sample_events,
            ("A", "Iraq", 33.0, 44.0, 3),
            ("B", "Kirkuk", 35.47, 44.39, 2),
            ("C", "Erbil Air Base", 36.24, 43.96, 1),
        )
    )
    countries = pictures.country_layers(data.areas)
    assert [layer.id for layer in countries] == ["country-iraq"]
    assert countries[0].tint_color == list(schema.colour_of(data.areas["category"].iloc[0]))
    circles = markers.area_records(data.areas)
    assert len(circles) == 1 and circles[0]["area"] == 10_000  # Kirkuk's gazetteer radius, 10 km
    fill, line = circles[0]["fill"], circles[0]["line"]
    assert fill[3] < line[3] / 3, "a light fill under a clear outline"
    assert data.shapes == (True, True)
    by_alias = markers.build_map_data(events(sample_events, ("A", "Republic of IRAQ", 33.0, 44.0, 3)))
    assert [layer.id for layer in pictures.country_layers(by_alias.areas)] == ["country-iraq"], "a gazetteer alias"


def test_approximate_markers_are_drawn_beneath_exact_ones(sample_events):
    data = markers.build_map_data(
        events(
            sample_events,
            ("A", "Kirkuk", 35.47, 44.39, 2),
            ("B", "Erbil Air Base", 36.24, 43.96, 1),
            ("C", "Iraq", 33.0, 44.0, 3),
        )
    )
    records = markers.layer_records(data.markers)
    alphas = [r["fill"][3] for r in records]
    assert alphas == sorted(alphas) and alphas[-1] == markers.POINT_ALPHA


def test_a_country_name_that_the_basemap_lacks_falls_back_to_a_circle(sample_events):
    data = markers.build_map_data(events(sample_events, ("A", "Atlantis", 10.0, 20.0, 3)))
    assert pictures.country_layers(data.areas) == [] and len(markers.area_records(data.areas)) == 1
