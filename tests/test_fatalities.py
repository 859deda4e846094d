"""Deaths reported without a number read as words wherever a reader sees them, never as the floor number."""

from __future__ import annotations

import pandas as pd

from eventmap import fatalities, schema
from tests import sample as made_up


def test_fatalities_without_a_number_never_read_as_a_number():
    unknown = fatalities.UNKNOWN_TEXT
    assert fatalities.fatalities_text({"fatalities": 3, schema.FATALITIES_REPORTED: "unknown"}) == unknown
    assert fatalities.fatalities_text({"fatalities": 3, "tags": f"x; {fatalities.FATALITIES_TAG}"}) == unknown
    assert fatalities.fatalities_text({"fatalities": 0, schema.FATALITIES_REPORTED: ""}) == "0"
    assert fatalities.fatalities_text({"fatalities": 1200}) == "1,200"
    assert fatalities.fatalities_text({"fatalities": None}) == "not reported"


def test_every_row_gets_its_words_from_our_column_or_our_exports_tag(sample):
    labels = dict(zip(sample.events["event_id_cnty"], fatalities.fatalities_labels(sample.events)))
    assert {i for i, text in labels.items() if text == fatalities.UNKNOWN_TEXT} == set(made_up.UNKNOWN_FATALITIES)
    assert labels["SM-001"] == "2"
    tagged = pd.DataFrame({"fatalities": [3, 4], "tags": [f"theatre=Sea; {fatalities.FATALITIES_TAG}", ""]})
    assert list(fatalities.fatalities_labels(tagged)) == [fatalities.UNKNOWN_TEXT, "4"]
