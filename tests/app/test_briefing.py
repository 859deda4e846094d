"""The Briefing page: one step at a time from the URL, Previous and Next move the step in the URL, bad names and
files are said plainly."""

from __future__ import annotations

import json
import shutil
import urllib.parse

import pytest
from streamlit.testing.v1 import AppTest

from eventmap import briefing, schema
from eventmap.maps import camera
from eventmap.ui.briefing import FLIGHT_MS
from tests.app.conftest import ALL_PAGES, as_shown, map_layer, map_spec
from tests.conftest import ROOT
from tests.sample import HOSTILE_NOTES


@pytest.fixture
def folder(tmp_path, sample_dir, monkeypatch):
    """A copy of the sample dataset with one briefing of two steps, as the app's dataset folder."""
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    briefings = briefing.folder_of(data)
    briefings.mkdir()
    story = {
        "title": "Sample story",
        "steps": [
            {
                "title": "The first day",
                "caption": HOSTILE_NOTES,
                "filters": {"start": "2024-05-06", "end": "2024-05-06"},
                "callouts": [{"note": "The depot", "place": "Alpha Base"}],
            },
            {"title": "Everything", "caption": "All the sample's events.", "filters": {}, "event": "SM-001"},
        ],
    }
    (briefings / "story.json").write_text(json.dumps(story, indent=2), encoding="utf-8")
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(data))
    return data


def present(query: dict) -> AppTest:
    """The Briefing page opened by a link: the switch to a page drops the query, so it is set after it."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.run()
    app.switch_page(ALL_PAGES["Briefing"])
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def texts(app) -> list[str]:
    return [e.value for kind in ("header", "subheader", "caption", "markdown") for e in app.get(kind)]


def test_a_step_is_shown_from_the_url_and_next_moves_it(folder):
    app = present({"name": "story", "step": "1"})
    assert not app.exception
    assert "Step 1 of 2" in " ".join(texts(app))
    assert any("The first day" in t for t in texts(app))
    caption = app.subheader[0].value
    assert as_shown(caption) == HOSTILE_NOTES and "\\<img" in caption  # escaped: a reader sees the text, not HTML
    assert any("The depot" in t for t in texts(app))
    link = next(b for b in app.get("link_button") if b.proto.label.startswith("Leave the briefing"))
    at = camera.camera_text(map_spec(app)["initialViewState"])  # the full map opens where the step looks
    assert link.proto.url == f"./?start=2024-05-06&end=2024-05-06&at={urllib.parse.quote(at)}"
    assert len(map_layer(app)) == 1  # the step's one day: one marker
    names = {name["name"]: name for name in map_layer(app, "names")}
    assert (names["The depot"]["lat"], names["The depot"]["lon"]) == (33.5, 42.5)  # the callout, at its place
    assert any(name.startswith("Alpha Base") for name in names)  # and the place's own name is still drawn
    assert map_spec(app)["transition"] == FLIGHT_MS  # the map flies from step to step
    next_button = next(b for b in app.button if b.label == "Next →")
    next_button.click().run()
    assert app.query_params["step"] == ["2"] or app.query_params["step"] == "2"
    assert "Step 2 of 2" in " ".join(texts(app))
    assert "The event" in [h.value for h in app.subheader]  # the step's event, its full record
    assert any(as_shown(t).startswith("**SM-001 · 2024-05-06") for t in texts(app))
    assert next(b for b in app.button if b.label == "Next →").disabled
    next(b for b in app.button if b.label == "First").click().run()
    assert "Step 1 of 2" in " ".join(texts(app))


def test_an_unknown_briefing_or_step_is_said_plainly(folder):
    app = present({"name": "nope"})
    assert not app.exception and "No briefing named 'nope'" in as_shown(app.warning[0].value)
    assert [b.proto.label for b in app.get("link_button")] == ["story"]
    app = present({"name": "story", "step": "9"})
    assert not app.exception and "No step '9'" in as_shown(app.warning[0].value)
    assert "Step 1 of 2" in " ".join(texts(app))


def test_a_broken_file_gives_its_located_problems(folder):
    path = briefing.folder_of(folder) / "story.json"
    path.write_text(json.dumps({"title": "x", "steps": [{"title": "t", "caption": "c", "event": "SM-999"}]}))
    app = present({"name": "story"})
    assert not app.exception and "cannot be shown: 1 problem(s)" in as_shown(app.error[0].value)
    assert f"{path}:1: event: no event 'SM-999' in the data" in app.code[0].value


def test_the_projector_theme_darkens_the_page_and_the_map_and_can_be_turned_off(folder):
    app = present({"name": "story", "step": "1"})
    styles = " ".join(str(e.proto) for e in app.get("html"))
    assert schema.css(schema.PROJECTOR["background"]) in styles  # the page's own dark style
    pictures = [layer for layer in map_spec(app)["layers"] if layer["@@type"] == "BitmapLayer"][:2]
    assert [layer["tintColor"] for layer in pictures] == [list(schema.PROJECTOR["basemap tint"])] * 2
    names = {name["name"]: name for name in map_layer(app, "names")}
    assert names["The depot"]["color"] == list(schema.PROJECTOR["callout label"])  # light on the dark map
    app.toggle(key="briefing_projector").set_value(False).run()
    assert schema.css(schema.PROJECTOR["background"]) not in " ".join(str(e.proto) for e in app.get("html"))
    assert all("tintColor" not in layer for layer in map_spec(app)["layers"][:2])
    assert {name["name"]: name for name in map_layer(app, "names")}["The depot"]["color"] == list(
        schema.PALETTE["callout label"]
    )


def test_space_moves_to_the_next_step_like_the_right_arrow(folder):
    app = present({"name": "story", "step": "1"})
    space = next(b for b in app.button if b.proto.shortcut.lower() == "space")
    space.click().run()
    assert "Step 2 of 2" in " ".join(texts(app))
    assert next(b for b in app.button if b.proto.shortcut.lower() == "space").disabled  # the last step
