"""In-process measures, each step in a fresh Python process so that its peak memory is its own: validate
(the CLI), a cold parse, the Parquet-cached reload, filter times, the map build and the bytes of its spec.

    python -m bench.inprocess --child STEP FILE CACHE   # one step; prints BENCH-RESULT {json}
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from eventmap import schema

ROOT = schema.APP_PATH.parent  # the repository; the children import nothing else of bench or tests,
# so that their peak memory is the step's own (not Streamlit's, which tests/browser/harness.py imports)

MONTH = (dt.date(2024, 1, 1), dt.date(2024, 1, 31))  # the typical filter: one month...
THEATRE = "Iraq"  # ...and one theatre
SEARCH = "Katyusha"  # a text search: a word in some notes
REPEATS = 5  # in-process timings: the median of this many


def payload_bytes(deck) -> int:
    """The bytes of the map spec the browser receives for this deck (eventmap/ui/deckmap.py sends its JSON)."""
    return len(deck.to_json().encode("utf-8"))


def _median_time(work: Callable[[], object], repeats: int = REPEATS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_ours_load(path: Path, cache: Path) -> dict:
    """Cold parse + validate in process, nothing cached."""
    from eventmap.load import load_events

    before = _rss_mb()
    seconds, loaded = _timed(lambda: load_events(path))
    return {"load_s": seconds, "rows": len(loaded.frame), "problems": len(loaded.problems), "rss_before_mb": before}


def _child_ours_cache(path: Path, cache: Path) -> dict:
    """load_events_cached twice: the first parses and writes the Parquet copy, the second reads it."""
    from eventmap.load import load_events_cached

    first, _ = _timed(lambda: load_events_cached(path, cache_root=cache))
    second, loaded = _timed(lambda: load_events_cached(path, cache_root=cache))
    return {"first_s": first, "second_s": second, "rows": len(loaded.frame)}


def _child_ours_work(path: Path, cache: Path) -> dict:
    """A new process reading the cached copy (an app restart), then filters and the map as the page makes it."""
    from eventmap import filters
    from eventmap.load import load_events_cached
    from eventmap.maps.markers import build_map_data
    from eventmap.maps.spec import build_deck

    before = _rss_mb()
    reload_s, loaded = _timed(lambda: load_events_cached(path, cache_root=cache))
    frame = loaded.frame
    typical = filters.Filters(MONTH[0], MONTH[1], {"theatre": (THEATRE,)})
    theatre_only = filters.Filters(choices={"theatre": (THEATRE,)})
    out = {"reload_s": reload_s, "rss_before_mb": before, "rows": len(frame)}
    out["filter_s"], month_view = _median_time(lambda: filters.apply(frame, typical))
    out["filter_theatre_s"], theatre_view = _median_time(lambda: filters.apply(frame, theatre_only))
    out["search_s"], hits = _median_time(lambda: filters.apply(frame, filters.Filters(text=SEARCH)))
    out.update(filtered_rows=len(month_view), theatre_rows=len(theatre_view), search_rows=len(hits))
    for name, view in (("all", frame), ("filtered", month_view), ("theatre", theatre_view)):
        map_s, data = _median_time(lambda view=view: build_map_data(view), repeats=3)
        deck_s, deck = _median_time(lambda data=data: build_deck(data), repeats=3)
        json_s, spec = _median_time(lambda deck=deck: deck.to_json(), repeats=3)
        out[name] = {
            "map_data_s": map_s,
            "deck_s": deck_s,
            "json_s": json_s,
            "build_s": map_s + deck_s + json_s,
            "bytes": payload_bytes(deck),
            "markers": len(data.markers),
            "aggregated": data.aggregated,
            "cell_deg": data.cell_deg,
        }
    return out


CHILDREN = {
    "ours-load": _child_ours_load,
    "ours-cache": _child_ours_cache,
    "ours-work": _child_ours_work,
}


def _child_main(argv: list[str]) -> int:
    step, path, cache = argv
    result = CHILDREN[step](Path(path), Path(cache))
    result["rss_self_mb"] = _rss_mb()
    print("BENCH-RESULT " + json.dumps(result))
    return 0


def run_measured(cmd: list[str], *, timeout: float, env: dict | None = None, cwd: Path = ROOT) -> dict:
    """Run a command to its end; its wall time, exit code, output and peak resident memory (ru_maxrss)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    timed_out = wall >= timeout
    return {
        "wall_s": wall,
        "rc": process.returncode,
        "stdout": stdout,
        "stderr": stderr,
        "peak_mb": usage.ru_maxrss / 1024,
        "timed_out": timed_out,
    }


def run_child(step: str, path: Path, cache: Path, timeout: float = 900) -> dict:
    ran = run_measured(
        [sys.executable, "-m", "bench.inprocess", "--child", step, str(path), str(cache)],
        timeout=timeout,
        env=_child_env(cache),
    )
    line = next((out for out in ran["stdout"].splitlines() if out.startswith("BENCH-RESULT ")), None)
    if ran["rc"] != 0 or line is None:
        reason = "timed out" if ran["timed_out"] else f"exit {ran['rc']}: {ran['stderr'].strip()[-400:]}"
        return {"error": reason, "wall_s": ran["wall_s"], "peak_mb": ran["peak_mb"]}
    result = json.loads(line.removeprefix("BENCH-RESULT "))
    result.update(wall_s=ran["wall_s"], peak_mb=ran["peak_mb"])
    return result


def _child_env(cache: Path) -> dict:
    from tests.browser.harness import clean_env

    return clean_env({schema.CACHE_DIR_ENV: str(cache)})


def measure_processes(path: Path, workdir: Path, log: Callable[[str], None]) -> dict:
    """Every in-process measurement of one file, each step in a new process."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=workdir))
    try:
        log("validate (CLI)")
        ran = run_measured(
            [sys.executable, "-m", "eventmap", "validate", str(path)], timeout=600, env=_child_env(cache)
        )
        validate = {
            "wall_s": ran["wall_s"],
            "peak_mb": ran["peak_mb"],
            "rc": ran["rc"],
            "said": (ran["stdout"].strip().splitlines() or [""])[-1][:300],
            "timed_out": ran["timed_out"],
        }
        ours = {"validate": validate}
        for step in ("ours-load", "ours-cache", "ours-work"):
            log(step)
            ours[step.removeprefix("ours-")] = run_child(step, path, cache)
        return ours
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(_child_main(sys.argv[2:]))
    print("use: python -m bench", file=sys.stderr)
    raise SystemExit(2)
