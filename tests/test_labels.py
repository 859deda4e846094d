"""Names on the map: which places, countries and seas are named, where, and which win when they crowd."""

from __future__ import annotations

import json

import pandas as pd

from eventmap import labels, mapview
from eventmap.geocode.gazetteer import Place, load_places


def markers(*rows: tuple[str, float, float, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["location", "latitude", "longitude", "count"])


def test_places_with_events_are_named_above_their_marker_most_hit_first():
    frame = markers(("Kirkuk", 35.47, 44.39, 1), ("Erbil Air Base", 36.24, 43.96, 5))
    named = labels.place_labels(frame, zoom=6.0)
    assert [n["name"] for n in named] == ["Erbil Air Base (5)", "Kirkuk"], "the number of events beside the name"
    assert named[0]["priority"] > named[1]["priority"] >= labels.PLACE_PRIORITY
    kirkuk = named[1]
    degrees_per_px = 360 / (512 * 2**6)
    assert kirkuk["lon"] == 44.39 and 35.47 + 6 * degrees_per_px < kirkuk["lat"] < 35.47 + 30 * degrees_per_px  # above


def test_regions_are_not_named_as_places_and_blank_names_show_only_their_number():
    frame = markers(("Iraq", 33.0, 44.0, 9), ("Gulf of Aden", 12.0, 48.0, 3), ("", 30.0, 40.0, 4),
                    ("  ", 31.0, 40.0, 1), ("Red Sea", 20.0, 38.5, 1), ("<b>Al-Qaim</b>", 34.4, 41.1, 1))
    # Iraq and the Gulf of Aden are named by the region names; beside their markers only how many events.
    assert [n["name"] for n in labels.place_labels(frame, zoom=6.0)] == ["9", "4", "3", "<b>Al-Qaim</b>"]


def test_a_region_scale_view_names_only_the_most_hit_places():
    frame = markers(*[(f"Place {i:02d}", 10.0 + 20 * (i % 2), -170.0 + 8.5 * i, 100 - i) for i in range(40)])
    wide = labels.place_labels(frame, zoom=3.0)
    close = labels.place_labels(frame, zoom=6.0)
    assert {n["name"] for n in wide} <= {f"Place {i:02d} ({100 - i})" for i in range(8)}
    assert wide[0]["name"] == "Place 00 (100)"
    assert len(close) == 40 > len(wide)
    assert labels.place_labels(frame.iloc[0:0], zoom=6.0) == []


def square(name: str, west: float, south: float, size: float) -> dict:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_big_and_theatre_countries_are_named_first_small_ones_when_zoomed_in():
    basemap = {"type": "FeatureCollection", "features": [square("Bigland", 0, 0, 10), square("Tiny", 20, 0, 0.5)]}
    sea = Place("Wide Sea", (), 5.0, 30.0, "sea area", 800.0, "", "ref")
    home = Place("Tiny", (), 0.25, 20.25, "country", 30.0, "Tiny", "ref")
    named = {n["name"]: n for n in labels.region_labels(basemap, (sea, home))}
    assert set(named) == {"Bigland", "Tiny", "Wide Sea"}
    assert named["Bigland"]["min_zoom"] < named["Tiny"]["min_zoom"]
    assert named["Wide Sea"]["kind"] == "sea" and named["Wide Sea"]["min_zoom"] == 0
    assert 0 < named["Bigland"]["lon"] < 10 and 0 < named["Bigland"]["lat"] + labels.REGION_DROP_DEG < 10
    without_home = {n["name"]: n for n in labels.region_labels(basemap, (sea,))}
    assert named["Tiny"]["priority"] > without_home["Tiny"]["priority"]  # a gazetteer country is the theatre's


def test_a_crescent_country_is_named_inside_its_shape():
    ring = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 8], [8, 8], [8, 2], [0, 2], [0, 0]]  # a C open to the west
    area, lon, lat = labels.label_point({"type": "Polygon", "coordinates": [ring]})
    assert area == 10 * 10 - 8 * 6
    assert 8 <= lon <= 10 or not (2 < lat < 8)  # on the C, not in its mouth


def test_the_gazetteer_is_parsed_once_and_gives_the_area_radii():
    assert labels.gazetteer() is labels.gazetteer()
    radius = mapview.place_radius_km()
    for place in load_places():
        for name in (place.name, *place.aliases):
            assert radius[name.casefold()] == place.radius_km


def test_name_layers_keep_text_as_data_and_use_collision_through_pydeck_json():
    names = [{"name": "<script>x</script>", "lon": 1, "lat": 2, "priority": 1, "min_zoom": 0, "color": [0, 0, 0]},
             {"name": "Sanaʽa\nCafé", "lon": 3, "lat": 4, "priority": 2, "min_zoom": 5, "color": [9, 9, 9]}]
    layer = json.loads(labels.text_layer("t", names, zoom=3.6).to_json())
    assert {"@@type": "CollisionFilterExtension"} in layer["extensions"]
    assert layer["fontSettings"] == {"sdf": True} and layer["outlineWidth"] > 0
    assert layer["collisionGroup"] == "names" and layer["getCollisionPriority"] == "@@=priority"
    assert layer["filterRange"] == [0, 3.6 + labels.ZOOM_SLACK] and layer["getFilterValue"] == "@@=min_zoom"
    # The box that makes a name centred on a space collide as a whole is drawn, but transparent.
    assert layer["background"] is True and layer["getBackgroundColor"][3] == 0
    glyphs = layer["characterSet"]
    assert isinstance(glyphs, str), "a string, not an expression"
    assert {"é", "ʽ", "<", "0", "(", ")"} <= set(glyphs) and "\n" not in glyphs and len(glyphs) < 40
    assert layer["data"][0]["name"] == "<script>x</script>"


def test_a_name_that_would_cover_another_marker_or_name_waits_for_a_closer_zoom():
    # Kirkuk lies ~0.8 degrees south-east of Erbil Air Base: at the theatre's zoom its name, above its marker,
    # would sit on Erbil's marker; zoomed in, there is room for both.
    frame = markers(("Erbil Air Base", 36.24, 43.96, 2), ("Kirkuk", 35.47, 44.39, 1))
    assert [n["name"] for n in labels.place_labels(frame, zoom=3.6)] == ["Erbil Air Base (2)"]
    assert [n["name"] for n in labels.place_labels(frame, zoom=5.6)] == ["Erbil Air Base (2)", "Kirkuk"]
