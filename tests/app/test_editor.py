"""The Editor page as an editor uses it: sign in, add, fix, retire, restore, undo; a viewer can never write."""

from __future__ import annotations

import shutil

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
    app.text_input(key="add_location").input("Alpha Airbase").run()
    app.button(key="add_look_up").click().run()
    app.button(key="add_use_place").click().run()
    app.selectbox(key="add_event_type").select("Protests").run()
    app.selectbox(key="add_sub_event_type").select("Peaceful protest").run()
    app.selectbox(key="add_actor1").select("Guards").run()
    app.selectbox(key="add_theatre").select("Iraq")
    app.text_input(key="add_fatalities").input("0")
    app.text_input(key="add_notes").input("**not bold** <script>x</script>")
    return app.run()


def test_without_a_token_the_page_explains_and_offers_no_form(tmp_path, monkeypatch):
    make_desk(tmp_path)
    monkeypatch.delenv("EVENTMAP_EDITOR_TOKEN", raising=False)
    app = editor_page()
    assert "Editing is off on this server" in app.info[0].value
    assert not app.text_input and not app.button


def test_a_weak_server_token_turns_editing_off(desk, monkeypatch):
    for weak in ("short-token", "a-long-secret"):
        monkeypatch.setenv("EVENTMAP_EDITOR_TOKEN", weak)
        app = editor_page()
        assert "too easy to guess" in app.error[0].value and not app.text_input and not app.button


def test_wrong_tokens_slow_the_client_down_and_are_logged_without_the_token(desk, monkeypatch, caplog):
    from eventmap.ui.editor import signin

    clock = [1000.0]
    monkeypatch.setattr(signin, "_now", lambda: clock[0])
    monkeypatch.setattr(signin, "_failures", {})
    app = editor_page()
    app.text_input(key="desk_name").input("Mallory")
    for attempt in range(5):
        app.text_input(key="desk_token").input(f"guess-{attempt}")
        app.button(key="desk_sign_in").click().run()
        assert "not the editor token" in app.error[0].value
    for wait in (1, 2):  # after five, each further try waits twice as long, the right token included
        app.text_input(key="desk_token").input(TOKEN)
        app.button(key="desk_sign_in").click().run()
        assert f"try again in {wait} s" in app.error[0].value and not app.tabs
        clock[0] += wait
        if wait == 1:
            app.text_input(key="desk_token").input("guess-5")
            app.button(key="desk_sign_in").click().run()
            assert "not the editor token" in app.error[0].value
    app.text_input(key="desk_token").input(TOKEN)
    app.button(key="desk_sign_in").click().run()
    assert [t.label for t in app.tabs][:1] == ["Add event"]
    refused = [r.getMessage() for r in caplog.records if r.name == "eventmap.desk"]
    assert len(refused) == 6 and "6 in a row" in refused[-1]
    assert not any("guess" in line for line in refused)


def test_wrong_token_is_refused_and_right_one_accepted(desk):
    app = editor_page()
    app.text_input(key="desk_token").input("guess")
    app.text_input(key="desk_name").input("Mallory")
    app.button(key="desk_sign_in").click().run()
    assert "not the editor token" in app.error[0].value
    assert not app.tabs
    app.text_input(key="desk_token").input(TOKEN)
    app.button(key="desk_sign_in").click().run()
    assert [t.label for t in app.tabs] == ["Add event", "Correct or retire", "Register source", "History", "Briefings"]


def test_add_a_valid_event(desk):
    app = fill_valid_event(signed_in())
    assert app.text_input(key="add_event_date").value == "2023-12-01"
    assert app.text_input(key="add_latitude").value == "33.5"
    assert any("found verbatim" in t.value for t in app.text)
    assert any(t.value.startswith("Alpha Airbase — 1 event") for t in app.text)  # the tooltip preview
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
    assert {"source_quote", "fatalities", "latitude"} <= set(problems["field"])
    assert desk.read_bytes() == before and not log_path(desk).exists()


def test_a_stale_form_is_refused_and_the_draft_kept(desk):
    app = fill_valid_event(signed_in())
    desk.write_bytes(desk.read_bytes().replace(b"=1+1", b"=1+2"))  # another editor saved
    changed = desk.read_bytes()
    app.button(key="add_save").click().run()
    assert any("changed on disk" in m for m in app.dataframe[0].value["problem"])
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
    problems = next(d.value for d in app.dataframe if "problem" in d.value.columns)
    assert list(problems["field"]) == ["published"]  # no date yet: listed, nothing stored
    assert len(list((desk.parent / "sources").glob("*.txt"))) == 1
    app.text_input(key="source_published").input("2023-12-09")
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
    said = [t.value for t in app.text if t.value.startswith("Change log (")]
    assert [line.split("): ")[0] for line in said] == [f"Change log (events.changes.jsonl line {n}" for n in (1, 2, 3)]
    assert not any(str(desk.parent) in line for line in said)


def open_event(app: AppTest, event_id: str) -> AppTest:
    app.selectbox(key="edit_id").select(event_id).run()
    return app


def test_two_editors_correct_the_same_event_and_neither_reverts_the_other(desk):
    """The lost update: B's save used to write B's whole form and put back the field A had just corrected."""
    ana, bo = open_event(signed_in(), "EM-IRQ-001"), open_event(signed_in(), "EM-IRQ-001")
    ana.text_input(key="edit_fatalities").input("3")
    ana.button(key="edit_save").click().run()
    assert [c.value for c in ana.code] == ["edit EM-IRQ-001"]
    bo.text_input(key="edit_actor2").input("Guards (base)")
    bo.button(key="edit_save").click().run()
    assert [c.value for c in bo.code] == ["edit EM-IRQ-001"]  # saved at once: B never touched fatalities
    saved = desk.read_text(encoding="utf-8-sig")
    assert "Guards (base)" in saved and ",3," in saved and bo.text_input(key="edit_fatalities").value == "3"

    # Both now change the same field: B sees theirs, yours and the original side by side, and nothing is written
    ana.text_area(key="edit_outcome").input("destroyed")
    ana.button(key="edit_save").click().run()
    bo.text_area(key="edit_outcome").input("damaged")
    bo.button(key="edit_save").click().run()
    side = next(d.value for d in bo.dataframe if "theirs (on file now)" in d.value.columns)
    assert side.to_dict("records") == [
        {
            "field": "outcome",
            "theirs (on file now)": "destroyed",
            "yours": "damaged",
            "original (when you opened it)": "",
        }
    ]
    assert "destroyed" in desk.read_text(encoding="utf-8-sig") and not bo.code
    bo.radio(key="resolve_outcome").set_value("keep yours")
    bo.button(key="edit_resolve").click().run()
    bo.button(key="edit_save").click().run()
    assert [c.value for c in bo.code] == ["edit EM-IRQ-001"]
    assert "damaged" in desk.read_text(encoding="utf-8-sig")
    edits = [e for e in log.read_entries(log_path(desk)) if e["action"] == "edit"]
    assert len(edits) == 4  # A, B, A, then B with the conflict resolved


def test_an_event_retired_by_another_editor_says_so_and_keeps_the_draft(desk):
    ana, bo = open_event(signed_in(), "EM-IRQ-001"), open_event(signed_in(), "EM-IRQ-001")
    ana.text_area(key="edit_notes").input("my careful correction")
    bo.text_input(key="retire_reason").input("double-counted")
    bo.button(key="retire").click().run()
    ana.button(key="edit_save").click().run()
    assert "no longer in the events file" in ana.warning[0].value
    assert any("EM-IRQ-001 was retired by Ana Editor" in t.value and "double-counted" in t.value for t in ana.text)
    assert ana.text_area(key="edit_notes").value == "my careful correction"


def test_after_a_save_the_form_is_empty_and_save_anyway_unticked(desk):
    app = fill_valid_event(signed_in())
    app.checkbox(key="add_confirm_duplicate").check().run()
    app.button(key="add_save").click().run()
    assert [c.value for c in app.code] == ["add EM-IRQ-002"]
    assert app.text_area(key="add_quote").value == "" and app.text_input(key="add_location").value == ""
    assert app.checkbox(key="add_confirm_duplicate").value is False and app.selectbox(key="add_source").value is None
    saved = desk.read_bytes()
    app.button(key="add_save").click().run()  # a second click saves no copy
    assert desk.read_bytes() == saved and not app.code


def test_the_next_report_does_not_carry_the_previous_outlet_and_url(desk):
    app = signed_in()
    app.text_area(key="source_text").input("Rockets hit Camp Gamma late on Friday, police said.")
    app.text_input(key="source_title").input("Rockets on Camp Gamma")
    app.text_input(key="source_outlet").input("Gamma Gazette")
    app.text_input(key="source_url").input("https://example.org/gamma")
    app.text_input(key="source_published").input("2023-12-09")
    app.button(key="source_register").click().run()
    assert app.code[0].value.startswith("001_")
    assert [app.text_input(key=f"source_{n}").value for n in ("title", "outlet", "url")] == ["", "", ""]
    assert app.text_area(key="source_text").value == "" and app.text_input(key="source_published").value == ""


def test_the_page_and_its_problems_show_no_server_paths_and_no_row_none(desk):
    app = fill_valid_event(signed_in())
    app.text_input(key="add_fatalities").input("several").run()
    app.button(key="add_save").click().run()
    problems = app.dataframe[0].value
    assert list(problems.columns) == ["field", "problem"] and "fatalities" in set(problems["field"])
    shown = [t.value for t in app.text] + [str(v) for v in problems["problem"]]
    assert not any(str(desk.parent) in value for value in shown)
    assert "Editing events.csv as Ana Editor" in [t.value for t in app.text]


def test_a_draft_survives_a_switch_to_another_page_and_back(desk, sample_dir, monkeypatch):
    monkeypatch.setenv("EVENTMAP_DATA", str(sample_dir))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    app.switch_page("pages/4_Editor.py").run()
    app.text_input(key="desk_token").input(TOKEN)
    app.text_input(key="desk_name").input("Ana Editor")
    app.button(key="desk_sign_in").click().run()
    app.text_area(key="add_quote").input("Protesters gathered in Basra on December 1.")
    app.selectbox(key="add_theatre").select("Iraq")
    app.text_input(key="source_outlet").input("Gamma Gazette")
    open_event(app, "EM-SEA-001").text_area(key="edit_notes").input("half-written correction").run()
    app.switch_page("pages/3_Sources_and_method.py").run()
    app.switch_page("pages/4_Editor.py").run()
    assert not app.exception
    assert app.text_area(key="add_quote").value == "Protesters gathered in Basra on December 1."
    assert app.selectbox(key="add_theatre").value == "Iraq"
    assert app.text_input(key="source_outlet").value == "Gamma Gazette"
    assert app.text_area(key="edit_notes").value == "half-written correction"


def test_a_place_looked_up_then_renamed_offers_no_stale_candidate(desk):
    app = signed_in()
    app.text_input(key="add_location").input("Alpha Airbase").run()
    app.button(key="add_look_up").click().run()
    assert [b for b in app.button if b.key == "add_use_place"]
    app.text_input(key="add_location").input("Tower 22").run()
    assert not [b for b in app.button if b.key == "add_use_place"]
    assert not [s for s in app.selectbox if s.key == "add_candidate"]


def test_a_report_must_look_like_a_report_and_a_quote_like_a_clause(desk):
    app = signed_in()
    app.text_area(key="source_text").input("a\x1b[31m")
    app.text_input(key="source_title").input("x")
    app.text_input(key="source_published").input("27/01/2024")
    app.button(key="source_register").click().run()
    said = next(d.value for d in app.dataframe if "problem" in d.value.columns)
    assert set(said["field"]) == {"text", "published"}
    assert any("type it as YYYY-MM-DD" in m for m in said["problem"])
    app.text_input(key="source_published").input("2035-01-01")
    app.text_area(key="source_text").input("Rockets hit Camp Gamma late on Friday, police said.")
    app.button(key="source_register").click().run()
    said = next(d.value for d in app.dataframe if "problem" in d.value.columns)
    assert list(said["field"]) == ["published"] and "from 1990-01-01 to today" in said["problem"][0]
    assert len(list((desk.parent / "sources").glob("*.txt"))) == 1  # nothing stored

    app = fill_valid_event(signed_in())
    app.text_area(key="add_quote").input("a").run()
    app.button(key="add_save").click().run()
    said = app.dataframe[0].value
    assert "too short to support an event" in " ".join(said.loc[said["field"] == "source_quote", "problem"])


def test_an_invisible_editor_name_is_refused(desk):
    app = editor_page()
    app.text_input(key="desk_token").input(TOKEN)
    app.text_input(key="desk_name").input("\u200b\u202e")
    app.button(key="desk_sign_in").click().run()
    assert "invisible or control characters" in app.error[0].value and not app.tabs


def test_a_candidate_event_of_the_report_fills_the_form_and_saves_only_on_save(desk):
    app = signed_in()
    app.selectbox(key="add_source").select(SOURCE_ID).run()
    options = app.selectbox(key="add_proposal").options
    pick = next(i for i, o in enumerate(options) if "shot down over the Red Sea" in o)
    app.selectbox(key="add_proposal").select(pick).run()
    before = desk.read_bytes()
    app.button(key="add_fill").click().run()
    assert (
        app.text_area(key="add_quote").value == "A missile fired from Yemen was shot down over the Red Sea yesterday."
    )
    assert app.text_input(key="add_event_date").value == "2023-12-03"
    assert app.selectbox(key="add_sub_event_type").value == "Disrupted weapons use"
    assert desk.read_bytes() == before  # a proposal is not a save


def test_a_place_the_gazetteer_lacks_is_added_from_the_desk_and_found_by_the_next_look_up(desk):
    app = signed_in()
    app.text_input(key="add_location").input("Tower 22").run()
    app.button(key="add_look_up").click().run()
    assert any("Not found by the gazetteer" in w.value for w in app.warning)
    for name, value in (("latitude", "33.3275"), ("longitude", "38.7006"), ("radius_km", "2"), ("country", "Jordan")):
        app.text_input(key=f"place_{name}").input(value)
    app.selectbox(key="place_kind").select("base")
    app.button(key="place_add").click().run()
    problems = next(d.value for d in app.dataframe if "problem" in d.value.columns)
    assert list(problems["field"]) == ["reference"]  # a point needs the reference it came from
    app.text_input(key="place_reference").input("CENTCOM statement, 28 Jan 2024")
    app.button(key="place_add").click().run()
    assert (desk.parent / "places.csv").read_text().count("Tower 22") == 1
    app.button(key="add_look_up").click().run()
    app.button(key="add_use_place").click().run()
    assert (app.text_input(key="add_latitude").value, app.text_input(key="add_longitude").value) == (
        "33.3275",
        "38.7006",
    )


def test_a_report_no_event_cites_is_withdrawn_from_the_page_and_brought_back(desk):
    app = signed_in()
    app.selectbox(key="source_withdraw_id").select(SOURCE_ID).run()
    app.button(key="source_withdraw").click().run()
    said = next(d.value for d in app.dataframe if "problem" in d.value.columns)
    assert "cited by EM-IRQ-001, EM-SEA-001" in said["problem"][0]
    app.text_area(key="source_text").input("Rockets hit Camp Gamma late on Friday, police said.")
    app.text_input(key="source_title").input("Rockets on Camp Gamma")
    app.text_input(key="source_published").input("2023-12-09")
    app.button(key="source_register").click().run()
    new_id = app.code[0].value
    app.selectbox(key="source_withdraw_id").select(new_id).run()
    app.button(key="source_withdraw").click().run()
    assert new_id not in (desk.parent / "sources.csv").read_text()
    assert not any("Rockets on Camp Gamma" in option for option in app.selectbox(key="add_source").options)
    app.button(key="source_bring_back").click().run()
    assert new_id in (desk.parent / "sources.csv").read_text()
    assert any("Rockets on Camp Gamma" in option for option in app.selectbox(key="add_source").options)


def test_a_theatre_is_chosen_from_the_data_and_a_new_one_only_on_purpose(desk):
    app = fill_valid_event(signed_in())
    assert app.selectbox(key="add_theatre").options == ["Iraq", "Red Sea"]
    app.checkbox(key="add_new_theatre").check().run()
    app.text_input(key="add_theatre_new").input("iraq ").run()
    app.button(key="add_save").click().run()
    said = app.dataframe[0].value
    assert "reads the same as the theatre 'Iraq'" in " ".join(said.loc[said["field"] == "theatre", "problem"])
    app.text_input(key="add_theatre_new").input("Jordan").run()
    app.button(key="add_save").click().run()
    assert [c.value for c in app.code] == ["add EM-JOR-001"]


def test_the_report_field_names_its_limit_and_the_browser_holds_it(desk):
    from eventmap.curate.sources import MAX_REPORT_CHARS

    field = signed_in().text_area(key="source_text")
    assert field.proto.max_chars == MAX_REPORT_CHARS and f"{MAX_REPORT_CHARS:,} characters" in field.label


def test_an_edit_moves_an_event_to_a_new_theatre_only_on_purpose(desk):
    app = signed_in()
    app.selectbox(key="edit_id").select("EM-SEA-001").run()
    app.text_input(key="edit_theatre").input("Jordan")
    app.button(key="edit_save").click().run()
    said = app.dataframe[0].value
    assert not app.code and (said["field"] == "theatre").any()  # not one of the data's theatres: refused
    assert b"Jordan" not in desk.read_bytes()
    app.checkbox(key="edit_new_theatre").check().run()
    app.button(key="edit_save").click().run()
    assert [c.value for c in app.code] == ["edit EM-SEA-001"] and b"Jordan" in desk.read_bytes()
    assert app.checkbox(key="edit_new_theatre").value is False


def test_a_candidate_proposes_its_actors_by_the_words_the_actors_table_gives(desk, sample_dir, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    (data / "actors.csv").write_text(
        "actor,inter_code,inter_label,notes,words\nDrone unit (unnamed),3,Political militia,made up,Drones\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EVENTMAP_DATA", str(data))
    app = signed_in()
    app.selectbox(key="add_source").select(SOURCE_ID).run()
    options = app.selectbox(key="add_proposal").options
    pick = next(i for i, o in enumerate(options) if "Drones struck Camp Alpha" in o)
    app.selectbox(key="add_proposal").select(pick).run()
    app.button(key="add_fill").click().run()
    assert not app.exception
    assert app.selectbox(key="add_actor1").value == "Drone unit (unnamed)"  # a new name, as the editor could type
