"""Two replicas behind HAProxy (`python -m eventmap serve-replicas`, scripts/run.sh --replicas 2) in Chromium: a
session keeps its replica, the map draws under the Content-Security-Policy, the headers are there, a killed
replica comes back, and a save by the desk's code is seen by a fresh page on every replica."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import time
from pathlib import Path

import pytest

from eventmap import cli
from tests.browser.harness import ARTIFACTS, DRAWN, PAGES, Replicas
from tests.browser.mapcanvas import wait_for_markers
from tests.browser.test_map_page import caption_text
from tests.conftest import FIXTURES, IN_CI
from tests.sample import IDS, write_dataset

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "eventmap_replica"
START_TIMEOUT_S = 120
RERUNS = 20
ACLED = FIXTURES / "acled_export.csv"  # three events
MAP_HEADING = "Attacks on US forces and shipping"  # pages/0_Map.py


def start_proxy(data: Path, cache: Path) -> Replicas:
    """Two replicas behind HAProxy on loopback; their output in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"EVENTMAP_DATA": str(data), "EVENTMAP_CACHE_DIR": str(cache)}
    running = Replicas(2, env, ARTIFACTS / "server-replicas.log", ("--server.fileWatcherType", "none"))
    running.data = data
    return running


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if not Path(HAPROXY).exists():
        if IN_CI:
            pytest.fail("haproxy is missing: scripts/setup.sh --dev installs Debian's haproxy")
        pytest.skip("haproxy is missing: scripts/setup.sh --dev installs Debian's haproxy when run as root")
    data = write_dataset(tmp_path_factory.mktemp("replicas-data"))
    running = start_proxy(data, tmp_path_factory.mktemp("replicas-cache"))
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


def rerun_with(page, word: str) -> None:
    """One rerun of the session: a search, done once the page's caption names it (or names no search)."""
    search = page.get_by_label("Search notes, places and quotes")
    search.fill(word)
    search.press("Enter")
    page.wait_for_function(
        "said => [...document.querySelectorAll('[data-testid=stCaptionContainer]')].some(c => "
        "c.innerText.includes('showing') && (said ? c.innerText.includes(said) : !c.innerText.includes('text: ')))",
        arg=f"text: '{word}'" if word else "",
        timeout=30_000,
    )


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
    assert first in ("r1", "r2")
    for rerun in range(RERUNS):  # the session's state lives in one process: each rerun must reach it
        rerun_with(view.page, ("Alpha", "Bravo")[rerun % 2])
        assert replica_of(view) == first, f"rerun {rerun + 1}"
    rerun_with(view.page, "")
    wait_for_markers(view.page)
    # An upload and a download are plain HTTP requests for what the session's own process holds: they work only
    # when the proxy sends them where the websocket went.
    upload_acled(view.page)
    rows = csv_rows(view.page, 3)
    theirs = csv.DictReader(io.StringIO(ACLED.read_text(encoding="utf-8-sig")))
    assert [row["event_id_cnty"] for row in rows] == [row["event_id_cnty"] for row in theirs]
    assert replica_of(view) == first
    assert not csp_violations(view), csp_violations(view)
    assert not view.foreign_requests()


def upload_acled(page) -> None:
    """The sidebar's "Bring your own data" upload of a small ACLED export; done once the page counts its rows."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Bring your own data").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(ACLED))
    page.get_by_text(re.compile(r"showing 3 of 3 events")).first.wait_for(timeout=60_000)
    page.keyboard.press("Escape")


def csv_rows(page, count: int) -> list[dict[str, str]]:
    """The rows of the Map page's CSV download, from one click (docs/decisions.md, 'A download asks for its file
    without a rerun')."""
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name=f"Download these {count} rows as CSV").click()
    assert download.value.failure() is None
    return list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))


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


def test_a_killed_replica_is_restarted_and_its_open_page_reconnects_and_draws_the_map(visit, proxy):
    view = on_replica(visit, proxy, "r1")
    page = view.page
    page.goto(proxy.url + "/")
    wait_for_markers(page)
    page.evaluate("window.eventmapNotReloaded = true")
    (victim,) = proxy.pids("r1")[-1:]
    os.kill(victim, signal.SIGKILL)
    # Streamlit's page sees its websocket close and reconnects; the proxy sends it to a live replica (option
    # redispatch). The page keeps what it showed; its session starts again there, from the page's URL, at the
    # next full run: Streamlit reruns on a reconnect only when a run was under way, and the new process drops a
    # rerun of the map's fragment, which it never drew (docs/deploy.md, "When a replica dies").
    app_state(page, "connection", "!CONNECTED")
    app_state(page, "connection", "CONNECTED", timeout_s=60)
    away_and_back(page)  # the session's first runs on its new replica
    wait_for_markers(page)
    assert "showing" in caption_text(page)
    rerun_with(page, "Alpha")  # the session on its new replica answers
    rerun_with(page, "")
    assert len(csv_rows(page, len(IDS))) == len(IDS)
    assert page.evaluate("window.eventmapNotReloaded") is True, "the same page, never reloaded"
    deadline = time.monotonic() + 30
    while proxy.pids("r1")[-1] == victim and time.monotonic() < deadline:
        time.sleep(0.3)
    assert proxy.pids("r1")[-1] != victim, "the supervisor restarted the killed replica"


def away_and_back(page) -> None:
    """Full runs as a person starts them: the Timeline page from the sidebar's navigation, drawn, then the Map."""
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Timeline").click()
    page.locator(DRAWN["Timeline"]).first.wait_for(timeout=60_000)
    nav.get_by_role("link", name="Map").click()
    page.get_by_role("heading", name=MAP_HEADING).wait_for(timeout=60_000)
    app_state(page, "script", "notRunning")


def app_state(page, what: str, state: str, timeout_s: float = 30) -> None:
    """Wait for Streamlit's page to be in a connection or script state (stApp's data-test-*-state); "!STATE":
    in any other."""
    page.wait_for_function(
        "([what, state]) => { const now = document.querySelector('[data-testid=stApp]')"
        "?.getAttribute(`data-test-${what}-state`);"
        " return state.startsWith('!') ? now !== state.slice(1) : now === state }",
        arg=[what, state],
        timeout=timeout_s * 1000,
    )


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
