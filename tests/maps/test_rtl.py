"""Names in Arabic script on the map (eventmap/maps/rtl.py): the gazetteer's name_ar of each marker's place, below
its marker, in the shipped font, only when asked for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from eventmap import schema
from eventmap.maps import camera, contract, markers, rtl, spec
from eventmap.maps.pictures import STATIC_DIR
from tests import sample

FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "src"


@pytest.fixture(autouse=True)
def _sample_gazetteer(map_dir, sample_dir, tmp_path, monkeypatch):
    """The map's sample dataset with the sample's own gazetteer, whose Alpha Base has a name in Arabic script."""
    shutil.copytree(map_dir, tmp_path / "data")
    shutil.copy(sample_dir / "places.csv", tmp_path / "data" / "places.csv")
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(tmp_path / "data"))


def layers(frame, asked: bool) -> dict[str, dict]:
    data = markers.build_map_data(frame)
    deck = spec.build_deck(data, camera.camera(camera.fit_map(data), "rtl"), rtl=asked)
    return {layer["id"]: layer for layer in json.loads(deck.to_json())[contract.LAYERS]}


def test_a_places_arabic_name_is_drawn_below_its_marker_only_when_asked(sample_events):
    assert rtl.RTL_LAYER_ID not in layers(sample_events, False), "off by default"
    names = layers(sample_events, True)[rtl.RTL_LAYER_ID]
    assert names["@@type"] == "TextLayer" and names["fontFamily"] == "'Eventmap Noto Sans Arabic', sans-serif"
    assert names["fontUrl"] == f"app/static/{rtl.FONT}", "the shipped font, from the app's own server"
    assert [row["name"] for row in names["data"]] == [sample.NAME_AR], "the one sample place that has one"
    row = names["data"][0]
    assert tuple(row) == contract.NAME_FIELDS and (row["lat"], row["lon"]) == (33.5, 42.5)
    assert row["offset"][0] == 0 and row["offset"][1] > 8, "below the marker (8 px): the Latin name is above it"
    assert row["color"] == list(schema.PALETTE["place label"])
    at_sea = sample_events[sample_events["theatre"] == "Sea"]
    assert rtl.RTL_LAYER_ID not in layers(at_sea, True), "no place of the view has one: no layer"


def test_the_font_is_shipped_with_its_licence_and_the_browser_asks_for_that_file():
    font = STATIC_DIR / rtl.FONT
    assert font.read_bytes()[:4] == b"wOF2" and font.stat().st_size < 80_000
    assert "SIL Open Font License" in (STATIC_DIR / "fonts" / "OFL-noto-sans-arabic.txt").read_text(encoding="utf-8")
    assert rtl.rtl_layers(pd.DataFrame(), pd.Series(dtype=float)) == []
    assert "@fontsource/noto-sans-arabic" in (FRONTEND.parent / "package.json").read_text(encoding="utf-8")


def test_the_option_is_offered_only_when_the_gazetteer_has_such_a_name(map_dir, monkeypatch):
    assert rtl.any_names()
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(map_dir))  # the map tests' gazetteer: no name in Arabic script
    assert not rtl.any_names()
