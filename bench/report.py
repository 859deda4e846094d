"""docs/performance.md from one run's Results: today's method and numbers, every number from that run.

Why the dashboard is built as it is, and what was tried, is docs/decisions.md (written by hand); this page is
rewritten whole by each run, but for the load test's section (bench/load.py), kept between LOAD_BEGIN and
LOAD_END.
"""

from __future__ import annotations

from pathlib import Path

from bench import inprocess, synthetic
from bench.browser import QUIET_MS
from bench.results import CURATED, Results, SizeEntry, median
from bench.run import SYNTHETIC_THEATRES, THEATRES
from bench.targets import DATED_QUERY, MEASURES, Verdict, floor_median, values, verdicts
from eventmap.files import atomic_write
from tests.browser import drawn
from tests.browser.harness import VIEWPORT

LOAD_BEGIN, LOAD_END = "<!-- load test: begin -->", "<!-- load test: end -->"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.1f} ms" if value < 0.1 else f"{value:.2f} s"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e3:.1f} kB" if value < 1e5 else f"{value / 1e6:.2f} MB"


def _get(data: dict, *keys):
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _shown(verdict: Verdict) -> str:
    unit, value = verdict.target.unit, verdict.value
    if value is None:
        return verdict.why or "not measured"
    return f"{value:.2f}×" if unit == "×" else f"{value:.2f} s" if unit == "s" else f"{value:,.2f} MB"


def targets_table(results: Results) -> list[str]:
    lines = [
        "## Targets",
        "",
        "The targets of `bench/targets.py`; a ratio is the dashboard's median over the floor page's median in "
        "this run (opens to its open, filter changes to its rerun). Targets of data this run did not measure "
        "are left out.",
        "",
        "| measure | data | target | this run | met? |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for verdict in verdicts(results):
        target = verdict.target
        met = {True: "met", False: "**missed**", None: "**not measured**"}[verdict.met]
        data = next(e.title for e in results.sizes if e.label == target.data)
        limit = f"≤ {target.limit:g}{'×' if target.unit == '×' else ' ' + target.unit}"
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
            found, why = values(entry.browser.get("ours"), kind)
            value = median(found)
            spread = f" ({_s(min(found))}–{_s(max(found))})" if found and min(found) != max(found) else ""
            shown = _s(value) + spread if value is not None else why
            ratio = f"{value / floor:.2f}×" if value is not None and floor else "—"
            lines.append(f"| {MEASURES[kind]} | {entry.title} | {_s(floor)} | {shown} | {ratio} |")
    return lines


def _browser_rows(entries: list[SizeEntry]) -> list[tuple[str, list[str]]]:
    def largest(entry: SizeEntry, kind: str) -> str:
        found = values(entry.browser.get("ours"), kind, "ws_bytes")[0]
        return _mb(max(found)) if found else "—"

    def peak(entry: SizeEntry) -> str:
        run = entry.browser.get("ours")
        return "—" if run is None or run.server_peak_mb is None else f"{run.server_peak_mb:,.0f} MB"

    return [
        ("bytes received per page open (largest)", [largest(e, "open") for e in entries]),
        ("bytes received per filter change (largest)", [largest(e, "rerun") for e in entries]),
        ("peak server memory", [peak(e) for e in entries]),
    ]


STEPS = (  # label, keys into SizeEntry.ours, format
    ("`python -m eventmap validate FILE` (wall, interpreter start included)", ("validate", "wall_s"), _s),
    ("parse cold (`load_events`, validated)", ("load", "load_s"), _s),
    ("peak memory of a cold parse (child process)", ("load", "peak_mb"), lambda v: f"{v:,.0f} MB"),
    ("cached reload (the Parquet copy, a new process)", ("work", "reload_s"), _s),
    (f"filter: a month and theatre {inprocess.THEATRE}", ("work", "filter_s"), _s),
    (f"text search “{inprocess.SEARCH}”", ("work", "search_s"), _s),
    ("map build, all events (markers, deck, JSON)", ("work", "all", "build_s"), _s),
    ("map spec bytes, all events", ("work", "all", "bytes"), _mb),
    (f"map spec bytes, theatre {inprocess.THEATRE}", ("work", "theatre", "bytes"), _mb),
)


def figures_table(results: Results) -> list[str]:
    entries = results.sizes
    lines = [
        "## The dashboard's own figures",
        "",
        "| measure | " + " | ".join(e.title for e in entries) + " |",
        "| --- |" + " ---: |" * len(entries),
    ]
    rows = _browser_rows(entries) if results.browser else []
    for label, keys, fmt in STEPS:
        cells = []
        for entry in entries:
            value = _get(entry.ours, *keys)
            failed = _get(entry.ours, keys[0], "error")
            cells.append(fmt(value) if value is not None else (str(failed)[:40] if failed else "—"))
        rows.append((label, cells))
    return lines + [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]


def breakdown_table(results: Results) -> list[str]:
    lines = [
        "## Where the browser time goes",
        "",
        "Medians, on the page's own clock from the page open (or the Enter key): the first websocket message, the "
        "largest (the map's spec), the first frame with the required colours, Streamlit's `script_finished`, "
        "and the final picture (the later of the last two: the figures above).",
        "",
        "| app | data | measure | first message | map message | first frame | script_finished | drawn |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    runs = [("floor", "before" if i == 0 else "after", run) for i, run in enumerate(results.floor)]
    runs += [("dashboard", e.title, e.browser["ours"]) for e in results.sizes if "ours" in e.browser]
    keys = ("first_message_s", "largest_message_s", "first_frame_s", "finished_s", "seconds")
    for name, data, run in runs:
        for kind, renders in (("open", run.pages), ("rerun", run.reruns)):
            shown = [r for r in renders if r.drawn]
            cells = [_s(median([getattr(r, key) for r in shown])) for key in keys]
            lines.append(f"| {name} | {data} | {kind} | " + " | ".join(cells) + " |")
    return lines


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
        f"{', '.join(f'{v:.2f}' for v in results.load_after)}; a fixed Python loop took "
        f"{results.calibration_before or 0:.3f} s before and {results.calibration_after or 0:.3f} s after",
    ]
    if cpu:
        other = max(0.0, cpu["machine_busy_s"] - cpu["own_s"])
        lines.append(
            f"- The CPUs were busy {cpu['machine_busy_s']:,.0f} of {cpu['capacity_s']:,.0f} core-seconds; other "
            f"work than this run took {other:,.0f}"
        )
    return lines


METHOD = """## Method

- **Data**: the shipped data (`data/events.csv`) and seeded synthetic ACLED exports (`bench/synthetic.py`,
  the same rows every run): the 31 export columns, one year of events at a gazetteer of %(places)s places
  over nine countries with hot spots, notes with commas and quotes.
- **The floor** (`bench/floor_app.py`): a bare Streamlit page with ten pydeck points and no basemap, the least
  a Streamlit + pydeck map page costs here. Its rerun is a multiselect whose choice goes into the layer's id,
  so deck.gl draws a new frame. It is measured before and after the dashboard; its figure is the median of all
  its pages.
- **In process** (`bench/inprocess.py`), each step in a new Python process, so that its peak memory is its
  own: the validate CLI, `load_events` cold, the Parquet-cached reload, filters (median of %(repeats_in)d), the
  map as the page builds it and the bytes of its spec.
- **In the browser** (`bench/browser.py`): headless Chromium with software WebGL, viewport %(viewport)s; each
  app served on 127.0.0.1 with an empty parse cache (the dashboard by `python -m eventmap serve`). A warm-up
  page, then %(repeats)d fresh page(s), each opened, then rerun by choosing a theatre in the sidebar: %(theatres)s,
  one per page, so no view is one the server has seen. On the synthetic data the dashboard is also opened with
  `%(dated)s` in its URL.
- **Fully drawn** (`tests/browser/drawn.js`, the detector the browser tests use too): the map's canvases hold
  %(markers)d sampled pixels of marker colours and, for the dashboard, %(land)d of the land colour and %(names)d
  of the names' ink, in a frame drawn after the page open or the Enter key, and `script_finished` has arrived.
  After new WebGL draw calls a fence is polled every %(fence)d ms; once passed, the canvases are read. The time
  is the later of `script_finished` and the first frame of the last picture (no draw call for %(quiet)d ms).
- **Bytes**: received over the websocket up to `script_finished`. **Peak server memory**: the server's
  `ru_maxrss`. Every wait is bounded (%(timeout).0f s); a timeout ends that app's pages for that data.
- Chromium draws in software on the same 2 cores as the server, so drawing takes far longer than with a GPU.
"""


def method(results: Results) -> list[str]:
    curated = ", ".join(THEATRES[CURATED][: results.repeats])
    fields = {
        "places": f"{synthetic.PLACES:,}",
        "repeats_in": inprocess.REPEATS,
        "viewport": f"{VIEWPORT['width']}×{VIEWPORT['height']}",
        "repeats": results.repeats,
        "theatres": ", ".join(SYNTHETIC_THEATRES[: results.repeats]) + f" (shipped data: {curated})",
        "dated": DATED_QUERY,
        "markers": drawn.MIN_MARKER_PIXELS,
        "land": drawn.MIN_LAND_PIXELS,
        "names": drawn.MIN_NAME_PIXELS,
        "fence": drawn.FENCE_POLL_MS,
        "quiet": QUIET_MS,
        "timeout": results.timeout_s,
    }
    return (METHOD % fields).splitlines()


def problems(results: Results) -> list[str]:
    """Each page that was not drawn, once per app and data (what a figure of '—' means), and any doubt about
    one that was: its picture changed after it was counted as final, or the widget did not show the choice."""
    seen = []
    runs = [("floor", run) for run in results.floor] + [
        (f"dashboard, {e.title}", run) for e in results.sizes for run in e.browser.values()
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
        parts += [breakdown_table(results), problems(results)]
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
