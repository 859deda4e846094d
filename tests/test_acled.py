"""The ACLED-format export: ACLED's columns and codes, a round trip that loses no event, mixed analyst data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import string
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap import acled, export, fatalities, filters, schema
from eventmap.filters import Filters
from eventmap.load import ACLED, CURATED, combine, load_events
from tests import sample as made_up
from tests.app.conftest import captions, download_bytes, downloads, drawn, markers_for, page  # noqa: F401 (fixture)
from tests.conftest import FIXTURES, ROOT

SAME_EVENT = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "geo_precision",
    "location",
    "latitude",
    "longitude",
    "admin1",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "category",
]


@pytest.fixture(scope="module")
def curated(sample) -> pd.DataFrame:
    return sample.events


def rows_of(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def reload(body: bytes, tmp_path, name: str = "acled.csv"):
    path = tmp_path / name
    path.write_bytes(body)
    return load_events(path)


def plain(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as plain values, NaN and NA as None, so that two frames compare cell by cell."""
    values = frame[columns].astype("object")
    return [tuple(None if pd.isna(v) else v for v in row) for row in values.itertuples(index=False)]


def acled_ready(curated: pd.DataFrame) -> pd.DataFrame:
    """The sample with a place ACLED could hold for every row: the shoot-down and the tanker in the Gulf of Aden
    (filed under Yemen), the strike "inside Samplestan" near Bravo Town (a country alone is left out)."""
    frame = curated.copy()
    at = frame.set_index("event_id_cnty").index
    theatre = frame["theatre"].astype("str")
    for sea in ("SM-004", "SM-005"):
        theatre[at == sea] = "Gulf of Aden"
    frame["theatre"] = theatre.astype("category")
    tanker, inside = at == "SM-005", at == "SM-006"
    frame["location"] = frame["location"].astype("str").where(~tanker, "Sample Sea").where(~inside, "Bravo Town")
    frame.loc[tanker, ["latitude", "longitude"]] = [20.0, 39.0]
    frame.loc[tanker | inside, "geo_precision"] = [3, 2]
    return frame


def test_export_holds_only_the_rows_acled_could_hold_and_says_which_it_leaves_out(curated):
    rows = rows_of(export.to_acled_csv_bytes(curated))
    assert [row["event_id_cnty"] for row in rows] == ["SM-001", "SM-002", "SM-003"]
    assert acled.left_out_note(curated) == (
        "Left out of the ACLED-format file, which ACLED could not hold them in: SM-004 (no country); SM-005 (no "
        "place reported); SM-006 (placed only to a country: ACLED does not record events imprecise to the country "
        "level)."
    )
    assert acled.left_out_note(acled_ready(curated)) == ""


def test_the_same_data_exports_the_same_bytes_whatever_the_files_dates(curated, sample_dir):
    import os

    events = sample_dir / "events.csv"
    first = export.to_acled_csv_bytes(curated)
    os.utime(events, (1_000_000_000, 1_000_000_000))
    assert export.to_acled_csv_bytes(curated) == first
    assert {row["timestamp"] for row in rows_of(first)} == {str(acled.NO_EDIT_TIME)}


def test_timestamp_is_the_rows_last_change_in_the_change_log(curated, tmp_path):
    events = tmp_path / "events.csv"
    log = tmp_path / "events.changes.jsonl"
    entries = [
        {"seq": 1, "action": "edit", "event_id": "SM-002", "time": "2024-06-01T10:00:00+00:00"},
        {"seq": 2, "action": "edit", "event_id": "SM-002", "time": "2024-06-02T10:00:00+00:00"},
    ]
    log.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    times = acled.edit_times(events)
    assert times == {"SM-002": int(dt.datetime(2024, 6, 2, 10, tzinfo=dt.UTC).timestamp())}
    table = acled.to_acled(curated, pd.DataFrame(made_up.ACTORS), times)
    assert list(table["timestamp"]) == ["0", str(times["SM-002"]), "0"]


def test_export_has_acleds_columns_in_order_and_its_codes(curated):
    rows = {row["event_id_cnty"]: row for row in rows_of(export.to_acled_csv_bytes(acled_ready(curated)))}
    assert list(next(iter(rows.values()))) == list(schema.ACLED_COLUMNS)
    near = rows["SM-003"]  # US aircraft strike near Bravo Town; another report dates it a day later
    assert (near["country"], near["iso"], near["region"], near["year"]) == (made_up.COUNTRY, "", "Middle East", "2024")
    assert (near["inter1"], near["inter2"]) == ("External/Other forces", "Political militia")
    assert near["interaction"] == "Political militia-External/Other forces"
    assert near["disorder_type"] == "Political violence" and near["fatalities"] == "0"
    assert "other date reading=2024-05-08" in near["tags"] and "source conflict=" in near["tags"]
    assert "date precision=within a week" in near["tags"] and "theatre=Land" in near["tags"].split("; ")
    tanker = rows["SM-005"]  # a missile at a tanker, placed here at sea
    assert tanker["civilian_targeting"] == "Civilian targeting" and tanker["inter2"] == "Civilians"
    assert (tanker["country"], tanker["iso"]) == ("Yemen", "887")
    shot_down = rows["SM-004"]
    assert shot_down["civilian_targeting"] == "" and shot_down["disorder_type"] == "Strategic developments"
    several = rows[made_up.UNKNOWN_FATALITIES[0]]
    assert several["fatalities"] == "3" and fatalities.FATALITIES_TAG in several["tags"]
    assert all(row["timestamp"].isdigit() for row in rows.values())


def test_acled_gets_its_country_codes_on_land_and_yemen_for_the_red_sea(curated):
    frame = curated.astype({"country": "str", "theatre": "str"})
    frame["country"] = ["Iraq", "Syria", "", "", "", "Jordan"]
    frame["theatre"] = ["Iraq", "Syria", "Land", "Red Sea", "Gulf of Aden", "Iraq"]
    frame["location"] = frame["location"].astype("str").where(frame["event_id_cnty"] != "SM-006", "Jordan Town")
    rows = rows_of(export.to_acled_csv_bytes(frame))
    assert [(row["event_id_cnty"], row["country"], row["iso"]) for row in rows] == [
        ("SM-001", "Iraq", "368"),
        ("SM-002", "Syria", "760"),
        ("SM-004", "Yemen", "887"),  # placed in the Red Sea: ACLED files it under Yemen
        ("SM-006", "Jordan", "400"),
    ]  # left out: SM-003, no country and not at sea (Bravo Town's theatre is Land); SM-005, at sea but not placed
    assert [row["region"] for row in rows] == ["Middle East"] * 4


def same_rows_under_every_filter(
    ours: pd.DataFrame, back: pd.DataFrame, states: list[Filters], words: list[str]
) -> None:
    """Every choice filter offers the same values and keeps the same rows, and so do the date ranges and text
    searches."""
    for spec in schema.CHOICE_FILTERS:
        assert filters.options(back, spec.key) == filters.options(ours, spec.key), spec.key
        states = states + [Filters(choices={spec.key: (value,)}) for value in filters.options(ours, spec.key)]
    states = states + [Filters(text=word) for word in words]
    for state in states:
        ids = list(filters.apply(ours, state)["event_id_cnty"])
        assert list(filters.apply(back, state)["event_id_cnty"]) == ids, state


def test_round_trip_gives_the_same_events_and_the_same_rows_under_every_filter(curated, sample, tmp_path):
    curated = acled_ready(curated)
    body = export.to_acled_csv_bytes(curated)
    loaded = reload(body, tmp_path)
    assert loaded.kind == ACLED and loaded.problems == []
    back = loaded.frame
    assert plain(back, [*SAME_EVENT, *acled.CARRIED]) == plain(curated, [*SAME_EVENT, *acled.CARRIED])
    at_sea = curated["theatre"] == "Gulf of Aden"
    assert set(back.loc[at_sea, "theatre"]) == {"Gulf of Aden"}, "our theatre, not ACLED's country"
    assert list(back["source_quote"]) == list(curated["source_quote"])  # split back out of ACLED's notes
    assert list(back["notes"]) == [note.strip() for note in curated["notes"]]
    assert list(fatalities.fatalities_labels(back)) == list(fatalities.fatalities_labels(curated))
    assert fatalities.fatalities_labels(back).iloc[-1] == fatalities.UNKNOWN_TEXT
    periods = sample.periods
    states = [Filters(*filters.preset_dates(name, curated, periods)[0]) for name in filters.PRESETS]
    states += [Filters(start=day.date(), end=day.date()) for day in curated["event_date"].dropna()]
    words = ["Alpha", "Bravo", "believed killed", "Monday", "Sample Sea", "Quoted", "sources", "from", "<img", "**"]
    same_rows_under_every_filter(curated, back, states, words)
    assert export.to_acled_csv_bytes(back) == body, "exported again, the file is the same"


def test_rows_from_an_acled_file_pass_through_with_their_own_values(curated, tmp_path):
    original = rows_of((FIXTURES / "acled_export.csv").read_bytes().decode("utf-8-sig").encode())
    theirs = load_events(FIXTURES / "acled_export.csv").frame
    mixed = combine(theirs, curated, "acled.csv")
    out = {row["event_id_cnty"]: row for row in rows_of(export.to_acled_csv_bytes(mixed))}
    assert len(out) == len(theirs) + int((acled.left_out(curated) == "").sum())
    for row in original:
        for column in ("inter1", "interaction", "iso", "assoc_actor_2", "admin2", "tags", "timestamp", "source_scale"):
            assert out[row["event_id_cnty"]][column] == row[column], column
    assert out["SYR40002"]["event_date"] == "2023-12-04"  # ACLED's "04 December 2023", written as ISO
    assert out["SM-003"]["inter1"] == "External/Other forces", "curated rows beside them are still mapped"
    assert "dataset" not in out["SM-003"]


def test_acled_export_is_formula_safe(curated):
    frame = curated.head(2).copy()
    frame["notes"] = ['=HYPERLINK("http://x")', "@SUM(A1)"]
    frame["actor2"] = frame["actor2"].cat.rename_categories(lambda name: "+" + name)
    rows = rows_of(export.to_acled_csv_bytes(frame))
    assert rows[0]["notes"].startswith("'=HYPERLINK(") and rows[1]["notes"].startswith("'@SUM(A1) Quoted")
    assert all(row["actor2"].startswith("'+") for row in rows)
    assert rows[0]["longitude"] == "42.5"


def test_cli_writes_the_same_bytes_as_the_download(tmp_path, curated):
    target = tmp_path / "out.csv"
    result = subprocess.run(
        [sys.executable, "-m", "eventmap", "export", "--format", "acled", "--theatre", "Land", "-o", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 3 of 6 events" in result.stdout and "SM-006 (placed only to a country" in result.stdout
    expected = filters.apply(curated, Filters(choices={"theatre": ("Land",)}))
    assert len(expected) == 4 and target.read_bytes() == export.to_acled_csv_bytes(expected)


def test_combine_marks_curated_rows_and_never_shows_an_id_twice(curated):
    theirs = load_events(FIXTURES / "acled_export.csv").frame
    already = pd.concat([theirs, curated.head(2)], ignore_index=True)  # their file holds two of our rows already
    mixed = combine(already, curated, "mine.csv")
    assert not mixed["event_id_cnty"].duplicated().any()
    assert len(mixed) == len(theirs) + len(curated)
    marks = mixed.set_index("event_id_cnty")["dataset"]
    assert marks["IRQ30001"] == "mine.csv" and marks["SM-001"] == "mine.csv" and marks["SM-003"] == "curated"
    assert set(filters.options(mixed, "actor")) == set(filters.options(theirs, "actor")) | set(
        filters.options(curated, "actor")
    )
    shown = filters.apply(mixed, Filters(choices={"type": ("Strategic developments",)}))
    assert set(shown["event_id_cnty"]) == {
        "YEM50003",
        *curated.loc[curated["event_type"] == "Strategic developments", "event_id_cnty"],
    }
    assert "dataset" not in rows_of(export.to_csv_bytes(mixed))[0]


def test_app_adds_the_curated_events_to_an_upload_when_asked(curated, downloads):  # noqa: F811
    app = page("Map").run()
    assert not app.checkbox, "no choice to make on the curated data alone"
    app.file_uploader(key="upload").set_value(
        ("acled.csv", (FIXTURES / "acled_export.csv").read_bytes(), "text/csv")
    ).run()
    assert "showing 3 of 3 events" in captions(app)
    app.checkbox(key="add_curated").check().run()
    total = 3 + len(curated)
    assert not app.exception and f"showing {total} of {total} events" in captions(app)
    assert "acled.csv + curated events" in captions(app)
    theirs = load_events(FIXTURES / "acled_export.csv").frame
    assert drawn(app) == markers_for(combine(theirs, curated))
    body = download_bytes(app, downloads, f"Download these {total} rows as CSV")
    assert [row["event_id_cnty"] for row in rows_of(body)] == [*theirs["event_id_cnty"], *curated["event_id_cnty"]]


def test_events_page_offers_the_acled_format(curated, downloads):  # noqa: F811
    app = page("Events", theatre="Land").run()
    expected = filters.apply(curated, Filters(choices={"theatre": ("Land",)}))
    body = download_bytes(app, downloads, f"Download these {len(expected)} rows in ACLED format")
    assert body == export.to_acled_csv_bytes(expected)
    assert "Left out of the ACLED-format file" in captions(app) and "SM-006 (placed only to a country" in captions(app)


# --- property: any small curated file survives the ACLED round trip ------------------------------------------

ACTORS = [row["actor"] for row in made_up.ACTORS]
PLACES = [
    ("Bravo Town", "Bravo Province", made_up.COUNTRY, 34.0, 43.0, "Land"),
    ("Sample Sea", "", "", 20.0, 39.0, "Sea"),
    ("", "", "", None, None, "Not reported"),
]
PAIRS = [(kind, sub) for kind, subs in schema.SUB_EVENT_TYPES.items() for sub in subs]
TEXT = st.text(alphabet=string.ascii_letters + string.digits + " ,;\"'=+-@<>&|%\n", max_size=40)
HOSTILE_LABELS = ["Red Sea", "a;b=c", "x%3By", "%25", "theatre=Iraq", "=SUM(A1)", "; weapon=drone"]
LABEL = st.one_of(st.sampled_from(["", *HOSTILE_LABELS]), TEXT)


@st.composite
def curated_rows(draw) -> list[dict[str, str]]:
    rows = []
    for number in range(draw(st.integers(1, 6))):
        kind, sub = draw(st.sampled_from(PAIRS))
        location, admin1, country, lat, lon, theatre = draw(st.sampled_from(PLACES))
        theatre = draw(st.sampled_from([theatre, *HOSTILE_LABELS]))
        unknown = draw(st.booleans())
        rows.append(
            {
                "event_id_cnty": f"EM-T-{number:03d}",
                "event_type": kind,
                "sub_event_type": sub,
                "event_date": (dt.date(2023, 1, 1) + dt.timedelta(days=draw(st.integers(0, 700)))).isoformat(),
                "time_precision": str(draw(st.integers(1, 3))),
                "actor1": draw(st.sampled_from(ACTORS)),
                "actor2": draw(st.sampled_from(["", *ACTORS])),
                "country": country,
                "admin1": admin1,
                "location": location,
                "latitude": "" if lat is None else str(lat),
                "longitude": "" if lon is None else str(lon),
                "geo_precision": "" if lat is None else "3" if not country else str(draw(st.integers(1, 3))),
                "theatre": theatre,
                "weapon": draw(st.sampled_from(["", *HOSTILE_LABELS])),
                "target": draw(LABEL),
                "fatalities": "10" if unknown else str(draw(st.integers(0, 500))),
                schema.FATALITIES_REPORTED: "unknown" if unknown else "",
                "source": "report.txt",
                "source_quote": "a quote",
                "notes": draw(TEXT),
                "source_conflict": draw(TEXT),
                "alt_event_date": draw(st.sampled_from(["", "2023-06-01"])),
            }
        )
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=curated_rows())
def test_property_small_curated_files_round_trip(rows, tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "events.csv"
    frame = pd.DataFrame(rows).reindex(columns=schema.EVENT_COLUMN_NAMES, fill_value="")
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    ours = load_events(path)
    assert ours.kind == CURATED and ours.problems == []
    held = ours.frame[acled.left_out(ours.frame) == ""].reset_index(drop=True)  # what ACLED could hold
    held = held.apply(lambda c: c.cat.remove_unused_categories() if isinstance(c.dtype, pd.CategoricalDtype) else c)
    body = export.to_acled_csv_bytes(ours.frame)
    if held.empty:  # no row ACLED could hold (none placed, or none in a country): the header alone
        assert rows_of(body) == [] and acled.left_out_note(ours.frame) != ""
        return
    back = reload(body, folder, "back.csv")
    assert back.kind == ACLED and back.problems == []
    assert plain(back.frame, [*SAME_EVENT, *acled.CARRIED]) == plain(held, [*SAME_EVENT, *acled.CARRIED])
    assert list(fatalities.fatalities_labels(back.frame)) == list(fatalities.fatalities_labels(held))
    days = [Filters(start=day.date(), end=day.date()) for day in held["event_date"].dropna()]
    same_rows_under_every_filter(held, back.frame, days, ["a", "quote", "Quoted", "sources", ";", "="])


def test_carried_tags_survive_separators_and_escapes_in_their_values():
    values = ["Red Sea", "a;b=c", "100%3B", "%", "", "weapon=x; target=y"]
    frame = pd.DataFrame({"theatre": values, "weapon": values[::-1], "target": ["t"] * len(values)})
    tags = pd.Series(
        [
            "; ".join(f"{key}={acled.escape_tag(frame.at[i, key])}" for key in acled.CARRIED) + "; source conflict=x"
            for i in frame.index
        ]
    )
    assert all(tag.count(";") == 3 for tag in tags), "a value never adds a separator"
    for key in acled.CARRIED:
        assert list(acled.carried(tags, key)) == list(frame[key])
    assert acled.carried(pd.Series(["crowd size=no report", ""]), "theatre").isna().all(), "ACLED's own tags: none"
