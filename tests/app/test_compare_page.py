"""The Compare page through AppTest on the sample: presets, the table, the per-country summary, the download."""

from __future__ import annotations

import csv
import datetime as dt
import io

from tests.app.conftest import download_bytes, page
from tests.sample import COUNTRY, HOSTILE_NOTES


def summary(app) -> str:
    return "\n".join(element.value for element in app.text)


def test_the_ceasefire_preset_and_the_halves_of_the_filtered_period(downloads):
    app = page("Compare").run()
    assert not app.exception, app.exception
    # The sample's ceasefire is 8-9 May: the week before is 1-7 May, the week after 10-16 May.
    assert app.date_input[0].value == (dt.date(2024, 5, 1), dt.date(2024, 5, 7))
    assert app.date_input[1].value == (dt.date(2024, 5, 10), dt.date(2024, 5, 16))
    assert f"{COUNTRY}: 3 -> 1 events, -67 % (large decrease)" in summary(app)
    table = app.dataframe[0].value
    land = table[table["country"] == COUNTRY].iloc[0]
    assert (land["events_a"], land["events_b"], land["level"]) == (3, 1, "large decrease")
    body = download_bytes(app, downloads, "Download this table as CSV")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [(row["country"], row["events_a"], row["events_b"], row["level"]) for row in rows] == [
        (COUNTRY, "3", "1", "large decrease")
    ]

    app.radio(key="compare_preset").set_value("The two halves of the filtered period").run()
    assert app.date_input[0].value == (dt.date(2024, 5, 6), dt.date(2024, 5, 8))
    assert app.date_input[1].value == (dt.date(2024, 5, 9), dt.date(2024, 5, 10))
    assert f"{COUNTRY}: 3 -> 1 events" in summary(app) and "0 -> 1 events" not in summary(app)


def test_the_page_compares_the_sidebars_filtered_rows_by_place():
    app = page("Compare", theatre="Sea").run()
    app.radio(key="compare_by").set_value("Place").run()
    app.radio(key="compare_preset").set_value("The two halves of the filtered period").run()
    assert not app.exception, app.exception
    assert COUNTRY not in summary(app)  # the filters keep the events at sea only
    assert "(no country: at sea or unplaced): 1 -> 1 events, 0 % (limited change)" in summary(app)


def test_hostile_place_names_stay_text(tmp_path, monkeypatch, sample_dir):
    events = tmp_path / "events.csv"
    text = (sample_dir / "events.csv").read_text(encoding="utf-8")
    events.write_text(text.replace(",Bravo Town,", "," + HOSTILE_NOTES.replace('"', '""').join('""') + ","))
    monkeypatch.setenv("EVENTMAP_EVENTS", str(events))
    app = page("Compare").run()
    app.radio(key="compare_by").set_value("Place").run()
    assert not app.exception, app.exception
    assert HOSTILE_NOTES in app.dataframe[0].value["location"].tolist()
    assert not any("<img" in element.value for element in app.markdown)


def test_a_view_with_no_events_and_a_period_half_picked_say_so():
    app = page("Compare", q="nothing matches this").run()
    assert not app.exception, app.exception
    assert summary(app) == "No events in either period within the filters."
    app.date_input[0].set_value((dt.date(2024, 5, 1),)).run()
    assert not app.exception, app.exception
    assert any("Pick the last day" in caption.value for caption in app.caption)
    assert not app.dataframe  # no table until both periods have two days
