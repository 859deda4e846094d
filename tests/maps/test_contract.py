"""The map's contract with the browser (eventmap/maps/contract.py): the JavaScript's copy is current, Python sends
no layer property the browser does not draw, and the browser reads none that Python does not send."""

from __future__ import annotations

import json
import re
from pathlib import Path
from unittest import mock

import pytest

from eventmap.curate.preview import candidates_deck
from eventmap.geocode.gazetteer import Place, place_key
from eventmap.geocode.resolver import GeocodeResult
from eventmap.maps import camera, contract, markers, rtl, spec
from tests.maps.test_markers import events, synthetic

FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "src"
ROWS = {spec.MAP_LAYER_ID: contract.MARKER_FIELDS, spec.AREAS_LAYER_ID: contract.AREA_FIELDS}
ROWS[spec.NAMES_LAYER_ID] = ROWS[rtl.RTL_LAYER_ID] = contract.NAME_FIELDS
ROWS[spec.CALLOUTS_LAYER_ID] = contract.CALLOUT_FIELDS
NAMED_AR = Place("Ain al-Asad Air Base", (), 33.7856, 42.4412, "base", 5.0, "Iraq", "made up", "عين الأسد")


def test_the_javascript_copy_of_the_contract_is_current():
    assert (FRONTEND / "contract.js").read_text(encoding="utf-8") == contract.javascript(), (
        "run: python -m eventmap.maps.contract > frontend/src/contract.js, then scripts/build_deckmap.sh"
    )


@pytest.fixture(scope="module")
def specs(sample_events) -> dict[str, dict]:
    """Specs of a few views: every kind of layer, every optional property (a tinted country, areas, a grid)."""
    views = {
        "sample": sample_events,
        "one theatre": sample_events[sample_events["theatre"] == "Sea"],
        "nothing": sample_events.iloc[0:0],
        "a country and an area": events(sample_events, ("A", "Iraq", 33.0, 44.0, 3), ("B", "Kirkuk", 35.47, 44.39, 2)),
        "aggregated": synthetic(sample_events, 5_000, places=markers.POINT_BUDGET + 1),
    }
    built = {}
    for name, frame in views.items():
        data = markers.build_map_data(frame)
        built[name] = json.loads(spec.build_deck(data, camera.camera(camera.fit_map(data), name)).to_json())
    shapes = (("arrow", 33.5, 42.5, 34.0, 43.0), ("circle", 34.0, 43.0, 50_000.0))  # a briefing step's callouts
    data = markers.build_map_data(sample_events)
    built["a briefing's arrow and circle"] = json.loads(
        spec.build_deck(data, camera.camera(camera.fit_map(data), "callouts"), shapes=shapes).to_json()
    )
    arabic = events(sample_events, ("A", "Ain al-Asad Air Base", 33.7856, 42.4412, 1))
    with mock.patch.object(rtl, "place_index", lambda: {place_key("Ain al-Asad Air Base"): NAMED_AR}):
        data = markers.build_map_data(arabic)  # names in Arabic script: their own layer, in their own font
        built["rtl"] = json.loads(spec.build_deck(data, camera.camera(camera.fit_map(data), "rtl"), rtl=True).to_json())
    found = GeocodeResult("Kirkuk", "found", 35.47, 44.39, "Kirkuk, Iraq", "gazetteer", "city", 1, 10.0, "ref")
    built["the editor's candidates"] = json.loads(candidates_deck([found], 0).to_json())  # the same browser code
    return built


def test_python_sends_only_what_the_browser_draws(specs):
    for name, sent in specs.items():
        assert (
            set(contract.SPEC_KEYS)
            <= set(sent)
            <= {*contract.SPEC_KEYS, *contract.PYDECK_KEYS, *contract.OPTIONAL_KEYS}
        ), name
        for layer in sent[contract.LAYERS]:
            kind = layer[contract.TYPE]
            assert kind in contract.LAYER_PROPS, f"{name}: the browser draws no {kind}"
            extra = set(layer) - {*contract.COMMON_PROPS, *contract.LAYER_PROPS[kind]}
            assert not extra, f"{name}: layer {layer['id']} sends {sorted(extra)}, which the browser does not draw"
            if layer["id"] in ROWS and layer["data"]:
                assert {tuple(row) for row in layer["data"]} == {ROWS[layer["id"]]}, f"{name}: {layer['id']}"


def test_every_property_the_browser_reads_is_one_python_sends(specs):
    sent: dict[str, set[str]] = {kind: set() for kind in contract.LAYER_PROPS}
    for each in specs.values():
        for layer in each[contract.LAYERS]:
            sent[layer[contract.TYPE]] |= set(layer)
    for kind, props in contract.LAYER_PROPS.items():
        assert {*contract.COMMON_PROPS, *props} == sent[kind], f"{kind}: listed in the contract, never sent"


def code(path: Path) -> str:
    """The JavaScript without its comments."""
    return re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))


def test_the_browser_reads_layers_and_markers_only_through_the_contract():
    source = code(FRONTEND / "deckmap.js")
    assert "from './contract.js'" in source
    every_prop = {*contract.COMMON_PROPS, *(prop for props in contract.LAYER_PROPS.values() for prop in props)}
    read = set(re.findall(r"\blayer\.(\w+)", source)) | set(re.findall(r"\bpickable\.(\w+)", source))
    assert read and read <= every_prop, f"deckmap.js reads {sorted(read - every_prop)}, which no layer sends"
    fields = set(re.findall(r"\brow\.(\w+)", source))
    assert fields and fields <= set(contract.MARKER_FIELDS), f"deckmap.js reads marker fields {sorted(fields)}"
    assert not re.findall(r"\bspec\.\w+", source), "the spec's keys are read by the contract's names"
    for literal in (contract.PICKED, contract.FIT, contract.VIEW, contract.TYPE):
        assert f"'{literal}'" not in source and f'"{literal}"' not in source, f"{literal}: use the contract's name"
    drawers = re.search(r"const DRAW = \{([^}]*)\}", source)
    assert drawers and set(re.findall(r"(\w+):", drawers.group(1))) == set(contract.LAYER_PROPS)


def test_the_names_are_placed_by_the_contracts_rules_and_fields():
    source = code(FRONTEND / "labels.js")
    assert "from './contract.js'" in source and "NAME_POSITIONS" in source and "NAME_RULES" in source
    fields = set(re.findall(r"\brow\.(\w+)", source))
    assert fields and fields <= set(contract.NAME_FIELDS), f"labels.js reads name fields {sorted(fields)}"
    rules = set(re.findall(r"\bNAME_RULES\.(\w+)", source))
    assert rules == set(contract.NAME_RULES), f"every rule is used, and no other: {sorted(rules)}"
    assert set(contract.NAME_POSITIONS) == {(x, y) for x in (-1, 0, 1) for y in (-1, 0, 1)} - {(0, 0)}
    assert contract.NAME_POSITIONS[:4] == ((1, 0), (-1, 0), (0, -1), (0, 1)), "right, left, above, below first"
