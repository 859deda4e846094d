"""A briefing: a named, ordered list of steps, each a view of the map with a title, a caption and callouts.

One JSON file per briefing under the dataset folder's briefings/ (data/README.md, 'Briefings'). Reading one never
raises: a file is either a Briefing or a list of located problems, PATH:STEP: field: message (STEP counts from 1;
none for the file as a whole). Each step's filters are the URL's query keys (eventmap.filters), so a step is also a
link to the full map.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from eventmap import filters
from eventmap.callouts import CALLOUT_KEYS, Callout, parse_callouts, pins, shapes
from eventmap.filters import Filters
from eventmap.problems import Problem, show_value

__all__ = ["CALLOUT_KEYS", "Briefing", "Callout", "Context", "Step", "pins", "read", "shapes"]

SUFFIX = ".json"
BRIEFING_KEYS = ("title", "steps")
STEP_KEYS = ("title", "caption", "filters", "camera", "day", "event", "callouts")
CAMERA_KEYS = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0), "zoom": (0.0, 20.0)}
MAX_TEXT = 2000  # characters of a title, caption or note


@dataclass(frozen=True)
class Step:
    title: str
    caption: str
    filters: Filters
    camera: tuple[tuple[str, float], ...] = ()  # sorted (key, value) pairs; () fits the map to the step's events
    day: dt.date | None = None  # the playback day shown (every event up to it); None: the whole view
    event: str = ""
    callouts: tuple[Callout, ...] = ()

    def link(self) -> str:
        """The full map at this step's view: a relative URL of the filters' query keys."""
        query = urlencode(filters.to_query(self.filters), doseq=True)
        return f"./?{query}" if query else "./"

    def sources(self) -> list[str]:
        return list(dict.fromkeys(c.source for c in self.callouts if c.source))


@dataclass(frozen=True)
class Briefing:
    name: str
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Context:
    """What a briefing may refer to: the events its filters narrow, the gazetteer's places and the sources."""

    events: pd.DataFrame
    places: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()


class _Step:
    """The problems of one step, each located at PATH:STEP."""

    def __init__(self, path: str, number: int | None, problems: list[Problem]):
        self.path, self.number, self.problems = path, number, problems

    def add(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.number, name, message))

    def text(self, raw: Mapping, name: str, required: bool = False) -> str:
        value = raw.get(name, "")
        if not isinstance(value, str):
            self.add(name, f"must be text, not {type(value).__name__}")
            return ""
        if required and not value.strip():
            self.add(name, "is required")
        if len(value) > MAX_TEXT:
            self.add(name, f"has {len(value):,} characters; at most {MAX_TEXT:,}")
        return value

    def unknown_keys(self, raw: Mapping, known: tuple[str, ...], where: str = "") -> None:
        for key in raw:
            if key not in known:
                self.add(f"{where}{show_value(key)}", f"unknown key (known: {', '.join(known)})")


def read(path: Path, context: Context) -> tuple[Briefing | None, list[Problem]]:
    """The briefing in a file, or None with what is wrong with it; never an exception."""
    shown = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(shown, None, "", f"cannot read: {getattr(error, 'strerror', None) or error}")]
    except (ValueError, RecursionError) as error:
        return None, [Problem(shown, None, "", f"not JSON: {str(error)[:200]}")]
    return parse(raw, path.stem, shown, context)


def parse(raw: object, name: str, shown: str, context: Context) -> tuple[Briefing | None, list[Problem]]:
    """A briefing from parsed JSON, or None with its problems."""
    problems: list[Problem] = []
    top = _Step(shown, None, problems)
    if not isinstance(raw, dict):
        top.add("", f"a briefing is a JSON object with {', '.join(BRIEFING_KEYS)}, not {type(raw).__name__}")
        return None, problems
    top.unknown_keys(raw, BRIEFING_KEYS)
    title = top.text(raw, "title", required=True)
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        top.add("steps", "must be a non-empty list of steps")
        return None, problems
    known_ids = set(context.events["event_id_cnty"].astype(str)) if "event_id_cnty" in context.events else set()
    steps = [
        _step(item, _Step(shown, number, problems), context, known_ids) for number, item in enumerate(raw_steps, 1)
    ]
    if problems:
        return None, problems
    return Briefing(name, title, tuple(s for s in steps if s is not None)), []


def _step(raw: object, at: _Step, context: Context, known_ids: set[str]) -> Step | None:
    if not isinstance(raw, dict):
        at.add("", f"a step is a JSON object, not {type(raw).__name__}")
        return None
    at.unknown_keys(raw, STEP_KEYS)
    title, caption = at.text(raw, "title", required=True), at.text(raw, "caption", required=True)
    chosen = _filters(raw.get("filters", {}), at, context)
    camera = _camera(raw.get("camera"), at)
    day = _day(raw.get("day"), at)
    event = at.text(raw, "event")
    if event and event not in known_ids:
        at.add("event", f"no event {show_value(event)} in the data")
    callouts = parse_callouts(raw.get("callouts", []), at, context, known_ids)
    step = Step(title, caption, chosen, camera, day, event, callouts)
    if day is not None and not filters.mask(context.events, up_to_day(step)).any():
        at.add("day", f"the step's filters match no event up to {day}")
    return step


def _filters(raw: object, at: _Step, context: Context) -> Filters:
    if not isinstance(raw, dict) or not all(
        isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v)) for v in raw.values()
    ):
        at.add("filters", "must be an object of URL keys, each a text or a list of texts")
        return Filters()
    state, notices = filters.from_query({str(k): v for k, v in raw.items()}, context.events)
    for notice in notices:
        at.add("filters", notice.replace("URL parameter", "filter key"))
    if not notices and not filters.mask(context.events, state).any():
        at.add("filters", f"match no event ({filters.describe(state)})")
    return state


def _camera(raw: object, at: _Step) -> tuple[tuple[str, float], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or set(raw) != set(CAMERA_KEYS):
        at.add("camera", f"must be an object of exactly {', '.join(CAMERA_KEYS)}")
        return ()
    for key, (low, high) in CAMERA_KEYS.items():
        value = raw[key]
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or not low <= value <= high:
            at.add(f"camera.{key}", f"must be a number from {low:g} to {high:g}, not {show_value(value)}")
            return ()
    return tuple(sorted((key, float(raw[key])) for key in CAMERA_KEYS))


def _day(raw: object, at: _Step) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw) if isinstance(raw, str) else _bad_day(raw, at)
    except ValueError:
        return _bad_day(raw, at)


def _bad_day(raw: object, at: _Step) -> None:
    at.add("day", f"must be a day, YYYY-MM-DD, not {show_value(raw)}")
    return None


def source_text_problems(shown: Briefing, path: str, texts: Mapping[str, str]) -> list[Problem]:
    """With the source texts at hand (validate --sources): each callout's source has its text, as each event's
    source must. A caption's facts are traced by its editors to the events its step shows; no check reads them."""
    return [
        Problem(path, number, f"callouts[{n}].source", f"no text for this source in the sources folder: {c.source!r}")
        for number, step in enumerate(shown.steps, 1)
        for n, c in enumerate(step.callouts, 1)
        if c.source and c.source not in texts
    ]


def up_to_day(step: Step) -> Filters:
    """The step's filters narrowed to its playback day: what the page's "Up to this day" frame shows."""
    if step.day is None:
        return step.filters
    end = min(step.filters.end, step.day) if step.filters.end else step.day
    return dataclasses.replace(step.filters, end=end)


def folder_of(data_folder: Path) -> Path:
    return data_folder / "briefings"


def names(folder: Path) -> list[str]:
    """The briefings in a folder, by name (the file's name without .json), sorted."""
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.is_file()) if folder.is_dir() else []


def read_all(folder: Path, context: Context) -> tuple[list[Briefing], list[Problem]]:
    found, problems = [], []
    for name in names(folder):
        briefing, more = read(folder / f"{name}{SUFFIX}", context)
        problems += more
        if briefing is not None:
            found.append(briefing)
    return found, problems


def load_context(data_folder: Path) -> Context:
    """The curated events, the gazetteer and the sources of a dataset folder. Raises DataFileError when the
    events cannot be read; an unreadable gazetteer leaves no place to pin a callout to."""
    from eventmap.geocode.gazetteer import load_places
    from eventmap.load import load_curated
    from eventmap.problems import DataFileError

    curated = load_curated(data_folder)
    try:
        places = {p.name: (p.latitude, p.longitude) for p in load_places(data_folder / "places.csv")}
    except (DataFileError, OSError):
        places = {}
    return Context(curated.events, places, frozenset(curated.sources["source_id"].astype(str)))
