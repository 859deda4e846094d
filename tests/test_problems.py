"""A problem is said as PATH:ROW: column: message, shortened so that one bad cell cannot flood the output."""

from __future__ import annotations

import numpy as np
import pandas as pd

from eventmap.problems import MAX_ROWS_PER_PROBLEM, Problem, flag, show_value


def test_a_problem_reads_as_path_row_column_message():
    assert str(Problem("my/events.csv", 7, "event_date", "not a date")) == "my/events.csv:7: event_date: not a date"
    assert str(Problem("x.csv", None, "", "file is empty")) == "x.csv: file is empty"
    assert Problem("x.csv", 2, "c", "m").as_dict() == {"file": "x.csv", "row": 2, "column": "c", "message": "m"}


def test_long_and_hostile_cells_are_quoted_and_shortened():
    shown = show_value("=HYPERLINK(" + "x" * 1000 + ")")
    assert shown.startswith("'=HYPERLINK(") and len(shown) <= 42 and shown.endswith("…'")
    assert show_value("a\nb") == repr("a\nb")  # a newline cannot start a new output line


def test_flag_names_each_row_then_summarises():
    problems: list[Problem] = []
    rows = pd.Series(range(2, 2 + MAX_ROWS_PER_PROBLEM + 5))
    mask = np.ones(len(rows), dtype=bool)
    flag(problems, "f.csv", rows, mask, "fatalities", "bad {value}", pd.Series(["-1"] * len(rows)))
    assert [p.row for p in problems[:3]] == [2, 3, 4] and problems[0].message == "bad '-1'"
    assert problems[-1] == Problem("f.csv", None, "fatalities", "... and 5 more rows with this problem")
    assert len(problems) == MAX_ROWS_PER_PROBLEM + 1
