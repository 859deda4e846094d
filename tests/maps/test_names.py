"""Names on the map: which places, countries and seas are named, where, and which win when they crowd."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.geocode import gazetteer
from eventmap.geocode.gazetteer import Place
from eventmap.maps import contract
from eventmap.maps import markers as map_markers
from eventmap.maps import names as labels
from tests.maps.conftest import PLACES, write_places


def markers(*rows: tuple[str, float, float, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["location", "latitude", "longitude", "count"])


def test_places_with_events_are_candidates_beside_their_marker_most_hit_first():
    frame = markers(("Kirkuk", 35.47, 44.39, 1), ("Erbil Air Base", 36.24, 43.96, 5))
    named = labels.place_labels(frame, pd.Series([7.0, 11.0], index=frame.index))
    assert [n["name"] for n in named] == ["Erbil Air Base (5)", "Kirkuk"], "the number of events beside the name"
    assert named[0]["priority"] > named[1]["priority"] >= labels.PLACE_PRIORITY
    kirkuk = named[1]
    assert (kirkuk["lon"], kirkuk["lat"], kirkuk["r"], kirkuk["zoom"]) == (44.39, 35.47, 7.0, 0.0), "beside its marker"


def test_regions_are_not_named_as_places_and_blank_names_show_only_their_number():
    frame = markers(
        ("Iraq", 33.0, 44.0, 9),
        ("Gulf of Aden", 12.0, 48.0, 3),
        ("", 30.0, 40.0, 4),
        ("  ", 31.0, 40.0, 1),
        ("Red Sea", 20.0, 38.5, 1),
        ("<b>Al-Qaim</b>", 34.4, 41.1, 1),
    )
    # Iraq and the Gulf of Aden are named by the region names; beside their markers only how many events.
    assert [n["name"] for n in labels.place_labels(frame)] == ["9", "4", "3", "<b>Al-Qaim</b>"]
    nothing_to_say = markers(("Iraq", 33.0, 44.0, 1), ("", 30.0, 40.0, 1))  # a region's one event, a blank name
    assert labels.place_labels(nothing_to_say) == []


def test_at_most_the_most_hit_places_are_named_ties_by_name():
    """More places than MAX_PLACE_LABELS, with tied counts across the cut: the most-hit, then by name."""
    n = labels.MAX_PLACE_LABELS + 60
    rng = np.random.default_rng(7)
    places = [
        (f"P{i:03d}", -60.0 + 2.0 * (i // 20), -170.0 + 15.0 * (i % 20), 1 + (n - i) // 7) for i in rng.permutation(n)
    ]  # 2 and 15 degrees apart: no two names meet at this zoom
    named = [label["name"] for label in labels.place_labels(markers(*places))]
    best = sorted(places, key=lambda place: (-place[3], place[0]))[: labels.MAX_PLACE_LABELS]
    assert sorted(named) == sorted(f"{name} ({count})" if count > 1 else name for name, *_, count in best)


def test_a_region_scale_view_names_only_the_most_hit_places():
    frame = markers(*[(f"Place {i:02d}", 10.0 + 20 * (i % 2), -170.0 + 8.5 * i, 100 - i) for i in range(40)])
    named = labels.place_labels(frame)
    wide = [n["name"] for n in named if n["zoom"] <= 3.0]
    assert wide == [f"Place {i:02d} ({100 - i})" for i in range(8)], "the most hit, at any zoom"
    assert len(named) == 40 and max(n["zoom"] for n in named) <= 7.0, "the others once zoomed in"
    assert labels.place_labels(frame.iloc[0:0]) == []


def square(name: str, west: float, south: float, size: float) -> dict:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_big_and_theatre_countries_are_named_first_small_ones_when_zoomed_in():
    basemap = {"type": "FeatureCollection", "features": [square("Bigland", 0, 0, 10), square("Tiny", 20, 0, 0.5)]}
    sea = Place("Wide Sea", (), 5.0, 30.0, "sea area", 800.0, "", "ref")
    home = Place("Tiny", (), 0.25, 20.25, "country", 30.0, "Tiny", "ref")
    named = {n["name"]: n for n in labels.region_labels(basemap, (sea, home))}
    assert set(named) == {"Bigland", "Tiny", "Wide Sea"}
    assert named["Bigland"]["zoom"] < named["Tiny"]["zoom"]
    assert named["Wide Sea"]["kind"] == "sea" and named["Wide Sea"]["zoom"] == 0 == named["Wide Sea"]["r"]
    assert 0 < named["Bigland"]["lon"] < 10 and 0 < named["Bigland"]["lat"] < 10 and named["Bigland"]["offset"][1] > 0
    without_home = {n["name"]: n for n in labels.region_labels(basemap, (sea,))}
    assert named["Tiny"]["priority"] > without_home["Tiny"]["priority"]  # a gazetteer country is the theatre's


def test_a_crescent_country_is_named_inside_its_shape():
    ring = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 8], [8, 8], [8, 2], [0, 2], [0, 0]]  # a C open to the west
    area, lon, lat = labels.label_point({"type": "Polygon", "coordinates": [ring]})
    assert area == 10 * 10 - 8 * 6
    assert 8 <= lon <= 10 or not (2 < lat < 8)  # on the C, not in its mouth


def test_the_gazetteer_is_parsed_once_per_dataset_folder_and_gives_the_area_radii(map_dir, tmp_path, monkeypatch):
    assert gazetteer.gazetteer() is gazetteer.gazetteer()
    radius = map_markers.place_radius_km()
    for name, aliases, *_, radius_km, _country in PLACES:
        for label in (name, *filter(None, aliases.split(";"))):
            assert radius[gazetteer.place_key(label)] == radius_km
    other = tmp_path / "other"
    other.mkdir()
    write_places(other / "places.csv", [("Zulu Point", "", 1.0, 2.0, "city", 7.0, "")])
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(other))  # another dataset folder: its own gazetteer
    assert [place.name for place in gazetteer.gazetteer()] == ["Zulu Point"]
    assert map_markers.place_radius_km() == {"zulu point": 7.0}
    assert "Red Sea" not in {name["name"] for name in labels.region_names()}, "the seas of that gazetteer only"
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(map_dir))
    assert "Red Sea" in {name["name"] for name in labels.region_names()}


def test_the_name_layer_keeps_text_as_data_through_pydeck_json():
    common = {"offset": [0, 0], "zoom": 0.0, "r": 0}
    names = [
        {"name": "<script>x</script>", "lon": 1, "lat": 2, "priority": 1, "color": [0, 0, 0], **common},
        {"name": "Sanaʽa\nCafé", "lon": 3, "lat": 4, "priority": 2, "color": [9, 9, 9], **common, "kind": "sea"},
    ]
    layer = json.loads(labels.text_layer("t", names).to_json())
    assert "extensions" not in layer, "no collision filter: names are placed by the map's own code"
    assert layer["outlineWidth"] > 0, "a halo keeps the names legible over land, sea and areas"
    assert set(layer["data"][1]) == set(contract.NAME_FIELDS), "only what the browser reads"
    assert [row["name"] for row in layer["data"]] == ["<script>x</script>", "Sanaʽa\nCafé"], "text kept as it is"


def test_the_candidates_are_callouts_places_regions_then_towns_most_populous_first(map_dir):
    frame = markers(("Kirkuk", 35.47, 44.39, 2), ("Erbil Air Base", 36.24, 43.96, 1))
    every = labels.candidates(frame, callouts=[("Look here", 33.0, 44.0)])
    kinds = [n["name"] for n in every]
    assert kinds[:3] == ["Look here", "Kirkuk (2)", "Erbil Air Base"]
    found = [n for n in every if n["color"] == list(schema.PALETTE["town label"])]
    assert [n["name"] for n in found[:2]] == ["Baghdad", "Tehran"], "the towns, most populous first"
    assert "Kirkuk" not in {n["name"] for n in found}, "a town that is a place with events is named once"
    assert found[0]["zoom"] < found[-1]["zoom"] and found[0]["priority"] > found[-1]["priority"]
    assert max(n["priority"] for n in found) < min(n["priority"] for n in every if n["r"] > 0)


def test_the_theatres_provinces_are_candidates_from_the_tiles_zoom_below_the_big_towns(map_dir):
    every = labels.candidates(markers(("Kirkuk", 35.47, 44.39, 2)))
    found = {n["name"]: n for n in every if n["color"] == list(schema.PALETTE["province label"])}
    assert {"Al Anbār", "Dayr az Zawr", "Al Ḩudaydah"} <= set(found), "Iraq's, Syria's and Yemen's provinces"
    assert "Herêm-î Kurdistan" not in found, "a governorate, not the region that holds three of them"
    anbar = found["Al Anbār"]
    assert (anbar["lon"], anbar["lat"], anbar["r"], anbar["offset"]) == (41.609, 32.789, 0, [0, 0])
    assert anbar["zoom"] - contract.NAME_RULES["zoomSlack"] == 5.5, "named once the tiles draw the boundaries"
    baghdad = next(n for n in every if n["name"] == "Baghdad")
    assert baghdad["priority"] > anbar["priority"] > min(n["priority"] for n in every)
