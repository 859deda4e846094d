"""Every page through Streamlit's AppTest, on the tests' sample dataset (tests/sample.py): default view, filters, URL
parameters, downloads, uploads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from eventmap import export, ui
from eventmap.maps import spec
from tests.app.conftest import PAGES, as_shown, captions, download_bytes, drawn, map_layer, map_spec, markers_for, page
from tests.conftest import FIXTURES
from tests.sample import CATEGORY, COUNTRY_LEVEL, IDS, PLACED, POINTED, SOURCE_ID, UNPLACED

ALL = len(IDS)
LAND = ["SM-001", "SM-002", "SM-003", "SM-006"]  # the sample's events in the theatre "Land"; the rest are at sea


@pytest.fixture(scope="module")
def events(sample):
    return sample.events


def ids_in_csv(body: bytes) -> list[str]:
    return [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]


def of(events, ids: list[str]):
    return events[events["event_id_cnty"].isin(ids)]


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_opens_on_the_whole_dataset(name):
    app = page(name).run()
    assert not app.exception, app.exception
    assert f"showing {ALL} of {ALL} events" in captions(app)
    assert not app.warning


def test_map_draws_every_placed_event_and_lists_the_unplaced(events):
    app = page("Map").run()
    assert drawn(app) == markers_for(events)
    assert sum(drawn(app).values()) == len(POINTED)  # SM-006, placed only to Samplestan, is no point
    assert "no reported place" in captions(app)
    for unplaced in UNPLACED:
        assert unplaced in captions(app)
    assert "1 event(s) are placed only to a country and are not a point on the map" in captions(app)
    assert all(event in captions(app) for event in COUNTRY_LEVEL)
    legend = " ".join(m.value for m in app.markdown)
    assert all(CATEGORY[event] in legend for event in PLACED)  # each placed event's colour is explained
    assert {layer for layer in ("sea", "basemap", "precision-areas", spec.NAMES_LAYER_ID)} <= {
        layer["id"] for layer in map_spec(app)["layers"]
    }


def test_url_parameters_set_the_filters_and_the_download(events, downloads):
    app = page("Map", start="2024-05-07", end="2024-05-09", theatre="Land").run()
    expected = of(events, ["SM-002", "SM-003"])  # 7 to 9 May on land
    assert f"showing 2 of {ALL} events" in captions(app)
    assert drawn(app) == markers_for(expected)
    assert app.multiselect(key="filter_theatre").value == ["Land"]
    body = download_bytes(app, downloads, "Download these 2 rows as CSV")
    assert body == export.to_csv_bytes(expected)
    assert ids_in_csv(body) == ["SM-002", "SM-003"]


def test_bad_url_values_are_ignored_with_a_visible_notice():
    app = page("Map", start="not-a-date", theatre=["Land", "<script>x</script>"], colour="red").run()
    notices = " ".join(as_shown(w.value) for w in app.warning)
    assert "not a date" in notices and "no such value" in notices and "unknown URL parameter 'colour'" in notices
    assert f"showing {len(LAND)} of {ALL} events" in captions(app)  # the valid theatre=Land still applies


def test_sidebar_filters_change_the_map_and_the_url(events):
    app = page("Map").run()
    app.multiselect(key="filter_theatre").set_value(["Land"]).run()
    assert drawn(app) == markers_for(of(events, LAND))
    assert app.query_params["theatre"] == "Land"
    app.text_input(key="filter_q").input("next day").run()  # in SM-002's quote only
    assert drawn(app) == markers_for(of(events, ["SM-002"])) and sum(drawn(app).values()) == 1
    assert app.query_params["q"] == "next day"


def sidebar_popovers(app) -> dict[str, list[str]]:
    """The sidebar's popovers: label -> the labels of the widgets inside."""
    return {
        block.proto.popover.label: [element.label for element in block.children.values()]
        for block in app.sidebar.children.values()
        if block.type == "popover"
    }


def test_an_analysts_filters_wait_in_a_popover_that_says_how_many_are_in_use(events):
    shipping = "Civilians (commercial shipping)"  # SM-005's target, an actor of no other sample event
    shut = sidebar_popovers(page("Map").run())
    assert shut["More filters"] == ["Sub-event type", "Weapon", "Actor", "Target"]
    assert shut["Bring your own data"] == ["Bring your own data (ACLED export or our CSV format)"]

    app = page("Map", actor=shipping).run()  # a shared link with a filter from inside the popover
    assert f"showing 1 of {ALL} events" in captions(app)
    assert drawn(app) == {} and "SM-005" in captions(app)  # SM-005 has no place: named under the map
    assert sidebar_popovers(app)["More filters (1 in use)"] == ["Sub-event type", "Weapon", "Actor", "Target"]
    assert app.multiselect(key="filter_actor").value == [shipping]
    briefing = [element.label for element in app.sidebar.children.values() if element.type == "multiselect"]
    assert briefing == ["Event type", "Map category", "Theatre"]  # in the sidebar itself, always in view

    app.multiselect(key="filter_actor").set_value([]).run()
    assert "More filters" in sidebar_popovers(app) and "actor" not in app.query_params


def test_date_preset_sets_the_range():
    app = page("Map").run()
    app.selectbox(key="filter_preset").set_value("During the ceasefire").run()  # the sample's truce: 8 to 9 May
    assert app.query_params["start"] == "2024-05-08" and app.query_params["end"] == "2024-05-09"
    assert f"showing 2 of {ALL} events" in captions(app)  # SM-004 and SM-005


def test_playback_shows_one_day(events):
    app = page("Map").run()
    app.toggle(key="playback").set_value(True).run()
    assert app.select_slider(key="playback_day").value == dt.date(2024, 5, 6)
    day = of(events, ["SM-001"])
    assert drawn(app) == markers_for(day)
    table = app.dataframe[0].value  # the day's events with their notes (the map's own rows hold no notes)
    assert list(table["event_id_cnty"]) == list(day["event_id_cnty"]) and list(table["notes"]) == list(day["notes"])
    app.radio(key="playback_mode").set_value("Up to this day")
    app.select_slider(key="playback_day").set_value(dt.date(2024, 5, 8)).run()
    assert drawn(app) == markers_for(of(events, ["SM-001", "SM-002", "SM-003", "SM-004"]))
    assert sum(drawn(app).values()) == 4


def test_events_page_table_and_downloads_hold_the_filtered_rows(events, downloads):
    app = page("Events", theatre="Sea").run()
    expected = of(events, ["SM-004", "SM-005"])
    table = app.dataframe[0].value
    assert list(table["event_id_cnty"]) == list(expected["event_id_cnty"])
    assert download_bytes(app, downloads, f"Download these {len(expected)} rows as CSV") == export.to_csv_bytes(
        expected
    )
    geojson = json.loads(download_bytes(app, downloads, f"Download these {len(expected)} rows as GeoJSON"))
    assert [f["id"] for f in geojson["features"]] == list(expected["event_id_cnty"])


def test_events_table_shows_the_first_rows_and_says_the_downloads_hold_all(events, downloads, monkeypatch):
    monkeypatch.setattr(ui, "TABLE_ROWS", 3)
    app = page("Events", theatre="Land").run()
    expected = of(events, LAND)
    table = app.dataframe[0].value
    assert list(table["event_id_cnty"]) == LAND[:3]
    assert list(table["notes"]) == list(expected["notes"].head(3))  # every column, not only the map's
    assert f"the downloads hold all {len(expected)}" in captions(app)
    body = download_bytes(app, downloads, f"Download these {len(expected)} rows as CSV")
    assert body == export.to_csv_bytes(expected)


def test_timeline_page_explains_tallies_against_described_events():
    app = page("Timeline").run()
    assert len(app.get("vega_lite_chart")) == 2
    text = " ".join(m.value for m in app.markdown)
    assert "at least 12" in text and "describe only" in text  # the sample's one tally: at least 12 attacks


def test_upload_of_a_bad_file_lists_problems_and_the_app_keeps_working():
    app = page("Map").run()
    app.file_uploader(key="upload").set_value(("bad.csv", (FIXTURES / "bad_events.csv").read_bytes(), "text/csv")).run()
    assert not app.exception
    problems = app.dataframe[0].value
    assert list(problems.columns) == ["file", "row", "column", "message"]
    assert ((problems["row"] == 4) & (problems["column"] == "event_date")).any()
    assert set(problems["file"]) == {"bad.csv"}
    # Sources and quotes of an upload are not checked against our reports, so rows 2, 10 and 11 are usable.
    assert "uploaded file bad.csv" in captions(app) and "showing 3 of 3 events" in captions(app)
    assert any("9 row(s) left out" in e.label for e in app.expander)


def test_upload_of_an_unreadable_file_falls_back_to_the_curated_data():
    app = page("Map").run()
    app.file_uploader(key="upload").set_value(
        ("latin.csv", (FIXTURES / "windows1252.csv").read_bytes(), "text/csv")
    ).run()
    assert not app.exception
    assert "Windows-1252" in " ".join(app.dataframe[0].value["message"])
    assert f"showing {ALL} of {ALL} events" in captions(app)


def test_upload_of_an_acled_export_is_explored_and_exported(downloads):
    app = page("Map").run()
    app.file_uploader(key="upload").set_value(
        ("acled.csv", (FIXTURES / "acled_export.csv").read_bytes(), "text/csv")
    ).run()
    assert "showing 3 of 3 events" in captions(app)
    assert sum(drawn(app).values()) == 3 and len(drawn(app)) == 3
    assert ids_in_csv(download_bytes(app, downloads, "Download these 3 rows as CSV")) == [
        "IRQ30001",
        "SYR40002",
        "YEM50003",
    ]


def test_events_env_points_the_app_at_another_file(monkeypatch):
    monkeypatch.setenv("EVENTMAP_EVENTS", str(FIXTURES / "acled_export.csv"))
    app = page("Events").run()
    assert "showing 3 of 3 events" in captions(app)


def test_the_data_folder_setting_chooses_the_curated_dataset(tmp_path, monkeypatch):
    """EVENTMAP_DATA names the dataset folder: the app shows that folder's events, whatever data/ holds."""
    from tests import sample

    folder = sample.write_dataset(tmp_path / "other")
    rows = [row for row in sample.event_rows() if row["event_id_cnty"] in LAND]
    sample._write(folder / "events.csv", list(rows[0]), rows)
    monkeypatch.setenv("EVENTMAP_DATA", str(folder))
    app = page("Events").run()
    assert f"showing {len(LAND)} of {len(LAND)} events" in captions(app)
    assert list(app.dataframe[0].value["event_id_cnty"]) == LAND


def test_hostile_text_reaches_the_map_as_data_not_markup():
    app = page("Map").run()
    app.file_uploader(key="upload").set_value(
        ("acled.csv", (FIXTURES / "acled_export.csv").read_bytes(), "text/csv")
    ).run()
    bodies = " ".join(r["body"] for r in map_layer(app))
    assert "<script>alert(1)</script>" in bodies  # kept as text; the browser test checks it is shown as text


def test_sources_page_shows_how_every_place_resolves_offline(events):
    app = page("Sources and method").run()
    places = app.dataframe[-1].value
    assert set(places["location"]) == {"Alpha Base", "Bravo Town", "Sample Sea", "Samplestan"}
    assert (places["status"] == "found").all() and (places["provider"] == "gazetteer").all()
    assert (places["km from data"] < 1).all(), "the data's coordinates agree with the gazetteer"
    assert "Geocoding is offline" in captions(app)
    text = " ".join(m.value for m in app.markdown)
    assert "verbatim quote" in text


def test_the_sources_page_resolves_a_views_places_once_until_the_geocoding_cache_changes(tmp_path, monkeypatch):
    """A click on the Sources page does not look up every place again (1.4 s at a million rows); an answer
    written to the geocoding cache (an online lookup, the geocode command) makes it look again."""
    from eventmap import ui
    from eventmap.geocode.cache import GeocodeCache
    from eventmap.geocode.resolver import Resolver

    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(tmp_path))
    asked: list[str] = []
    original = Resolver.resolve
    monkeypatch.setattr(Resolver, "resolve", lambda self, query: asked.append(str(query)) or original(self, query))
    ui.resolver.clear()
    try:
        app = page("Sources and method").run()
        places = app.dataframe[-1].value
        assert len(asked) == len(places) > 0 and set(asked) == set(places["location"])
        app.run()
        assert len(asked) == len(places) and app.dataframe[-1].value.equals(places)
        cache = GeocodeCache(tmp_path / "geocode.sqlite3")
        cache.put_missing("nominatim", "a place looked up since")
        cache.close()
        app.run()
        assert len(asked) == 2 * len(places) and app.dataframe[-1].value.equals(places)
    finally:
        ui.resolver.clear()


def test_the_maps_tooltips_name_each_source_by_outlet_and_date_not_by_file_id():
    bodies = [marker["body"] for marker in map_layer(page("Map").run())]
    assert bodies and all("[Test, 11 May 2024]" in body for body in bodies)  # the sample's one report
    assert not any(SOURCE_ID in body for body in bodies)
