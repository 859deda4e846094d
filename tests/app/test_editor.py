"""The Editor page as an editor uses it: sign in, add, fix, retire, restore, undo; a viewer can never write."""

from __future__ import annotations

import datetime

import pytest
from streamlit.testing.v1 import AppTest

from eventmap.curate import log
from eventmap.curate.table import log_path, retired_path
from tests.conftest import ROOT
from tests.curate.deskfiles import SOURCE_ID, make_desk

TOKEN = "correct horse battery staple"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    events, sources = make_desk(tmp_path, newline="\r\n", bom=True)
    monkeypatch.setenv("EVENTMAP_EVENTS", str(events))
    monkeypatch.setenv("EVENTMAP_SOURCES", str(sources))
    monkeypatch.setenv("EVENTMAP_EDITOR_TOKEN", TOKEN)
    return events


def editor_page() -> AppTest:
    return AppTest.from_file(str(ROOT / "pages" / "4_Editor.py"), default_timeout=90).run()


def signed_in() -> AppTest:
    app = editor_page()
    app.text_input(key="desk_token").input(TOKEN)
    app.text_input(key="desk_name").input("Ana Editor")
    app.button(key="desk_sign_in").click().run()
    assert not app.exception
    return app


def fill_valid_event(app: AppTest) -> AppTest:
    app.selectbox(key="add_source").select(SOURCE_ID).run()
    app.text_area(key="add_quote").input("Protesters gathered in Basra on December 1.").run()
    app.button(key="add_use_date").click().run()  # the date the quote gives, against the publication date
    app.text_input(key="add_location").input("Erbil airbase").run()
    app.button(key="add_look_up").click().run()
    app.button(key="add_use_place").click().run()
    app.selectbox(key="add_event_type").select("Protests").run()
    app.selectbox(key="add_sub_event_type").select("Peaceful protest").run()
    app.selectbox(key="add_actor1").select("Guards").run()
    app.text_input(key="add_theatre").input("Iraq")
    app.text_input(key="add_fatalities").input("0")
    app.text_input(key="add_notes").input("**not bold** <script>x</script>")
    return app.run()


def test_without_a_token_the_page_explains_and_offers_no_form(tmp_path, monkeypatch):
    make_desk(tmp_path)
    monkeypatch.delenv("EVENTMAP_EDITOR_TOKEN", raising=False)
    app = editor_page()
    assert "Editing is off on this server" in app.info[0].value
    assert not app.text_input and not app.button


def test_wrong_token_is_refused_and_right_one_accepted(desk):
    app = editor_page()
    app.text_input(key="desk_token").input("guess")
    app.text_input(key="desk_name").input("Mallory")
    app.button(key="desk_sign_in").click().run()
    assert "not the editor token" in app.error[0].value
    assert not app.tabs
    app.text_input(key="desk_token").input(TOKEN)
    app.button(key="desk_sign_in").click().run()
    assert [t.label for t in app.tabs] == ["Add event", "Correct or retire", "Register source", "History"]


def test_add_a_valid_event(desk):
    app = fill_valid_event(signed_in())
    assert app.text_input(key="add_event_date").value == "2023-12-01"
    assert app.text_input(key="add_latitude").value == "36.2375"
    assert any("found verbatim" in t.value for t in app.text)
    assert any(t.value.startswith("Erbil airbase — 1 event") for t in app.text)  # the tooltip preview
    before = desk.read_bytes()
    app.button(key="add_save").click().run()
    assert not app.exception and [c.value for c in app.code] == ["add EM-IRQ-002"]
    after = desk.read_bytes()
    assert after.startswith(before) and after[len(before) :].count(b"\r\n") == 1
    assert b"**not bold** <script>x</script>" in after
    assert log.read_entries(log_path(desk))[-1]["editor"] == "Ana Editor"


def test_an_invalid_event_lists_problems_by_field_and_writes_nothing(desk):
    app = fill_valid_event(signed_in())
    app.text_area(key="add_quote").input("Protesters were paid to gather.")
    app.text_input(key="add_fatalities").input("several")
    app.text_input(key="add_latitude").input("123")
    app.run()
    assert any("NOT found verbatim" in t.value for t in app.text)
    before = desk.read_bytes()
    app.button(key="add_save").click().run()
    problems = app.dataframe[0].value
    assert {"source_quote", "fatalities", "latitude"} <= set(problems["column"])
    assert desk.read_bytes() == before and not log_path(desk).exists()


def test_a_stale_form_is_refused_and_the_draft_kept(desk):
    app = fill_valid_event(signed_in())
    desk.write_bytes(desk.read_bytes().replace(b"=1+1", b"=1+2"))  # another editor saved
    changed = desk.read_bytes()
    app.button(key="add_save").click().run()
    assert any("changed on disk" in m for m in app.dataframe[0].value["message"])
    assert desk.read_bytes() == changed
    assert app.text_area(key="add_quote").value == "Protesters gathered in Basra on December 1."
    app.button(key="add_result_reload").click().run()
    app.button(key="add_save").click().run()
    assert [c.value for c in app.code] == ["add EM-IRQ-002"]


def test_a_possible_duplicate_is_shown_side_by_side_and_needs_a_decision(desk):
    app = fill_valid_event(signed_in())
    app.text_area(key="add_quote").input("Drones struck Camp Alpha on Sunday")
    app.text_input(key="add_event_date").input("2023-12-03")
    app.selectbox(key="add_event_type").select("Explosions/Remote violence").run()
    app.selectbox(key="add_sub_event_type").select("Air/drone strike")
    app.text_input(key="add_location").input("Camp Alpha")
    app.run()
    before = desk.read_bytes()
    app.button(key="add_save").click().run()
    assert "Possible duplicate" in app.warning[0].value and "EM-IRQ-001" in app.dataframe[0].value.columns
    assert desk.read_bytes() == before
    app.checkbox(key="add_confirm_duplicate").check().run()
    app.button(key="add_save").click().run()
    assert [c.value for c in app.code] == ["add EM-IRQ-002"]


def test_correct_retire_restore_and_undo(desk):
    original = desk.read_bytes()
    app = signed_in()
    app.selectbox(key="edit_id").select("EM-SEA-001").run()
    app.text_input(key="edit_fatalities").input("1")
    app.button(key="edit_save").click().run()
    assert [c.value for c in app.code] == ["edit EM-SEA-001"]
    app.selectbox(key="edit_id").select("EM-IRQ-001").run()
    app.text_input(key="retire_reason").input("double-counted")
    app.button(key="retire").click().run()
    assert b"EM-IRQ-001" not in desk.read_bytes() and b"double-counted" in retired_path(desk).read_bytes()
    app.selectbox(key="restore_id").select("EM-IRQ-001").run()
    app.button(key="restore").click().run()
    assert b"EM-IRQ-001" in desk.read_bytes()
    history = app.dataframe[-1].value
    assert list(history["action"]) == ["restore", "retire", "edit", "baseline"]
    for _ in range(3):
        app.button(key="undo").click().run()
    assert desk.read_bytes() == original
    assert [e["action"] for e in log.read_entries(log_path(desk))][-3:] == ["undo", "undo", "undo"]


def test_register_a_source_then_quote_it(desk):
    app = signed_in()
    app.text_area(key="source_text").input("Rockets hit Camp Gamma late on Friday, police said.")
    app.text_input(key="source_title").input("Rockets on Camp Gamma")
    app.button(key="source_register").click().run()
    problems = next(d.value for d in app.dataframe if "message" in d.value.columns)
    assert list(problems["column"]) == ["published"]  # no date yet: listed, nothing stored
    assert len(list((desk.parent / "sources").glob("*.txt"))) == 1
    app.date_input(key="source_published").set_value(datetime.date(2023, 12, 9))
    app.button(key="source_register").click().run()
    new_id = app.code[0].value
    assert new_id.startswith("001_") and (desk.parent / "sources" / new_id).exists()
    assert new_id in (desk.parent / "sources.csv").read_text()
    app.selectbox(key="add_source").select(new_id).run()
    app.text_area(key="add_quote").input("Rockets hit Camp Gamma late on Friday").run()
    assert any(t.value.startswith("✓ found verbatim") for t in app.text)
    choices = app.selectbox(key="add_date_choice").options
    assert choices[0].startswith("on Friday → 2023-12-08 (exact day)")


HOSTILE_COLUMN = "![i](http://198.51.100.7/q.png)"


def test_column_names_from_the_file_are_shown_as_text_not_markdown(desk):
    """A column named like a markdown image must not make the browser fetch that host: labels are escaped."""
    from eventmap.untrusted import escape_markdown
    from tests.curate.deskfiles import COLUMNS, ROWS, events_text

    rows = [row | {HOSTILE_COLUMN: "x"} for row in ROWS]
    COLUMNS.append(HOSTILE_COLUMN)
    try:
        text = events_text("\n", rows)
    finally:
        COLUMNS.pop()
    desk.write_bytes(text.encode("utf-8"))
    app = signed_in()
    app.selectbox(key="edit_id").select("EM-SEA-001").run()
    assert not app.exception
    labels = [w.label for w in (*app.text_input, *app.text_area)]
    assert escape_markdown(HOSTILE_COLUMN) in labels
    assert not any("](http" in label for label in labels)


def test_a_damaged_change_log_is_shown_as_text_not_a_traceback(desk):
    log_path(desk).write_bytes(b'{"seq":"abc"}\n\xff\n{"seq":99,"after":"x"}\n')
    app = signed_in()
    assert not app.exception
    said = [t.value for t in app.text if t.value.startswith("Change log: ")]
    assert [line.split(": ")[1] for line in said] == [f"{log_path(desk)}:{n}" for n in (1, 2, 3)]
