"""AppTest helpers: run a page, read its map layers and the bytes its download buttons would send. Every app test
runs on the tests' sample dataset (tests/sample.py), never on the shipped data/."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from eventmap.ui.navigation import PAGES as NAVIGATION
from tests.conftest import ROOT

# page title -> its file; every page is reached through app.py's navigation, as a user does. The Editor and the
# Briefing have tests of their own (test_editor.py, test_briefing.py); ALL_PAGES has them too.
ALL_PAGES = {page.title: page.file for page in NAVIGATION}
PAGES = {title: file for title, file in ALL_PAGES.items() if title not in ("Editor", "Briefing")}
MAP = NAVIGATION[0].title  # the default page: app.py's first run draws it


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """The callable behind each download button, by file id: what runs when a user clicks it."""
    files: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        files[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return files


class Page:
    """An AppTest of app.py that runs one page: the navigation first, then a switch to the page's file."""

    def __init__(self, name: str, query: dict):
        self.name, self.query = name, query

    def run(self) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        for key, value in self.query.items():
            app.query_params[key] = value
        app.run()
        if self.name != MAP:  # the default page: the first run already drew it
            app.switch_page(ALL_PAGES[self.name]).run()
        return app


def page(name: str, **query: str | list[str]) -> Page:
    return Page(name, query)


def download_bytes(app: AppTest, files: dict[str, object], label_start: str) -> bytes:
    """The bytes a click on the button labelled label_start... would download."""
    button = next(b for b in app.get("download_button") if b.proto.label.startswith(label_start))
    return files[button.proto.deferred_file_id]()


MAP_ELEMENT = "bidi_component"  # the map's element type (eventmap/ui/deckmap.py: a Streamlit component)


def map_spec(app: AppTest) -> dict:
    """The map as the page sent it: the deck spec the map component received."""
    charts = app.get(MAP_ELEMENT)
    assert charts, "no map on the page"
    return json.loads(charts[0].proto.bytes)


def map_layer(app: AppTest, layer_id: str = "events") -> list[dict]:
    return next(layer for layer in map_spec(app)["layers"] if layer["id"] == layer_id)["data"]


def drawn(app: AppTest) -> dict[int, int]:
    """What the map draws: marker key -> number of events in it, as its title says ("Alpha Base — 2 events")."""
    return {
        record["key"]: int(record["title"].split(" — ")[1].split()[0].replace(",", "")) for record in map_layer(app)
    }


def markers_for(frame) -> dict[int, int]:
    """What the map should draw for these events: the same keys a click resolves (an event placed only to a
    country is its shape, never a marker)."""
    from eventmap.maps import markers
    from tests.sample import COUNTRY_LEVEL

    located = frame[frame["latitude"].notna() & ~frame["event_id_cnty"].isin(COUNTRY_LEVEL)]
    keys, counts = np.unique(markers.marker_keys(located), return_counts=True)
    return dict(zip(keys.tolist(), counts.tolist()))


def as_shown(markdown: str) -> str:
    """The text a reader sees of a markdown body that ui.say escaped: escapes undone, word joiners dropped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def captions(app: AppTest) -> str:
    return "\n".join(as_shown(c.value) for c in app.caption)
