"""Relative words in a quote become the dates an editor would work out by hand, with ACLED's precision."""

import datetime as dt

import pytest

from eventmap.curate.dates import resolve_dates

TUESDAY = dt.date(2023, 12, 5)


def reading(text: str, published: dt.date = TUESDAY):
    found = resolve_dates(text, published)
    assert len(found) == 1, found
    return found[0].date, found[0].time_precision


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The strike happened on Sunday.", (dt.date(2023, 12, 3), 1)),
        ("officials said Tuesday", (TUESDAY, 1)),  # the weekday of publication is the day itself
        ("It was fired last Tuesday", (dt.date(2023, 11, 28), 1)),
        ("the attack yesterday", (dt.date(2023, 12, 4), 1)),
        ("said today", (TUESDAY, 1)),
        ("the day before yesterday", (dt.date(2023, 12, 3), 1)),
        ("two days ago", (dt.date(2023, 12, 3), 1)),
        ("a week ago", (dt.date(2023, 11, 28), 2)),
        ("last week", (dt.date(2023, 11, 30), 2)),  # the middle of the week before the week of publication
        ("last month", (dt.date(2023, 11, 15), 3)),
        ("on December 3", (dt.date(2023, 12, 3), 1)),
        ("November 21", (dt.date(2023, 11, 21), 1)),
        ("on 3 Dec.", (dt.date(2023, 12, 3), 1)),
        ("in October", (dt.date(2023, 10, 15), 3)),
    ],
)
def test_relative_words(text, expected):
    assert reading(text) == expected


def test_a_named_day_after_publication_is_last_year():
    assert reading("on December 20", dt.date(2024, 1, 2)) == (dt.date(2023, 12, 20), 1)
    assert reading("last month", dt.date(2024, 1, 2)) == (dt.date(2023, 12, 15), 3)


def test_several_words_in_text_order_and_explained():
    found = resolve_dates("Militants attacked on Sunday; the US struck back yesterday.", TUESDAY)
    assert [(r.phrase, r.date) for r in found] == [
        ("on Sunday", dt.date(2023, 12, 3)),
        ("yesterday", dt.date(2023, 12, 4)),
    ]
    assert all("Tue 05 Dec 2023" in r.how for r in found)


def test_full_dates_and_plain_text_propose_nothing():
    assert resolve_dates("On December 3, 2023 nothing relative was said.", TUESDAY) == []
    assert resolve_dates("No date words here at all.", TUESDAY) == []
