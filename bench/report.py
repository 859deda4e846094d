"""docs/performance.md from one run's Results: every number from that run, nothing by hand.

The load test's section (bench/load.py) lives between LOAD_BEGIN and LOAD_END; rewriting the benchmark's part
keeps it, and the load test replaces only it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import inprocess, synthetic
from bench.browser import (
    DATED_QUERY,
    FENCE_POLL_MS,
    MIN_LAND_PIXELS,
    MIN_MARKER_PIXELS,
    MIN_NAME_PIXELS,
    POLL_MS,
    QUIET_MS,
)
from bench.harness import VIEWPORT
from bench.results import CURATED, DRAWN, AppRun, Render, Results, SizeEntry, median
from bench.run import SYNTHETIC_THEATRES, THEATRES
from eventmap.files import atomic_write

LOAD_BEGIN, LOAD_END = "<!-- load test: begin -->", "<!-- load test: end -->"
# Written by hand, kept by every run: what was tried, measured, kept or dropped, and why.
FINDINGS_BEGIN, FINDINGS_END = "<!-- findings: begin -->", "<!-- findings: end -->"
KINDS = {"open": "pages", "rerun": "reruns", "dated": "dated"}
LABELS = {
    "open": "page open → fully drawn",
    "rerun": "theatre filter change → redrawn",
    "dated": f"page open with a date filter in the URL (`{DATED_QUERY}`) → fully drawn",
}

# Issue 6: absolute limits on the dashboard. (measure, size label): limit
ABSOLUTE = {
    ("open", "1000000"): 5.0,
    ("open", "100000"): 2.5,
    ("rerun", "1000000"): 1.0,
    ("bytes", "1000000"): 3.0,
    ("bytes", "100000"): 1.5,
    ("memory", "1000000"): 2000.0,
    ("validate", "1000000"): 10.0,
}
# Issue 10: the dashboard as a ratio to the floor page of the same run (open to its open, rerun to its rerun).
RATIOS = {("open", CURATED): 1.3, ("open", "1000000"): 1.6, ("dated", "1000000"): 1.6, ("rerun", "1000000"): 1.5}
RERUN_BYTES_LIMIT_MB = 0.5  # issue 10: bytes per filter change at 1M rows
AFTER_ERROR = " ¹"  # marks a rerun measured on a page whose open showed an error instead of the map


@dataclass(frozen=True)
class Verdict:
    """One target: what, for which data, the limit, the dashboard's value as shown, met (None: not measured)."""

    measure: str
    data: str
    target: str
    value: str
    met: bool | None

    def row(self) -> str:
        met = "met" if self.met else "**missed**" if self.met is False else "**missed** (not measured)"
        return f"| {self.measure} | {self.data} | {self.target} | {self.value} | {met} |"


# --- values out of the results --------------------------------------------------------------------------------


def values(run: AppRun | None, kind: str, key: str = "seconds") -> tuple[list[float], str | None]:
    """The drawn values of one measure of one app, and why there are none or fewer than asked."""
    if run is None:
        return [], "not run"
    renders: list[Render] = getattr(run, KINDS[kind])
    problem = next((r for r in renders if r.status != DRAWN), None)
    if problem is not None:
        return [], _why(problem)
    if not renders:
        return [], run.error or "not measured"
    return [getattr(r, key) for r in renders if getattr(r, key) is not None], None


def figure(run: AppRun | None, kind: str, key: str = "seconds") -> tuple[float | None, str | None]:
    found, why = values(run, kind, key)
    return (median(found), None) if found else (None, why or "not measured")


def floor_figure(results: Results, kind: str) -> tuple[float | None, str | None]:
    """The floor page's median over all its pages in the run (measured before and after the other apps)."""
    found, why = [], None
    for run in results.floor:
        some, problem = values(run, kind)
        found += some
        why = why or problem
    return (median(found), None) if found else (None, why or "not run")


def ratio(value: float | None, floor: float | None) -> float | None:
    return None if value is None or not floor else value / floor


def _why(render: Render) -> str:
    if render.status == "error":
        return f"not drawn: the page showed an error: {' '.join(render.error.split())[:160]}"
    if render.status == "timeout":
        return f"timed out (no map within {render.wall_s or 0:.0f} s)"
    return render.status if not render.error else f"{render.status}: {render.error}"


def _short(why: str | None) -> str:
    if not why:
        return "—"
    return "not drawn (error)" if why.startswith("not drawn") else why.split(":")[0].split(" (")[0][:40]


def _s(value: float | None) -> str:
    return "—" if value is None else (f"{value:.2f} s" if value < 10 else f"{value:.1f} s")


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _mb(value: float | None) -> str:
    if value is None:
        return "—"
    return (
        f"{value / 1e3:.1f} kB" if value < 1e4 else f"{value / 1e6:.2f} MB" if value < 1e8 else f"{value / 1e6:.0f} MB"
    )


def _ms(value: float | None) -> str:
    return "—" if value is None else (f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s")


def _get(data: dict | None, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _load(numbers: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in numbers)


# --- targets ---------------------------------------------------------------------------------------------------


def _entry(results: Results, label: str):
    """The measured data set of that label (curated, 100000, ...), or None when the run did not measure it."""
    return next((e for e in results.sizes if e.label == label), None)


def ratio_verdicts(results: Results) -> list[Verdict]:
    """Issue 10's targets: the dashboard's median over the floor's median, and the bytes of a filter change."""
    out = []
    for (kind, label), limit in RATIOS.items():
        entry = _entry(results, label)
        if entry is None:
            continue
        value, why = figure(entry.browser.get("ours"), kind)
        floor, floor_why = floor_figure(results, "rerun" if kind == "rerun" else "open")
        share = ratio(value, floor)
        shown = f"{share:.3f}× ({_s(value)} / {_s(floor)})" if share is not None else _short(why or floor_why)
        what = f"{LABELS[kind]}, ÷ the floor's {'rerun' if kind == 'rerun' else 'open'}"
        out.append(Verdict(what, entry.title, f"≤ {limit:g}×", shown, None if share is None else share <= limit))
    entry = _entry(results, "1000000")
    if entry is not None:
        sizes, why = values(entry.browser.get("ours"), "rerun", "ws_bytes")
        biggest = max(sizes) if sizes else None
        out.append(
            Verdict(
                "bytes received per filter change",
                entry.title,
                f"≤ {RERUN_BYTES_LIMIT_MB:g} MB",
                _mb(biggest) if biggest is not None else _short(why),
                None if biggest is None else biggest / 1e6 <= RERUN_BYTES_LIMIT_MB,
            )
        )
    return out


def absolute_verdicts(results: Results) -> list[Verdict]:
    """Issue 6's targets: the dashboard's own seconds, bytes and memory."""
    out = []
    for (measure, label), limit in ABSOLUTE.items():
        entry = _entry(results, label)
        if entry is None:
            continue
        ours = entry.browser.get("ours")
        if measure in ("open", "rerun"):
            value, why = figure(ours, measure)
            out.append(
                Verdict(
                    LABELS[measure],
                    entry.title,
                    f"≤ {limit:g} s",
                    _s(value) if value else _short(why),
                    None if value is None else value <= limit,
                )
            )
        elif measure == "bytes":
            sizes, why = values(ours, "open", "ws_bytes")
            value = max(sizes) / 1e6 if sizes else None
            out.append(
                Verdict(
                    "bytes received per page open",
                    entry.title,
                    f"≤ {limit:g} MB",
                    f"{value:.2f} MB" if value is not None else _short(why),
                    None if value is None else value <= limit,
                )
            )
        else:
            out.append(_other_verdict(measure, entry, limit))
    return out


def _other_verdict(measure: str, entry: SizeEntry, limit: float) -> Verdict:
    if measure == "memory":
        value = _get(entry.browser, "ours").server_peak_mb if "ours" in entry.browser else None
        return Verdict(
            "peak server memory",
            entry.title,
            f"< {limit / 1000:g} GB",
            f"{value:,.0f} MB" if value is not None else "not run",
            None if value is None else value < limit,
        )
    validate = entry.ours.get("validate", {})
    ok = validate.get("rc") == 0 and not validate.get("timed_out")
    value = validate.get("wall_s") if ok else None
    return Verdict(
        "`python -m eventmap validate FILE`",
        entry.title,
        f"≤ {limit:g} s",
        _s(value) if ok else f"exit {validate.get('rc')}",
        None if value is None else value <= limit,
    )


def targets(results: Results) -> list[str]:
    lines = [
        "## Targets",
        "",
        "Issue 10: the dashboard as a ratio to the floor page measured in the same run "
        "(medians), and the bytes of a filter change.",
        "",
        "| target | data | limit | dashboard | met? |",
        "| --- | --- | --- | ---: | --- |",
    ]
    lines += [v.row() for v in ratio_verdicts(results)]
    lines += [
        "",
        "Issue 6: the dashboard's own figures.",
        "",
        "| target | data | limit | dashboard | met? |",
        "| --- | --- | --- | ---: | --- |",
    ]
    lines += [v.row() for v in absolute_verdicts(results)]
    return lines


# --- the tables ------------------------------------------------------------------------------------------------


def floor_table(results: Results) -> list[str]:
    """Every browser figure in seconds and as a ratio to the floor's figure of the same run."""
    lines = [
        "## Against the floor",
        "",
        "The floor page (`bench/floor_app.py`: ten pydeck points, no basemap) is what any Streamlit + pydeck "
        "map costs here. Medians over the pages, the range in brackets; ratios are to the floor's median open "
        "(opens) or its median rerun (filter changes).",
        "",
        "| measure | data | floor | dashboard | dashboard ÷ floor | naive | naive ÷ floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in ("open", "dated", "rerun"):
        floor, floor_why = floor_figure(results, "rerun" if kind == "rerun" else "open")
        for entry in results.sizes:
            if kind == "dated" and entry.label == CURATED:
                continue
            cells = []
            for name in ("ours", "naive"):
                run = entry.browser.get(name)
                if name == "naive" and (run is None or kind == "dated"):
                    cells += ["n/a", ""]
                    continue
                found, why = values(run, kind)
                value = median(found) if found else None
                mark = AFTER_ERROR if kind == "rerun" and value is not None and values(run, "open")[1] else ""
                cells += [
                    (_s(value) + _spread(found) + mark) if value is not None else _short(why),
                    _x(ratio(value, floor)),
                ]
            lines.append(
                f"| {LABELS[kind]} | {entry.title} | {_s(floor) if floor else _short(floor_why)} | "
                + " | ".join(cells)
                + " |"
            )
    if AFTER_ERROR in "".join(lines):
        lines += [
            "",
            f"{AFTER_ERROR.strip()} The page itself showed an error instead of the map; the rerun was made "
            "on that page, and drew the smaller, filtered map.",
        ]
    return lines


def _spread(found: list[float]) -> str:
    return f" ({_s(min(found))}–{_s(max(found))})" if len(found) > 1 and min(found) != max(found) else ""


def _row(
    label: str,
    entry: SizeEntry,
    ours: float | None,
    naive: float | None,
    fmt: Callable,
    *,
    why_ours: str | None = None,
    why_naive: str | None = None,
    compare: bool = True,
) -> str:
    shown_ours = fmt(ours) if ours is not None else (why_ours or "—")
    shown_naive = fmt(naive) if naive is not None else (why_naive or ("n/a" if not entry.naive else "—"))
    times = f"{naive / ours:.1f}×" if compare and ours and naive is not None else ""
    return f"| {label} | {entry.title} | {shown_ours} | {shown_naive} | {times} |"


def browser_rows(results: Results) -> list[str]:
    lines = []
    for kind in ("open", "rerun"):
        for entry in results.sizes:
            (ours, why_o), (naive, why_n) = (figure(entry.browser.get(n), kind) for n in ("ours", "naive"))
            lines.append(
                _row(
                    LABELS[kind],
                    entry,
                    ours,
                    naive,
                    _s,
                    why_ours=_short(why_o),
                    why_naive=_short(why_n) if entry.naive else None,
                )
            )
    for kind, label in (("open", "bytes received: page open"), ("rerun", "bytes received: filter change")):
        for entry in results.sizes:
            (ours, why_o), (naive, why_n) = (values(entry.browser.get(n), kind, "ws_bytes") for n in ("ours", "naive"))
            lines.append(
                _row(
                    label,
                    entry,
                    max(ours) if ours else None,
                    max(naive) if naive else None,
                    _mb,
                    why_ours=_short(why_o),
                    why_naive=_short(why_n) if entry.naive else None,
                )
            )
    for entry in results.sizes:
        ours, naive = entry.browser.get("ours"), entry.browser.get("naive")
        lines.append(
            _row(
                "peak server memory (the server process)",
                entry,
                ours and ours.server_peak_mb,
                naive and naive.server_peak_mb,
                lambda v: f"{v:,.0f} MB",
            )
        )
    return lines


def process_rows(results: Results) -> list[str]:
    theatre, search = inprocess.THEATRE, inprocess.SEARCH
    steps = [  # label, dashboard keys, naive keys, format
        ("`python -m eventmap validate FILE` (wall, interpreter start included)", ("validate", "wall_s"), None, _s),
        (
            "parse cold (dashboard: `load_events`, validated; naive: `read_csv`)",
            ("load", "load_s"),
            ("load", "load_s"),
            _s,
        ),
        (
            "cached reload (dashboard: Parquet copy, new process; naive: `st.cache_data` hit)",
            ("work", "reload_s"),
            ("work", "reload_s"),
            _s,
        ),
        (
            "peak memory of a cold parse (child process)",
            ("load", "peak_mb"),
            ("load", "peak_mb"),
            lambda v: f"{v:,.0f} MB",
        ),
        (
            f"filter: a month + theatre {theatre} (naive: country {theatre})",
            ("work", "filter_s"),
            ("work", "filter_theatre_s"),
            _ms,
        ),
        (f"text search “{search}”", ("work", "search_s"), ("work", "search_s"), _ms),
        (
            "map build per render, all events (markers + deck + JSON)",
            ("work", "all", "build_s"),
            ("work", "all", "build_s"),
            _s,
        ),
        ("map spec bytes, all events (in process)", ("work", "all", "bytes"), ("work", "all", "bytes"), _mb),
        (
            f"map spec bytes, theatre {theatre} (in process)",
            ("work", "theatre", "bytes"),
            ("work", "theatre", "bytes"),
            _mb,
        ),
    ]
    lines = []
    for label, ours_keys, naive_keys, fmt in steps:
        for entry in results.sizes:
            naive = _get(entry.naive, *naive_keys) if naive_keys else None
            lines.append(
                _row(
                    label,
                    entry,
                    _get(entry.ours, *ours_keys),
                    naive,
                    fmt,
                    why_naive=None if naive_keys else "no validation",
                    compare=naive_keys is not None,
                )
            )
    return lines


def results_table(results: Results) -> list[str]:
    return (
        [
            "## Dashboard and naive app",
            "",
            "| measure | data | dashboard | naive | naive ÷ dashboard |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        + browser_rows(results)
        + process_rows(results)
    )


def breakdown_table(results: Results) -> list[str]:
    lines = [
        "## Where the browser time goes",
        "",
        "Medians over the pages, on the page's own clock from the page open (or the Enter key): the first "
        "websocket message; the largest (the map spec); the first frame holding the required colours; "
        "Streamlit's `script_finished`; the final picture (the figures above: the later of the last two).",
        "",
        "| app | data | measure | first message | map message | first frame | script_finished | drawn |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [("floor", "before" if i == 0 else "after", run) for i, run in enumerate(results.floor)]
    rows += [(name, entry.title, run) for entry in results.sizes for name, run in entry.browser.items()]
    for name, data, run in rows:
        for kind in ("open", "rerun"):
            drawn = [r for r in getattr(run, KINDS[kind]) if r.drawn]
            cells = [
                _s(median([getattr(r, key) for r in drawn]))
                for key in ("first_message_s", "largest_message_s", "first_frame_s", "finished_s", "seconds")
            ]
            lines.append(f"| {name} | {data} | {kind} | " + " | ".join(cells) + " |")
    return lines


# --- the text around the tables ------------------------------------------------------------------------------------


def header(results: Results) -> list[str]:
    m, cpu = results.machine, results.cpu
    lines = [
        "# Performance: the dashboard against the floor page and the naive Streamlit + pydeck app",
        "",
        "Written by `python -m bench` (data: "
        + ", ".join(e.title for e in results.sizes)
        + f"; one run started {results.started}, took {results.seconds / 60:.1f} min). Do not edit the "
        "numbers by hand: run the command again.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gb']:.1f} GB; no GPU (Chromium draws WebGL "
        f"with SwiftShader on the CPU{': ' + m['webgl'] if m.get('webgl') else ''})",
        f"- OS: {m['os']}; Python {m['python']}; {m['chromium']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
    ]
    load = (
        f"- Load average (1, 5, 15 min) before the run {_load(results.load_before)}, after "
        f"{_load(results.load_after)}: the machine is shared with other work, and the browser, the server and "
        "the page compete for its 2 cores. "
    )
    if cpu:
        load += (
            f"During the run the CPUs were busy {cpu['machine_busy_s']:,.0f} core-seconds of "
            f"{cpu['capacity_s']:,.0f}; this benchmark and its processes used {cpu['own_s']:,.0f}, so other "
            f"work took about {max(0.0, cpu['machine_busy_s'] - cpu['own_s']):,.0f}. "
        )
    if results.calibration_before is not None and results.calibration_after is not None:
        load += (
            f"A fixed Python loop took {results.calibration_before:.3f} s before the run and "
            f"{results.calibration_after:.3f} s after it (a rough gauge of how busy the machine was)."
        )
    return lines + [load]


METHOD = """## Method

- **Data**: the curated data (`data/events.csv`, served with no `EVENTMAP_EVENTS`), and synthetic ACLED exports
  made by `bench/synthetic.py` (seeded, so every run reads the same rows): the 31 export columns, UTF-8 with a
  BOM, dates over one year written as `03 December 2023` (80 %%) or ISO, events coded to a gazetteer of
  %(places)s places over nine Middle East countries with thirteen hot spots, notes with commas and quotes.
- **The floor** (`bench/floor_app.py`): a bare Streamlit page with ten pydeck points (ScatterplotLayer,
  `map_provider=None`, no basemap, the dashboard's category colours). Its rerun is a sidebar multiselect whose
  choice filters nothing but goes into the layer's id, so deck.gl builds the layer again and draws a new frame.
  It is measured before and after the other apps, and its figure is the median over all its pages.
- **The naive app** (`bench/naive_app.py`): `pd.read_csv` under `st.cache_data`, a sidebar multiselect on
  country, every filtered event as one ScatterplotLayer point on every rerun (`map_provider=None`: no basemap).
  It reads ACLED exports only, so it is not run on the curated data.
- **In process**, each step in a new Python process, so that its peak memory is its own (`bench/inprocess.py`):
  the validate CLI, `load_events` cold, the Parquet-cached reload, filter times (median of %(repeats_in)d), the
  map as the page builds it and the bytes of its spec (what the dashboard's map component receives; what
  `st.pydeck_chart` sends for the naive app).
- **In the browser**: headless Chromium (Playwright, SwiftShader WebGL, viewport %(viewport)s); each app served
  on 127.0.0.1 with an empty parse cache (the dashboard by `python -m eventmap serve`, as scripts/run.sh serves it;
  the others by `streamlit run`). A warm-up page first (the server parses the file),
  then up to %(repeats)d fresh pages (new browser contexts), each opened, then rerun by choosing one value in the
  sidebar multiselect (“Theatre”; “Country” in the naive app): %(theatres)s on successive pages, so no choice is
  a cache hit. On the synthetic data the dashboard is also opened with a date filter in its URL.
- **Fully drawn** means: the map's canvases hold at least %(markers)d sampled pixels of marker colours
  (`schema.CATEGORY_COLOURS`) and, for the dashboard, %(land)d sampled pixels of the basemap's land colour
  (`schema.PALETTE["land"]`) and %(names)d of the ink of its names (the place, country and sea label colours),
  in a frame drawn after the page open or the Enter key; and Streamlit's `script_finished` has arrived. A
  script in the page counts WebGL draw calls; within %(poll)d ms of new ones it puts a fence in the WebGL
  stream, polls it every %(fence)d ms, and once the GPU has passed it reads every canvas of the page back (the
  dashboard's map draws its layers on a 2D canvas in the same task as deck.gl's frame). The frames
  go on being read until the rerun has finished and no draw call came for %(quiet)d ms; the time is the later
  of `script_finished` (its arrival on the page's clock) and the first frame of the last picture.
- **Bytes** are those received over the websocket for that render, up to `script_finished`. **Peak server
  memory** is the `ru_maxrss` of the `streamlit run` process when stopped. Every wait is bounded (%(timeout).0f s;
  the warm-up twice that); a timeout is reported as one, and ends that app's pages for that data.
- Chromium draws WebGL in software (SwiftShader, on the same 2 cores as the server), so the drawing part of
  these times is far longer than on a machine with a GPU; every app is drawn the same way.
"""


def method(results: Results) -> list[str]:
    theatres = ", ".join(SYNTHETIC_THEATRES[: results.repeats])
    curated = ", ".join(THEATRES[CURATED][: results.repeats])
    return (
        METHOD
        % {
            "places": f"{synthetic.PLACES:,}",
            "repeats_in": inprocess.REPEATS,
            "viewport": f"{VIEWPORT['width']}×{VIEWPORT['height']}",
            "repeats": results.repeats,
            "theatres": f"{theatres} (curated data: {curated})",
            "markers": MIN_MARKER_PIXELS,
            "land": MIN_LAND_PIXELS,
            "names": MIN_NAME_PIXELS,
            "poll": POLL_MS,
            "fence": FENCE_POLL_MS,
            "quiet": QUIET_MS,
            "timeout": results.timeout_s,
        }
    ).splitlines()


def _page(render: Render | None) -> str:
    if render is None:
        return "—"
    if render.status != DRAWN:
        after = f" after {render.wall_s:.1f} s" if render.wall_s is not None else ""
        text = f" ({' '.join(render.error.split())[:200]})" if render.error else ""
        return f"**{render.status}**{after}{text}"
    parts = [
        f"{render.seconds:.2f} s",
        f"{_mb(render.ws_bytes)} over the websocket",
        f"(first frame at {_s(render.first_frame_s)}, script_finished at {_s(render.finished_s)}, largest "
        f"message {_mb(render.largest_message_bytes)} at {_s(render.largest_message_s)})",
        f"{render.marker_pixels} marker, {render.land_pixels} land and {render.name_pixels} name pixels sampled",
    ]
    if render.settled_same is False:
        parts.append("the last canvas read differs from the picture counted as final")
    if render.chosen is False:
        parts.append("the choice did not show in the widget")
    return ", ".join(parts)


def _app_details(run: AppRun, title: str) -> list[str]:
    peak = "unknown" if run.server_peak_mb is None else f"{run.server_peak_mb:,.0f} MB"
    lines = [
        f"- {title} (server peak {peak}{'; ' + run.error if run.error else ''}):",
        f"  - warm-up page: {_page(run.warmup)}",
    ]
    for i, page in enumerate(run.pages):
        rerun = run.reruns[i] if i < len(run.reruns) else None
        lines.append(f"  - page {i + 1}: open {_page(page)}; rerun: {_page(rerun)}")
        if i < len(run.dated):
            lines.append(f"  - page {i + 1} with a date filter: {_page(run.dated[i])}")
    return lines


def _process_details(entry: SizeEntry) -> list[str]:
    lines = []
    validate, load, work = entry.ours.get("validate", {}), entry.ours.get("load", {}), entry.ours.get("work", {})
    if validate:
        lines.append(
            f"- validate: {validate['wall_s']:.2f} s, peak {validate['peak_mb']:,.0f} MB, said: `{validate['said']}`"
        )
    if "load_s" in load:
        lines.append(
            f"- dashboard `load_events`: {load['load_s']:.2f} s, {load['rows']:,} rows kept, "
            f"{load['problems']} problem(s), peak {load['peak_mb']:,.0f} MB"
        )
    for view in ("all", "filtered", "theatre") if "reload_s" in work else ():
        v = work[view]
        kind = f"grid cells of {v['cell_deg']:g}°" if v["aggregated"] else "places"
        lines.append(
            f"- map of {view}: {v['markers']:,} {kind}; build_map_data {v['map_data_s']:.3f} s, "
            f"build_deck {v['deck_s']:.3f} s, to_json {v['json_s']:.3f} s; {v['bytes'] / 1e6:.2f} MB"
        )
    for side, steps in (("dashboard", entry.ours), ("naive", entry.naive)):
        lines += [
            f"- {side} {step}: **{value['error']}**"
            for step, value in steps.items()
            if isinstance(value, dict) and "error" in value
        ]
    return lines


def details(results: Results) -> list[str]:
    lines = ["## Details", "", "Per dataset: the file, the steps' own numbers, and every browser page.", ""]
    for i, run in enumerate(results.floor):
        lines += _app_details(run, f"floor page, {'before' if i == 0 else 'after'} the other apps")
    lines.append("")
    for entry in results.sizes:
        made = "reused" if entry.reused else f"generated in {entry.generate_s:.1f} s"
        during = f", after the browser part {_load(entry.load_browser)}" if entry.load_browser else ""
        lines += [
            f"### {entry.title} rows",
            "",
            f"- file: {entry.file_mb:.1f} MB ({made}); load average after "
            f"the in-process part {_load(entry.load_during)}{during}",
        ]
        lines += _process_details(entry)
        for name, run in entry.browser.items():
            lines += _app_details(run, "dashboard" if name == "ours" else name)
        lines.append("")
    return lines


def report(results: Results) -> str:
    """The benchmark's part of docs/performance.md, every number from `results` (one run)."""
    parts = [header(results), [""], method(results)]
    if results.browser:
        parts += [floor_table(results), [""]]
    parts += [results_table(results), [""], targets(results), [""]]
    if results.browser:
        parts += [breakdown_table(results), [""]]
    parts.append(details(results))
    return "\n".join(line for part in parts for line in part)


def load_section(text: str, begin: str = LOAD_BEGIN, end_marker: str = LOAD_END) -> str:
    """A kept section of an existing report (markers included): the load test's by default, or ''."""
    start, end = text.find(begin), text.find(end_marker)
    return text[start : end + len(end_marker)] if 0 <= start < end else ""


def write_report(results: Results, out: Path) -> None:
    """Write the report over `out`, keeping the hand-written findings and the load test's section there."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = [part for part in (load_section(text, FINDINGS_BEGIN, FINDINGS_END), load_section(text)) if part]
    atomic_write(out, [report(results).rstrip("\n") + "\n", *("\n" + part + "\n" for part in kept)])


def write_load_section(section: str, out: Path) -> None:
    """Put the load test's section into `out`, replacing the one there (or appending it)."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    block = f"{LOAD_BEGIN}\n{section.strip()}\n{LOAD_END}"
    kept = load_section(text)
    text = text.replace(kept, block) if kept else text.rstrip("\n") + "\n\n" + block
    atomic_write(out, [text.rstrip("\n") + "\n"])
