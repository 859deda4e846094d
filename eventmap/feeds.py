"""The events of a filtered view as an Atom feed and a JSON Feed (1.1), newest change first.

Each entry is an event: its title line, date, place, link (`?event=ID` on the Map page) and what last changed, from
the desk's change log beside the events file (new, changed, restored, retired); an event the log never changed is
dated by its own day. The filters are the Map page's URL parameters, read by filters.from_query (whatever is unknown
is ignored). Text from the data and the URL is written as text: Atom through xml.etree, which escapes it, JSON by
json.dumps; characters XML cannot hold (control characters) are removed from both.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pandas as pd

from eventmap import filters
from eventmap.curate.log import BASELINE, history, read_entries
from eventmap.curate.table import log_path, retired_path
from eventmap.load import load_events
from eventmap.problems import DataFileError

MAX_ENTRIES = 100  # the newest changes; a reader polls often, and a million-row file must not become one feed
MAX_CHANGE_CHARS = 1000  # what changed, said in one entry: an edit of a long note is cut there
FEED_TITLE = "Conflict event map"
ATOM, JSON = "atom", "json"
FORMATS = {ATOM: "application/atom+xml; charset=utf-8", JSON: "application/feed+json; charset=utf-8"}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_ATOM_NS = "http://www.w3.org/2005/Atom"
# XML 1.0 cannot hold C0 controls but tab and line ends, nor lone surrogates or U+FFFE/U+FFFF; C1 controls and
# U+2028/U+2029 would move a reader's lines. All are removed (the JSON Feed likewise, so both say the same).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
KINDS = {"add": "new", "edit": "changed", "undo": "changed", "restore": "restored", "retire": "retired"}
IN_THE_DATA = "in the data"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def clean(value: object) -> str:
    """Text a feed can carry: the characters XML cannot hold removed."""
    return _UNWRITABLE.sub("", "" if value is None or value is pd.NA else str(value))


@dataclass(frozen=True)
class Entry:
    """One event in the feed, at its latest change."""

    event_id: str
    title: str
    day: str
    place: str
    kind: str  # new, changed, restored, retired, or "in the data" (never changed by the desk)
    change: str
    updated: dt.datetime
    seq: int = 0

    def link(self, base_url: str) -> str:
        return f"{base_url}?event={quote(self.event_id, safe='')}"

    def text(self) -> str:
        return f"{self.kind.capitalize()}: {self.change}\nDate: {self.day}\nPlace: {self.place}"


def utc(text: str) -> dt.datetime | None:
    """An ISO 8601 time in UTC (one without a zone is taken as UTC), or None when the text is not one."""
    try:
        when = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def latest_changes(entries: list[dict]) -> dict[str, dict]:
    """The newest change of each event in the change log (history's rows: time, action, change, seq)."""
    latest: dict[str, dict] = {}
    for row in history(entries):
        event_id = str(row.get("event_id") or "")
        if event_id and row.get("action") != BASELINE and event_id not in latest and utc(row["time"]):
            latest[event_id] = row
    return latest


def changes_since(entries: list[dict], since: str, ids: set[str]) -> int | None:
    """How many changes the log records to the events `ids` after the time `since` (ISO 8601); None when `since`
    is not a time (a first visit, or storage that holds something else)."""
    start = utc(since)
    if start is None:
        return None
    return sum(
        1
        for entry in entries
        if entry.get("action") != BASELINE
        and str(entry.get("event_id") or "") in ids
        and (when := utc(str(entry.get("time") or ""))) is not None
        and when > start
    )


def _place(row: Mapping) -> str:
    parts = [clean(row.get(name, "")).strip() for name in ("location", "admin1", "country")]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or "no place reported"


def _entry(row: Mapping, change: dict | None, retired: bool) -> Entry:
    date = row.get("event_date")
    day = date.date().isoformat() if isinstance(date, pd.Timestamp) and pd.notna(date) else "no date"
    event_id, place = clean(row["event_id_cnty"]), _place(row)
    title = f"{event_id} · {day} · {clean(row.get('sub_event_type', '')) or 'event'} — {place}"
    if change is None:
        updated = pd.Timestamp(date).tz_localize("UTC").to_pydatetime() if day != "no date" else EPOCH
        return Entry(event_id, title, day, place, IN_THE_DATA, "the desk has not changed it", updated)
    kind = "retired" if retired else KINDS.get(change["action"], "changed")
    text = clean(change.get("change") or "")[:MAX_CHANGE_CHARS]
    return Entry(event_id, f"{kind.capitalize()}: {title}", day, place, kind, text, utc(change["time"]), change["seq"])


def build_entries(shown: pd.DataFrame, retired: pd.DataFrame, log: list[dict], limit: int = MAX_ENTRIES) -> list[Entry]:
    """The newest `limit` entries of the view's events (`shown`) and its retired ones the log retired last."""
    latest = latest_changes(log)
    ids = shown["event_id_cnty"].astype("str")
    logged = shown[ids.isin(latest).to_numpy()]
    quiet = shown[~ids.isin(latest).to_numpy()]
    quiet = quiet.nlargest(limit, "event_date") if len(quiet) > limit else quiet  # only the newest can be shown
    entries = [_entry(row, latest[str(row["event_id_cnty"])], False) for row in logged.to_dict("records")]
    entries += [_entry(row, None, False) for row in quiet.to_dict("records")]
    for row in retired.to_dict("records"):
        change = latest.get(str(row["event_id_cnty"]))
        if change is not None and change["action"] == "retire":
            entries.append(_entry(row, change, True))
    entries.sort(key=lambda e: (e.updated, e.seq, e.event_id), reverse=True)
    return entries[:limit]


@dataclass(frozen=True)
class Feed:
    """A feed's entries and where it lives: `base_url` is the app's address, `query` the view's URL filters."""

    entries: list[Entry]
    title: str
    base_url: str
    query: str
    feed_path: str

    def url(self, suffix: str) -> str:
        return f"{self.base_url}{self.feed_path}{suffix}" + (f"?{self.query}" if self.query else "")

    def home(self) -> str:
        return f"{self.base_url}" + (f"?{self.query}" if self.query else "")

    def updated(self) -> dt.datetime:
        return max((e.updated for e in self.entries), default=EPOCH)


def _stamp(when: dt.datetime) -> str:
    return max(when, EPOCH).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_bytes(feed: Feed) -> bytes:
    """RFC 4287: a feed with an id, title, updated, author and self link; an entry per event, its text in a text
    summary (never HTML)."""
    ET.register_namespace("", _ATOM_NS)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{_ATOM_NS}}}{tag}", {k: clean(v) for k, v in attributes.items()})
        if text is not None:
            element.text = clean(text)
        return element

    root = ET.Element(f"{{{_ATOM_NS}}}feed")
    add(root, "title", feed.title)
    add(root, "id", feed.url(".atom"))
    add(root, "updated", _stamp(feed.updated()))
    add(add(root, "author"), "name", FEED_TITLE)
    add(root, "link", rel="self", href=feed.url(".atom"), type=FORMATS[ATOM].split(";")[0])
    add(root, "link", rel="alternate", href=feed.home(), type="text/html")
    add(root, "generator", "eventmap")
    for entry in feed.entries:
        item = add(root, "entry")
        add(item, "title", entry.title)
        add(item, "id", f"{entry.link(feed.base_url)}#change-{entry.seq}")
        add(item, "updated", _stamp(entry.updated))
        add(item, "link", rel="alternate", href=entry.link(feed.base_url), type="text/html")
        add(item, "category", term=entry.kind)
        add(item, "summary", entry.text(), type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def json_feed_bytes(feed: Feed) -> bytes:
    """JSON Feed 1.1: version, title, home page, feed URL and items, each with an id, URL, title and plain text."""
    items = [
        {
            "id": f"{entry.link(feed.base_url)}#change-{entry.seq}",
            "url": entry.link(feed.base_url),
            "title": entry.title,
            "content_text": entry.text(),
            "date_modified": _stamp(entry.updated),
            "tags": [entry.kind],
        }
        for entry in feed.entries
    ]
    body = {
        "version": JSON_FEED_VERSION,
        "title": clean(feed.title),
        "home_page_url": clean(feed.home()),
        "feed_url": clean(feed.url(".json")),
        "description": "The events of this view, newest change first",
        "items": items,
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


WRITERS = {ATOM: atom_bytes, JSON: json_feed_bytes}
FEED_PATH = "feeds/events"  # served beside the app at /feeds/events.atom and /feeds/events.json


def retired_events(events: Path) -> pd.DataFrame:
    """The retired events beside an events file, typed like the events (an empty frame when there are none)."""
    path = retired_path(events)
    if not path.exists():
        return pd.DataFrame(columns=["event_id_cnty", "event_date"])
    try:
        return load_events(path).frame
    except DataFileError:
        return pd.DataFrame(columns=["event_id_cnty", "event_date"])


def build(frame: pd.DataFrame, events: Path, state: filters.Filters, base_url: str, retired: pd.DataFrame) -> Feed:
    """The feed of the view `state` over `frame`, the events of the file `events` (its change log beside it)."""
    shown = filters.apply(frame, state)
    gone = filters.apply(retired, state) if len(retired) else retired
    entries = build_entries(shown, gone, read_entries(log_path(events)))
    said = filters.describe(state)
    title = FEED_TITLE + ("" if said == "no filters" else f": {said}")
    return Feed(entries, clean(title), base_url, urlencode(filters.to_query(state), doseq=True), FEED_PATH)


def feed_from_query(
    kind: str,
    frame: pd.DataFrame,
    retired: pd.DataFrame,
    events: Path,
    query: Mapping[str, Sequence[str]],
    base_url: str,
) -> bytes:
    """The feed of the view a link's URL parameters name, read as the Map page reads them (filters.from_query:
    whatever is unknown or not in the data is ignored)."""
    state, _ = filters.from_query(query, frame)
    return WRITERS[kind](build(frame, events, state, base_url, retired))
