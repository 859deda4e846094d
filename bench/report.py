"""docs/performance.md from one run's Results: today's method and numbers, every number from that run.

Why the dashboard is built as it is, and what was tried, is docs/decisions.md (written by hand); this page is
rewritten whole by each run, but for the load test's section (bench/load.py), kept between LOAD_BEGIN and
LOAD_END.
"""

from __future__ import annotations

from pathlib import Path

from bench import inprocess, synthetic_world
from bench.browser import QUIET_MS
from bench.results import CURATED, Results, median
from bench.run import SYNTHETIC_THEATRES, THEATRES
from bench.targets import DATED_QUERY, MEASURES, Verdict, floor_median, measured, values, verdicts
from eventmap.files import atomic_write
from tests.browser import drawn
from tests.browser.harness import VIEWPORT

LOAD_BEGIN, LOAD_END = "<!-- load test: begin -->", "<!-- load test: end -->"


def duration(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.1f} ms" if value < 0.1 else f"{value:.2f} s"


def size(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e3:.1f} kB" if value < 1e5 else f"{value / 1e6:.2f} MB"


def _get(data: dict, *keys):
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _shown(verdict: Verdict) -> str:
    unit, value = verdict.target.unit, verdict.value
    if value is None:
        return verdict.why or "not measured"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.2f}×" if unit.startswith("×") else f"{value:.2f} s" if unit == "s" else f"{value:,.2f} MB"


def targets_table(results: Results) -> list[str]:
    lines = [
        "## Targets",
        "",
        "The targets of `bench/targets.py`; a ratio is the dashboard's median over the floor page's median in "
        "this run (opens to its open, filter changes to its rerun), except the offline file's, which is over the "
        "live dashboard page's open. Targets of data this run did not measure are left out.",
        "",
        "| measure | data | target | this run | met? |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for verdict in verdicts(results):
        target = verdict.target
        met = {True: "met", False: "**missed**", None: "**not measured**"}[verdict.met]
        data = next(e.title for e in results.sizes if e.label == target.data)
        limit = f"≤ {target.limit:g}{'×' if target.unit.startswith('×') else ' ' + target.unit}"
        lines.append(f"| {MEASURES[target.measure]} | {data} | {limit} | {_shown(verdict)} | {met} |")
    return lines


def floor_table(results: Results) -> list[str]:
    lines = [
        "## Against the floor",
        "",
        "Medians over the fresh pages, the range in brackets.",
        "",
        "| measure | data | floor | dashboard | ÷ floor |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for kind in ("open", "dated", "rerun"):
        floor = floor_median(results, kind)
        for entry in results.sizes:
            if kind == "dated" and entry.label == CURATED:
                continue
            found, why = values(entry.dashboard, kind)
            value = median(found)
            spread = f" ({duration(min(found))}–{duration(max(found))})" if found and min(found) != max(found) else ""
            shown = duration(value) + spread if value is not None else why
            ratio = f"{value / floor:.2f}×" if value is not None and floor else "—"
            lines.append(f"| {MEASURES[kind]} | {entry.title} | {duration(floor)} | {shown} | {ratio} |")
    return lines


BROWSER_FIGURES = ("open bytes", "rerun bytes", "memory")  # measures of targets, shown for every dataset


def _browser_rows(results: Results) -> list[tuple[str, list[str]]]:
    rows = []
    for measure in BROWSER_FIGURES:
        cells = []
        for entry in results.sizes:
            value, _why = measured(results, measure, entry)
            cells.append("—" if value is None else f"{value:,.0f} MB" if measure == "memory" else size(value * 1e6))
        rows.append((MEASURES[measure], cells))
    return rows


STEPS = (  # label, keys into SizeEntry.ours, format
    ("`python -m eventmap validate FILE` (wall, interpreter start included)", ("validate", "wall_s"), duration),
    ("parse cold (`load_events`, validated)", ("load", "load_s"), duration),
    ("peak memory of a cold parse (child process)", ("load", "peak_mb"), lambda v: f"{v:,.0f} MB"),
    ("cached reload (the Parquet copy, a new process)", ("work", "reload_s"), duration),
    (f"filter: a month and theatre {inprocess.THEATRE}", ("work", "filter_s"), duration),
    (f"text search “{inprocess.SEARCH}”", ("work", "search_s"), duration),
    ("map build, all events (markers, deck, JSON)", ("work", "all", "build_s"), duration),
    ("map spec bytes, all events", ("work", "all", "bytes"), size),
    (f"map spec bytes, theatre {inprocess.THEATRE}", ("work", "theatre", "bytes"), size),
    ("Compare page: two months by province, table and change map", ("work", "compare_s"), duration),
)


def figures_table(results: Results) -> list[str]:
    entries = results.sizes
    lines = [
        "## The dashboard's own figures",
        "",
        "| measure | " + " | ".join(e.title for e in entries) + " |",
        "| --- |" + " ---: |" * len(entries),
    ]
    rows = _browser_rows(results) if results.browser else []
    for label, keys, fmt in STEPS:
        cells = []
        for entry in entries:
            value = _get(entry.ours, *keys)
            failed = _get(entry.ours, keys[0], "error")
            cells.append(fmt(value) if value is not None else (str(failed)[:40] if failed else "—"))
        rows.append((label, cells))
    return lines + [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]


def header(results: Results) -> list[str]:
    m, cpu = results.machine, results.cpu
    webgl = f" ({m['webgl']})" if m.get("webgl") else ""
    lines = [
        "# Performance: the dashboard against the floor page",
        "",
        f"Written by `python -m bench --sizes {','.join(e.label for e in results.sizes)}"
        f"{'' if results.repeats == 3 else f' --repeats {results.repeats}'}"
        f"{'' if results.browser else ' --no-browser'}` (one run started {results.started}, "
        f"{results.seconds / 60:.1f} min). Do not edit it: run the command again. Why the dashboard is built as "
        "it is, and what was tried, is in [decisions.md](decisions.md).",
        "",
        "## Machine",
        "",
        f"- {m['cpu']}, {m['cores']} cores, {m['memory_gb']:.1f} GB; no GPU: Chromium draws WebGL in software{webgl}",
        f"- {m['os']}; Python {m['python']}; {m['chromium']}",
        "- " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average before {', '.join(f'{v:.2f}' for v in results.load_before)}, after "
        f"{', '.join(f'{v:.2f}' for v in results.load_after)}",
    ]
    if cpu:
        other = max(0.0, cpu["machine_busy_s"] - cpu["own_s"])
        lines.append(
            f"- The CPUs were busy {cpu['machine_busy_s']:,.0f} of {cpu['capacity_s']:,.0f} core-seconds; other "
            f"work than this run took {other:,.0f}"
        )
    return lines


METHOD = """## Method

Why a floor page, and how "drawn" is judged: decisions.md,
[Measured against a floor page](decisions.md#measured-against-a-floor-page).

- **Data**: the shipped data and seeded synthetic ACLED exports (`bench/synthetic.py`, the same bytes every
  run): the 31 export columns, one year of events at %(places)s places over nine countries with hot spots.
- **The floor** (`bench/floor_app.py`): ten pydeck points, no basemap; its rerun changes the layer's id, so
  deck.gl draws a new frame. Served before and after the dashboard; its figure is the median of all its pages.
- **In process** (`bench/inprocess.py`), each step in a new Python process, so that its peak memory is its
  own: the validate CLI, `load_events` cold, the Parquet-cached reload, filters (median of %(repeats_in)d), the
  map as the page builds it and the bytes of its spec.
- **In the browser** (`bench/browser.py`): headless Chromium, viewport %(viewport)s; each app served on
  127.0.0.1 with an empty parse cache. A warm-up page, then %(repeats)d fresh page(s), each opened, then rerun
  by choosing a theatre in the sidebar (%(theatres)s), one per page, so no view is one the server has seen.
  On the synthetic data the dashboard is also opened with `%(dated)s` in its URL.
- **Fully drawn** (`tests/browser/drawn.js`): %(markers)d sampled pixels of marker colours and, for the
  dashboard, %(land)d of the land colour and %(names)d of the names' ink, in a frame drawn after the page open or
  the Enter key. The time is the later of `script_finished` and the first frame of the final picture (no draw
  call for %(quiet)d ms after it).
- **Bytes**: received over the websocket up to `script_finished`. **Peak server memory**: the server's
  `ru_maxrss`. Every wait is bounded (%(timeout).0f s); a timeout ends that app's pages for that data.
"""


def method(results: Results) -> list[str]:
    curated = ", ".join(THEATRES[CURATED][: results.repeats])
    fields = {
        "places": f"{synthetic_world.PLACES:,}",
        "repeats_in": inprocess.REPEATS,
        "viewport": f"{VIEWPORT['width']}×{VIEWPORT['height']}",
        "repeats": results.repeats,
        "theatres": ", ".join(SYNTHETIC_THEATRES[: results.repeats]) + f"; shipped data: {curated}",
        "dated": DATED_QUERY,
        "markers": drawn.MIN_MARKER_PIXELS,
        "land": drawn.MIN_LAND_PIXELS,
        "names": drawn.MIN_NAME_PIXELS,
        "quiet": QUIET_MS,
        "timeout": results.timeout_s,
    }
    return (METHOD % fields).splitlines()


def problems(results: Results) -> list[str]:
    """Each page that was not drawn, once per app and data (what a figure of '—' means), and any doubt about
    one that was: its picture changed after it was counted as final, or the widget did not show the choice."""
    seen = []
    runs = [("floor", run) for run in results.floor] + [
        (f"dashboard, {e.title}", e.dashboard) for e in results.sizes if e.dashboard is not None
    ]
    for name, run in runs:
        renders = [run.warmup, *run.pages, *run.reruns, *run.dated]
        bad = next((r for r in renders if r is not None and not r.drawn), None)
        if run.error or bad is not None:
            said = run.error or f"{bad.status}{': ' + ' '.join(bad.error.split())[:160] if bad.error else ''}"
            seen.append(f"- {name}: {said}")
        if any(r.settled_same is False for r in renders if r is not None):
            seen.append(f"- {name}: a picture changed after it was counted as final")
        if any(r.chosen is False for r in run.reruns):
            seen.append(f"- {name}: the theatre chosen did not show in the widget")
    return ["## Pages to look at", "", *seen] if seen else []


def report(results: Results) -> str:
    """The benchmark's part of docs/performance.md, every number from `results` (one run)."""
    parts = [header(results), method(results), targets_table(results)]
    if results.browser:
        parts += [floor_table(results)]
    parts.append(figures_table(results))
    if results.browser:
        parts.append(problems(results))
    return "\n\n".join("\n".join(part) for part in parts if part) + "\n"


def load_section(text: str) -> str:
    """The load test's section of an existing report (markers included), or ''."""
    start, end = text.find(LOAD_BEGIN), text.find(LOAD_END)
    return text[start : end + len(LOAD_END)] if 0 <= start < end else ""


def write_report(results: Results, out: Path) -> None:
    """Write the report over `out`, keeping the load test's section there."""
    kept = load_section(out.read_text(encoding="utf-8")) if out.exists() else ""
    atomic_write(out, [report(results), *(["\n" + kept + "\n"] if kept else [])])


def write_load_section(section: str, out: Path) -> None:
    """Put the load test's section into `out`, replacing the one there (or appending it)."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    block = f"{LOAD_BEGIN}\n{section.strip()}\n{LOAD_END}"
    kept = load_section(text)
    text = text.replace(kept, block) if kept else text.rstrip("\n") + "\n\n" + block
    atomic_write(out, [text.rstrip("\n") + "\n"])
