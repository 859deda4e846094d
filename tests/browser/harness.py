"""What the browser tests and scripts/screenshots.py share beyond the server and Chromium (bench/harness.py:
one implementation for the benchmark, the load test and the tests): the pages, and the timings file.
"""

from __future__ import annotations

import json

from bench.harness import (
    ARTIFACTS,
    free_port,  # noqa: F401
)

# Each page: its title (the heading), its link in the sidebar (None: the map, the app's start page), and what
# shows that it has finished drawing (the map is judged by its pixels instead, see mapcanvas.wait_for_markers).
PAGES = [
    ("Map", None, None),
    ("Timeline", "Timeline", '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'),
    ("Events", "Events", '[data-testid="stDataFrame"] canvas'),
    ("Sources and method", "Sources and method", '[data-testid="stDataFrame"] canvas'),
]


def record_timing(name: str, seconds: float) -> None:
    """Timings the browser tests measure, in test-artifacts/timings.json (reported, not asserted)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "timings.json"
    try:
        timings = json.loads(path.read_text())
    except (OSError, ValueError):
        timings = {}
    timings[name] = round(seconds, 2)
    path.write_text(json.dumps(timings, indent=2) + "\n")


def read_timings() -> dict[str, float]:
    try:
        return json.loads((ARTIFACTS / "timings.json").read_text())
    except (OSError, ValueError):
        return {}
