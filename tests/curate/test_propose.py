"""The report proposes its actors: by the words the actors table gives, first named first, in their own country."""

from __future__ import annotations

import datetime as dt

from eventmap import schema
from eventmap.curate.propose import known_actor_words, propose
from eventmap.geocode.gazetteer import Gazetteer

WORDS = {
    "Military Forces of the United States (2021-)": ("US", "American"),
    "Sample militia": ("militia",),
    "Unidentified Armed Group (Yemen)": ("militia",),  # named for a country the sentence's place is not in
}


def test_actors_are_proposed_by_their_words_first_named_first_and_only_in_their_own_country(sample_dir):
    gazetteer = Gazetteer(schema.data_files(sample_dir).places)
    text = "A militia drone struck US troops at Alpha Base on Monday. American jets then hit a militia-held site."
    first, second = propose(text, dt.date(2024, 5, 8), gazetteer, WORDS)
    assert first.actors == ["Sample militia", "Military Forces of the United States (2021-)"]
    assert second.actors == ["Military Forces of the United States (2021-)"]  # 'militia-held' is not the militia
    assert propose(text, dt.date(2024, 5, 8), gazetteer)[0].actors == []  # no table, no actors proposed


def test_the_actors_words_come_from_actors_csv_and_a_missing_file_gives_none(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "actor,inter_code,inter_label,notes,words\n"
        "A,3,Political militia,,alpha; the Alphas \n"
        "B,8,External/Other forces,,\n",
        encoding="utf-8",
    )
    assert known_actor_words(path) == {"A": ("alpha", "the Alphas")}
    assert known_actor_words(tmp_path / "missing.csv") == {}
