"""One text rule for what the desk writes: every value an editor types, on the page or the command line.

Values are normalised to NFC (as_cells). Format characters (zero-width, bidirectional overrides and the rest of
Unicode's Cf) are refused everywhere but the notes and the quote, where a language may need them (the quote
must match its source as written): a name that shows blank, a second "Gulf of Aden" in a filter or a label read
backwards cannot enter. Numbers and dates are written in one canonical form; a place name is capped; a point
must be where the map can draw it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from eventmap.problems import Problem
from eventmap.untrusted import format_characters

FORMAT_ALLOWED = ("notes", "source_quote")  # where a language may need a joiner or a direction mark
MAX_NAME = 80  # a place or theatre name; a longer one runs its label across the map
NAMES = ("location", "theatre")
MAX_LATITUDE = 85.0511  # the map's projection (Web Mercator) stops there: a pole would draw nothing
CANONICAL = {
    "latitude": (re.compile(r"^-?\d{1,2}(\.\d+)?$"), "a decimal number such as 33.5 (no exponent)"),
    "longitude": (re.compile(r"^-?\d{1,3}(\.\d+)?$"), "a decimal number such as 44.25 (no exponent)"),
    "fatalities": (re.compile(r"^\d+$"), "a whole number such as 3"),
    "event_date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date written YYYY-MM-DD, such as 2024-01-05"),
    "alt_event_date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "a date written YYYY-MM-DD, such as 2024-01-05"),
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _value_problem(name: str, value: str) -> str | None:
    found = format_characters(value)
    if found and name not in FORMAT_ALLOWED:
        return f"contains invisible or direction-changing characters ({', '.join(found)}): type it plainly"
    if value and not any(c.isprintable() and not c.isspace() for c in value):
        return "has no visible character"
    rule = CANONICAL.get(name)
    if rule and value.strip() and not rule[0].match(value.strip()):
        return f"write it as {rule[1]}, not {value[:20]!r}"
    if name in NAMES and len(value) > MAX_NAME:
        return f"{len(value)} characters: at most {MAX_NAME}"
    if name == "latitude" and rule and rule[0].match(value.strip()) and abs(float(value)) > MAX_LATITUDE:
        return f"{value} is beyond the map (latitudes up to ±{MAX_LATITUDE} are drawn)"
    return None


def text_problems(values: Mapping[str, str], shown: str, number: int | None) -> list[Problem]:
    """Problems of the values an editor typed (all of a new row, the changed fields of an edit)."""
    return [
        Problem(shown, number, name, said)
        for name, value in values.items()
        if (said := _value_problem(name, value)) is not None
    ]


def visible_name(name: str) -> str | None:
    """Why an editor's name cannot be recorded (None when it can): it must show, plainly."""
    if format_characters(name) or any(unicodedata.category(c) == "Cc" for c in name):
        return "Your name contains invisible or control characters: type it plainly."
    if not any(c.isprintable() and not c.isspace() for c in name):
        return "Give your name: every change is logged with it."
    return None


def escaped(text: str) -> str:
    """Text for a terminal: control and format characters as \\u escapes, so none acts on the terminal."""
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cf") else f"\\u{ord(c):04x}" for c in str(text))
