"""The Map page remembers this browser's last visit in its own storage: a first visit says nothing, and the next one
counts the desk's changes since then."""

from __future__ import annotations

import subprocess
import sys
import urllib.request

import feedparser
import pytest
from playwright.sync_api import expect

from tests import sample
from tests.browser.conftest import _serve
from tests.browser.harness import ROOT, clean_env

KEY = "eventmap.map.lastVisit"


@pytest.fixture(scope="module")
def changed_server(tmp_path_factory):
    """The app on a copy of the sample dataset in which the desk retired SM-001 and edited SM-002."""
    folder = sample.write_dataset(tmp_path_factory.mktemp("visits"))
    env = clean_env({"EVENTMAP_DATA": str(folder)})
    for change in (["retire-event", "SM-001", "--reason", "double-counted"], ["edit-event", "SM-002", "fatalities=4"]):
        command = [sys.executable, "-m", "eventmap", *change, "--editor", "ed"]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    app = _serve("visits", tmp_path_factory, folder)
    yield app
    app.stop()


def test_the_next_visit_counts_the_changes_since_the_last_one(visit, changed_server):
    page = visit(changed_server).page
    page.goto(changed_server.url + "/?theatre=Land")
    expect(page.get_by_text("Hover a marker for a summary")).to_be_visible(timeout=60_000)
    page.wait_for_function(f"() => !!window.localStorage.getItem('{KEY}')", timeout=30_000)  # this visit, kept
    expect(page.get_by_text("since your last visit")).to_have_count(0)  # a first visit
    page.evaluate(f"() => window.localStorage.setItem('{KEY}', '2000-01-01T00:00:00+00:00')")
    page.reload()
    said = "2 changes to these events since your last visit (01 Jan 2000"  # the time's colon carries a word joiner
    expect(page.get_by_text(said)).to_be_visible(timeout=60_000)
    stored = page.evaluate(f"() => window.localStorage.getItem('{KEY}')")
    assert stored.startswith("20") and not stored.startswith("2000")  # this visit's time replaced it


def test_the_feed_address_shown_under_the_map_is_this_servers_and_serves_the_view(visit, changed_server):
    page = visit(changed_server).page
    page.goto(changed_server.url + "/?theatre=Land")
    page.get_by_text("Follow this view in a feed reader").click()
    address = f"{changed_server.url}/feeds/events.atom?theatre=Land"
    expect(page.get_by_text(address, exact=True)).to_be_visible(timeout=60_000)
    with urllib.request.urlopen(address, timeout=60) as answer:
        entries = feedparser.parse(answer.read()).entries
    assert [entry.tags[0].term for entry in entries[:2]] == ["changed", "retired"]
