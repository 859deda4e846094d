"""The View of a run: worked out once per view and shared by every run that shows it, on the sample dataset."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import uuid

import pytest

from eventmap import schema
from eventmap.filters import Filters, PlaybackDay
from eventmap.maps import markers
from eventmap.ui.data import dataset
from eventmap.ui.view import View
from tests.sample import IDS

LAND = Filters(choices={"theatre": ("Land",)})  # SM-001, SM-002, SM-003, SM-006


@pytest.fixture
def data():
    """The sample (EVENTMAP_DATA, tests/app/conftest.py) under a token of its own: no other test's cached work."""
    return dataclasses.replace(dataset(), token=f"test:{uuid.uuid4()}")


def test_two_runs_with_equal_filters_share_the_work_and_other_filters_do_not(data, monkeypatch):
    built: list[int] = []
    original = markers.build_map_data
    monkeypatch.setattr(
        markers, "build_map_data", lambda frame, **kw: built.append(len(frame)) or original(frame, **kw)
    )
    first = View(data, Filters(choices={"theatre": ["Land"]}))
    again = View(data, LAND)
    assert first.rows(markers.MAP_COLUMNS) is again.rows(markers.MAP_COLUMNS), "shared, not copied"
    assert first.map_data() is again.map_data() and first.camera() == again.camera()
    sea = View(data, Filters(choices={"theatre": ("Sea",)}))
    assert sea.count() == 2 and first.count() == 4 and sea.map_data() is not first.map_data()
    day = PlaybackDay(dt.date(2024, 5, 7))
    assert list(again.frame(day)["event_id_cnty"]) == ["SM-002", "SM-003"]
    assert again.map_data(day).events_drawn == 2 and first.map_data(day) is again.map_data(day)
    upto = PlaybackDay(dt.date(2024, 5, 7), "Up to this day")
    assert again.map_data(upto).events_drawn == 3
    assert built == [4, 2, 2, 3], "each view (Land, Sea) and playback day built once"


def test_the_rows_of_a_page_hold_only_the_columns_it_asks_for_and_a_click_reads_whole_records(data):
    view = View(data, LAND)
    assert list(view.rows(markers.MAP_COLUMNS).columns) == list(markers.MAP_COLUMNS)
    alpha = view.frame()[view.frame()["location"] == "Alpha Base"]
    picked = view.picked(markers.marker_keys(alpha).tolist()[:1])
    assert list(picked["event_id_cnty"]) == ["SM-001", "SM-002"] and "source_quote" in picked.columns
    assert list(view.first_rows(2)["event_id_cnty"]) == ["SM-001", "SM-002"]
    assert list(view.first_rows(2).columns) == list(data.events.columns)


def test_a_download_holds_every_column_of_the_kept_rows_and_is_named_by_their_dates(data):
    view = View(data, Filters(dt.date(2024, 5, 7), None, {"theatre": ("Land",)}))
    assert view.file_name("csv") == "events_2024-05-07_2024-05-10.csv"
    rows = list(csv.DictReader(io.StringIO(view.export("csv").decode("utf-8"))))
    assert [row["event_id_cnty"] for row in rows] == ["SM-002", "SM-003", "SM-006"]
    assert set(schema.EVENT_COLUMN_NAMES) <= set(rows[0]), "every column, provenance included"
    assert View(data, Filters()).count() == len(IDS)
