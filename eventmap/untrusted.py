"""Untrusted text (data files, URL parameters, file names) made inert for Streamlit's markdown elements."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character: CommonMark escapes each
# Matched in the text after escapes are undone, so escaping cannot stop them: emoji shortcodes (:rocket:) and
# GFM's bare links (http://host, www.host, name@host). An invisible word joiner after '@', inside 'www.' and
# between ':' and a word or '/' breaks each pattern without changing what a reader sees.
_UNESCAPED_PATTERNS = re.compile(r"(?<=:)(?=[\w/+-])|(?<=@)|(?i:(?<=www)(?=\.))")


def escape_markdown(value: object) -> str:
    """Markdown that renders as exactly these characters: no link (bare or not), image, HTML, math, heading,
    list, emphasis, directive or emoji shortcode."""
    return _PUNCTUATION.sub(r"\\\1", _UNESCAPED_PATTERNS.sub("\u2060", str(value)))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_text(value: object) -> str:
    """Text a terminal prints as these characters: control characters (escape sequences, CR, tabs, line breaks)
    written as \\xNN instead, so a name cannot move the cursor, recolour the screen or forge a line."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(value))
