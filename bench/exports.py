"""The view leaving the app, measured from the command line a scheduler would run: `python -m eventmap render`
at each format on the whole dataset, wall time (interpreter and Chromium start included) and the file's bytes."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.inprocess import _child_env, run_measured
from eventmap import schema

RENDERS = {  # the format's key in SizeEntry.ours["render"]: the command's own options
    "png": ("--format", "png", "--size", "1920x1080", "--scale", "2"),
    "html": ("--format", "html"),
    "pdf": ("--format", "pdf"),
}
DECK_STEPS = 6  # the briefing exported as a deck: the shipped example's steps, repeated to this many


def measure_renders(path: Path, workdir: Path, log: Callable[[str], None]) -> dict:
    """Each format rendered once from a new process: {format: {wall_s, rc, timed_out, bytes}}."""
    folder = Path(tempfile.mkdtemp(prefix="render-", dir=workdir))
    cache = folder / "cache"
    try:
        out = {}
        for name, options in RENDERS.items():
            log(f"render --format {name} (CLI)")
            target = folder / f"view.{name}"
            command = [sys.executable, "-m", "eventmap", "render", "--events", str(path), *options, "-o", str(target)]
            ran = run_measured(command, timeout=300, env=_child_env(cache))
            out[name] = {key: ran[key] for key in ("wall_s", "rc", "timed_out")}
            out[name]["bytes"] = target.stat().st_size if target.exists() else None
        log(f"briefing export --format pptx, {DECK_STEPS} steps (CLI)")
        out["pptx"] = _deck(folder, cache)
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _deck(folder: Path, cache: Path) -> dict:
    """`briefing export --format pptx` of a briefing of DECK_STEPS steps, in a copy of the shipped dataset."""
    data = folder / "data"
    shutil.copytree(schema.data_dir(env={}), data)
    shipped = sorted((data / "briefings").glob("*.json"))
    if not shipped:
        return {"rc": None, "timed_out": False, "wall_s": None, "bytes": None}
    briefing = json.loads(shipped[0].read_text(encoding="utf-8"))
    steps = briefing["steps"]
    briefing["steps"] = [steps[i % len(steps)] for i in range(DECK_STEPS)]
    (data / "briefings" / "bench.json").write_text(json.dumps(briefing, indent=2), encoding="utf-8")
    target = folder / "deck.pptx"
    command = [sys.executable, "-m", "eventmap", "briefing", "export", "bench", "--format", "pptx", "-o", str(target)]
    ran = run_measured(command, timeout=300, env={**_child_env(cache), schema.DATA_DIR_ENV: str(data)})
    out = {key: ran[key] for key in ("wall_s", "rc", "timed_out")}
    out["bytes"] = target.stat().st_size if target.exists() else None
    return out
