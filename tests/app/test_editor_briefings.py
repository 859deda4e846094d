"""The Editor's Briefings tab as an editor uses it: start a briefing from a view, add steps, reorder, edit, pin a
callout through the gazetteer, undo; the written file validates; a hand-broken file is said by step and field;
hostile captions are shown as text."""

from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from eventmap import briefing, schema
from eventmap.filters import Filters
from tests.conftest import ROOT
from tests.sample import HOSTILE_NOTES, SOURCE_ID

TOKEN = "correct horse battery staple"


@pytest.fixture
def data(tmp_path, sample_dir, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(sample_dir, folder)
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(folder))
    monkeypatch.setenv(schema.EDITOR_TOKEN_ENV, TOKEN)
    return folder


def signed_in(**query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "pages" / "4_Editor.py"), default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.text_input(key="desk_token").input(TOKEN)
    app.text_input(key="desk_name").input("Ana Editor")
    app.button(key="desk_sign_in").click().run()
    assert not app.exception
    return app


def texts(app: AppTest) -> list[str]:
    return [t.value for t in app.text]


def said(app: AppTest):
    """The problems the tab lists: step, field, problem."""
    return next(d.value for d in app.dataframe if "field" in d.value.columns)


def story(data) -> tuple[briefing.Briefing | None, list]:
    return briefing.read(briefing.folder_of(data) / "story.json", briefing.load_context(data))


def test_build_reorder_edit_pin_and_undo(data):
    app = signed_in(start="2024-05-06", end="2024-05-07", at="33.5,42.5,6")
    assert app.tabs[-1].label == "Briefings"
    assert "This view: 2024-05-06 to 2024-05-07; camera 33.5,42.5,6" in texts(app)
    app.text_input(key="brief_new_name").input("story")
    app.text_input(key="brief_new_title").input("Sample story")
    app.text_input(key="brief_step_title").input("The first days")
    app.text_area(key="brief_step_caption").input(HOSTILE_NOTES)
    app.button(key="brief_add").click().run()
    assert not app.exception, app.exception
    assert app.selectbox(key="brief_name").value == "story"
    assert app.text_input(key="brief_step_title").value == ""  # the form starts again, empty
    app.session_state["eventmap_filters"] = Filters()  # the map's whole view, as the sidebar keeps it
    app.run()
    app.text_input(key="brief_step_title").input("Everything")
    app.text_area(key="brief_step_caption").input("All the sample's events.")
    app.selectbox(key="brief_step_event").select("SM-001")
    app.button(key="brief_add").click().run()
    app.button(key="brief_down_0").click().run()
    shown, problems = story(data)
    assert problems == [] and [s.title for s in shown.steps] == ["Everything", "The first days"]
    assert dict(shown.steps[1].camera) == {"latitude": 33.5, "longitude": 42.5, "zoom": 6.0}
    assert shown.steps[0].event == "SM-001" and not shown.steps[0].camera
    app.selectbox(key="brief_edit_index").select(1).run()
    assert app.text_input(key="brief_edit_title").value == "The first days"
    app.text_input(key="brief_edit_title").input("The first two days")
    app.button(key="brief_edit_save").click().run()
    app.text_input(key="brief_note").input("The depot")
    app.text_input(key="brief_place").input("Alpha AB")  # another name of Alpha Base in the gazetteer
    app.selectbox(key="brief_source").select(SOURCE_ID)
    app.button(key="brief_callout_add").click().run()
    assert not app.exception
    shown, problems = story(data)
    assert problems == [] and shown.steps[1].title == "The first two days"
    assert shown.steps[1].callouts == (briefing.Callout("The depot", "Alpha Base", "", SOURCE_ID),)
    assert f"Callout 1 on Alpha Base: The depot (source: {SOURCE_ID})" in texts(app)
    app.button(key="brief_undo").click().run()
    app.button(key="brief_undo").click().run()
    shown, problems = story(data)
    assert problems == [] and shown.steps[1].title == "The first days" and not shown.steps[1].callouts
    assert [e["action"] for e in map(json.loads, (briefing.folder_of(data) / "story.changes.jsonl").open())] == [
        "add-step",
        "add-step",
        "move-step",
        "edit-step",
        "add-callout",
        "undo",
        "undo",
    ]


def test_hostile_caption_is_text_and_mistakes_are_said_by_field(data):
    app = signed_in(start="2024-05-06", end="2024-05-06")
    app.text_input(key="brief_new_name").input("story")
    app.text_input(key="brief_new_title").input("Sample story")
    app.text_input(key="brief_step_title").input("**Day** <b>one</b>")
    app.text_area(key="brief_step_caption").input(HOSTILE_NOTES)
    app.button(key="brief_add").click().run()
    assert "Step 1: **Day** <b>one</b>" in texts(app) and HOSTILE_NOTES in texts(app)
    markdown = [m.value for m in (*app.markdown, *app.caption, *app.error, *app.success)]
    assert not any("<img" in m or "**Day**" in m for m in markdown)
    app.text_input(key="brief_note").input("Nowhere")
    app.text_input(key="brief_place").input("Atlantis")
    app.button(key="brief_callout_add").click().run()
    problems = said(app)
    assert (
        problems.iloc[0]["field"] == "place" and "no place 'Atlantis' in the gazetteer" in problems.iloc[0]["problem"]
    )
    app.text_input(key="brief_step_title").input("Later")
    app.text_area(key="brief_step_caption").input("x")
    app.text_input(key="brief_day").input("3 May")
    app.button(key="brief_add").click().run()
    assert said(app).iloc[0]["field"] == "day"
    assert len(story(data)[0].steps) == 1


def test_a_hand_broken_file_gives_located_messages_and_no_traceback(data):
    folder = briefing.folder_of(data)
    folder.mkdir()
    raw = {"title": "Broken", "steps": [{"title": "t", "caption": "c", "event": "SM-999", "colour": "red"}]}
    (folder / "story.json").write_text(json.dumps(raw), encoding="utf-8")
    app = signed_in()
    assert not app.exception
    said = app.code[-1].value.splitlines()
    path = folder / "story.json"
    assert f"{path}:1: 'colour': unknown key (known: {', '.join(briefing.STEP_KEYS)})" in said
    assert f"{path}:1: event: no event 'SM-999' in the data" in said
    assert not [b for b in app.button if (b.key or "").startswith("brief_down")]  # only undo or a fix by hand
