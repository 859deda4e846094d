"""The feeds served beside the app by its own server (asgi.py, st.App): fetched from a running server as a feed
reader fetches them, with the Map page's URL filters."""

from __future__ import annotations

import json
import urllib.request

import feedparser

from tests import sample

LAND = {"SM-001", "SM-002", "SM-003", "SM-006"}


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=60) as answer:
        assert answer.status == 200
        return answer.headers["Content-Type"], answer.read()


def test_the_server_serves_both_feeds_with_the_maps_url_filters_and_still_the_app(server):
    kind, body = fetch(f"{server.url}/feeds/events.atom?theatre=Land&theatre=%3Cscript%3E&bogus=1")
    assert kind == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.version == "atom10"
    assert {entry.link.rsplit("=", 1)[1] for entry in parsed.entries} == LAND
    assert all(entry.link.startswith(f"{server.url}/?event=") for entry in parsed.entries)
    kind, body = fetch(f"{server.url}/feeds/events.json")
    assert kind == "application/feed+json; charset=utf-8"
    items = json.loads(body)["items"]
    assert {item["url"].rsplit("=", 1)[1] for item in items} == set(sample.IDS)
    kind, body = fetch(f"{server.url}/")
    assert kind.startswith("text/html") and b"<noscript>" in body  # the app's own page, as before
