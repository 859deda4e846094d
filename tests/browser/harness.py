"""Serve a Streamlit script on loopback and open it in Debian's Chromium: the one harness of the browser tests,
scripts/screenshots.py, the benchmark and the load test (bench/ imports it from here). Also the pages a user
visits, and the timings file the browser tests report.

Plain Python and Playwright only (no pytest), so that bench/ and scripts/ can import it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from eventmap import schema
from eventmap.render import CHROMIUM, CHROMIUM_ARGS  # one Chromium, one set of flags: the CLI's and the tests'

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"  # gitignored: server logs, failure screenshots, timings.json

VIEWPORT = {"width": 1400, "height": 1000}
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment without the user's EVENTMAP_* settings (an events file, a data folder, online
    geocoding), with `env` on top and the repository importable from scripts outside its root (bench/*.py).

    What a caller passes in `env` is kept, EVENTMAP_* included: the browser tests pass EVENTMAP_DATA (their sample
    folder), the benchmark EVENTMAP_EVENTS (a synthetic export) and EVENTMAP_CACHE_DIR."""
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("EVENTMAP_")}
    return {**inherited, "PYTHONPATH": str(ROOT), **(env or {})}


class Server:
    """`streamlit run SCRIPT` on a free loopback port, started and answering when the constructor returns.
    The dashboard (app.py) is started as its users start it, by `python -m eventmap serve` (scripts/run.sh).

    Its output goes to `log_dir/server-<name>.log`; `env` is added to a clean environment (clean_env).
    """

    def __init__(
        self,
        name: str,
        env: dict[str, str] | None = None,
        *,
        script: Path | str = "app.py",
        log_dir: Path = ARTIFACTS,
        start_timeout_s: float = START_TIMEOUT_S,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        Path(log_dir).mkdir(parents=True, exist_ok=True)
        self.log_path = Path(log_dir) / f"server-{name}.log"
        self._log = self.log_path.open("w")
        dashboard = (ROOT / script).resolve() == schema.APP_PATH
        launch = ["eventmap", "serve"] if dashboard else ["streamlit", "run", str(script)]
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *launch,
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(self.port),
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
                "--server.runOnSave",
                "false",
                "--global.developmentMode",
                "false",
            ],
            cwd=ROOT,
            env=clean_env(env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.peak_mb: float | None = None
        deadline = time.monotonic() + start_timeout_s
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

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the server process has used so far (/proc/<pid>/stat utime + stime)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> float | None:
        """Stop the server; its peak resident memory in MB (ru_maxrss), or None if it had already exited."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                timer = threading.Timer(30, self.process.kill)
                timer.start()
                try:
                    _, status, usage = os.wait4(self.process.pid, 0)
                finally:
                    timer.cancel()
                self.process.returncode = os.waitstatus_to_exitcode(status)
                self.peak_mb = usage.ru_maxrss / 1024
            return self.peak_mb
        finally:
            self._log.close()


def launch_chromium(playwright):
    """Headless Debian Chromium with software WebGL, and its WebGL renderer's name.

    Fails loudly if there is no WebGL 2: deck.gl would draw nothing and every map would time out.
    """
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=60_000
    )
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


# --- the pages a user visits -------------------------------------------------------------------------------------

# What shows that a page other than the map has finished drawing (the map is judged by its pixels instead:
# mapcanvas.wait_for_markers). A page listed in eventmap/ui/navigation.PAGES without an entry here (the Editor,
# which asks for a token first; the Briefing, which needs a briefing in the dataset folder) is not in PAGES.
DRAWN = {
    "Timeline": '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    "Events": '[data-testid="stDataFrame"] canvas',
    "Compare": '[data-testid="stDataFrame"] canvas',
    "Sources and method": '[data-testid="stDataFrame"] canvas',
}


def _pages() -> list[tuple[str, str | None, str | None]]:
    """(title, link in the sidebar or None for the start page, what shows it is drawn), in the app's order."""
    from eventmap.ui.navigation import PAGES as APP_PAGES

    return [
        (page.title, None if page.url_path is None else page.title, DRAWN.get(page.title))
        for page in APP_PAGES
        if page.url_path is None or page.title in DRAWN
    ]


PAGES = _pages()


# --- the timings the browser tests report --------------------------------------------------------------------


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


class Replicas:
    """`python -m eventmap serve-replicas --replicas N` on loopback (what `scripts/run.sh --replicas N` runs),
    answering through the proxy when the constructor returns; its output in log_path. The replicas' tests and the
    load test (bench/replicas.py) start it."""

    def __init__(self, replicas: int, env: dict[str, str], log_path: Path, options: tuple[str, ...] = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = log_path.open("w")
        command = [sys.executable, "-m", "eventmap", "serve-replicas", "--replicas", str(replicas)]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port), "--address", "127.0.0.1", *options],
            cwd=ROOT,
            env=clean_env(env),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT_S * 2
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"serve-replicas did not answer on {self.url}:\n{log_path.read_text()[-3000:]}")

    def pids(self, name: str) -> list[int]:
        """Every pid the supervisor reported for `name` (r1, r2), oldest first."""
        return [int(p) for p in re.findall(rf"replica {name} started, pid (\d+)", self.log_path.read_text())]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()
