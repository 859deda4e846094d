"""The session's data: the curated bundle, an events file or the session's upload, and the work on it that is
cached per dataset or per view (filter choices, filtered rows, map markers, the timeline's counts, the places'
geocoding table)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from eventmap import charts, filters, schema
from eventmap.filters import CHOICE_PARAMS, Filters
from eventmap.geocode.resolver import Resolver, geocoding_table
from eventmap.load import CuratedData, Loaded, combine, load_curated, load_events, load_events_cached
from eventmap.maps import camera, markers, spec
from eventmap.problems import DataFileError, Problem

EVENTS_ENV = schema.EVENTS_ENV
CURATED_TOKEN = "curated:"  # how the curated dataset's token begins
UPLOAD_KEY = "eventmap_upload"  # (file id, name, bytes) of the session's upload: not a widget key, so it stays


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
    def is_curated(self) -> bool:
        """The curated dataset itself (not an upload or an events file)."""
        return self.token.startswith(CURATED_TOKEN)

    @property
    def rows_left_out(self) -> int:
        return max(0, self.rows_read - len(self.events)) if self.rows_read else 0


# Shared, not copied (st.cache_data would unpickle the frames on every run of every session).
@st.cache_resource(show_spinner="Loading the curated dataset…", max_entries=2)
def _curated(stamp: tuple) -> CuratedData:
    return load_curated()


def curated() -> tuple[CuratedData, str]:
    """Cached until any curated file changes on disk."""
    files = (schema.EVENTS_PATH, schema.TALLIES_PATH, schema.PERIODS_PATH, schema.SOURCES_PATH)
    stamp = tuple(p.stat().st_mtime_ns for p in files)
    return _curated(stamp), f"{CURATED_TOKEN}{stamp}"


# Large frames are shared, not copied: st.cache_data would copy a million rows into every rerun. The frames
# are never modified in place (pandas copy-on-write keeps it so), which is what sharing needs.
@st.cache_resource(show_spinner="Reading the events file…", max_entries=4)
def _events_file(path: str, stamp: tuple, shown: str) -> Loaded:
    return load_events_cached(Path(path), shown=shown)


@st.cache_resource(show_spinner="Checking the uploaded file…", max_entries=4)
def _uploaded(file_id: str, name: str, _data: bytes) -> Loaded | list[Problem]:
    """Parsed once for the sessions that share it, from a private temporary file removed as soon as it is read;
    never kept on disk (not in the Parquet cache either)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(_data)
        try:
            return load_events(path, shown=name)
        except DataFileError as error:
            return error.problems


def keep_upload() -> None:
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
            return Dataset(
                loaded.frame, f"uploaded file {name}", base, f"upload:{file_id}", loaded.problems, loaded.rows_read
            )
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
        return Dataset(
            loaded.frame, str(path), base, f"file:{path}:{info.st_mtime_ns}", loaded.problems, loaded.rows_read
        )
    return Dataset(base.events, "curated dataset", base, base_token)


@st.cache_resource(max_entries=4, show_spinner=False)
def _combined(token: str, name: str, _analyst: pd.DataFrame, _curated: pd.DataFrame) -> pd.DataFrame:
    return combine(_analyst, _curated, name)


def with_curated(data: Dataset) -> Dataset:
    """An upload or EVENTMAP_EVENTS file with the curated events beside it (marked in 'dataset')."""
    events = _combined(data.token, data.name, data.events, data.curated.events)
    return Dataset(
        events,
        f"{data.name} + curated events",
        data.curated,
        f"{data.token}+curated",
        data.problems,
        data.rows_read + len(events) - len(data.events),
    )


@st.cache_resource(max_entries=8, show_spinner=False)  # shared, never changed: not a copy per run
def _options(token: str, _frame: pd.DataFrame) -> dict[str, list[str]]:
    return {param: filters.options(_frame, param) for param in CHOICE_PARAMS}


def options(data: Dataset) -> dict[str, list[str]]:
    """The choices of each filter, worked out once per dataset."""
    return _options(data.token, data.events)


def query_key(state: Filters) -> tuple:
    return tuple(sorted((key, tuple(values)) for key, values in filters.to_query(state).items()))


@st.cache_resource(max_entries=8, show_spinner=False)
def _date_range(token: str, _frame: pd.DataFrame):
    return filters.data_range(_frame)


def date_range(data: Dataset):
    """The first and last day of the dataset, worked out once per dataset (the sidebar asks on every run)."""
    return _date_range(data.token, data.events)


@st.cache_resource(max_entries=16, show_spinner=False)
def _mask(token: str, query: tuple, _frame: pd.DataFrame, _state: Filters) -> np.ndarray:
    return filters.mask(_frame, _state)


def kept(data: Dataset, state: Filters) -> np.ndarray:
    """Which rows of the dataset a filter state keeps (a boolean per row), worked out once per view."""
    return _mask(data.token, query_key(state), data.events, state)


@st.cache_resource(max_entries=48, show_spinner=False)
def _rows(
    token: str, query: tuple, columns: tuple[str, ...] | None, _frame: pd.DataFrame, _kept: np.ndarray
) -> pd.DataFrame:
    return filters.rows(_frame, _kept, columns)


def filtered(data: Dataset, state: Filters, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The rows a filter state keeps, of every column or only `columns`, shared by every page and rerun that asks
    for the same view. The map asks for its own columns only (markers.MAP_COLUMNS): a full copy of a million
    rows spends most of its time on their notes (0.02-0.2 s for a theatre's)."""
    return _rows(data.token, query_key(state), columns, data.events, kept(data, state))


def count(data: Dataset, state: Filters) -> int:
    """How many rows a filter state keeps."""
    return int(kept(data, state).sum())


def first_rows(data: Dataset, state: Filters, n: int) -> pd.DataFrame:
    """Every column of the first n rows a filter state keeps: what a table shows, without copying the rest."""
    return data.events.take(np.flatnonzero(kept(data, state))[:n])


def records(data: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The whole records of some filtered rows, which may hold a few columns only (the dataset's index is unique)."""
    return data.events.loc[rows.index]


@st.cache_resource(max_entries=64, show_spinner=False)
def _map_data(
    token: str, query: tuple, day: str, mode: str, _frame: pd.DataFrame, _details: pd.DataFrame
) -> markers.MapData:
    return markers.build_map_data(_frame, details=_details)


def map_data(data: Dataset, state: Filters, view: pd.DataFrame, day: object = None, mode: str = "") -> markers.MapData:
    """Markers for a view (rows of markers.MAP_COLUMNS at least); a rerun with the same filters and day (a click,
    a page switch, another viewer of the same link) reuses them."""
    return _map_data(data.token, query_key(state), str(day), mode, view, data.events)


@st.cache_resource(max_entries=64, show_spinner=False)
def _fitted(token: str, query: tuple, _whole: markers.MapData) -> dict[str, float]:
    return camera.fit_map(_whole)


def fitted_view(data: Dataset, state: Filters) -> dict[str, float]:
    """The view that fits what the filters keep, worked out once per view."""
    return _fitted(data.token, query_key(state), map_data(data, state, filtered(data, state, markers.MAP_COLUMNS)))


@st.cache_resource(max_entries=64, show_spinner=False)
def _deck(token: str, query: tuple, day: str, mode: str, view: tuple, _map: markers.MapData) -> pdk.Deck:
    deck = spec.build_deck(_map, dict(view))
    deck.to_json()  # serialised once here, reused by every run that shows this view
    return deck


def deck(
    data: Dataset, state: Filters, shown: markers.MapData, view: dict[str, float], day: object = None, mode: str = ""
) -> pdk.Deck:
    """The map for a view, built and serialised once and shared by every session that shows it."""
    return _deck(data.token, query_key(state), str(day), mode, tuple(sorted(view.items())), shown)


@st.cache_resource(max_entries=16, show_spinner=False)
def _timeline(token: str, query: tuple, field: str, tallies: pd.DataFrame, _frame: pd.DataFrame):
    return charts.daily_counts(_frame, field), charts.cumulative(_frame, tallies)


def timeline_data(data: Dataset, state: Filters, field: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Timeline's daily counts by `field` and its line of described attacks, worked out once per view."""
    return _timeline(
        data.token, query_key(state), field, data.curated.tallies, filtered(data, state, charts.TIMELINE_COLUMNS)
    )


@st.cache_resource(max_entries=8, show_spinner="Resolving the places of this view…")
def _geocoding(
    token: str, query: tuple, answers: tuple, _frame: pd.DataFrame, _chain: Resolver
) -> tuple[pd.DataFrame, str]:
    table = geocoding_table(_frame, _chain)
    return table, _chain.warning


def geocoding(data: Dataset, state: Filters, chain: Resolver) -> tuple[pd.DataFrame, str]:
    """The Sources page's table of the view's places as the resolver answers them, and any warning it gave:
    worked out once per view (a million rows have thousands of places: 1.4 s) while the resolver's answers
    cannot have changed (Resolver.answers_key: an online lookup or the geocode command writes to its cache)."""
    return _geocoding(data.token, query_key(state), chain.answers_key(), filtered(data, state), chain)
