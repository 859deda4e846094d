"""Untrusted text (data files, URL parameters, file names) made inert for Streamlit's markdown elements, and the
characters that make a name read other than it is."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character: CommonMark escapes each
# Matched in the text after escapes are undone, so escaping cannot stop them: emoji shortcodes (:rocket:) and
# GFM's bare links (http://host, www.host, name@host). An invisible word joiner after '@', inside 'www.' and
# between ':' and a word or '/' breaks each pattern without changing what a reader sees.
_UNESCAPED_PATTERNS = re.compile(r"(?<=:)(?=[\w/+-])|(?<=@)|(?i:(?<=www)(?=\.))")


def escape_markdown(value: object) -> str:
    """Markdown that renders as exactly these characters: no link (bare or not), image, HTML, math, heading,
    list, emphasis, directive or emoji shortcode."""
    return _PUNCTUATION.sub(r"\\\1", _UNESCAPED_PATTERNS.sub("\u2060", str(value)))


def format_characters(text: str) -> list[str]:
    """The Unicode format characters (category Cf: zero-width, bidirectional overrides, joiners) in text, as U+XXXX:
    in a name they make two names that read alike differ, or a name read backwards."""
    return sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cf"})


def with_format_characters(values: pd.Series) -> pd.Series:
    """Which cells hold a format character, looked at once per distinct value (a million rows repeat their names)."""
    distinct = pd.unique(values.astype(str))
    flagged = {value for value in distinct if any(unicodedata.category(c) == "Cf" for c in value)}
    return values.astype(str).isin(flagged) if flagged else pd.Series(False, index=values.index)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_text(value: object) -> str:
    """Text a terminal prints as these characters: control characters (escape sequences, CR, tabs, line breaks)
    written as \\xNN instead, so a name cannot move the cursor, recolour the screen or forge a line."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(value))
