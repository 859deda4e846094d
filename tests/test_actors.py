"""ACLED's actor types: each actor's inter code from the dataset's actors.csv, and the interaction they make."""

from __future__ import annotations

import pandas as pd

from eventmap import actors, schema
from tests import sample as made_up


def test_the_sample_actors_have_their_inter_codes(sample, sample_dir):
    table = actors.load_actors(schema.data_files(sample_dir).actors)
    assert actors.missing_actors(sample.events, table) == []
    assert dict(zip(table["actor"], table["inter_code"])) == {made_up.US: 8, made_up.MILITIA: 3, made_up.CIVILIANS: 7}
    assert actors.missing_actors(sample.events.assign(actor2="Someone else"), table) == ["Someone else"]


def test_interaction_puts_the_lower_code_first_and_says_when_one_side_is_unknown():
    code1 = pd.Series([8, 3, 7, None], dtype="Int64")
    code2 = pd.Series([3, 8, None, None], dtype="Int64")
    assert list(actors.interaction(code1, code2)) == [
        "Political militia-External/Other forces",
        "Political militia-External/Other forces",
        "Civilians only",
        "",
    ]
    code, label = actors.inter(pd.Series([made_up.US, "Nobody"]), {made_up.US: 8})
    assert list(label) == ["External/Other forces", ""] and code.isna().tolist() == [False, True]
