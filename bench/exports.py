"""The view leaving the app, measured from the command line a scheduler would run: `python -m eventmap render`
at each format on the whole dataset, wall time (interpreter and Chromium start included) and the file's bytes."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.inprocess import _child_env, run_measured

RENDERS = {  # the format's key in SizeEntry.ours["render"]: the command's own options
    "png": ("--format", "png", "--size", "1920x1080", "--scale", "2"),
    "html": ("--format", "html"),
    "pdf": ("--format", "pdf"),
}


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
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)
