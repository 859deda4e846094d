"""The Map page follows the data: the curated briefing's title over the curated events, an analyst's file titled by
its own name, countries and period (as text), in the heading and in the map's picture."""

from __future__ import annotations

from eventmap.maps import contract, picture
from tests.app.conftest import as_shown, captions, map_spec, page
from tests.conftest import FIXTURES

SUBTITLE = "Iraq, Syria, Yemen · 27 Nov 2023 to 4 Dec 2023 · 3 events"


def test_the_curated_data_keeps_the_briefings_title():
    app = page("Map").run()
    assert not app.exception, app.exception
    assert as_shown(app.title[0].value) == picture.TITLE
    assert map_spec(app)[contract.PICTURE]["title"] == picture.TITLE


def test_an_uploaded_file_is_titled_by_its_name_countries_and_period():
    app = page("Map").run()
    hostile = "**acled** <img src=x onerror=alert(1)> [x](http://198.51.100.7/).csv"
    app.file_uploader(key="upload").set_value((hostile, (FIXTURES / "acled_export.csv").read_bytes(), "text/csv")).run()
    assert not app.exception, app.exception
    assert as_shown(app.title[0].value) == hostile  # shown as these characters: no bold, image or link
    assert SUBTITLE in captions(app)
    assert picture.TITLE not in as_shown(app.title[0].value)


def test_an_events_file_is_titled_by_its_name(monkeypatch):
    monkeypatch.setenv("EVENTMAP_EVENTS", str(FIXTURES / "acled_export.csv"))
    app = page("Map").run()
    assert as_shown(app.title[0].value) == "acled_export.csv"
    assert map_spec(app)[contract.PICTURE]["title"] == "acled_export.csv"  # the map's image download's title
    assert SUBTITLE in captions(app)
    assert page("Events").run().title[0].value == "Events"  # the other pages keep their own titles
