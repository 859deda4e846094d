"""The session's dataset: the curated bundle, an events file or the session's upload, and the work on it that is
cached per dataset (filter choices, the first and last day). Work per view is the View's (ui/view.py)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from eventmap import filters, schema
from eventmap.files import version
from eventmap.filters import CHOICE_PARAMS
from eventmap.load import CuratedData, Loaded, combine, load_curated, load_events, load_events_cached
from eventmap.maps.picture import file_titles
from eventmap.problems import DataFileError, Problem

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
    file_name: str = ""  # the analyst's file's name (an upload's, or EVENTMAP_EVENTS's); "" for the curated data

    @property
    def is_curated(self) -> bool:
        """The curated dataset itself (not an upload or an events file)."""
        return self.token.startswith(CURATED_TOKEN)

    @property
    def rows_left_out(self) -> int:
        return max(0, self.rows_read - len(self.events)) if self.rows_read else 0


# Shared, not copied (st.cache_data would unpickle the frames on every run of every session).
@st.cache_resource(show_spinner="Loading the curated dataset…", max_entries=2)
def _curated(folder: Path, stamp: tuple) -> CuratedData:
    return load_curated(folder)


def curated() -> tuple[CuratedData, str]:
    """The dataset folder's curated files (schema.data_files), cached until any of them changes on disk.

    Checked by a stat per file on every run, so a save by the editor process is seen by every viewer replica's
    next run: the desk replaces a file (files.py), which gives it a new inode even when the write lands in the
    same mtime tick, so the inode and size are in the stamp with the mtime."""
    files = schema.data_files()
    stamp = tuple(version(p) for p in (files.events, files.tallies, files.periods, files.sources))
    return _curated(files.folder, stamp), f"{CURATED_TOKEN}{files.folder}:{stamp}"


# Large frames are shared, not copied: st.cache_data would copy a million rows into every rerun. The frames
# are never modified in place (pandas copy-on-write keeps it so), which is what sharing needs.
@st.cache_resource(show_spinner="Reading the events file…", max_entries=4)
def _events_file(path: str, stamp: tuple) -> Loaded:
    return load_events_cached(Path(path), shown=path)


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


def _events_file_in_use() -> Path | None:
    """$EVENTMAP_EVENTS, unless it names the dataset folder's own events file."""
    if not os.environ.get(schema.EVENTS_ENV, "").strip():
        return None
    path = schema.events_path()
    return None if path.resolve() == schema.data_files().events.resolve() else path


def dataset() -> Dataset:
    """The session's events: an upload if there is one, else EVENTMAP_EVENTS, else the curated file."""
    base, base_token = curated()
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        file_id, name, body = upload
        loaded = _uploaded(file_id, name, body)
        if isinstance(loaded, Loaded) and len(loaded.frame):
            return Dataset(
                loaded.frame,
                f"uploaded file {name}",
                base,
                f"upload:{file_id}",
                loaded.problems,
                loaded.rows_read,
                name,
            )
        problems = loaded if isinstance(loaded, list) else loaded.problems
        return Dataset(base.events, "curated dataset (the upload had no usable rows)", base, base_token, problems)
    path = _events_file_in_use()
    if path is not None:
        try:
            info = path.stat()
            loaded = _events_file(str(path), (info.st_mtime_ns, info.st_size))
        except (DataFileError, OSError) as error:
            problems = getattr(error, "problems", None) or [Problem(str(path), None, "", f"cannot be read: {error}")]
            return Dataset(
                base.events, f"curated dataset ({schema.EVENTS_ENV} could not be read)", base, base_token, problems
            )
        return Dataset(
            loaded.frame,
            str(path),
            base,
            f"file:{path}:{info.st_mtime_ns}",
            loaded.problems,
            loaded.rows_read,
            path.name,
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
        data.file_name,
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def _titles(token: str, file_name: str, _frame: pd.DataFrame) -> tuple[str, str]:
    return file_titles(_frame, file_name)


def titles(data: Dataset, briefing: str) -> tuple[str, str]:
    """The heading and subtitle of a page that titles the data: the briefing's for the curated data, else the
    analyst's file's own (its name, countries and period)."""
    if data.is_curated:
        return briefing, ""
    return _titles(data.token, data.file_name, data.events)


@st.cache_resource(max_entries=8, show_spinner=False)  # shared, never changed: not a copy per run
def _options(token: str, _frame: pd.DataFrame) -> dict[str, list[str]]:
    return {param: filters.options(_frame, param) for param in CHOICE_PARAMS}


def options(data: Dataset) -> dict[str, list[str]]:
    """The choices of each filter, worked out once per dataset."""
    return _options(data.token, data.events)


@st.cache_resource(max_entries=8, show_spinner=False)
def _date_range(token: str, _frame: pd.DataFrame):
    return filters.data_range(_frame)


def date_range(data: Dataset):
    """The first and last day of the dataset, worked out once per dataset (the sidebar asks on every run)."""
    return _date_range(data.token, data.events)
