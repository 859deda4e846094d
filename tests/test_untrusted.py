"""Untrusted text made inert for markdown: what a reader sees is the text, and nothing in it acts."""

from __future__ import annotations

import re

import pytest

from eventmap.untrusted import escape_markdown

JOINER = "\u2060"


@pytest.mark.parametrize(
    "text",
    [
        "![i](http://198.51.100.7/q.png)",
        "[Session expired. Log in again](http://198.51.100.7/)",
        "**bold** _it_",
        "# heading",
        "<script>x</script>",
        "$x^2$",
        ":rocket:",
        "http://198.51.100.7/x",
        "www.example.org",
        "someone@example.org",
        "1. item",
        "- item",
        "`code`",
        "| a | b |",
    ],
)
def test_markup_is_escaped_and_reads_the_same(text):
    escaped = escape_markdown(text)
    unescaped = re.sub(r"\\(.)", r"\1", escaped).replace(JOINER, "")
    assert unescaped == text  # a reader sees exactly the text
    assert not re.search(r"(?<!\\)[\[\]()*_<>#`$|!]", escaped)  # every markdown character is escaped
    if re.search(r"https?:|www\.|@|:\w", text):  # bare links, mail addresses and :emoji: match after unescaping
        assert JOINER in escaped


def test_plain_words_are_left_alone():
    assert escape_markdown("Ain al Asad Air Base 2023") == "Ain al Asad Air Base 2023"
    assert escape_markdown(14) == "14"
