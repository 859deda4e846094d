"""AppTest helpers: run a page, read its map layers and the bytes its download buttons would send."""

from __future__ import annotations

import json

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = {
    "map": "app.py",
    "timeline": "pages/1_Timeline.py",
    "events": "pages/2_Events.py",
    "sources": "pages/3_Sources_and_method.py",
}


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file a page hands to a download button, by media id, as the browser would receive it."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        files[file_id] = path_or_data if isinstance(path_or_data, bytes) else bytes(path_or_data, "utf-8")
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    return files


def page(name: str, **query: str | list[str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / PAGES[name]), default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    return app


def download_bytes(app: AppTest, files: dict[str, bytes], label_start: str) -> bytes:
    button = next(b for b in app.get("download_button") if b.proto.label.startswith(label_start))
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return files[file_id]


def map_layer(app: AppTest, layer_id: str = "events") -> list[dict]:
    charts = app.get("deck_gl_json_chart")
    assert charts, "no map on the page"
    spec = json.loads(charts[0].proto.json)
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)["data"]


def marker_ids(app: AppTest) -> set[str]:
    return {i for record in map_layer(app) for i in record["ids"].split(";") if i}


def captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)
