"""The floor page draws what the benchmark's detector looks for: ten points in the dashboard's colours, no basemap."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from eventmap import schema
from tests.browser.harness import ROOT


def spec(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_ten_points_in_category_colours_and_no_basemap():
    at = AppTest.from_file(str(ROOT / "bench" / "floor_app.py")).run()
    assert not at.exception
    layers = spec(at)["layers"]
    assert len(layers) == 1 and len(layers[0]["data"]) == 10
    assert {tuple(p["colour"]) for p in layers[0]["data"]} <= set(schema.CATEGORY_COLOURS.values())
    # No basemap: no provider, and pydeck's "no style given" sentinel, which Streamlit's deck reads as none.
    assert spec(at).get("mapProvider") is None and spec(at).get("mapStyle") in (None, "", "__MAP_STYLE__")


def test_the_rerun_changes_the_layer_but_not_the_points():
    at = AppTest.from_file(str(ROOT / "bench" / "floor_app.py")).run()
    before = spec(at)["layers"][0]
    at.sidebar.multiselect[0].select("Iraq").run()
    after = spec(at)["layers"][0]
    assert after["id"] != before["id"] and after["data"] == before["data"]
