"""The Map page's "N changes since your last visit": the desk's changes to the view's events after the time the
browser kept (the browser's part, localStorage, is tests/browser/test_visits.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from eventmap import cli
from eventmap.ui import visits
from tests import sample
from tests.app.conftest import captions
from tests.conftest import ROOT

LONG_AGO = "2000-01-01T00:00:00+00:00"


@pytest.fixture
def changed(tmp_path, monkeypatch, capsys):
    """The sample dataset after two desk changes on land: SM-001 retired, SM-002 edited."""
    folder = sample.write_dataset(tmp_path / "data")
    monkeypatch.setenv("EVENTMAP_DATA", str(folder))
    assert cli.main(["retire-event", "SM-001", "--reason", "double-counted", "--editor", "ed"]) == 0
    assert cli.main(["edit-event", "SM-002", "fatalities=4", "--editor", "ed"]) == 0
    capsys.readouterr()
    return folder


def map_page(last_visit: str, **query: str) -> AppTest:
    """The Map page of a session whose browser said when it last visited (its first run's component answer)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    app.session_state[visits.LAST_VISIT_KEY] = last_visit
    app.run()
    assert not app.exception, app.exception
    return app


def notes(app: AppTest) -> list[str]:
    return [line for line in captions(app).split("\n") if "since your last visit" in line]


@pytest.mark.parametrize(("theatre", "count"), [("Land", "2 changes"), ("Sea", "0 changes")])
def test_the_changes_to_the_views_events_since_the_last_visit_are_counted(changed, theatre, count):
    app = map_page(LONG_AGO, theatre=theatre)  # SM-001 (retired) and SM-002 (edited) are on land
    assert notes(app) == [f"{count} to these events since your last visit (01 Jan 2000 00:00 UTC)"]


def test_a_visit_after_the_changes_counts_none_and_a_first_visit_says_nothing(changed):
    assert notes(map_page("2999-01-01T00:00:00+00:00")) == [
        "0 changes to these events since your last visit (01 Jan 2999 00:00 UTC)"
    ]
    assert notes(map_page("")) == []  # a first visit
    assert notes(map_page("<b>not a time</b>")) == []  # the browser's storage held something else


def test_the_map_page_gives_the_feeds_addresses_of_its_view_as_text():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.query_params["theatre"] = "Sea"
    app.run()
    assert not app.exception, app.exception
    shown = [block.value for block in app.code]
    assert "/feeds/events.atom?theatre=Sea" in shown and "/feeds/events.json?theatre=Sea" in shown
