"""The map keeps its place in the page when notices, the aggregation note or the playback row come and go.

Streamlit's browser side matches elements by their place in the page: a map that moved by one element was a
new map, its pictures drawn and its programs compiled again (measured in Chromium, about
a second at 100k rows). So what comes and goes above the map has a slot of its own that is always there.
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
from streamlit.testing.v1 import AppTest

from tests.app.conftest import MAP_ELEMENT, page


def map_place(app: AppTest) -> tuple[int, ...]:
    """Where the map is in the page: the indexes of its blocks, from the main area down."""

    def find(node, path: tuple[int, ...]) -> tuple[int, ...] | None:
        for key, child in getattr(node, "children", {}).items():
            if getattr(child, "type", None) == MAP_ELEMENT:
                return (*path, key)
            found = find(child, (*path, key))
            if found is not None:
                return found
        return None

    place = find(app.main, ())
    assert place is not None, "no map on the page"
    return place


def test_the_map_stays_put_when_a_notice_goes_and_playback_comes():
    app = page("Map", bogus="1").run()  # an unknown URL key: a notice above the map on the first run only
    assert any("bogus" in warning.value for warning in app.warning)
    first = map_place(app)
    app.multiselect(key="filter_theatre").select("Land").run()
    assert not any("bogus" in warning.value for warning in app.warning), "the notice is gone"
    assert map_place(app) == first
    app.toggle(key="playback").set_value(True).run()  # a day slider and a caption above the map
    assert app.select_slider(key="playback_day") and map_place(app) == first


def test_the_map_goes_to_the_browser_before_the_sidebar(monkeypatch):
    """The browser draws what it has been sent by its next pass: the map first, the sidebar's filters after it
    (ui.page), so that a filter change's map is not queued behind a dozen widgets."""
    sent: list[tuple[str, int]] = []  # (element type, root container: 0 main, 1 sidebar), in the order sent
    original = ScriptRunContext.enqueue

    def recording(self, msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            sent.append((msg.delta.new_element.WhichOneof("type"), msg.metadata.delta_path[0]))
        return original(self, msg)

    monkeypatch.setattr(ScriptRunContext, "enqueue", recording)
    app = page("Map").run()
    del sent[:]
    app.multiselect(key="filter_theatre").select("Land").run()
    kinds = [kind for kind, _ in sent]
    sidebar = [i for i, (_, root) in enumerate(sent) if root == 1]
    assert MAP_ELEMENT in kinds and sidebar, sent
    assert kinds.index(MAP_ELEMENT) < sidebar[0], "the map is sent after the sidebar's filters"
    assert app.multiselect(key="filter_theatre").value == ["Land"]  # the filters are still drawn, after the map
