"""Briefing files: a valid one reads back step by step; anything else gives located problems, never a traceback."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap import briefing, schema
from eventmap.cli import main
from tests.sample import SOURCE_ID


@pytest.fixture(scope="module")
def context(sample_dir):
    return briefing.load_context(sample_dir)


def good() -> dict:
    return {
        "title": "Sample story",
        "steps": [
            {
                "title": "The first days",
                "caption": "Two attacks on Alpha Base. <b>not html</b>",
                "filters": {"start": "2024-05-06", "end": ["2024-05-07"]},
                "callouts": [{"note": "The depot", "place": "Alpha Base", "source": SOURCE_ID}],
            },
            {
                "title": "One event",
                "caption": "SM-001 alone",
                "filters": {},
                "camera": {"latitude": 33.5, "longitude": 42.5, "zoom": 6},
                "day": "2024-05-06",
                "event": "SM-001",
                "callouts": [{"note": "Here", "event": "SM-001"}],
            },
        ],
    }


def write(folder, name: str, raw) -> object:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return path


def test_a_valid_briefing_reads_back_in_order(tmp_path, context):
    found, problems = briefing.read(write(tmp_path, "story", good()), context)
    assert problems == []
    assert found.name == "story" and [s.title for s in found.steps] == ["The first days", "One event"]
    first, second = found.steps
    assert first.link() == "./?start=2024-05-06&end=2024-05-07"
    assert first.sources() == [SOURCE_ID]
    assert second.link() == "./" and str(second.day) == "2024-05-06" and dict(second.camera)["zoom"] == 6
    assert briefing.pins(first, context) == [("The depot", 33.5, 42.5)]
    assert briefing.pins(second, context) == [("Here", 33.5, 42.5)]


def test_each_mistake_is_located_by_file_step_and_field(tmp_path, context):
    raw = good()
    raw["steps"][0]["colour"] = "red"
    raw["steps"][0]["filters"] = {"start": "2030-01-01"}
    raw["steps"][1]["day"] = "2024-01-01"
    raw["steps"][1]["callouts"] = [
        {"note": "x", "place": "Atlantis"},
        {"note": "y", "event": "SM-999", "source": "nope.txt"},
    ]
    path = write(tmp_path, "broken", raw)
    found, problems = briefing.read(path, context)
    assert found is None
    lines = [str(p) for p in problems]
    assert f"{path}:1: 'colour': unknown key" in lines[0]
    assert any(line.startswith(f"{path}:1: filters: match no event") for line in lines)
    assert f"{path}:2: day: the step's filters match no event up to 2024-01-01" in lines
    assert f"{path}:2: callouts[1].place: no place 'Atlantis' in the gazetteer" in lines
    assert f"{path}:2: callouts[2].event: no event 'SM-999' in the data" in lines
    assert f"{path}:2: callouts[2].source: no source 'nope.txt' in sources.csv" in lines


def test_a_file_that_is_not_json_is_one_problem(tmp_path, context):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    found, problems = briefing.read(path, context)
    assert found is None and len(problems) == 1 and "not JSON" in str(problems[0])


def _containers(inner):
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12), _containers, max_leaves=20
)
STEPISH = st.fixed_dictionaries(
    {},
    optional={key: JSONISH for key in briefing.STEP_KEYS},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=JSONISH | st.fixed_dictionaries({"title": JSONISH, "steps": st.lists(STEPISH | JSONISH, max_size=3)}))
def test_any_json_gives_a_briefing_or_located_problems(raw, context):
    found, problems = briefing.parse(raw, "any", "any.json", context)
    assert (found is None) == bool(problems)
    assert all(str(p).startswith("any.json:") for p in problems)


def test_the_command_line_lists_and_validates_briefings(tmp_path, sample_dir, monkeypatch, capsys):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(sample_dir, folder)
    briefings = briefing.folder_of(folder)
    briefings.mkdir()
    write(briefings, "story", good())
    write(briefings, "another", good())
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(folder))
    assert main(["briefing", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["another", "story"]
    assert main(["validate"]) == 0
    assert "2 briefing(s)" in capsys.readouterr().out
    write(briefings, "story", {"title": "x", "steps": [{"title": "t", "caption": "c", "event": "nope"}]})
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"{briefings / 'story.json'}:1: event: no event 'nope' in the data" in out


def test_a_steps_playback_day_ends_its_view_there(tmp_path, context):
    found, _ = briefing.read(write(tmp_path, "story", good()), context)
    first, second = found.steps
    assert briefing.up_to_day(first) == first.filters  # no day: the filters as they are
    narrowed = briefing.up_to_day(second)
    assert narrowed.end.isoformat() == "2024-05-06" and narrowed.start is None


def test_validate_with_the_source_texts_checks_each_callouts_source_has_its_text(
    tmp_path, sample_dir, monkeypatch, capsys
):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(sample_dir, folder)
    with (folder / "sources.csv").open("a", encoding="utf-8") as sources:
        sources.write("901_notext.txt,A report without its text,Test,2024-05-12,Made up.\n")
    briefings = briefing.folder_of(folder)
    briefings.mkdir()
    write(briefings, "story", good())
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(folder))
    assert main(["validate", "--sources", str(folder / "sources")]) == 0
    assert "1 briefing(s)" in capsys.readouterr().out
    raw = good()
    raw["steps"][1]["callouts"][0]["source"] = "901_notext.txt"
    write(briefings, "story", raw)
    assert main(["validate"]) == 0  # registered in sources.csv: without the texts, that is all a check can see
    capsys.readouterr()
    assert main(["validate", "--sources", str(folder / "sources")]) == 1
    out = capsys.readouterr().out.splitlines()
    path = briefings / "story.json"
    assert out == [f"{path}:2: callouts[1].source: no text for this source in the sources folder: '901_notext.txt'"]


def test_arrows_and_circles_read_back_and_are_placed(tmp_path, context):
    raw = good()
    raw["steps"][0]["callouts"] += [
        {"from": "Alpha Base", "to": "Bravo Town", "note": "The launch site", "source": SOURCE_ID},
        {"radius_km": 50, "place": "Bravo Town"},
        {"radius_km": 12.5, "event": "SM-001", "note": "In range"},
    ]
    found, problems = briefing.read(write(tmp_path, "shapes", raw), context)
    assert problems == []
    step = found.steps[0]
    assert [c.kind for c in step.callouts] == ["note", "arrow", "circle", "circle"]
    assert briefing.shapes(step, context) == [
        ("arrow", 33.5, 42.5, 34.0, 43.0),
        ("circle", 34.0, 43.0, 50_000.0),
        ("circle", 33.5, 42.5, 12_500.0),
    ]
    # notes are drawn as names: an arrow's at its head, a circle's at its centre; a circle with none has no name
    assert briefing.pins(step, context) == [
        ("The depot", 33.5, 42.5),
        ("The launch site", 34.0, 43.0),
        ("In range", 33.5, 42.5),
    ]


@pytest.mark.parametrize(
    ("callout", "field", "message"),
    [
        ({"from": "Alpha Base", "to": "Atlantis"}, "callouts[1].to", "no place 'Atlantis' in the gazetteer"),
        ({"from": "Nowhere", "to": "Bravo Town"}, "callouts[1].from", "no place 'Nowhere' in the gazetteer"),
        ({"to": "Bravo Town"}, "callouts[1].from", "an arrow needs both from and to (place names)"),
        ({"from": "Alpha Base", "to": "Alpha Base"}, "callouts[1].to", "an arrow must end at another place"),
        ({"from": "Alpha Base", "to": "Bravo Town", "radius_km": 5}, "callouts[1]", "an arrow has from and to, and no"),
        (
            {"radius_km": 0, "place": "Bravo Town"},
            "callouts[1].radius_km",
            "must be a number of km above 0 and at most 2000, not 0",
        ),
        ({"radius_km": -3, "place": "Bravo Town"}, "callouts[1].radius_km", "not -3"),
        ({"radius_km": 5000, "place": "Bravo Town"}, "callouts[1].radius_km", "at most 2000, not 5000"),
        ({"radius_km": "10", "place": "Bravo Town"}, "callouts[1].radius_km", "not '10'"),
        ({"radius_km": True, "place": "Bravo Town"}, "callouts[1].radius_km", "not true"),
        ({"radius_km": 10, "place": "Atlantis"}, "callouts[1].place", "no place 'Atlantis' in the gazetteer"),
        ({"radius_km": 10}, "callouts[1]", "pin it to one place or one event"),
    ],
)
def test_a_bad_arrow_or_circle_is_located_by_step_and_field(tmp_path, context, callout, field, message):
    raw = good()
    raw["steps"][1]["callouts"] = [callout]
    path = write(tmp_path, "bad", raw)
    found, problems = briefing.read(path, context)
    assert found is None
    lines = [str(p) for p in problems]
    assert any(line.startswith(f"{path}:2: {field}: ") and message in line for line in lines), lines
