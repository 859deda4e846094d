"""Serve the app on loopback and open it in Debian's Chromium: shared by the browser tests and the screenshots.

Plain Python and Playwright only (no pytest), so that scripts/screenshots.py can use it too.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"  # gitignored: server logs, failure screenshots, timings.json

# WebGL in headless Chromium without a GPU: ANGLE on SwiftShader, the software Vulkan device Chromium ships.
# Checked with Debian's Chromium 156: WebGL 2 comes up (renderer "ANGLE (Google, Vulkan 1.3.0 (SwiftShader
# Device (Subzero)...)") and deck.gl draws with or without --use-gl/--use-angle, but without
# --enable-unsafe-swiftshader Chromium only reaches SwiftShader by an "automatic fallback to software WebGL"
# that it warns is deprecated (and will be removed): that flag is the one that keeps the map working. The
# --use-gl=angle --use-angle=swiftshader pair asks for that device directly instead of trying a GPU first.
# Playwright also passes --enable-unsafe-swiftshader by default; we pass it ourselves so as not to rely on that.
# The rest keep Chromium from calling home (no component updates, sync or background requests).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-default-apps",
    "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]
VIEWPORT = {"width": 1400, "height": 1000}
START_TIMEOUT_S = 90

# Each page: its title (the heading), its link in the sidebar (None: the map, the app's start page), and what
# shows that it has finished drawing (the map is judged by its pixels instead, see mapcanvas.wait_for_markers).
PAGES = [
    ("Map", None, None),
    ("Timeline", "Timeline", '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'),
    ("Events", "Events", '[data-testid="stDataFrame"] canvas'),
    ("Sources and method", "Sources and method", '[data-testid="stDataFrame"] canvas'),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`streamlit run app.py` on a free loopback port, its output in test-artifacts/server-<name>.log."""

    def __init__(self, name: str, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"server-{name}.log"
        self._log = self.log_path.open("w")
        # Only the settings given here: a user's EVENTMAP_EVENTS or online geocoding must not leak into the tests.
        inherited = {key: value for key, value in os.environ.items() if not key.startswith("EVENTMAP_")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**inherited, **(env or {})}, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:  # e.g. the port was taken between our probe and its bind
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start on {self.url}; see {self.log_path}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


def launch_chromium(playwright):
    """Headless Debian Chromium with software WebGL, and its WebGL renderer's name.

    Fails loudly if there is no WebGL 2: deck.gl would draw nothing and every map test would time out.
    """
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    page = browser.new_page()
    renderer = page.evaluate("""() => {
        const gl = document.createElement('canvas').getContext('webgl2');
        if (!gl) return null;
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    }""")
    page.close()
    if not renderer:
        browser.close()
        raise RuntimeError(f"Chromium has no WebGL 2 with {CHROMIUM_ARGS}: deck.gl cannot draw the map")
    return browser, renderer


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
