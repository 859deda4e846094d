"""The Briefing page's glue: which briefing and step the URL names, the step's map, and the buttons that move the
step in the URL (so a room follows one link). What a briefing is lives in eventmap/briefing.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from eventmap import briefing, schema
from eventmap.files import version
from eventmap.filters import PLAYBACK_MODES, PlaybackDay, to_query
from eventmap.maps import camera
from eventmap.problems import DataFileError
from eventmap.ui.data import dataset
from eventmap.ui.view import View
from eventmap.ui.widgets import escape_markdown, event_details, say

NAME_PARAM, STEP_PARAM = "name", "step"
FLIGHT_MS = 1200  # the camera's flight from one step's view to the next: long enough to follow, short to wait
PROJECTOR_KEY = "briefing_projector"  # the projector theme's toggle: on unless a user turns it off


@st.cache_resource(max_entries=8, show_spinner=False)
def _context(folder: Path, stamps: tuple) -> briefing.Context:
    return briefing.load_context(folder)


@st.cache_resource(max_entries=32, show_spinner=False)
def _read(path: Path, stamp: tuple, _context: briefing.Context, context_stamps: tuple):
    return briefing.read(path, _context)


def _stamps() -> tuple:
    files = schema.data_files()
    return tuple(version(p) for p in (files.events, files.places, files.sources))


def context() -> briefing.Context:
    """What the dataset folder's briefings are checked against, read again when a file changes. Raises
    DataFileError when the events cannot be read."""
    return _context(schema.data_files().folder, _stamps())


def chosen() -> tuple[briefing.Briefing, int] | None:
    """The briefing and step (from 0) the URL names; None once what is wrong was said on the page."""
    folder = schema.data_files().folder
    found = briefing.names(briefing.folder_of(folder))
    name = st.query_params.get(NAME_PARAM, "")
    if name not in found:
        if name:
            say("warning", f"No briefing named {name[:80]!r}.", icon="⚠️")
        say("markdown", "Briefings: " + (", ".join(found) or "none yet (data/briefings/)"))
        for other in found:
            st.link_button(other, f"./Briefing?{NAME_PARAM}={other}")  # names are files' stems, a URL-safe link
        return None
    stamps = _stamps()
    try:
        context = _context(folder, stamps)
    except DataFileError as error:
        for problem in error.problems:
            say("error", problem, icon="🚫")
        return None
    path = briefing.folder_of(folder) / f"{name}{briefing.SUFFIX}"
    shown, problems = _read(path, version(path), context, stamps)
    if shown is None:
        say("error", f"The briefing {name!r} cannot be shown: {len(problems)} problem(s).", icon="🚫")
        st.code("\n".join(str(p) for p in problems), language=None)  # a code block shows text as it is
        return None
    return shown, _step_index(len(shown.steps))


def _step_index(count: int) -> int:
    raw = st.query_params.get(STEP_PARAM, "1")
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if not 1 <= number <= count:
        say("warning", f"No step {raw[:20]!r}: this briefing has steps 1 to {count}; showing step 1.", icon="⚠️")
        number = 1
    return number - 1


def _go(number: int) -> None:
    st.query_params[STEP_PARAM] = str(number)


def step_buttons(index: int, count: int) -> None:
    """First, Previous, the step counter, Next and Last, on the keyboard too (Home, left and right arrows, End):
    each moves the step in the URL."""
    first, back, counter, forward, last = st.columns([1, 1, 2, 1, 1])
    at_start, at_end = index == 0, index >= count - 1
    first.button("First", key="briefing_first", disabled=at_start, on_click=_go, args=(1,), shortcut="Home")
    back.button("← Previous", key="briefing_previous", disabled=at_start, on_click=_go, args=(index,), shortcut="Left")
    with counter.container(key=COUNTER_KEY):
        st.markdown(f"**Step {index + 1} of {count}**")
    forward.button("Next →", key="briefing_next", disabled=at_end, on_click=_go, args=(index + 2,), shortcut="Right")
    last.button("Last", key="briefing_last", disabled=at_end, on_click=_go, args=(count,), shortcut="End")
    # Space advances like the right arrow: a button takes one shortcut, so a second Next, kept out of sight by the
    # page's CSS (projector_css), holds it. Both set the same step, so a Space that also presses a focused Next
    # moves one step.
    with st.container(key=SPACE_KEY):
        st.button("Next", key="briefing_next_space", disabled=at_end, on_click=_go, args=(index + 2,), shortcut="Space")


SPACE_KEY = "briefing_space"


def projector() -> bool:
    """Whether the page is in the projector theme (dark, high contrast, large type): on unless turned off."""
    return bool(st.session_state.get(PROJECTOR_KEY, True))


def projector_css(dark: bool) -> str:
    """The Briefing page's own CSS: Streamlit's theme is the whole app's, so the projector theme is a style
    element of this page only (it goes with the page's other elements). Built from schema.PROJECTOR alone."""
    hidden = f".st-key-{SPACE_KEY} {{display: none;}}"
    if not dark:
        return hidden
    colour = {key: schema.css(rgb) for key, rgb in schema.PROJECTOR.items()}
    return f"""{hidden}
[data-testid="stApp"], [data-testid="stHeader"], [data-testid="stSidebar"] {{
  background: {colour["background"]}; color: {colour["text"]};
}}
[data-testid="stApp"] h1, [data-testid="stApp"] h2, [data-testid="stApp"] h3, [data-testid="stApp"] p,
[data-testid="stApp"] label, [data-testid="stSidebar"] span {{ color: {colour["text"]}; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: {colour["muted text"]}; }}
[data-testid="stApp"] button, [data-testid="stApp"] a[data-testid="stBaseLinkButton-secondary"] {{
  background: {colour["button"]}; color: {colour["text"]}; border-color: {colour["muted text"]};
}}
.st-key-{CAPTION_KEY} h3 {{ font-size: 2.4rem; line-height: 1.3; font-weight: 500; }}
.st-key-{COUNTER_KEY} p {{ font-size: 1.5rem; }}
"""


CAPTION_KEY, COUNTER_KEY = "briefing_caption", "briefing_counter"


def theme() -> bool:
    """The page's style, and whether its map is dark: the projector theme unless the toggle is off."""
    dark = projector()
    st.html(f"<style>{projector_css(dark)}</style>")
    return dark


def theme_toggle() -> None:
    st.toggle("Projector theme (dark, large type)", value=True, key=PROJECTOR_KEY)


def leave_link(step: briefing.Step, view_camera: dict) -> str:
    """The full map at this step's view: its filters (up to its playback day) and its camera (?at=), relative."""
    query = {**to_query(briefing.up_to_day(step)), camera.CAMERA_PARAM: [camera.camera_text(view_camera)]}
    return "./?" + urlencode(query, doseq=True)


def step_view(step: briefing.Step) -> tuple[View, dict, PlaybackDay | None, tuple, tuple]:
    """The step's View (the dataset in use, the step's filters), its camera, its playback day, its callouts' notes
    where they are pinned (note, latitude, longitude) and its arrows and circles (briefing.shapes)."""
    view = View(dataset(), step.filters)
    day = PlaybackDay(step.day, PLAYBACK_MODES[1]) if step.day else None
    fitted = dict(step.camera) if step.camera else view.camera()
    context = _context(schema.data_files().folder, _stamps())
    pins, shapes = tuple(briefing.pins(step, context)), tuple(briefing.shapes(step, context))
    return view, camera.camera(fitted, (step.filters, step.camera)), day, pins, shapes


def heading(shown: briefing.Briefing, step: briefing.Step) -> None:
    say("caption", shown.title)
    st.header(escape_markdown(step.title), anchor=False)


def caption(step: briefing.Step) -> None:
    """The caption in large type, as text (escaped: a caption is data)."""
    with st.container(key=CAPTION_KEY):
        st.subheader(escape_markdown(step.caption), anchor=False)


def callouts(step: briefing.Step) -> None:
    """Each callout's note, what it is pinned to (a place or an event, an arrow's two places, a circle's radius and
    centre) and its source, as text."""
    for callout in step.callouts:
        pinned = callout.place or callout.event
        if callout.kind == "arrow":
            pinned = f"{callout.origin} → {callout.to}"
        elif callout.kind == "circle":
            pinned = f"{callout.radius_km:g} km round {pinned}"
        cited = f" (source: {callout.source})" if callout.source else ""
        say("caption", f"📍 {pinned}: {callout.note or '(no note)'}{cited}")


def step_event(view: View, step: briefing.Step) -> None:
    """The full record of the event the step is about, if it names one and the dataset in use holds it."""
    if not step.event:
        return
    events = view.data.events
    records = events[events["event_id_cnty"].astype(str) == step.event]
    if len(records):
        st.subheader("The event", anchor=False)
        event_details(records.head(1))
