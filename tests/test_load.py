"""Both formats, curated and ACLED as it ships, become the same validated frame."""

from __future__ import annotations

import pandas as pd
import pytest

from eventmap import schema
from eventmap.load import ACLED, CURATED, combine, load_curated, load_events, load_events_cached
from eventmap.problems import DataFileError
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def acled():
    return load_events(FIXTURES / "acled_export.csv")


def test_acled_export_loads_with_bom_crlf_and_both_date_formats(acled):
    assert acled.kind == ACLED and not acled.problems
    frame = acled.frame
    assert list(frame["event_date"].dt.strftime("%Y-%m-%d")) == ["2023-12-03", "2023-12-04", "2023-11-27"]
    assert frame.columns[0] == "event_id_cnty"  # the BOM did not stick to the first name


def test_acled_text_survives_as_written(acled):
    frame = acled.frame.set_index("event_id_cnty")
    assert frame.loc["SYR40002", "actor1"] == "NA"
    assert frame.loc["SYR40002", "assoc_actor_1"] == "None"
    assert frame.loc["IRQ30001", "assoc_actor_2"] == "Kataib Hezbollah; Harakat al-Nujaba"
    assert frame.loc["SYR40002", "tags"] == "casualties unknown; local source"
    assert frame.loc["IRQ30001", "notes"].endswith('Notes, with commas, and "quotes".')


def test_both_formats_share_the_contract_columns(acled, sample_dir):
    curated = load_events(schema.data_files(sample_dir).events)
    assert curated.kind == CURATED
    for name in (*schema.EVENT_COLUMN_NAMES, *schema.DERIVED_COLUMNS):
        assert name in curated.frame.columns and name in acled.frame.columns
        if name not in ("row_number",):
            assert curated.frame[name].dtype.kind == acled.frame[name].dtype.kind, name


def test_acled_theatre_is_the_country_and_categories_are_derived(acled):
    frame = acled.frame.set_index("event_id_cnty")
    assert frame.loc["YEM50003", "theatre"] == "Yemen"
    assert frame.loc["IRQ30001", "category"] == "US strike"
    assert frame.loc["YEM50003", "category"] == "Interception"
    assert frame.loc["SYR40002", "category"] == "Attack"


def test_rows_with_problems_are_reported_not_silently_dropped(source_texts):
    loaded = load_events(
        FIXTURES / "bad_events.csv", known_sources={"001_fbbc51a253459b42.txt"}, source_texts=source_texts
    )
    assert loaded.rows_read == 12
    bad_rows = {p.row for p in loaded.problems}
    assert len(loaded.frame) + len(bad_rows) == loaded.rows_read
    assert list(loaded.frame["row_number"]) == [2]


def test_a_tallies_file_is_not_taken_for_events(sample_dir):
    with pytest.raises(DataFileError) as error:
        load_events(schema.data_files(sample_dir).tallies)
    assert "tallies table, not an events file" in str(error.value)


def test_a_curated_bundle_loads_with_typed_tables(sample_dir):
    from tests import sample

    data = load_curated(sample_dir)
    assert list(data.events["event_id_cnty"]) == sample.IDS and len(data.tallies) == 1
    assert data.periods.loc[0, "start"] == pd.Timestamp("2024-05-08")
    assert data.tallies.loc[0, "count"] == 12
    assert dict(zip(data.events["event_id_cnty"], data.events["category"])) == sample.CATEGORY


def test_a_problem_in_any_curated_file_stops_the_bundle(sample_dir, tmp_path):
    import shutil

    broken = shutil.copytree(sample_dir, tmp_path / "data")
    (broken / "periods.csv").write_text((broken / "periods.csv").read_text().replace("2024-05-09", "2024-05-01"))
    with pytest.raises(DataFileError) as error:
        load_curated(broken)
    assert "period ends before it starts" in str(error.value)


def test_every_loaded_frame_has_a_unique_index(source_texts, sample, tmp_path):
    """Pages read a view's whole records from the dataset by index label (ui.data.records): no label twice."""
    bad = load_events(
        FIXTURES / "bad_events.csv", known_sources={"001_fbbc51a253459b42.txt"}, source_texts=source_texts
    )
    cached = [
        load_events_cached(FIXTURES / "acled_export.csv", cache_root=tmp_path)  # parsed, then read back
        for _ in range(2)
    ]
    curated = sample.events
    for frame in (bad.frame, *(c.frame for c in cached), curated, combine(cached[1].frame, curated, "x")):
        assert frame.index.is_unique and len(frame.index) == len(frame)
    assert len(bad.frame) < bad.rows_read  # rows were left out, and the index still names each kept row once
