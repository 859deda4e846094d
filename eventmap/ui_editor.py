"""The Editor page's widgets: sign-in, add an event, correct or retire one, register a source, history and undo.

Every operation is eventmap.curate's, shared with the CLI; this module only draws and collects. Untrusted text
(rows, quotes, sources, messages that quote cells) is shown with st.text, st.code or dataframes, never markdown;
a widget label renders markdown, so a column name from the file is escaped there.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from eventmap import schema
from eventmap.curate import events as ops
from eventmap.curate import log, preview
from eventmap.curate.dates import resolve_dates
from eventmap.curate.sources import SOURCES_ENV, SourceForm, read_sources_table, register_source, sources_csv_for
from eventmap.curate.table import log_path
from eventmap.geocode.cache import CacheError
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError
from eventmap.problems import Problem
from eventmap.ui import map_chart, problems_table, resolver
from eventmap.untrusted import escape_markdown

TOKEN_ENV = "EVENTMAP_EDITOR_TOKEN"
# The add form's widgets (add_<column>): every column but the id, assigned on save, and the source and quote.
FIELDS = tuple(c.name for c in schema.EVENT_COLUMNS if c.name not in ("event_id_cnty", "source", "source_quote"))
LONG_FIELDS = tuple(c.name for c in schema.EVENT_COLUMNS if c.long)


def desk() -> ops.Desk:
    """The events file the server shows (schema.events_path) and the source texts folder."""
    sources = os.environ.get(SOURCES_ENV)
    return ops.Desk(schema.events_path(), Path(sources) if sources else None)


def signed_in() -> str | None:
    """The editor's name once the token was given; otherwise draws the sign-in (or says how editing is enabled)."""
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        st.info(
            f"Editing is off on this server. To enable it, start the server with an editor token, e.g. "
            f"`{TOKEN_ENV}=a-long-secret streamlit run app.py`, and give the token to the editors. "
            "Viewers of the dashboard never see a way to change the data."
        )
        return None
    if st.session_state.get("desk_editor"):
        return st.session_state["desk_editor"]
    given = st.text_input("Editor token", type="password", key="desk_token")
    name = st.text_input("Your name (recorded with every change)", key="desk_name", max_chars=80)
    if st.button("Start editing", key="desk_sign_in"):
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            st.error("That token is not the editor token of this server.")
        elif not name.strip():
            st.error("Give your name: every change is logged with it.")
        else:
            st.session_state["desk_editor"] = name.strip()
            st.session_state.pop("desk_token", None)
            st.rerun()
    return None


def reload_form(place: ops.Desk) -> None:
    st.session_state["desk_digest"] = ops.load_form(place)[0]


def show_outcome(key: str, place: ops.Desk) -> None:
    """What the last check or save of a form said: problems by field, possible duplicates, what was saved."""
    result = st.session_state.get(key)
    if not result:
        return
    outcome, saved, row = result["outcome"], result["saved"], result.get("row")
    if outcome.problems:
        st.error(f"{len(outcome.problems)} problem(s): nothing was saved. Fix them and check again.")
        st.dataframe(problems_table(outcome.problems), hide_index=True, width="stretch")
        if any("changed on disk" in p.message for p in outcome.problems):
            st.button(
                "Reload the file (your draft stays in the form)",
                key=f"{key}_reload",
                on_click=reload_form,
                args=(place,),
            )
    if outcome.duplicates and row is not None:
        st.warning(
            "Possible duplicate: an event on the same day, at the same place, of the same sub-type. If it is "
            "a different event, tick 'Save anyway' and save again."
        )
        side = pd.DataFrame({"field": list(row), "this row": list(row.values())})
        for other in outcome.duplicates:
            side[str(other.get("event_id_cnty"))] = [other.get(name, "") for name in row]
        st.dataframe(side, hide_index=True, width="stretch")
    if saved:
        st.success("Saved, and logged in the change history:")
        st.code(f"{outcome.entry['action']} {outcome.entry['event_id']}", language=None)
    elif not outcome.problems and not outcome.duplicates:
        st.success("No problems found: ready to save.")


def _add_row() -> dict[str, str]:
    row = {name: str(st.session_state.get(f"add_{name}", "") or "") for name in FIELDS}
    row["source"] = st.session_state.get("add_source") or ""
    row["source_quote"] = st.session_state.get("add_quote", "")
    if st.session_state.get("add_no_place"):
        row.update(location="", latitude="", longitude="", geo_precision="")
    return row


def _run_add(place: ops.Desk, editor: str, write: bool) -> None:
    row = _add_row()
    plan = ops.plan_add(row)
    outcome = ops.save(place, plan, editor=editor, expected_digest=st.session_state["desk_digest"], write=False)
    confirmed = st.session_state.get("add_confirm_duplicate", False)
    if write and outcome.ok and (not outcome.duplicates or confirmed):
        outcome = ops.save(place, plan, editor=editor, expected_digest=st.session_state["desk_digest"])
        if outcome.ok:
            reload_form(place)
            for name in (*FIELDS, "quote", "confirm_duplicate", "candidates"):
                st.session_state.pop(f"add_{name}", None)
    st.session_state["add_result"] = {
        "outcome": outcome,
        "saved": write and outcome.ok and (not outcome.duplicates or confirmed),
        "row": row,
    }


def _use_date(readings: list) -> None:
    reading = readings[st.session_state.get("add_date_choice", 0)]
    st.session_state["add_event_date"] = reading.date.isoformat()
    st.session_state["add_time_precision"] = str(reading.time_precision)


def _look_up() -> None:
    query = st.session_state.get("add_location", "")
    try:
        st.session_state["add_candidates"] = preview.candidates(resolver(), query)
    except (OnlineConfigError, CacheError) as error:
        st.session_state["add_candidates"] = []
        st.session_state["add_geocode_error"] = str(error)


def _use_place() -> None:
    chosen = st.session_state["add_candidates"][st.session_state.get("add_candidate", 0)]
    st.session_state["add_latitude"] = f"{chosen.latitude:.5f}".rstrip("0").rstrip(".")
    st.session_state["add_longitude"] = f"{chosen.longitude:.5f}".rstrip("0").rstrip(".")
    st.session_state["add_geo_precision"] = str(chosen.precision or 2)


def quote_section(place: ops.Desk, sources: list[dict[str, str]]) -> dict[str, str] | None:
    """Source and quote first: each quote is looked up verbatim in the source text, and shown in its context."""
    ids = [s["source_id"] for s in sources]
    source_id = st.selectbox("Source (registered report)", ids, key="add_source", index=None)
    quote = st.text_area(
        "Quote: the sentence(s) of the report that support the event; several joined by ' | '", key="add_quote"
    )
    chosen = next((s for s in sources if s["source_id"] == source_id), None)
    texts = place.source_texts() or {}
    if chosen and quote.strip():
        for found in preview.quote_lines(quote, source_id, texts):
            st.text(found)
    return chosen


def date_section(chosen: dict[str, str] | None) -> None:
    quote = st.session_state.get("add_quote", "")
    try:
        published = dt.date.fromisoformat(chosen["published"].strip()) if chosen else None
    except ValueError:
        published = None
    readings = resolve_dates(quote, published) if published and quote else []
    if readings:
        st.selectbox(
            "Dates the quote gives, against the publication date",
            range(len(readings)),
            format_func=lambda i: (
                f"{readings[i].phrase} → {readings[i].date.isoformat()} "
                f"({schema.TIME_PRECISION_WORDS[readings[i].time_precision]}): "
                f"{readings[i].how}"
            ),
            key="add_date_choice",
        )
        st.button("Use this date", key="add_use_date", on_click=_use_date, args=(readings,))
    cols = st.columns(3)
    cols[0].text_input("Event date (YYYY-MM-DD)", key="add_event_date")
    cols[1].selectbox(
        "Time precision",
        ("1", "2", "3"),
        key="add_time_precision",
        format_func=lambda c: f"{c}: {schema.TIME_PRECISION_WORDS[int(c)]}",
    )
    cols[2].text_input("Other source's date (alt_event_date)", key="add_alt_event_date")


def place_section() -> None:
    """The place as the report names it, looked up through the resolver; no place is a valid answer."""
    if st.checkbox("The report gives no place", key="add_no_place"):
        return
    st.text_input("Place, as the report names it", key="add_location")
    st.button("Look up the place", key="add_look_up", on_click=_look_up)
    found = st.session_state.get("add_candidates")
    if found is not None:
        if not found:
            st.warning("Not found by the gazetteer or the cache; type the coordinates from another reference.")
        else:
            labels = [f"{r.address or r.query} ({r.provider}, precision {r.precision})" for r in found]
            pick = st.selectbox("Candidates", range(len(found)), format_func=lambda i: labels[i], key="add_candidate")
            map_chart(preview.candidates_deck(found, pick), key="add_candidates_map", height=300)
            st.button("Use this place", key="add_use_place", on_click=_use_place)
            if any(r.attribution for r in found):
                st.caption(ATTRIBUTION)
    cols = st.columns(3)
    cols[0].text_input("Latitude", key="add_latitude")
    cols[1].text_input("Longitude", key="add_longitude")
    cols[2].selectbox(
        "Place precision",
        ("", "1", "2", "3"),
        key="add_geo_precision",
        format_func=lambda c: f"{c}: {schema.GEO_PRECISION_WORDS[int(c)]}" if c else "",
    )


def acled_section(rows: list[dict[str, str]]) -> None:
    cols = st.columns(2)
    kind = cols[0].selectbox("Event type", schema.EVENT_TYPES, key="add_event_type")
    cols[1].selectbox("Sub-event type", schema.SUB_EVENT_TYPES[kind], key="add_sub_event_type")
    for name in ("actor1", "actor2"):
        known = sorted(({r.get("actor1", "") for r in rows} | {r.get("actor2", "") for r in rows}) - {""})
        st.selectbox(
            f"{name} (existing names suggested; type a new one if needed)",
            known,
            index=None,
            key=f"add_{name}",
            accept_new_options=True,
        )
    cols = st.columns(3)
    for col, name in zip(cols, ("country", "admin1", "theatre")):
        col.text_input(name, key=f"add_{name}")
    st.text_input("Fatalities: the lowest number reported (0 when none or no number)", key="add_fatalities")
    for name in ("weapon", "target", "outcome", "notes", "source_conflict"):
        st.text_input(name, key=f"add_{name}")


def add_event(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    sources = read_sources_table(sources_csv_for(place.events))
    if place.source_texts() is None:
        st.warning(f"Set {SOURCES_ENV} to the folder of source texts: every quote is checked against its source.")
        return
    chosen = quote_section(place, sources)
    date_section(chosen)
    place_section()
    acled_section(rows)
    candidate = _add_row()
    shown = preview.tooltip_preview(candidate | {"event_id_cnty": "new"})
    if shown:
        st.caption("Preview: the map's tooltip for this event")
        st.text(f"{shown[0]}\n{shown[1]}")
    st.checkbox("Save anyway if a possible duplicate is found (it is a different event)", key="add_confirm_duplicate")
    cols = st.columns(2)
    cols[0].button("Check", key="add_check", on_click=_run_add, args=(place, editor, False))
    cols[1].button("Save event", key="add_save", type="primary", on_click=_run_add, args=(place, editor, True))
    show_outcome("add_result", place)


def _save_edit(place: ops.Desk, editor: str, event_id: str, before: dict[str, str]) -> None:
    changes = {name: st.session_state.get(f"edit_{name}", "") for name in before}
    changes = {name: value for name, value in changes.items() if value != before[name]}
    plan = ops.plan_edit(event_id, changes)
    outcome = ops.save(place, plan, editor=editor, expected_digest=st.session_state["desk_digest"])
    if outcome.ok:
        reload_form(place)
        st.session_state.pop("edit_loaded", None)
    st.session_state["edit_result"] = {"outcome": outcome, "saved": outcome.ok, "row": before | changes}


def _run_plan(place: ops.Desk, editor: str, make_plan, key: str) -> None:
    """Retire, restore or undo: the plan is made when the button is clicked, from the form as it is then."""
    outcome = ops.save(place, make_plan(), editor=editor, expected_digest=st.session_state["desk_digest"])
    if outcome.ok:
        reload_form(place)
        for name in ("edit_loaded", "edit_id", "retire_reason", "restore_id"):
            st.session_state.pop(name, None)
    st.session_state[key] = {"outcome": outcome, "saved": outcome.ok}


def correct_event(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    """Every field of one event, with the same checks as a new one; or retire it with a reason."""
    by_id = {r["event_id_cnty"]: r for r in rows}
    event_id = st.selectbox("Event", list(by_id), key="edit_id", index=None)
    if event_id is not None:
        before = by_id[event_id]
        if st.session_state.get("edit_loaded") != event_id:
            for name, value in before.items():
                st.session_state[f"edit_{name}"] = value
            st.session_state["edit_loaded"] = event_id
        for name in before:
            if name != "event_id_cnty":
                (st.text_area if name in LONG_FIELDS else st.text_input)(escape_markdown(name), key=f"edit_{name}")
        st.button(
            "Save changes", key="edit_save", type="primary", on_click=_save_edit, args=(place, editor, event_id, before)
        )
        st.text_input("Reason for retiring this event", key="retire_reason")
        st.button(
            "Retire event",
            key="retire",
            on_click=_run_plan,
            args=(
                place,
                editor,
                lambda: ops.plan_retire(event_id, st.session_state.get("retire_reason", "")),
                "edit_result",
            ),
        )
    show_outcome("edit_result", place)
    retired = ops.retired_rows(place)
    if retired:
        st.subheader("Retired events")
        st.dataframe(pd.DataFrame(retired), hide_index=True, width="stretch")
        back = st.selectbox("Restore", [r["event_id_cnty"] for r in retired], key="restore_id", index=None)
        if back is not None:
            st.button(
                "Restore event",
                key="restore",
                on_click=_run_plan,
                args=(place, editor, lambda: ops.plan_restore(back), "restore_result"),
            )
    show_outcome("restore_result", place)


def _register(place: ops.Desk) -> None:
    published = st.session_state.get("source_published")
    form = SourceForm(
        st.session_state.get("source_text", ""),
        st.session_state.get("source_title", ""),
        published.isoformat() if published else "",
        st.session_state.get("source_outlet", ""),
        st.session_state.get("source_url", ""),
        st.session_state.get("source_timezone", ""),
    )
    if place.sources is None:
        st.session_state["source_result"] = (
            None,
            [
                Problem(
                    SOURCES_ENV, None, "", "not set: the server needs the folder of source texts to store a report in"
                )
            ],
        )
        return
    st.session_state["source_result"] = register_source(form, place.sources, sources_csv_for(place.events))


def register(place: ops.Desk, *_: object) -> None:
    """Register a report: full text pasted in, stored in the sources folder under a stable id."""
    st.text_area("Full text of the report", key="source_text", height=200)
    st.text_input("Title", key="source_title")
    cols = st.columns(3)
    cols[0].text_input("Outlet", key="source_outlet")
    cols[1].date_input("Published", key="source_published", value=None, format="YYYY-MM-DD")
    cols[2].text_input("Time zone of the publication", key="source_timezone")
    st.text_input("URL (kept as text)", key="source_url")
    st.button("Register source", key="source_register", on_click=_register, args=(place,))
    registered, problems = st.session_state.get("source_result", (None, []))
    if problems:
        st.dataframe(problems_table(problems), hide_index=True, width="stretch")
    elif registered is not None:
        st.success("Registered as:" if registered.new else "Already registered, as:")
        st.code(registered.source_id, language=None)


def history(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    """The change log of the file or of one event, and undo of the last change (itself a logged change)."""
    damaged: list[Problem] = []
    entries = log.read_entries(log_path(place.events), damaged)
    for problem in damaged:
        st.text(f"Change log: {problem}")
    which = st.selectbox("History of", ["the whole file", *[r["event_id_cnty"] for r in rows]], key="history_of")
    shown = log.history(entries, None if which == "the whole file" else which)
    st.dataframe(
        pd.DataFrame(shown, columns=["seq", "time", "editor", "action", "event_id", "change"]),
        hide_index=True,
        width="stretch",
    )
    target = log.undo_target(entries)
    if target is not None:
        st.text(f"Undo would revert change {target['seq']}: {target['action']} {target['event_id']}")
        st.button(
            "Undo the last change",
            key="undo",
            on_click=_run_plan,
            args=(place, editor, lambda: ops.plan_undo, "undo_result"),
        )
    show_outcome("undo_result", place)


def desk_page() -> None:
    """The whole desk, once signed in."""
    editor = signed_in()
    if editor is None:
        return
    place = desk()
    st.session_state.setdefault("desk_digest", ops.load_form(place)[0])  # a later save is refused if it changed
    rows = ops.load_form(place)[1]
    st.text(f"Editing {place.events} as {editor}")
    tabs = st.tabs(["Add event", "Correct or retire", "Register source", "History"])
    for tab, draw in zip(tabs, (add_event, correct_event, register, history)):
        with tab:
            draw(place, editor, rows)
