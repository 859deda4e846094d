"""The Briefings tab: a briefing built from views of the map, step by step. The edits and their guarantees are
eventmap.curate's (briefing_edits, briefings: validated, locked, logged, undoable); this module draws and collects.
A briefing's texts are data: shown with st.text, st.code and dataframes, never as markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from eventmap import briefing, filters, schema
from eventmap.curate import briefing_edits as edits
from eventmap.curate import briefings as desk
from eventmap.curate import events as ops
from eventmap.filters import Filters
from eventmap.geocode.gazetteer import load_places
from eventmap.maps import camera
from eventmap.problems import DataFileError, Problem
from eventmap.ui import briefing as shown_briefing
from eventmap.ui import camlink
from eventmap.ui.playback import DAY_KEY
from eventmap.ui.sidebar import FILTERS_KEY
from eventmap.ui.widgets import say

NEW, NONE = "(a new briefing)", "(none)"
RESULT, LOADED = "brief_result", "brief_loaded"
CLEARED = {"add-step": ("brief_step_title", "brief_step_caption", "brief_day"), "add-callout": ("brief_note",)}
MAX_OFFERED = 500  # events offered as a step's event: a longer list is no choice a person makes


def _folder():
    return briefing.folder_of(schema.data_files().folder)


def current_view(events: pd.DataFrame) -> tuple[Filters, dict[str, float] | None]:
    """The view the editor last had on the map: the session's filters (the sidebar keeps them across pages) or,
    without them, the URL's; the camera the link carries for them, if any (else a step fits its events)."""
    state = st.session_state.get(FILTERS_KEY)
    if state is None:
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        return filters.from_query(query, events)[0], camera.from_query(query)[0]
    url = camlink.url_camera(state).get(camera.CAMERA_PARAM)
    return state, camera.parse_camera(url[0])[0] if url else None


def _said(problems: list[Problem], done: str = "") -> None:
    st.session_state[RESULT] = (done, problems)


def _run(name: str, action: str, make: Callable[[], edits.Edit], expected: str, editor: str) -> None:
    """A button's change, the edit made from the widgets as they are when it is clicked."""
    if name == NEW:
        name = str(st.session_state.get("brief_new_name", "")).strip()
    try:
        context = shown_briefing.context()
        edit = make()
    except DataFileError as error:
        return _said(error.problems)
    except edits.Refused as refused:
        return _said([Problem("", refused.step, refused.name, refused.message)])
    done = desk.change(_folder(), name, edit, action=action, editor=editor, context=context, expected=expected)
    _said(done.problems, f"{action}: saved, and logged in {name}.changes.jsonl" if done.ok else "")
    if done.ok:
        st.session_state["brief_name"] = name
        st.session_state.pop(LOADED, None)
        for key in CLEARED.get(action, ()):  # a form that was saved starts empty
            st.session_state[key] = ""


def _undo(name: str, editor: str) -> None:
    try:
        done = desk.undo(_folder(), name, editor=editor, context=shown_briefing.context())
    except DataFileError as error:
        return _said(error.problems)
    _said(done.problems, f"undo: change {done.entry['undoes']} reverted, and logged" if done.ok else "")
    st.session_state.pop(LOADED, None)


def _new_step(state: Filters, view: dict | None) -> edits.Edit:
    text = str(st.session_state.get("brief_day") or "").strip()
    try:
        day = dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise edits.Refused(None, "day", f"write the day as YYYY-MM-DD, not {text[:20]!r}") from None
    event = st.session_state.get("brief_step_event", NONE)
    step = edits.step_of_view(
        state,
        str(st.session_state.get("brief_step_title", "")),
        str(st.session_state.get("brief_step_caption", "")),
        view,
        day,
        "" if event == NONE else event,
    )
    return edits.add_step(step, str(st.session_state.get("brief_new_title", "")))


def _new_callout(index: int, places_file) -> edits.Edit:
    note, source = st.session_state.get("brief_note", ""), st.session_state.get("brief_source", NONE)
    source = "" if source == NONE else source
    if st.session_state.get("brief_pin") == "an event":
        return edits.add_callout(index, note, event=st.session_state.get("brief_pin_event", ""), source=source)
    typed = str(st.session_state.get("brief_place", ""))
    name = edits.gazetteer_name(typed, load_places(places_file))
    if name is None:
        said = f"no place {typed[:80]!r} in the gazetteer: add it on the Add event tab first"
        raise edits.Refused(index + 1, "place", said)
    return edits.add_callout(index, note, place=name, source=source)


def _add_view(name: str, context: briefing.Context, expected: str, editor: str) -> None:
    """Add this view as a step: what it is, the step's texts, its day and event, and the button."""
    state, view = current_view(context.events)
    where = f"; camera {camera.camera_text(view)}" if view else "; the map fits the step's events"
    st.text(f"This view: {filters.describe(state)}{where}")
    if name == NEW:
        st.text_input("Name of the new briefing (lower-case letters, digits, - and _)", key="brief_new_name")
        st.text_input("Title of the new briefing", key="brief_new_title")
    st.text_input("Step title", key="brief_step_title")
    st.text_area("Caption (plain text)", key="brief_step_caption")
    if st.session_state.get("playback") and st.session_state.get(DAY_KEY):
        st.session_state.setdefault("brief_day", str(st.session_state[DAY_KEY]))
    st.text_input("Playback day (optional, YYYY-MM-DD: the events up to it)", key="brief_day")
    ids = filters.apply(context.events, state)["event_id_cnty"].astype(str).tolist()
    if len(ids) > MAX_OFFERED:
        st.text(f"The view keeps {len(ids):,} events: its first {MAX_OFFERED} are offered as the step's event.")
    st.selectbox("The step's event (optional)", [NONE, *ids[:MAX_OFFERED]], key="brief_step_event")
    st.button(
        "Add this view as a step",
        key="brief_add",
        on_click=_run,
        args=(name, "add-step", lambda: _new_step(state, view), expected, editor),
    )


def _step_box(name: str, index: int, step: briefing.Step, count: int, expected: str, editor: str) -> None:
    """One step as a briefing shows it, in text, with its buttons: up, down, delete, remove a callout."""
    with st.container(border=True):
        st.text(f"Step {index + 1}: {step.title}")
        st.text(step.caption)
        day = f"; up to {step.day}" if step.day else ""
        st.text(f"View: {filters.describe(step.filters)}{day}" + (f"; event {step.event}" if step.event else ""))
        for number, callout in enumerate(step.callouts):
            cited = f" (source: {callout.source})" if callout.source else ""
            st.text(f"Callout {number + 1} on {callout.place or callout.event}: {callout.note}{cited}")
            st.button(
                f"Remove callout {number + 1}",
                key=f"brief_uncall_{index}_{number}",
                on_click=_run,
                args=(name, "delete-callout", lambda n=number: edits.delete_callout(index, n), expected, editor),
            )
        up, down, delete = st.columns(3)
        moves = (("Move up", "up", -1, index == 0), ("Move down", "down", 1, index == count - 1))
        for column, (label, key, by, off) in zip((up, down), moves):
            column.button(
                label,
                key=f"brief_{key}_{index}",
                disabled=off,
                on_click=_run,
                args=(name, "move-step", lambda b=by: edits.move_step(index, b), expected, editor),
            )
        delete.button(
            "Delete this step",
            key=f"brief_delete_{index}",
            disabled=count == 1,
            on_click=_run,
            args=(name, "delete-step", lambda: edits.delete_step(index), expected, editor),
        )


def _load_edit(shown: briefing.Briefing, digest: str) -> None:
    """The edit form's texts from the file, when another step is picked or the file changed."""
    index = min(int(st.session_state.get("brief_edit_index") or 0), len(shown.steps) - 1)
    if st.session_state.get(LOADED) != (shown.name, index, digest):
        st.session_state["brief_edit_index"] = index
        st.session_state["brief_edit_title"] = shown.steps[index].title
        st.session_state["brief_edit_caption"] = shown.steps[index].caption
        st.session_state[LOADED] = (shown.name, index, digest)


def _edit_form(shown: briefing.Briefing, context: briefing.Context, expected: str, editor: str) -> None:
    """A step's title and caption, and a callout added to it (a place named through the gazetteer, or an event)."""
    _load_edit(shown, expected)
    titles = [step.title for step in shown.steps]
    index = st.selectbox(
        "Step to edit", range(len(titles)), key="brief_edit_index", format_func=lambda i: f"{i + 1}. {titles[i]}"
    )
    st.text_input("Title", key="brief_edit_title")
    st.text_area("Caption (plain text)", key="brief_edit_caption")

    def texts() -> edits.Edit:
        typed = {k: str(st.session_state.get(f"brief_edit_{k}", "")) for k in ("title", "caption")}
        return edits.edit_step(index, **typed)

    args = (shown.name, "edit-step", texts, expected, editor)
    st.button("Save the title and caption", key="brief_edit_save", on_click=_run, args=args)
    st.text_input("Callout note", key="brief_note")
    pin = st.radio("Pin it to", ["a place", "an event"], key="brief_pin", horizontal=True)
    if pin == "a place":
        st.text_input("Place (its name or another name in the gazetteer)", key="brief_place")
    else:
        st.selectbox("Event", context.events["event_id_cnty"].astype(str).tolist(), key="brief_pin_event")
    st.selectbox("Source it cites", [NONE, *sorted(context.sources)], key="brief_source")
    places_file = schema.data_files().places
    callout = (shown.name, "add-callout", lambda: _new_callout(index, places_file), expected, editor)
    st.button("Add the callout to this step", key="brief_callout_add", on_click=_run, args=callout)


def _result() -> None:
    done, problems = st.session_state.get(RESULT, ("", []))
    if problems:
        st.error(f"{len(problems)} problem(s): nothing was saved.")
        rows = [{"step": p.row or "", "field": p.column or "(the briefing)", "problem": p.message} for p in problems]
        st.dataframe(pd.DataFrame(rows, columns=["step", "field", "problem"]), hide_index=True, width="stretch")
    elif done:
        st.success("Saved.")
        st.text(done)


def _history(name: str, editor: str) -> None:
    problems: list[Problem] = []
    entries = desk.read_log(desk.log_of(desk.path_of(_folder(), name)), problems)
    for problem in problems:
        st.text(problem.message)
    if entries:
        columns = ["seq", "time", "editor", "action", "undoes"]
        st.dataframe(pd.DataFrame(entries[::-1]).reindex(columns=columns), hide_index=True, width="stretch")
    if desk.undo_target(entries) is not None:
        st.button("Undo the last change to this briefing", key="brief_undo", on_click=_undo, args=(name, editor))


def briefings(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    """Pick or start a briefing; add this view as a step; each step shown, moved, edited or deleted; undo."""
    try:
        context = shown_briefing.context()
    except DataFileError as error:
        st.text(f"Briefings are checked against the dataset folder's events, which cannot be read: {error}")
        return
    name = st.selectbox("Briefing", [*briefing.names(_folder()), NEW], key="brief_name")
    expected = desk.digest_of(_folder(), name) if name != NEW else desk.ABSENT
    _result()
    with st.expander("Add this view as a step", expanded=name == NEW):
        _add_view(name, context, expected, editor)
    if name == NEW:
        return
    shown, problems = briefing.read(desk.path_of(_folder(), name), context)
    if shown is None:
        say("error", f"The briefing {name!r} has {len(problems)} problem(s); fix the file by hand or undo:")
        st.code("\n".join(str(p) for p in problems), language=None)  # a code block shows text as it is
    else:
        st.link_button("Present it", f"./Briefing?{shown_briefing.NAME_PARAM}={name}")  # a stem: URL-safe
        for index, step in enumerate(shown.steps):
            _step_box(name, index, step, len(shown.steps), expected, editor)
        with st.expander("Edit a step: title, caption, callouts"):
            _edit_form(shown, context, expected, editor)
    _history(name, editor)
