"""Streamlit glue shared by every page: the dataset, the sidebar filters and the URL. Pages stay layout only."""

from __future__ import annotations

import html
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from eventmap import export, filters, mapview, playback, schema
from eventmap.filters import CHOICE_PARAMS, Filters
from eventmap.geocode.cache import CacheError
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError
from eventmap.geocode.resolver import Resolver, build_resolver, geocoding_table
from eventmap.acled import fatalities_text
from eventmap.load import CuratedData, Loaded, combine, load_curated, load_events, load_events_cached
from eventmap.problems import DataFileError, Problem
from eventmap.untrusted import escape_markdown

EVENTS_ENV = "EVENTMAP_EVENTS"
STATE_KEY = "eventmap_filters"
PENDING_KEY = "eventmap_pending_filters"
PAGE_KEY = "eventmap_filters_page"  # the page whose widgets hold the filters
UPLOAD_KEY = "eventmap_upload"  # (file id, name, bytes) of the session's upload: not a widget key, so it stays
TOKEN_KEY, PRESET_NOTICE_KEY = "eventmap_dataset_token", "eventmap_preset_notice"
CUSTOM = "Custom range"
DETAIL_ROWS = 20  # full records shown under the map for one clicked marker
TABLE_ROWS = 10_000  # rows drawn in a table; downloads always hold every filtered row


@dataclass
class Dataset:
    """The events a session explores, with the curated context tables and anything said about loading them.

    `token` names this exact content: caches of work on the frame key on it, never on the frame itself
    (hashing a million rows on every rerun would cost more than the work it saves).
    """

    events: pd.DataFrame
    name: str
    curated: CuratedData
    token: str
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0

    @property
    def rows_left_out(self) -> int:
        return max(0, self.rows_read - len(self.events)) if self.rows_read else 0


@st.cache_data(show_spinner="Loading the curated dataset…")
def _curated(stamp: tuple) -> CuratedData:
    return load_curated()


def curated() -> tuple[CuratedData, str]:
    """Cached until any curated file changes on disk."""
    files = (schema.EVENTS_PATH, schema.TALLIES_PATH, schema.PERIODS_PATH, schema.SOURCES_PATH)
    stamp = tuple(p.stat().st_mtime_ns for p in files)
    return _curated(stamp), f"curated:{stamp}"


# Large frames are shared, not copied: st.cache_data would copy a million rows into every rerun. The frames
# are never modified in place (pandas copy-on-write keeps it so), which is what sharing needs.
@st.cache_resource(show_spinner="Reading the events file…", max_entries=4)
def _events_file(path: str, stamp: tuple, shown: str) -> Loaded:
    return load_events_cached(Path(path), shown=shown)


@st.cache_resource(show_spinner="Checking the uploaded file…", max_entries=4)
def _uploaded(file_id: str, name: str, _data: bytes) -> Loaded | list[Problem]:
    """Read in memory for the sessions that share it, never kept on disk (not in the Parquet cache either)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(_data)
        try:
            return load_events(path, shown=name)
        except DataFileError as error:
            return error.problems


def _keep_upload() -> None:
    """on_change of the uploader: Streamlit forgets a widget's value on a page that does not draw it."""
    upload = st.session_state.get("upload")
    st.session_state[UPLOAD_KEY] = None if upload is None else (upload.file_id, upload.name, upload.getvalue())


def dataset() -> Dataset:
    """The session's events: an upload if there is one, else EVENTMAP_EVENTS, else the curated file."""
    base, base_token = curated()
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        file_id, name, body = upload
        loaded = _uploaded(file_id, name, body)
        if isinstance(loaded, Loaded) and len(loaded.frame):
            return Dataset(loaded.frame, f"uploaded file {name}", base, f"upload:{file_id}", loaded.problems,
                           loaded.rows_read)
        problems = loaded if isinstance(loaded, list) else loaded.problems
        return Dataset(base.events, "curated dataset (the upload had no usable rows)", base, base_token, problems)
    path = schema.events_path()
    if path != schema.EVENTS_PATH:
        try:
            info = path.stat()
            loaded = _events_file(str(path), (info.st_mtime_ns, info.st_size), str(path))
        except (DataFileError, OSError) as error:
            problems = getattr(error, "problems", None) or [Problem(str(path), None, "", f"cannot be read: {error}")]
            return Dataset(base.events, f"curated dataset ({EVENTS_ENV} could not be read)", base, base_token, problems)
        return Dataset(loaded.frame, str(path), base, f"file:{path}:{info.st_mtime_ns}", loaded.problems,
                       loaded.rows_read)
    return Dataset(base.events, "curated dataset", base, base_token)


@st.cache_resource(max_entries=4, show_spinner=False)
def _combined(token: str, name: str, _analyst: pd.DataFrame, _curated: pd.DataFrame) -> pd.DataFrame:
    return combine(_analyst, _curated, name)


def with_curated(data: Dataset) -> Dataset:
    """An upload or EVENTMAP_EVENTS file with the curated events beside it (marked in 'dataset'), if the box is ticked."""
    if data.token.startswith("curated:") or not st.sidebar.checkbox("Add the curated events", key="add_curated"):
        return data
    events = _combined(data.token, data.name, data.events, data.curated.events)
    return Dataset(events, f"{data.name} + curated events", data.curated, f"{data.token}+curated", data.problems,
                   data.rows_read + len(events) - len(data.events))


@st.cache_data(max_entries=8, show_spinner=False)
def _options(token: str, _frame: pd.DataFrame) -> dict[str, list[str]]:
    return {param: filters.options(_frame, param) for param in CHOICE_PARAMS}


def options(data: Dataset) -> dict[str, list[str]]:
    """The choices of each filter, worked out once per dataset."""
    return _options(data.token, data.events)


def _query_key(state: Filters) -> tuple:
    return tuple(sorted((key, tuple(values)) for key, values in filters.to_query(state).items()))


@st.cache_resource(max_entries=16, show_spinner=False)
def _filtered(token: str, query: tuple, _frame: pd.DataFrame, _state: Filters) -> pd.DataFrame:
    return filters.apply(_frame, _state)


def filtered(data: Dataset, state: Filters) -> pd.DataFrame:
    """The rows a filter state keeps, shared by every page and rerun that asks for the same view."""
    return _filtered(data.token, _query_key(state), data.events, state)


@st.cache_data(max_entries=64, show_spinner=False)
def _map_data(token: str, query: tuple, day: str, mode: str, _frame: pd.DataFrame) -> mapview.MapData:
    return mapview.build_map_data(_frame)


def map_data(data: Dataset, state: Filters, view: pd.DataFrame, day: object = None, mode: str = "") -> mapview.MapData:
    """Markers for a view; a rerun with the same filters and day (a click, a page switch) reuses them."""
    return _map_data(data.token, _query_key(state), str(day), mode, view)


def show_table(frame: pd.DataFrame, **options) -> None:
    """st.dataframe with dates shown as dates and the loader's bookkeeping columns left out."""
    shown = frame.drop(columns=[c for c in ("row_number",) if c in frame.columns])
    dates = {name: st.column_config.DateColumn(format="YYYY-MM-DD")
             for name in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[name])}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=dates, **options)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.as_dict() for p in problems], columns=["file", "row", "column", "message"])


# --- filters <-> widgets <-> URL -------------------------------------------------------------------------------

def _widget_key(param: str) -> str:
    return f"filter_{param}"


def _store(state: Filters, data: Dataset) -> None:
    """Put a filter state into the widgets (before they are drawn) and into the session."""
    first, last = filters.data_range(data.events)
    start, end = state.start or first, state.end or last
    st.session_state[_widget_key("dates")] = (max(min(start, last), first), min(max(end, first), last))
    for param in CHOICE_PARAMS:
        st.session_state[_widget_key(param)] = list(state.chosen(param))
    st.session_state[_widget_key("q")] = state.text
    st.session_state[STATE_KEY] = state


def _from_widgets(data: Dataset) -> Filters:
    first, last = filters.data_range(data.events)
    dates = tuple(st.session_state.get(_widget_key("dates")) or ())
    start = dates[0] if len(dates) >= 1 else None
    end = dates[1] if len(dates) >= 2 else start
    if (start, end) == (first, last):  # the whole period: no date filter, so the link follows the data
        start = end = None
    choices = {p: tuple(st.session_state.get(_widget_key(p)) or ()) for p in CHOICE_PARAMS}
    return Filters(start, end, {p: v for p, v in choices.items() if v}, st.session_state.get(_widget_key("q"), "").strip())


def _apply_preset(data: Dataset) -> None:
    name = st.session_state[_widget_key("preset")]
    if name != CUSTOM:
        st.session_state[_widget_key("dates")], st.session_state[PRESET_NOTICE_KEY] = filters.preset_dates(
            name, data.events, data.curated.periods)


def sidebar(data: Dataset, page: str = "") -> Filters:
    """Draw the filters; the first run of a session takes them from the URL, and every run writes them back."""
    notices: list[str] = []
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending is not None:
        _store(pending, data)
    elif STATE_KEY not in st.session_state:  # the session's first run: the link's filters
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        state, notices = filters.from_query(query, data.events)
        _store(state, data)
    elif st.session_state.get(TOKEN_KEY) != data.token:  # new data: the old filters would cut it silently
        _store(Filters(), data)
        notices.append(f"New data ({data.name}): the filters were reset to show all of it.")
    elif _widget_key("dates") not in st.session_state or st.session_state.get(PAGE_KEY) != page:
        _store(st.session_state[STATE_KEY], data)  # a page switch: st.navigation gives each page its own widgets
    st.session_state[PAGE_KEY] = page
    st.session_state[TOKEN_KEY] = data.token
    if notice := st.session_state.pop(PRESET_NOTICE_KEY, None):
        notices.append(notice)

    first, last = filters.data_range(data.events)
    choices = options(data)
    with st.sidebar:
        st.header("Filters")
        st.selectbox("Date preset", (CUSTOM, *filters.PRESETS), key=_widget_key("preset"), on_change=_apply_preset,
                     args=(data,))
        st.date_input("Dates", min_value=first, max_value=last, key=_widget_key("dates"), format="YYYY-MM-DD")
        for choice in schema.CHOICE_FILTERS:
            st.multiselect(choice.label, choices[choice.key], key=_widget_key(choice.key))
        st.text_input("Search notes, places and quotes", key=_widget_key("q"), max_chars=filters.MAX_TEXT)
        st.divider()
        st.file_uploader("Bring your own data (ACLED export or our CSV format)", type=["csv"], key="upload",
                         on_change=_keep_upload)
        if st.session_state.get(UPLOAD_KEY) is not None:
            say("caption", f"In use for this session: {st.session_state[UPLOAD_KEY][1]}")
            st.button("Back to the curated data", key="drop_upload", on_click=st.session_state.update,
                      kwargs={UPLOAD_KEY: None})
    state = _from_widgets(data)
    st.session_state[STATE_KEY] = state
    st.query_params.from_dict(filters.to_query(state))
    for notice in notices:
        say("warning", notice, icon="⚠️")
    return state


def page_header(title: str, heading: str | None = None) -> tuple[Dataset, Filters, pd.DataFrame]:
    """What every page starts with: config, title, data, sidebar filters, load problems, and the filtered rows."""
    st.set_page_config(page_title=f"{title} · Conflict event map", page_icon="🗺️", layout="wide")
    st.title(heading or title)
    data = with_curated(dataset())
    state = sidebar(data, title)
    if data.problems:
        with st.expander(f"⚠️ {len(data.problems)} problem(s) in the data: {data.rows_left_out} row(s) left out",
                         expanded=True):
            st.dataframe(problems_table(data.problems), hide_index=True, width="stretch")
    shown = filtered(data, state)
    say("caption", f"Data: {data.name} · showing {len(shown):,} of {len(data.events):,} events · {filters.describe(state)}")
    return data, state, shown


def download(frame: pd.DataFrame, state: Filters, kind: str, key: str) -> None:
    """A download button for one export format; the file is written when the user clicks, not on every rerun
    (a million rows take seconds)."""
    form = export.FORMATS[kind]
    st.download_button(f"Download these {len(frame):,} rows {form.label}", lambda: form.write(frame),
                       file_name=export.file_stem(frame, state) + form.suffix, mime=form.mime, key=key)


def legend(categories: list[str]) -> None:
    """Colour swatches for the categories on screen; names come from schema, escaped all the same."""
    items = []
    for name in categories:
        items.append(f"<span style='display:inline-block;width:12px;height:12px;border-radius:6px;"
                     f"background:{schema.css(schema.colour_of(name))};margin:0 4px 0 12px'></span>{html.escape(name)}")
    items.append(f"<span style='display:inline-block;width:14px;height:14px;border-radius:7px;"
                 f"border:1px solid {schema.css(schema.PALETTE['area outline'])};"
                 f"background:{schema.css(schema.PALETTE['fallback'], 0.25)};margin:0 4px 0 12px'></span>"
                 "approximate place (area)")
    st.markdown("".join(items), unsafe_allow_html=True)


def event_details(frame: pd.DataFrame) -> None:
    """The full record of each event, with the verbatim quote and any disagreement between sources."""
    for record in frame.to_dict("records"):
        date = record["event_date"].date().isoformat() if pd.notna(record["event_date"]) else "no date"
        with st.container(border=True):
            heading = [escape_markdown(record[name]) for name in ("event_id_cnty", "sub_event_type", "location")]
            st.markdown(f"**{heading[0]} · {date} · {heading[1]}** — {heading[2] or 'no place reported'}")
            st.text(f"Date: {schema.TIME_PRECISION_WORDS.get(_int(record['time_precision']), 'unknown precision')}; "
                    f"place: {schema.GEO_PRECISION_WORDS.get(_int(record['geo_precision']), 'not placed')}; "
                    f"fatalities: {fatalities_text(record)}")
            if record.get("source_quote"):
                for quote in str(record["source_quote"]).split(schema.QUOTE_SEPARATOR):
                    st.text(f"“{quote.strip()}”")
            if record.get("source_conflict"):
                alt = record.get("alt_event_date")
                also = f" (other reading: {alt.date().isoformat()})" if pd.notna(alt) else ""
                say("warning", f"Sources disagree{also}: {record['source_conflict']}", icon="⚖️")
            st.dataframe(pd.DataFrame({"field": list(record), "value": [str(v) for v in record.values()]}),
                         hide_index=True, width="stretch")


def _int(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def say(kind: str, text: object, icon: str | None = None) -> None:
    """The one way untrusted text (data, URL, file names, problem messages) reaches a markdown element."""
    getattr(st, kind)(escape_markdown(text), **({} if kind in ("caption", "markdown") else {"icon": icon}))


def set_dates(state: Filters, start, end) -> None:
    """Change the date filter from a page (e.g. a chart selection): applied on the rerun, before the widgets."""
    new = Filters(start, end, state.choices, state.text)
    if new != state:
        st.session_state[PENDING_KEY] = new
        st.rerun()


@st.cache_resource(show_spinner=False)
def resolver() -> Resolver:
    """One resolver (gazetteer, sqlite cache, Nominatim if turned on) shared by all sessions; thread-safe."""
    return build_resolver()


def geocoding_status(frame: pd.DataFrame) -> None:
    """Each place in the view: how it resolves now, and how far that is from the coordinates in the data."""
    try:
        chain = resolver()
    except (OnlineConfigError, CacheError) as error:
        say("error", f"Geocoding is not available: {error}")
        return
    table = geocoding_table(frame, chain)
    if chain.warning:  # the cache may fail while answering: said as soon as it does
        say("warning", chain.warning, icon="⚠️")
    st.dataframe(table, hide_index=True, width="stretch")
    if chain.online is not None:
        st.caption(f"Places not in the gazetteer are looked up online. {ATTRIBUTION}")
    else:
        st.caption("Geocoding is offline: the curated gazetteer (data/places.csv) and the local cache. "
                   "Set EVENTMAP_ONLINE_GEOCODING=1 and EVENTMAP_NOMINATIM_USER_AGENT to use Nominatim.")


# --- timeline playback: the state lives in eventmap.playback; the session only stores it ---------------------

PLAYING_KEY, DAY_KEY, SCRIPT_RUN_KEY = "playing", "playback_day", "_script_run"


@dataclass(frozen=True)
class PlaybackControls:
    """What the controls chose: the days to play, the mode (None: playback off) and the timer interval."""

    days: list
    mode: str | None
    run_every: float | None


def _playback_state() -> playback.Playback:
    return playback.Playback(st.session_state.get(DAY_KEY), bool(st.session_state.get(PLAYING_KEY, False)))


def _keep_playback(state: playback.Playback) -> None:
    st.session_state[PLAYING_KEY] = state.playing
    if state.day is not None:
        st.session_state[DAY_KEY] = state.day


def _toggle_playback(days: list) -> None:
    _keep_playback(_playback_state().toggled(days))


def playback_controls(shown: pd.DataFrame) -> PlaybackControls:
    """The playback row above the map (a toggle; mode, speed and Play once it is on); a full run of the page."""
    st.session_state[SCRIPT_RUN_KEY] = True  # a timer rerun of the map fragment alone finds no mark
    columns = st.columns([1.2, 1.4, 1.6, 1.2])
    on = columns[0].toggle("Timeline playback", key="playback")
    days = filters.days(shown) if on and len(shown) else []
    state = _playback_state().settled(days)
    _keep_playback(state)
    if not days:
        return PlaybackControls([], None, None)
    mode = columns[1].radio("Show", filters.PLAYBACK_MODES, key="playback_mode", horizontal=True)
    speed = columns[2].select_slider("Speed", list(playback.SPEEDS), value=playback.DEFAULT_SPEED,
                                     key="playback_speed")
    columns[3].button("⏸ Pause" if state.playing else "▶ Play", key="play_button", on_click=_toggle_playback,
                      args=(days,))
    return PlaybackControls(days, mode, playback.interval_s(state, speed))


def playback_view(controls: PlaybackControls, shown: pd.DataFrame) -> tuple[pd.DataFrame, object]:
    """Inside the map fragment: step the day on a timer rerun, draw the day slider; the rows and day shown."""
    if controls.mode is None:
        return shown, None
    if not st.session_state.pop(SCRIPT_RUN_KEY, False):
        _keep_playback(_playback_state().ticked(controls.days))
    day = st.select_slider("Day", controls.days, key=DAY_KEY, format_func=lambda d: d.strftime("%a %d %b %Y"))
    view = filters.playback_frame(shown, day, controls.mode)
    which = "on this day" if controls.mode == filters.PLAYBACK_MODES[0] else "up to this day"
    st.markdown(f"**{day:%A %d %B %Y}** — {len(view):,} event(s) {which}")
    today = filters.playback_frame(shown, day, filters.PLAYBACK_MODES[0])
    if len(today):
        show_table(today[["event_id_cnty", "category", "location", "notes"]].head(DETAIL_ROWS))
    return view, day
