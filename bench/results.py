"""The benchmark's results as typed values: one browser render, one app on one dataset, one dataset, one run.

Kept as JSON in the work folder (results.json, /tmp/eventmap-bench by default), so that a report can be
re-rendered from an earlier run (`python -m bench --results FILE`).
The in-process steps stay plain dicts: they come as JSON from child processes and the report reads them by name.
"""

from __future__ import annotations

import dataclasses
import statistics
from dataclasses import dataclass, field

DRAWN = "drawn"
CURATED = "curated"  # the size label of the shipped data (no EVENTMAP_EVENTS)


@dataclass
class Render:
    """One browser measure: a page open, or a rerun from a widget, up to the map fully drawn."""

    status: str  # drawn, error (the page showed one), timeout, failed: ..., not measured: ...
    seconds: float | None = None  # to fully drawn (markers, land where asked, script_finished), page clock
    wall_s: float | None = None  # the same wait on the benchmark's clock, whatever the status
    first_frame_s: float | None = None  # the first frame that held the required colours
    finished_s: float | None = None  # Streamlit's script_finished message arrived
    first_message_s: float | None = None
    largest_message_s: float | None = None
    largest_message_bytes: int | None = None
    ws_bytes: int = 0  # received over the websocket, up to and including script_finished
    complete: bool | None = None  # script_finished seen
    settled_same: bool | None = None  # the picture a second later is the one counted as final
    chosen: bool | None = None  # the widget shows the choice made
    error: str = ""

    @property
    def drawn(self) -> bool:
        return self.status == DRAWN and self.seconds is not None


@dataclass
class AppRun:
    """One app served for one dataset: a warm-up page, then fresh pages each opened and rerun by a widget."""

    app: str
    warmup: Render | None = None
    pages: list[Render] = field(default_factory=list)
    reruns: list[Render] = field(default_factory=list)
    dated: list[Render] = field(default_factory=list)  # pages opened with a date filter in the URL
    server_peak_mb: float | None = None
    error: str = ""


@dataclass
class SizeEntry:
    """One dataset: the curated data or a synthetic export, its in-process steps and its browser runs."""

    label: str  # CURATED or the row count as text
    rows: int  # rows in the file
    file: str
    file_mb: float
    reused: bool = True
    generate_s: float = 0.0
    ours: dict = field(default_factory=dict)  # validate, load, cache, work (each a dict, or {"error": ...})
    browser: dict[str, AppRun] = field(default_factory=dict)  # "ours": the dashboard
    load_during: tuple[float, ...] = ()
    load_browser: tuple[float, ...] = ()
    seconds: float = 0.0
    browser_seconds: float = 0.0

    @property
    def title(self) -> str:
        return f"curated ({self.rows:,})" if self.label == CURATED else f"{self.rows:,}"


@dataclass
class Results:
    machine: dict
    started: str
    sizes: list[SizeEntry] = field(default_factory=list)
    floor: list[AppRun] = field(default_factory=list)  # the floor page, before and after the other apps
    browser: bool = True
    repeats: int = 3
    timeout_s: float = 180.0
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()
    calibration_before: float | None = None
    calibration_after: float | None = None
    cpu: dict = field(default_factory=dict)
    seconds: float = 0.0


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def to_json(results: Results) -> dict:
    return dataclasses.asdict(results)


RENDER_FIELDS = {f.name for f in dataclasses.fields(Render)}


def _render(data: dict | None) -> Render | None:
    return None if data is None else Render(**{k: v for k, v in data.items() if k in RENDER_FIELDS})


def _app(data: dict) -> AppRun:
    lists = {key: [_render(r) for r in data.get(key, [])] for key in ("pages", "reruns", "dated")}
    return AppRun(
        app=data["app"],
        warmup=_render(data.get("warmup")),
        server_peak_mb=data.get("server_peak_mb"),
        error=data.get("error", ""),
        **lists,
    )


def from_json(data: dict) -> Results:
    """The inverse of to_json: an earlier run's results, to re-render its report (fields since dropped, such as
    the naive app's, are ignored)."""
    sizes = []
    known = {f.name for f in dataclasses.fields(SizeEntry)} - {"browser"}
    for entry in data["sizes"]:
        fields = {k: v for k, v in entry.items() if k in known}
        fields["load_during"], fields["load_browser"] = tuple(entry["load_during"]), tuple(entry["load_browser"])
        apps = {k: _app(v) for k, v in entry["browser"].items() if k == "ours"}
        sizes.append(SizeEntry(**fields, browser=apps))
    fields = {k: v for k, v in data.items() if k not in ("sizes", "floor")}
    fields["load_before"], fields["load_after"] = tuple(data["load_before"]), tuple(data["load_after"])
    return Results(**fields, sizes=sizes, floor=[_app(f) for f in data["floor"]])
