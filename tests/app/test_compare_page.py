"""The Compare page through AppTest on the sample: presets, the table, the per-country summary, the download."""

from __future__ import annotations

import csv
import datetime as dt
import io

from tests.app.conftest import MAP_ELEMENT, download_bytes, map_layer, page
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


def test_the_change_map_draws_one_marker_per_place_with_events_in_either_period():
    app = page("Compare").run()
    app.radio(key="compare_by").set_value("Place").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    places = table[table["placed"] == ""]
    markers = map_layer(app)
    assert sorted(m["title"] for m in markers) == sorted(
        f"{row.location}: {row.events_a} → {row.events_b} events ({'gone' if row.events_b == 0 else row.level})"
        for row in places.itertuples()
    )
    assert {m["shape"] for m in markers} <= {"triangle", "triangle down", "circle"}
    assert any("level" in element.value and "data-shape" in element.value for element in app.markdown)  # legend
    apart = int(table.loc[table["placed"] != "", ["events_a", "events_b"]].to_numpy().sum())
    assert any(f"{apart:,} events are not drawn" in caption.value for caption in app.caption) or not apart

    app.radio(key="compare_by").set_value("Province (admin1)").run()
    assert not app.exception, app.exception
    assert (app.dataframe[0].value["placed"] != "").all()  # the sample names no province: nothing to draw
    assert not app.get(MAP_ELEMENT)
    assert any(caption.value.startswith("No change map: none of the") for caption in app.caption)


def test_provinces_are_drawn_at_the_centre_of_their_events(tmp_path, monkeypatch, sample_dir):
    events = tmp_path / "events.csv"
    text = (sample_dir / "events.csv").read_text(encoding="utf-8")
    events.write_text(text.replace(",Samplestan,,Alpha Base,", ",Samplestan,North,Alpha Base,"), encoding="utf-8")
    monkeypatch.setenv("EVENTMAP_EVENTS", str(events))
    app = page("Compare").run()
    assert not app.exception, app.exception
    [north] = map_layer(app)
    assert north["title"] == "North: 2 → 0 events (gone)" and (north["lat"], north["lon"]) == (33.5, 42.5)
    assert any("a province at the centre of its events, not as its boundary" in c.value for c in app.caption)
