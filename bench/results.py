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

    status: str  # drawn, error (the page showed one), incomplete, timeout, failed: ..., not measured: ...
    seconds: float | None = None  # to fully drawn (the final picture and script_finished), on the page's clock
    ws_bytes: int = 0  # received over the websocket, up to and including script_finished
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
    pictures: list[Render] = field(default_factory=list)  # the page's image download, click to file
    offline: list[Render] = field(default_factory=list)  # the page's offline HTML opened from disk, to drawn
    steps: list[Render] = field(default_factory=list)  # a briefing's step change, the right arrow to redrawn
    frames_ms: list[float] = field(default_factory=list)  # pan and zoom frames, names re-placed in each
    server_peak_mb: float | None = None
    error: str = ""


@dataclass
class SizeEntry:
    """One dataset: the curated data or a synthetic export, its in-process steps and the dashboard's pages."""

    label: str  # CURATED or the row count as text
    rows: int
    file: str
    ours: dict = field(default_factory=dict)  # validate, load, cache, work (each a dict, or {"error": ...})
    dashboard: AppRun | None = None  # None: the browser part did not run

    @property
    def title(self) -> str:
        return f"curated ({self.rows:,})" if self.label == CURATED else f"{self.rows:,}"


@dataclass
class Results:
    machine: dict
    started: str
    sizes: list[SizeEntry] = field(default_factory=list)
    floor: list[AppRun] = field(default_factory=list)  # the floor page, before and after the dashboard
    browser: bool = True
    repeats: int = 3
    timeout_s: float = 180.0
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()
    cpu: dict = field(default_factory=dict)  # machine_busy_s, own_s, capacity_s: how shared the machine was
    seconds: float = 0.0


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def to_json(results: Results) -> dict:
    return dataclasses.asdict(results)


def _known(cls: type, data: dict) -> dict:
    """The fields of `data` that `cls` has (an earlier run's dropped fields are ignored)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _render(data: dict | None) -> Render | None:
    return None if data is None else Render(**_known(Render, data))


def _app(data: dict | None) -> AppRun | None:
    if data is None:
        return None
    lists = {
        key: [_render(r) for r in data.get(key, [])]
        for key in ("pages", "reruns", "dated", "pictures", "offline", "steps")
    }
    return AppRun(**{**_known(AppRun, data), "warmup": _render(data.get("warmup")), **lists})


def from_json(data: dict) -> Results:
    """The inverse of to_json: an earlier run's results, to re-render its report."""

    def dashboard(entry: dict) -> AppRun | None:  # an older results.json keeps it as browser.ours
        return _app(entry["dashboard"] if "dashboard" in entry else entry.get("browser", {}).get("ours"))

    sizes = [SizeEntry(**{**_known(SizeEntry, e), "dashboard": dashboard(e)}) for e in data["sizes"]]
    fields = _known(Results, data) | {
        "load_before": tuple(data["load_before"]),
        "load_after": tuple(data["load_after"]),
    }
    return Results(**fields | {"sizes": sizes, "floor": [_app(f) for f in data["floor"]]})
