"""Relative dates in a quote, resolved against the report's publication date, with ACLED's time_precision.

ACLED's codes: 1 the day is known, 2 only the week, 3 only the month. Where only a week or a month is known the
date proposed is the middle of it (the codebook's convention), and the editor confirms every proposal.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ALT = "|".join([*MONTHS, *(m[:3] for m in MONTHS), "sept"])
_NUMBERS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "several": 0}


@dataclass(frozen=True)
class DateReading:
    """One proposal: the words that gave it, the date, ACLED's time_precision and how it was worked out."""

    phrase: str
    date: dt.date
    time_precision: int
    how: str


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(word[:3]))


def _fmt(day: dt.date) -> str:
    return day.strftime("%a %d %b %Y")


def _before_or_on(published: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day, in the publication year or (if that is after publication) the year before."""
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= published:
            return candidate
    return None


def _middle_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, 15)


def _readings(text: str, published: dt.date) -> list[tuple[int, DateReading]]:
    """(position in text, reading) for every relative or partial date expression found."""
    found: list[tuple[int, DateReading]] = []
    pub = f"a report published {_fmt(published)}"

    def add(match: re.Match, date: dt.date | None, precision: int, how: str) -> None:
        if date is not None:
            found.append((match.start(), DateReading(match.group(0).strip(), date, precision, f"{how} ({pub})")))

    for m in re.finditer(r"\b(?:the\s+)?day\s+before\s+yesterday\b", text, re.I):
        add(m, published - dt.timedelta(days=2), 1, "two days before publication")
    for m in re.finditer(r"\b(yesterday|today|tonight|this\s+morning|last\s+night|overnight)\b", text, re.I):
        word = m.group(1).lower()
        back = 1 if word in ("yesterday", "last night", "overnight") else 0
        if back and text[max(0, m.start() - 11) : m.start()].lower().endswith("before "):
            continue
        add(
            m,
            published - dt.timedelta(days=back),
            1,
            f"{word!r}: {'the day before' if back else 'the day of'} publication",
        )
    for m in re.finditer(r"\b(?:(last|this|on|early|late)\s+)?(" + "|".join(WEEKDAYS) + r")s?\b", text, re.I):
        weekday = WEEKDAYS.index(m.group(2).lower())
        back = (published.weekday() - weekday) % 7
        if (m.group(1) or "").lower() == "last" and back == 0:
            back = 7
        add(m, published - dt.timedelta(days=back), 1, f"the {m.group(2).capitalize()} on or before publication")
    for m in re.finditer(r"\b(\w+)\s+days?\s+ago\b", text, re.I):
        count = _NUMBERS.get(m.group(1).lower()) if not m.group(1).isdigit() else int(m.group(1))
        if count:
            add(m, published - dt.timedelta(days=count), 1, f"{count} day(s) before publication")
    for m in re.finditer(r"\b(?:a|one)\s+week\s+ago\b", text, re.I):
        add(m, published - dt.timedelta(days=7), 2, "a week before publication, known to the week")
    for m in re.finditer(r"\blast\s+week\b", text, re.I):
        monday = published - dt.timedelta(days=published.weekday() + 7)
        add(m, monday + dt.timedelta(days=3), 2, f"middle of the week of {_fmt(monday)}")
    for m in re.finditer(r"\b(?:earlier\s+)?this\s+week\b", text, re.I):
        monday = published - dt.timedelta(days=published.weekday())
        add(m, monday + (published - monday) // 2, 2, "middle of the publication week up to publication")
    for m in re.finditer(r"\blast\s+month\b", text, re.I):
        first = published.replace(day=1) - dt.timedelta(days=1)
        add(m, _middle_of_month(first.year, first.month), 3, "middle of the month before publication")
    for m in re.finditer(r"\b(?:earlier\s+)?this\s+month\b", text, re.I):
        add(m, published.replace(day=max(1, (published.day + 1) // 2)), 3, "middle of the publication month so far")
    day_month = (
        r"\b(?:on\s+)?(?:(?P<m1>" + _MONTH_ALT + r")\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
        r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH_ALT + r")\b\.?)(?!\s*,?\s*\d{4})"
    )
    for m in re.finditer(day_month, text, re.I):
        month, day = _month(m.group("m1") or m.group("m2")), int(m.group("d1") or m.group("d2"))
        add(m, _before_or_on(published, month, day), 1, "the day named, in the year up to publication")
    for m in re.finditer(r"\bin\s+(?:early\s+|late\s+|mid-?)?(" + "|".join(MONTHS) + r")\b(?!\s+\d)", text, re.I):
        month = MONTHS.index(m.group(1).lower()) + 1
        year = published.year if month <= published.month else published.year - 1
        add(m, _middle_of_month(year, month), 3, f"middle of {m.group(1).capitalize()} {year}")
    return found


def resolve_dates(text: str, published: dt.date) -> list[DateReading]:
    """Every date the quote gives relative to its publication, in the order the words appear, each once."""
    seen: set[tuple[str, dt.date]] = set()
    readings = []
    for _, reading in sorted(_readings(text, published), key=lambda item: item[0]):
        key = (reading.phrase.lower(), reading.date)
        if key not in seen:
            seen.add(key)
            readings.append(reading)
    return readings
