"""Every row traces to its sources: quotes are checked verbatim (white space aside) in the sources they cite."""

from __future__ import annotations

import pandas as pd

from eventmap.quotes import citation_problems, normalise_space, split_list

TEXTS = {"a.txt": "The drone hit\nthe base on Monday.  Nobody was hurt.", "b.txt": "Rockets fell near the port."}


def check(source: str, quote: str, known=frozenset(TEXTS)):
    cells = pd.DataFrame({"row_number": [2], "source": [source], "source_quote": [quote]})
    problems, bad = citation_problems(cells, "f.csv", set(known), TEXTS)
    return [(p.column, p.message) for p in problems], bool(bad[0])


def test_a_quote_matches_across_line_breaks_and_double_spaces():
    assert check("a.txt", "The drone hit the base on Monday. Nobody was hurt.") == ([], False)


def test_a_changed_word_is_not_verbatim():
    problems, bad = check("a.txt", "The drone struck the base")
    assert bad and problems[0][0] == "source_quote" and "not found verbatim" in problems[0][1]


def test_every_cited_source_needs_a_quote_and_a_text():
    problems, bad = check("a.txt;b.txt", "The drone hit the base")
    assert bad and ("source_quote", "no quote from cited source b.txt") in problems
    problems, _ = check("a.txt;c.txt", "The drone hit the base", known={"a.txt", "c.txt"})
    assert ("source", "no text for this source in the sources folder: 'c.txt'") in problems
    problems, _ = check("z.txt", "x")
    assert ("source", "cites a source that is not in sources.csv: 'z.txt'") in problems


def test_several_quotes_are_joined_by_a_bar():
    assert check("a.txt;b.txt", "The drone hit | Rockets fell near the port.") == ([], False)
    problems, bad = check("a.txt", " | ")
    assert bad and problems[0][1].startswith("required value is empty")


def test_helpers():
    assert split_list(" a.txt ; ;b.txt") == ["a.txt", "b.txt"]
    assert normalise_space(" a\n\tb  c ") == "a b c"
