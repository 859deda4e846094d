"""The map's spec: the layers bottom up, the basemap by URL, the names, the tooltip's look and the fit id."""

from __future__ import annotations

import json

from eventmap import schema
from eventmap.maps import camera, markers, spec
from eventmap.maps.contract import FIT
from tests.maps.test_markers import events


def test_layer_data_is_plain_json_with_dates_as_text(sample_events):
    deck = spec.build_deck(markers.build_map_data(sample_events))
    drawn = json.loads(deck.to_json())
    layer = next(each for each in drawn["layers"] if each["id"] == spec.MAP_LAYER_ID)
    assert "{}" not in json.dumps(layer["data"])  # a Timestamp would have serialised as {}
    assert any("6 May 2024" in r["body"] for r in layer["data"])
    # No basemap provider: pydeck's sentinel style, which Streamlit draws without fetching any tiles
    # (map_style=None would make Streamlit fetch a Carto style), and no address anywhere in the spec but in the
    # events' own text (the sample's hostile notes hold one: it is shown as text, never fetched).
    assert "mapProvider" not in drawn and drawn["mapStyle"] == "__MAP_STYLE__"
    layers = [{key: value for key, value in each.items() if key != "data"} for each in drawn["layers"]]
    assert "://" not in json.dumps({**drawn, "layers": layers})
    assert drawn["tooltip"] == spec.TOOLTIP, "the tooltip's look travels in the spec (pydeck leaves it out)"


def test_the_spec_carries_the_cameras_view_and_fit_id(sample_events):
    data = markers.build_map_data(sample_events)
    fitted = camera.fit_map(data)
    chosen = camera.camera(fitted, ("some filters",))
    drawn = json.loads(spec.build_deck(data, chosen).to_json())
    assert drawn["initialViewState"] == {key: fitted[key] for key in ("longitude", "latitude", "zoom")}
    assert drawn[FIT] == chosen[FIT]
    plain = json.loads(spec.build_deck(data, fitted).to_json())
    assert plain["initialViewState"] == drawn["initialViewState"] and plain[FIT] != drawn[FIT]


def test_the_spec_references_the_basemap_by_url_and_only_markers_are_pickable(sample_events):
    deck = spec.build_deck(
        markers.build_map_data(events(sample_events, ("A", "Kirkuk", 35.47, 44.39, 2), ("B", "Iraq", 33.0, 44.0, 3)))
    )
    drawn = json.loads(deck.to_json())
    layers = {layer["id"]: layer for layer in drawn["layers"]}
    assert list(layers) == [
        "sea",
        "basemap",
        "country-iraq",
        spec.CELLS_LAYER_ID,
        spec.AREAS_LAYER_ID,
        spec.NAMES_LAYER_ID,
        spec.MAP_LAYER_ID,
    ]
    assert layers["basemap"]["image"] == "app/static/basemap.png"
    assert [i for i, layer in layers.items() if layer.get("pickable")] == [spec.MAP_LAYER_ID]
    names = layers[spec.NAMES_LAYER_ID]["data"]
    places = [n["name"] for n in names if n["color"] == list(schema.PALETTE["place label"])]
    assert places == ["Kirkuk"], "a place is named; Iraq is named as a country, not again as a place"
    assert {"Iraq", "Syria", "Red Sea"} <= {n["name"] for n in names}
    assert {"Baghdad", "Tehran"} <= {n["name"] for n in names}, "towns travel as candidates, to be shown by zoom"
    assert len(deck.to_json()) < 60_000, "no basemap inside the spec (the names' candidates, towns too: ~50 kB)"


def test_payload_stays_under_budget_for_a_large_input(sample_events):
    """What one render sends to the browser, at the worst case: as many single places as the budget allows."""
    from tests.maps.test_markers import synthetic

    budget = markers.POINT_BUDGET
    for frame in (
        synthetic(sample_events, 100_000, places=budget),
        synthetic(sample_events, 100_000, places=50_000),
        synthetic(sample_events, budget, places=budget),
    ):
        sent = spec.build_deck(markers.build_map_data(frame)).to_json()
        assert len(sent.encode("utf-8")) <= 1_500_000


def test_a_briefings_arrows_and_circles_are_drawn_under_the_names(sample_events):
    data = markers.build_map_data(sample_events)
    shapes = (("arrow", 33.5, 42.5, 34.0, 43.0), ("circle", 34.0, 43.0, 50_000.0))
    layers = json.loads(spec.build_deck(data, shapes=shapes).to_json())["layers"]
    ids = [layer["id"] for layer in layers]
    assert ids.index(spec.CALLOUTS_LAYER_ID) < ids.index(spec.NAMES_LAYER_ID) < ids.index(spec.MAP_LAYER_ID)
    drawn = next(layer for layer in layers if layer["id"] == spec.CALLOUTS_LAYER_ID)
    assert drawn["data"] == [
        {"kind": "arrow", "lon": 42.5, "lat": 33.5, "lon2": 43.0, "lat2": 34.0, "radius": 0},
        {"kind": "circle", "lon": 43.0, "lat": 34.0, "lon2": 0, "lat2": 0, "radius": 50_000.0},
    ]
    assert drawn["getColor"] == list(schema.PALETTE["callout shape"])
    dark = json.loads(spec.build_deck(data, shapes=shapes, projector=True).to_json())["layers"]
    assert next(x for x in dark if x["id"] == spec.CALLOUTS_LAYER_ID)["getColor"] == list(
        schema.PROJECTOR["callout shape"]
    )
    assert spec.CALLOUTS_LAYER_ID not in [x["id"] for x in json.loads(spec.build_deck(data).to_json())["layers"]]
