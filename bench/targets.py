"""The targets, in one table: what the dashboard must reach, for which data, and whether a run reached it.

The page-open and filter-change targets are ratios to the floor page measured in the same run (a shared
machine's speed varies from one run to the next; the floor varies with it). The absolute limits bound what a
viewer waits for and what the server holds. The load test's targets are checked by bench/load.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.results import CURATED, DRAWN, AppRun, Results, SizeEntry, median


@dataclass(frozen=True)
class Target:
    measure: str  # a key of MEASURES, or for the load test one that bench/load.py measures
    data: str  # the size label: CURATED or a row count
    limit: float
    unit: str  # "×" (a ratio to the floor), "× page" (to the live page's open), "s", "MB"


TARGETS = (
    Target("open", CURATED, 1.2, "×"),
    Target("open", "1000000", 1.3, "×"),
    Target("dated", "1000000", 1.6, "×"),
    Target("rerun", "1000000", 1.5, "×"),
    Target("open", "100000", 2.5, "s"),
    Target("open", "1000000", 5.0, "s"),
    Target("rerun", "1000000", 1.0, "s"),
    Target("open bytes", "100000", 1.5, "MB"),
    Target("open bytes", "1000000", 3.0, "MB"),
    Target("rerun bytes", "1000000", 0.5, "MB"),
    Target("memory", "1000000", 2000.0, "MB"),
    Target("validate", "1000000", 10.0, "s"),
    Target("render png", CURATED, 5.0, "s"),
    Target("render html bytes", CURATED, 3.0, "MB"),
    Target("render pdf bytes", CURATED, 2.0, "MB"),
    Target("render pptx", CURATED, 10.0, "s"),
    Target("picture", CURATED, 1.0, "s"),
    Target("picture", "1000000", 2.0, "s"),
    Target("offline open", CURATED, 1.5, "× page"),
    Target("step", CURATED, 1.3, "×"),
    Target("frame", CURATED, 16.0, "ms"),
    Target("frame", "1000000", 33.0, "ms"),
    Target("compare", "1000000", 1.0, "s"),
)
LOAD_TARGETS = (  # python -m bench load, 60 sessions x 3 runs on the Map page
    Target("runs not served", CURATED, 0.0, "share"),
    Target("exceptions", CURATED, 0.0, "count"),
    Target("cpu per run", CURATED, 0.1, "s"),
    Target("p95 wait", CURATED, 8.0, "s"),
)
REPLICA_TARGETS = (  # python -m bench load --sessions 500 --replicas 2: the same crowd, one process then replicas
    Target("p95 wait through replicas", CURATED, 10.0, "s"),
    Target("p95 over one process", CURATED, 0.7, "×"),
)
DATED_QUERY = "?start=2024-01-01&end=2024-01-31"  # the page opened with a date filter in its URL
KINDS = {
    "open": "pages",
    "rerun": "reruns",
    "dated": "dated",
    "picture": "pictures",
    "offline open": "offline",
    "step": "steps",
}
MEASURES = {
    "open": "page open → fully drawn",
    "dated": f"page open with `{DATED_QUERY}` → fully drawn",
    "rerun": "theatre filter change → redrawn",
    "open bytes": "bytes received per page open (largest)",
    "rerun bytes": "bytes received per filter change (largest)",
    "memory": "peak server memory",
    "validate": "`python -m eventmap validate FILE`, wall",
    "render png": "`python -m eventmap render --format png --size 1920x1080 --scale 2`, wall",
    "render html bytes": "`render --format html`: the offline file's size",
    "render pdf bytes": "`render --format pdf`: the brief's size",
    "render pptx": "`briefing export NAME --format pptx`, a six-step briefing, wall",
    "picture": "Map page: image 1920×1080 at 2x, click → file",
    "offline open": "offline HTML from disk, network refused → drawn (over the live page's open)",
    "step": "Briefing page: the right arrow → the next step drawn (less motion asked)",
    "frame": "a pan or zoom frame, names re-placed (the page's performance measure), median",
    "compare": "Compare page: two months by province, the table and its change map (server, in process), median",
}
CLI_MEASURES = (
    "validate",
    "render png",
    "render html bytes",
    "render pdf bytes",
    "render pptx",
    "compare",
)  # measured without a browser


@dataclass(frozen=True)
class Verdict:
    target: Target
    value: float | None  # in the target's unit; None: not measured
    why: str = ""  # why there is no value

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value <= self.target.limit


def values(run: AppRun | None, kind: str, key: str = "seconds") -> tuple[list[float], str]:
    """The drawn values of one measure of one app, or none and why (the first page not drawn says why)."""
    if run is None:
        return [], "not run"
    renders = getattr(run, KINDS[kind])
    problem = next((r for r in renders if r.status != DRAWN), None)
    if problem is not None:
        return [], problem.status
    if not renders:
        return [], run.error.split(":")[0] if run.error else "not measured"
    return [getattr(r, key) for r in renders if getattr(r, key) is not None], ""


def floor_median(results: Results, kind: str) -> float | None:
    """The floor page's median open (or rerun, for a rerun or a briefing's step change) over all its pages,
    measured before and after the dashboard."""
    rerun = kind in ("rerun", "step")
    return median([v for run in results.floor for v in values(run, "rerun" if rerun else "open")[0]])


def _command(ours: dict, measure: str) -> tuple[float | None, str]:
    """A command's wall seconds (validate, render png) or its file's MB (render html/pdf bytes), the in-process
    comparison's seconds, or None and why."""
    if measure == "compare":
        work = ours.get("work", {})
        return (work["compare_s"], "") if "compare_s" in work else (None, work.get("error", "not run")[:40])
    words = measure.split()
    ran = ours.get("validate", {}) if measure == "validate" else ours.get("render", {}).get(words[1], {})
    if not ran:
        return None, "not run"
    if ran.get("rc") != 0 or ran.get("timed_out"):
        return None, "timed out" if ran.get("timed_out") else f"exit {ran.get('rc')}"
    if words[-1] == "bytes":
        return (ran["bytes"] / 1e6, "") if ran.get("bytes") is not None else (None, "no file")
    return ran.get("wall_s"), ""


def measured(results: Results, measure: str, data: SizeEntry, ratio: bool = False) -> tuple[float | None, str]:
    """This run's value of one measure (seconds, MB; with `ratio`, over the floor's), or None and why."""
    run = data.dashboard
    if measure in CLI_MEASURES:
        return _command(data.ours, measure)
    if measure == "frame":
        frames = run.frames_ms if run else []
        return (median(frames), "") if frames else (None, "not run" if run is None else "not measured")
    if measure == "memory":
        return (run.server_peak_mb, "") if run and run.server_peak_mb is not None else (None, "not run")
    if measure.endswith(" bytes"):  # the largest, in MB
        found, why = values(run, measure.removesuffix(" bytes"), "ws_bytes")
        return (max(found) / 1e6, "") if found else (None, why)
    found, why = values(run, measure)
    value = median(found)
    if measure == "offline open" and value is not None:  # a ratio to the live page of the same run
        live = median(values(run, "open")[0])
        return (value / live, "") if live else (None, "no live page")
    if not ratio or value is None:
        return value, why
    floor = floor_median(results, measure)
    return (value / floor, "") if floor else (None, "no floor")


def verdicts(results: Results) -> list[Verdict]:
    """Every target whose data the run measured (a run on the curated data alone has no 1M verdicts)."""
    out = []
    for target in TARGETS:
        data = next((e for e in results.sizes if e.label == target.data), None)
        if data is None:
            continue
        if not results.browser and target.measure not in CLI_MEASURES:
            out.append(Verdict(target, None, "no browser part in this run"))
        else:
            out.append(Verdict(target, *measured(results, target.measure, data, target.unit == "×")))
    return out
