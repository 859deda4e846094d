"""The bytes the benchmark reports for a map are those of the spec the browser receives, events included."""

from __future__ import annotations

import pandas as pd
import pytest

from bench import inprocess, synthetic
from eventmap.load import load_events
from eventmap.maps.markers import build_map_data
from eventmap.maps.spec import build_deck


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> pd.DataFrame:
    return load_events(synthetic.generate(1_500, tmp_path_factory.mktemp("bench"))).frame


def test_dashboard_payload_grows_with_the_events_shown(events):
    def size(view: pd.DataFrame) -> int:
        return inprocess.payload_bytes(build_deck(build_map_data(view)))

    everything, iraq, nothing = size(events), size(events[events["theatre"] == "Iraq"]), size(events.iloc[0:0])
    assert everything > iraq > nothing > 0
