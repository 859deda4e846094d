"""One benchmark run: the datasets, the in-process steps, the floor page and the dashboard in Chromium; results.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import browser as pages
from bench import inprocess, synthetic
from bench.results import CURATED, AppRun, Results, SizeEntry, to_json
from eventmap import schema
from eventmap.files import atomic_write
from tests.browser.harness import CHROMIUM, launch_chromium

DEFAULT_SIZES = (CURATED, "100000", "1000000")
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "eventmap-bench"
THEATRES = {CURATED: ("Iraq", "Syria", "Red Sea")}  # the rerun's choices, one per page: none is a cache hit
SYNTHETIC_THEATRES = ("Iraq", "Syria", "Yemen")


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        fields = dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
        os_name = fields.get("PRETTY_NAME", os_name).strip('"') + f" (kernel {platform.release()})"
    from importlib.metadata import version

    packages = {name: version(name) for name in ("streamlit", "pydeck", "pandas", "pyarrow", "numpy", "playwright")}
    try:
        chromium = subprocess.run(
            [str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_kb / 1024 / 1024,
        "os": os_name,
        "python": platform.python_version(),
        "packages": packages,
        "chromium": chromium,
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


def calibration() -> float:
    """Seconds for a fixed pure-Python loop: how fast the machine was at that moment (it is shared and varies)."""
    started = time.perf_counter()
    sum(i * i for i in range(3_000_000))
    return time.perf_counter() - started


def prepare(label: str, workdir: Path, log: Callable[[str], None]) -> SizeEntry:
    """The dataset of one size label (the shipped data, or a synthetic export made once), and its in-process steps."""
    step = time.perf_counter()
    if label == CURATED:
        path, reused = schema.data_files(env={}).events, True  # the shipped data, as the served dashboard reads it
    else:
        path = synthetic.dataset_path(workdir, int(label))
        reused = path.exists()
        log(f"[{label}] {'reusing' if reused else 'generating'} {path}")
        synthetic.generate(int(label), workdir)
    with path.open(encoding="utf-8-sig") as handle:
        rows = sum(1 for _ in handle) - 1  # lines: the synthetic notes hold no newline; the curated count is a guide
    entry = SizeEntry(label, rows, str(path), path.stat().st_size / 1e6, reused, time.perf_counter() - step)
    entry.ours = inprocess.measure_processes(path, workdir, lambda what: log(f"[{label}] {what}"))
    if "rows" in entry.ours.get("load", {}):
        entry.rows = entry.ours["load"]["rows"]
    entry.load_during = os.getloadavg()
    entry.seconds = time.perf_counter() - step
    return entry


def _floor(chromium, workdir: Path, log, *, repeats: int, timeout_s: float, shots: Path | None, tag: str) -> AppRun:
    return pages.measure_app(
        chromium,
        pages.APPS["floor"],
        None,
        workdir,
        lambda what: log(f"[floor] {what}"),
        values=SYNTHETIC_THEATRES,
        repeats=repeats,
        timeout_s=timeout_s,
        shots=shots,
        tag=tag,
    )


def measure_browsers(results: Results, workdir: Path, log: Callable[[str], None], shots: Path | None) -> None:
    """The floor page, then the dashboard on each dataset, then the floor again; one Chromium."""
    from playwright.sync_api import sync_playwright

    options = {"repeats": results.repeats, "timeout_s": results.timeout_s, "shots": shots}
    with sync_playwright() as playwright:
        chromium, renderer = launch_chromium(playwright)
        results.machine["webgl"] = renderer
        try:
            results.floor.append(_floor(chromium, workdir, log, tag="before", **options))
            for entry in results.sizes:
                step = time.perf_counter()
                values = THEATRES.get(entry.label, SYNTHETIC_THEATRES)
                entry.browser["ours"] = pages.measure_app(
                    chromium,
                    pages.APPS["ours"],
                    None if entry.label == CURATED else Path(entry.file),
                    workdir,
                    lambda what, r=entry.label: log(f"[{r}] {what}"),
                    values=values,
                    tag=entry.label,
                    dated=entry.label != CURATED,
                    **options,
                )
                entry.browser_seconds = time.perf_counter() - step
                entry.load_browser = os.getloadavg()
            results.floor.append(_floor(chromium, workdir, log, tag="after", **options))
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
    shots: Path | None = None,
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
        calibration_before=calibration(),
    )
    busy_before, own_before = cpu_seconds()
    results.sizes = [prepare(label, workdir, log) for label in sizes]
    if browser:
        measure_browsers(results, workdir, log, shots)
    results.load_after = os.getloadavg()
    results.calibration_after = calibration()
    busy_after, own_after = cpu_seconds()
    results.seconds = time.perf_counter() - started
    results.cpu = {
        "machine_busy_s": busy_after - busy_before,
        "own_s": own_after - own_before,
        "capacity_s": results.seconds * (os.cpu_count() or 1),
    }
    atomic_write(workdir / "results.json", [json.dumps(to_json(results), indent=1)])
    return results
