"""Names on the map: which places, countries and seas are named, where, and which win when they crowd."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap import schema
from eventmap.geocode import gazetteer
from eventmap.geocode.gazetteer import Place
from eventmap.maps import markers as map_markers
from eventmap.maps import names as labels
from tests.maps.conftest import PLACES, write_places


def markers(*rows: tuple[str, float, float, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["location", "latitude", "longitude", "count"])


def test_places_with_events_are_named_above_their_marker_most_hit_first():
    frame = markers(("Kirkuk", 35.47, 44.39, 1), ("Erbil Air Base", 36.24, 43.96, 5))
    named = labels.place_labels(frame, zoom=6.0)
    assert [n["name"] for n in named] == ["Erbil Air Base (5)", "Kirkuk"], "the number of events beside the name"
    assert named[0]["priority"] > named[1]["priority"] >= labels.PLACE_PRIORITY
    kirkuk = named[1]
    assert (kirkuk["lon"], kirkuk["lat"]) == (44.39, 35.47) and -30 < kirkuk["offset"][1] < -6  # pixels above


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
    assert [n["name"] for n in labels.place_labels(frame, zoom=6.0)] == ["9", "4", "3", "<b>Al-Qaim</b>"]
    nothing_to_say = markers(("Iraq", 33.0, 44.0, 1), ("", 30.0, 40.0, 1))  # a region's one event, a blank name
    assert labels.place_labels(nothing_to_say, zoom=6.0) == []


def test_at_most_the_most_hit_places_are_named_ties_by_name():
    """More places than MAX_PLACE_LABELS, with tied counts across the cut: the most-hit, then by name."""
    n = labels.MAX_PLACE_LABELS + 60
    rng = np.random.default_rng(7)
    places = [
        (f"P{i:03d}", -60.0 + 2.0 * (i // 20), -170.0 + 15.0 * (i % 20), 1 + (n - i) // 7) for i in rng.permutation(n)
    ]  # 2 and 15 degrees apart: no two names meet at this zoom
    named = [label["name"] for label in labels.place_labels(markers(*places), zoom=8.0)]
    best = sorted(places, key=lambda place: (-place[3], place[0]))[: labels.MAX_PLACE_LABELS]
    assert sorted(named) == sorted(f"{name} ({count})" if count > 1 else name for name, *_, count in best)


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
    names = [
        {"name": "<script>x</script>", "lon": 1, "lat": 2, "offset": [0, -9], "priority": 1, "color": [0, 0, 0]},
        {"name": "Sanaʽa\nCafé", "lon": 3, "lat": 4, "offset": [0, 16], "priority": 2, "color": [9, 9, 9]},
    ]
    layer = json.loads(labels.text_layer("t", names).to_json())
    assert "extensions" not in layer, "no collision filter: names are placed on the server"
    assert layer["outlineWidth"] > 0, "a halo keeps the names legible over land, sea and areas"
    assert layer["getPixelOffset"] == "@@=offset" and "priority" not in layer["data"][0]
    assert [row["name"] for row in layer["data"]] == ["<script>x</script>", "Sanaʽa\nCafé"], "text kept as it is"


def test_a_name_that_would_cover_another_marker_or_name_waits_for_a_closer_zoom():
    # Kirkuk lies ~0.8 degrees south-east of Erbil Air Base: at the theatre's zoom its name, above its marker,
    # would sit on Erbil's marker; zoomed in, there is room for both.
    frame = markers(("Erbil Air Base", 36.24, 43.96, 2), ("Kirkuk", 35.47, 44.39, 1))
    assert [n["name"] for n in labels.place_labels(frame, zoom=3.6)] == ["Erbil Air Base (2)"]
    assert [n["name"] for n in labels.place_labels(frame, zoom=5.6)] == ["Erbil Air Base (2)", "Kirkuk"]


def box(name: dict, zoom: float) -> tuple[float, float, float, float]:
    x, y = (float(v[0]) for v in labels._pixels(np.array([name["lon"]]), np.array([name["lat"]]), zoom))
    x, y = x + name.get("offset", (0, 0))[0], y + name.get("offset", (0, 0))[1]
    return x, y, labels.CHAR_WIDTH_EM * labels.SIZE_PX * len(name["name"]) / 2, labels.SIZE_PX / 2


def test_a_country_name_gives_way_to_a_place_name_and_to_a_marker():
    place = {"name": "Ain al-Asad Air Base (3)", "lon": 42.44, "lat": 33.79, "offset": [0, -20], "priority": 603}
    syria = {"name": "Syria", "lon": 41.9, "lat": 35.5, "offset": [0, 16], "priority": 329}
    iraq = {"name": "Iraq", "lon": 44.0, "lat": 33.0, "offset": [0, 16], "priority": 364}
    none = np.array([])
    assert [n["name"] for n in labels.arrange([syria, iraq, place], none, none, none, 3.6)] == [place["name"], "Iraq"]
    at_the_point = np.array([44.0]), np.array([33.0])  # an event placed only to "Iraq", at its point
    assert [n["name"] for n in labels.arrange([iraq], *at_the_point, np.array([8.0]), 3.6)] == ["Iraq"], "below it"
    assert [n["name"] for n in labels.arrange([iraq], *at_the_point, np.array([12.0]), 3.6)] == [], "a big marker"


names_ = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=30),
            "lon": st.floats(30, 60),
            "lat": st.floats(10, 40),
            "priority": st.integers(0, 1000),
            "offset": st.tuples(st.just(0), st.integers(-30, 30)),
        }
    ),
    max_size=40,
)


def covers_a_marker(name: dict, lon: np.ndarray, lat: np.ndarray, radius: np.ndarray, zoom: float) -> bool:
    x, y, w, h = box(name, zoom)
    mx, my = labels._pixels(lon, lat, zoom)
    return bool((np.hypot(np.maximum(abs(mx - x) - w, 0), np.maximum(abs(my - y) - h, 0)) < radius).any())


@settings(max_examples=60, deadline=None)
@given(
    names_, st.lists(st.tuples(st.floats(30, 60), st.floats(10, 40), st.floats(4, 24)), max_size=20), st.floats(3, 8)
)
def test_arranged_names_never_cover_each_other_or_a_marker(names, markers, zoom):
    lon, lat, radius = (np.array([m[i] for m in markers], dtype=float) for i in range(3))
    kept = labels.arrange(names, lon, lat, radius, zoom)
    boxes = [box(name, zoom) for name in kept]
    for i, (x, y, w, h) in enumerate(boxes):
        for bx, by, bw, bh in boxes[:i]:
            assert abs(x - bx) >= w + bw or abs(y - by) >= h + bh, "two names overlap"
    assert not any(covers_a_marker(name, lon, lat, radius, zoom) for name in kept)
    priorities = [name["priority"] for name in kept]
    assert priorities == sorted(priorities, reverse=True)
    clear = [name["priority"] for name in names if not covers_a_marker(name, lon, lat, radius, zoom)]
    assert (max(clear) if clear else None) == (priorities[0] if priorities else None), "the most important is kept"
