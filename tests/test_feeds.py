"""The feeds of a view (`python -m eventmap feed`, and what /feeds/events.atom and .json serve): valid Atom read by a
real feed parser, a JSON Feed 1.1 with its required fields, newest change first from the desk's change log, the
view's filters followed, and hostile text carried as text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from eventmap import cli, feeds
from eventmap.curate.table import log_path
from eventmap.filters import Filters
from eventmap.load import load_events
from tests import sample

BASE = "http://maps.example/"
LAND = ["SM-001", "SM-002", "SM-003", "SM-006"]
HOSTILE = "<script>alert(1)</script> & <b>bold</b>\x07\x1b[31m red\u2028line"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def desk(tmp_path, monkeypatch, capsys):
    """A copy of the sample dataset the desk changed: SM-001 retired, then SM-002's fatalities edited, then an edit
    of SM-003's notes, with a reason, holding HTML and control characters (written to the log as the desk writes
    its entries)."""
    folder = sample.write_dataset(tmp_path / "data")
    monkeypatch.setenv("EVENTMAP_DATA", str(folder))
    assert run(capsys, "retire-event", "SM-001", "--reason", "double-counted", "--editor", "ed")[0] == 0
    assert run(capsys, "edit-event", "SM-002", "fatalities=4", "--editor", "ed")[0] == 0
    log = log_path(folder / "events.csv")
    row = {k: str(v) for k, v in sample.event_rows()[2].items()}
    entry = {
        "seq": 99,
        "time": "2099-01-01T00:00:00+00:00",
        "editor": "ed",
        "action": "edit",
        "event_id": "SM-003",
        "before": row,
        "after": {**row, "notes": HOSTILE},
        "reason": HOSTILE,  # said as it was given (the values before and after are quoted, their controls escaped)
    }
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
    return folder / "events.csv"


def feed_of(capsys, tmp_path, kind: str, *filters: str) -> bytes:
    target = tmp_path / f"feed.{kind}"
    code, out, err = run(capsys, "feed", "--format", kind, "--base-url", BASE, *filters, "-o", str(target))
    assert code == 0, err
    assert out.startswith("wrote ")
    return target.read_bytes()


def test_the_atom_feed_is_valid_and_lists_the_newest_change_first(capsys, tmp_path, desk):
    parsed = feedparser.parse(feed_of(capsys, tmp_path, "atom"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    entries = parsed.entries
    ids = [entry.link.removeprefix(f"{BASE}?event=") for entry in entries]
    assert ids[:3] == ["SM-003", "SM-002", "SM-001"]  # the log's changes, newest first
    assert [entry.tags[0].term for entry in entries[:3]] == ["changed", "changed", "retired"]
    assert set(ids[3:]) == set(sample.IDS) - {"SM-001", "SM-002", "SM-003"}  # the rest, by their own day
    second = entries[1]
    assert second.title == "Changed: SM-002 · 2024-05-07 · Shelling/artillery/missile attack — Alpha Base, Samplestan"
    assert "fatalities: '0' -> '4'" in second.summary and "Date: 2024-05-07" in second.summary
    assert "Place: Alpha Base, Samplestan" in second.summary
    assert "double-counted" in entries[2].summary
    dates = [entry.updated_parsed for entry in entries[3:]]
    assert dates == sorted(dates, reverse=True)


def test_the_json_feed_has_the_required_fields_and_the_same_entries(capsys, tmp_path, desk):
    body = json.loads(feed_of(capsys, tmp_path, "json"))
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert body["title"] == "Conflict event map" and body["feed_url"] == f"{BASE}feeds/events.json"
    items = body["items"]
    assert all(item["id"] and item["content_text"] and item["url"].startswith(f"{BASE}?event=") for item in items)
    atom = feedparser.parse(feed_of(capsys, tmp_path, "atom"))
    assert [item["url"] for item in items] == [entry.link for entry in atom.entries]
    assert items[1]["tags"] == ["changed"] and "fatalities: '0' -> '4'" in items[1]["content_text"]


@pytest.mark.parametrize(("theatre", "expected"), [("Land", set(LAND)), ("Sea", set(sample.IDS) - set(LAND))])
def test_the_entries_follow_the_filters_retired_events_included(capsys, tmp_path, desk, theatre, expected):
    body = json.loads(feed_of(capsys, tmp_path, "json", "--theatre", theatre))
    assert {item["url"].removeprefix(f"{BASE}?event=") for item in body["items"]} == expected
    assert body["feed_url"] == f"{BASE}feeds/events.json?theatre={theatre}"
    assert body["title"] == f"Conflict event map: theatre: {theatre}"


def test_hostile_text_is_escaped_in_atom_and_control_characters_are_removed(desk):
    frame, retired = load_events(desk).frame, feeds.retired_events(desk)
    query = {"q": [""], "theatre": ["Land", "<script>"], "type": ["\x1b[2J"]}
    atom = feeds.feed_from_query(feeds.ATOM, frame, retired, desk, query, BASE)
    assert b"<script>" not in atom and b"&lt;script&gt;alert(1)&lt;/script&gt;" in atom
    assert not any(char in atom for char in (b"\x07", b"\x1b", "\u2028".encode()))
    root = ET.fromstring(atom)  # well-formed: XML refuses control characters
    summary = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert "(reason: <script>alert(1)</script> & <b>bold</b>[31m redline)" in summary.text
    text = json.loads(feeds.feed_from_query(feeds.JSON, frame, retired, desk, query, BASE))
    said = text["items"][0]["content_text"]
    assert "<script>alert(1)</script>" in said and not any(c in said for c in "\x07\x1b\u2028")
    assert text["feed_url"] == f"{BASE}feeds/events.json?theatre=Land"  # values not in the data are dropped


def test_a_search_from_a_link_is_text_in_the_title(desk):
    frame = load_events(desk).frame
    feed = feeds.build(frame, desk, Filters(text="<i>x</i>\x00"), BASE, feeds.retired_events(desk))
    root = ET.fromstring(feeds.atom_bytes(feed))
    assert root.find("{http://www.w3.org/2005/Atom}title").text == "Conflict event map: text: '<i>x</i>\\x00'"
    assert feed.entries == []


def test_the_command_refuses_an_unknown_filter_value_and_its_own_input(capsys, tmp_path, desk):
    target = tmp_path / "feed.atom"
    code, _, err = run(capsys, "feed", "--theatre", "Mars", "-o", str(target))
    assert code == 1 and "feed: Not understood: " in err and not target.exists()
    code, _, err = run(capsys, "feed", "-o", str(desk))
    assert code == 1 and "refusing to write over the input file" in err
