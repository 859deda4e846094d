"""One benchmark run: the datasets, the in-process steps, the floor page and the dashboard in Chromium; results.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import browser as pages
from bench import exports, inprocess, synthetic
from bench.results import CURATED, AppRun, Results, SizeEntry, to_json
from eventmap import schema
from eventmap.files import atomic_write
from tests.browser.harness import CHROMIUM, launch_chromium

DEFAULT_SIZES = (CURATED, "100000", "1000000")
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "eventmap-bench"
THEATRES = {CURATED: ("Iraq", "Syria", "Red Sea")}  # the rerun's choices, one per page: none is a cache hit
SYNTHETIC_THEATRES = ("Iraq", "Syria", "Yemen")


def _line(path: str, prefix: str, default: str = "") -> str:
    """What follows `prefix` on the first line of a /proc or /etc file that starts with it."""
    lines = Path(path).read_text().splitlines() if Path(path).exists() else []
    return next((line for line in lines if line.startswith(prefix)), prefix + default)[len(prefix) :].strip(' \t:="')


def machine() -> dict:
    """What the page says of the machine: its numbers are this machine's, shared or not (see Results.cpu)."""
    from importlib.metadata import version

    packages = ("streamlit", "pydeck", "pandas", "pyarrow", "numpy", "playwright")
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        chromium = "Chromium not found"
    return {
        "cpu": _line("/proc/cpuinfo", "model name", platform.processor() or "unknown"),
        "cores": os.cpu_count(),
        "memory_gb": int(_line("/proc/meminfo", "MemTotal", "0 kB").split()[0]) / 1024 / 1024,
        "os": f"{_line('/etc/os-release', 'PRETTY_NAME', platform.platform())} (kernel {platform.release()})",
        "python": platform.python_version(),
        "packages": {name: version(name) for name in packages},
        "chromium": chromium.strip(),
    }


def cpu_seconds() -> tuple[float, float]:
    """(CPU seconds the whole machine has been busy, CPU seconds used by this process and its reaped children)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    own = sum(
        getattr(resource.getrusage(who), name)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for name in ("ru_utime", "ru_stime")
    )
    return busy / os.sysconf("SC_CLK_TCK"), own


def _generate_apart(rows: int, workdir: Path) -> None:
    """The synthetic file made in a process of its own. A process started later inherits the peak memory of the
    process it was forked from (Linux keeps ru_maxrss across fork and exec): made here, a million rows' 3.6 GB would
    be every later server's and step's "peak memory"."""
    code = (
        "import sys; from pathlib import Path; from bench import synthetic; "
        "synthetic.generate(int(sys.argv[1]), Path(sys.argv[2]))"
    )
    subprocess.run([sys.executable, "-c", code, str(rows), str(workdir)], cwd=schema.APP_PATH.parent, check=True)


def prepare(label: str, workdir: Path, log: Callable[[str], None]) -> SizeEntry:
    """The dataset of one size label (the shipped data, or a synthetic export made once), and its in-process steps."""
    if label == CURATED:
        path = schema.data_files(env={}).events  # the shipped data, as the served dashboard reads it
    else:
        path = synthetic.dataset_path(workdir, int(label))
        log(f"[{label}] {'reusing' if path.exists() else 'generating'} {path}")
        _generate_apart(int(label), workdir)
    entry = SizeEntry(label, 0, str(path))
    entry.ours = inprocess.measure_processes(path, workdir, lambda what: log(f"[{label}] {what}"))
    if label == CURATED:  # the targets of a rendered view are the curated briefing's
        entry.ours["render"] = exports.measure_renders(path, workdir, lambda what: log(f"[{label}] {what}"))
    rows = entry.ours.get("load", {}).get("rows")  # the rows that load, as the page counts them
    entry.rows = rows if rows is not None else sum(1 for _ in path.open(encoding="utf-8-sig")) - 1
    return entry


def measure_browsers(results: Results, workdir: Path, log: Callable[[str], None]) -> None:
    """The floor page, then the dashboard on each dataset, then the floor again; one Chromium."""
    from playwright.sync_api import sync_playwright

    def floor() -> AppRun:
        return pages.measure_app(chromium, pages.FLOOR, None, workdir, log, values=SYNTHETIC_THEATRES, **options)

    options = {"repeats": results.repeats, "timeout_s": results.timeout_s}
    with sync_playwright() as playwright:
        chromium, results.machine["webgl"] = launch_chromium(playwright)
        try:
            results.floor.append(floor())
            for entry in results.sizes:
                entry.dashboard = pages.measure_app(
                    chromium,
                    pages.DASHBOARD,
                    None if entry.label == CURATED else Path(entry.file),
                    workdir,
                    lambda what, r=entry.label: log(f"[{r}] {what}"),
                    values=THEATRES.get(entry.label, SYNTHETIC_THEATRES),
                    dated=entry.label != CURATED,
                    **options,
                )
            results.floor.append(floor())
        finally:
            chromium.close()


def run(
    sizes: Sequence[str],
    workdir: Path,
    *,
    browser: bool = True,
    repeats: int = 3,
    timeout_s: float = 180,
    log: Callable[[str], None] = print,
) -> Results:
    """The whole benchmark; returns every number (also kept in workdir/results.json)."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = Results(
        machine(),
        dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        browser=browser,
        repeats=repeats,
        timeout_s=timeout_s,
        load_before=os.getloadavg(),
    )
    busy_before, own_before = cpu_seconds()
    results.sizes = [prepare(label, workdir, log) for label in sizes]
    if browser:
        measure_browsers(results, workdir, log)
    results.load_after = os.getloadavg()
    busy_after, own_after = cpu_seconds()
    results.seconds = time.perf_counter() - started
    results.cpu = {
        "machine_busy_s": busy_after - busy_before,
        "own_s": own_after - own_before,
        "capacity_s": results.seconds * (os.cpu_count() or 1),
    }
    atomic_write(workdir / "results.json", [json.dumps(to_json(results), indent=1)])
    return results
