"""The bytes the benchmark reports for a map are those of the spec the browser receives, events included."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from bench import inprocess, synthetic
from eventmap.load import load_events
from eventmap.maps.markers import build_map_data
from eventmap.maps.spec import build_deck


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> pd.DataFrame:
    return load_events(synthetic.generate(1_500, tmp_path_factory.mktemp("bench"))).frame


def _naive():
    return inprocess._naive_module()


def test_naive_payload_carries_every_event_as_a_record(tmp_path):
    """pandas frames in a pydeck layer serialise as {} unless Streamlit turns them into records first: the
    measured payload must be the one with the points in it."""
    naive = _naive()
    path = synthetic.generate(800, tmp_path)
    frame = naive.filter_events(naive.read_events(str(path)), ["Iraq"])
    spec = json.loads(inprocess.payload(naive.make_deck(frame)))
    points = spec["layers"][0]["data"]
    assert isinstance(points, list) and len(points) == len(frame) > 0
    assert {"longitude", "latitude", "color"} <= set(points[0])
    assert inprocess.payload_bytes(naive.make_deck(frame)) > 100 * len(frame)


def test_dashboard_payload_grows_with_the_events_shown(events):
    def size(view: pd.DataFrame) -> int:
        return inprocess.payload_bytes(build_deck(build_map_data(view)))

    everything, iraq, nothing = size(events), size(events[events["theatre"] == "Iraq"]), size(events.iloc[0:0])
    assert everything > iraq > nothing > 0
