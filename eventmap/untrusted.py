"""Untrusted text (data files, URL parameters, file names) made inert for Streamlit's markdown elements."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character: CommonMark escapes each
_SHORTCODE = re.compile(r":(?=[\w+-])")  # an emoji shortcode (:rocket:) is matched after escapes are resolved


def escape_markdown(value: object) -> str:
    """Markdown that renders as exactly these characters: no link, image, HTML, math, heading, list, emphasis,
    directive or emoji shortcode. A word joiner (invisible) after a colon breaks shortcodes, which Streamlit's
    emoji plugin finds in the text after the escapes are undone."""
    return _PUNCTUATION.sub(r"\\\1", _SHORTCODE.sub(":\u2060", str(value)))
