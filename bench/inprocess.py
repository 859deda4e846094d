"""In-process measures, each step in a fresh Python process so that its peak memory is its own: validate
(the CLI), a cold parse, the Parquet-cached reload, filter times, the map build and the bytes of its spec, and
the Compare page's comparison of two months.

    python -m bench.inprocess --child STEP FILE CACHE   # one step; prints BENCH-RESULT {json}
"""

from __future__ import annotations

import datetime as dt
import json
import os
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
COMPARED = (MONTH, (dt.date(2024, 2, 1), dt.date(2024, 2, 29)))  # the Compare page's periods A and B, by province


def payload_bytes(deck) -> int:
    """The bytes of the map spec the browser receives for this deck (eventmap/ui/deckmap.py sends its JSON)."""
    return len(deck.to_json().encode("utf-8"))


def _timed(work: Callable[[], object], repeats: int = 1) -> tuple[float, object]:
    """The median seconds of `repeats` calls of `work`, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _child_load(path: Path, cache: Path) -> dict:
    """Cold parse + validate in process, nothing cached."""
    from eventmap.load import load_events

    seconds, loaded = _timed(lambda: load_events(path))
    return {"load_s": seconds, "rows": len(loaded.frame)}


def _child_cache(path: Path, cache: Path) -> dict:
    """The Parquet copy written, as the server's first page open writes it, for the next step to read."""
    from eventmap.load import load_events_cached

    return {"rows": len(load_events_cached(path, cache_root=cache).frame)}


def _child_work(path: Path, cache: Path) -> dict:
    """A new process reading the cached copy (an app restart), then filters and the map as the page makes it."""
    from eventmap import filters
    from eventmap.load import load_events_cached

    reload_s, loaded = _timed(lambda: load_events_cached(path, cache_root=cache))
    frame = loaded.frame
    typical = filters.Filters(MONTH[0], MONTH[1], {"theatre": (THEATRE,)})
    out = {"reload_s": reload_s}
    out["filter_s"], _ = _timed(lambda: filters.apply(frame, typical), REPEATS)
    out["search_s"], _ = _timed(lambda: filters.apply(frame, filters.Filters(text=SEARCH)), REPEATS)
    theatre = filters.apply(frame, filters.Filters(choices={"theatre": (THEATRE,)}))
    for name, view in (("all", frame), ("theatre", theatre)):
        build_s, deck = _timed(lambda view=view: _deck(view), 3)
        out[name] = {"build_s": build_s, "bytes": payload_bytes(deck)}
    out["compare_s"], _ = _timed(lambda: _compared(frame), REPEATS)
    return out


def _compared(frame):
    """The Compare page's server work for two months by province: the table (View.compare) and its change map
    (View.change_map: the places' points, the markers and the spec's JSON), from the columns each reads."""
    from eventmap import compare, compare_map

    a, b = (compare.Period(*days) for days in COMPARED)
    table = compare.compare(frame[list(compare.COLUMNS)], a, b, "admin1")
    where = compare_map.points(frame[list(compare_map.COLUMNS)], a, b, "admin1")
    compare_map.deck(compare_map.marker_rows(table, where, "admin1")).to_json()
    return table


def _deck(view):
    """The map as the page builds it: markers, the deck, and its JSON (the part of the build it sends)."""
    from eventmap.maps.markers import build_map_data
    from eventmap.maps.spec import build_deck

    deck = build_deck(build_map_data(view))
    deck.to_json()
    return deck


CHILDREN = {"load": _child_load, "cache": _child_cache, "work": _child_work}


def _child_main(argv: list[str]) -> int:
    step, path, cache = argv
    result = CHILDREN[step](Path(path), Path(cache))
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
        ours = {"validate": {key: ran[key] for key in ("wall_s", "rc", "timed_out")}}
        for step in CHILDREN:
            log(step)
            ours[step] = run_child(step, path, cache)
        return ours
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(_child_main(sys.argv[2:]))
    print("use: python -m bench", file=sys.stderr)
    raise SystemExit(2)
