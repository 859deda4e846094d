"""Two replicas behind HAProxy (`python -m eventmap serve-replicas`, scripts/run.sh --replicas 2) in Chromium: a
session keeps its replica, the map draws under the Content-Security-Policy, the headers are there, a killed
replica comes back, and a save by the desk's code is seen by a fresh page on every replica."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from eventmap import cli
from tests.browser.harness import ARTIFACTS, PAGES, clean_env, free_port
from tests.browser.mapcanvas import wait_for_markers
from tests.browser.test_map_page import caption_text
from tests.conftest import IN_CI
from tests.sample import IDS, write_dataset

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "eventmap_replica"
START_TIMEOUT_S = 120


class Proxy:
    """`python -m eventmap serve-replicas --replicas 2` on loopback; its output in test-artifacts/."""

    def __init__(self, data: Path, cache: Path):
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / "server-replicas.log"
        self._log = self.log_path.open("w")
        env = clean_env({"EVENTMAP_DATA": str(data), "EVENTMAP_CACHE_DIR": str(cache)})
        argv = ["-m", "eventmap", "serve-replicas", "--replicas", "2", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [sys.executable, *argv, "--address", "127.0.0.1", "--server.fileWatcherType", "none"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"serve-replicas did not answer on {self.url}:\n{self.log_path.read_text()[-3000:]}")

    def pids(self, name: str) -> list[int]:
        """Every pid the supervisor reported for `name` (r1, r2), oldest first."""
        return [int(p) for p in re.findall(rf"replica {name} started, pid (\d+)", self.log_path.read_text())]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)
        self._log.close()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if not Path(HAPROXY).exists():
        if IN_CI:
            pytest.fail("haproxy is missing: scripts/setup.sh --dev installs Debian's haproxy")
        pytest.skip("haproxy is missing: scripts/setup.sh --dev installs Debian's haproxy when run as root")
    data = write_dataset(tmp_path_factory.mktemp("replicas-data"))
    running = Proxy(data, tmp_path_factory.mktemp("replicas-cache"))
    yield running
    running.stop()
    assert running.process.returncode == 0, "the supervisor stops cleanly on SIGTERM"


def on_replica(visit, proxy, name: str | None = None):
    view = visit(proxy)
    if name:
        view.context.add_cookies([{"name": COOKIE, "value": name, "url": proxy.url}])
    return view


def replica_of(view) -> str | None:
    return next((c["value"] for c in view.context.cookies() if c["name"] == COOKIE), None)


def csp_violations(view) -> list[str]:
    return [error for error in view.console_errors if "Content Security Policy" in error]


def test_a_session_keeps_its_replica_and_the_map_draws_under_the_headers(visit, proxy):
    view = on_replica(visit, proxy)
    answer = view.page.goto(proxy.url + "/")
    headers = answer.all_headers()
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' blob: 'sha256-" in policy
    assert headers["referrer-policy"] == "no-referrer" and headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY" and "server" not in headers
    wait_for_markers(view.page)
    first = replica_of(view)
    search = view.page.get_by_label("Search notes, places and quotes")
    for word in ("Alpha", "Bravo", "zzz-nothing", ""):  # four reruns of one session
        search.fill(word)
        search.press("Enter")
        view.page.get_by_text(re.compile(r"showing [\d,]+ of")).first.wait_for(timeout=30_000)
        time.sleep(0.5)
        assert replica_of(view) == first
    wait_for_markers(view.page)
    # A download is a plain HTTP request for a file the session's own process holds: served only with affinity.
    for _ in range(2):
        view.page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)
        download = csv_download(view.page)
        assert download.failure() is None
        assert Path(download.path()).read_text(encoding="utf-8").startswith("event_id")
    assert replica_of(view) == first and first in ("r1", "r2")
    assert not csp_violations(view), csp_violations(view)
    assert not view.foreign_requests()


def csv_download(page):
    """The CSV a click on the Map page's download button gives. A button drawn by a run that a newer run replaced
    may never get its file (the spinning download, a fault of Streamlit's deferred downloads, not of affinity):
    a user clicks again, and so does this, once; without affinity both clicks fail."""
    button = page.get_by_role("button", name=re.compile(r"Download these \d+ rows as CSV"))
    for attempt in range(2):
        try:
            with page.expect_download(timeout=30_000) as download:
                button.click()
            return download.value
        except PlaywrightTimeout:
            if attempt:
                raise
            page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)
    raise AssertionError("unreachable")


def test_every_page_draws_under_the_policy(visit, proxy):
    """The Timeline's chart (Vega), the tables (canvas) and the map, in one session, with no CSP violation."""
    view = on_replica(visit, proxy)
    page = view.page
    page.goto(proxy.url + "/")
    wait_for_markers(page)
    for title, link, drawn in PAGES:
        if link is not None:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
            page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
            page.locator(drawn).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1_000)  # late errors: fonts, charts and tables finishing
    assert page.get_by_test_id("stException").count() == 0
    assert not csp_violations(view), csp_violations(view)


def test_a_killed_replica_is_restarted_and_its_page_works_again(visit, proxy):
    view = on_replica(visit, proxy, "r1")
    view.page.goto(proxy.url + "/")
    wait_for_markers(view.page)
    (victim,) = proxy.pids("r1")[-1:]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while proxy.pids("r1")[-1] == victim and time.monotonic() < deadline:
        time.sleep(0.3)
    assert proxy.pids("r1")[-1] != victim, "the supervisor restarted the killed replica"
    again = on_replica(visit, proxy, "r1")
    again.page.goto(proxy.url + "/")  # served by the other replica until r1 answers its health check again
    wait_for_markers(again.page)
    assert "showing" in caption_text(again.page)


def test_a_save_by_the_desk_is_seen_by_a_fresh_page_on_every_replica(visit, proxy):
    before = {}
    for name in ("r1", "r2"):  # both replicas have the curated dataset in their caches
        view = on_replica(visit, proxy, name)
        view.page.goto(proxy.url + "/")
        before[name] = caption_text(view.page)
    total = int(re.search(r"of ([\d,]+) events", before["r1"]).group(1))
    events = proxy.data / "events.csv"
    code = cli.main(["retire-event", IDS[0], "--reason", "duplicate", "--events", str(events), "--editor", "test"])
    assert code == 0
    for name in ("r1", "r2"):
        view = on_replica(visit, proxy, name)
        view.page.goto(proxy.url + "/")
        assert f"of {total - 1} events" in caption_text(view.page), name
        assert replica_of(view) == name
