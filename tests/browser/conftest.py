"""Browser tests: the real app served by `streamlit run` on 127.0.0.1, driven by Debian's Chromium.

Skipped (CI turns a skip into a failure) when /usr/bin/chromium or Playwright is missing. On failure a
screenshot of each page the test opened and the server log are left in test-artifacts/; the timings the
tests measure go to test-artifacts/timings.json and are printed at the end of the run.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.browser.harness import ARTIFACTS, CHROMIUM, VIEWPORT, Server, launch_chromium, read_timings
from tests.conftest import FIXTURES

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test script installs it
    sync_playwright = None

HOSTILE_EVENTS = FIXTURES / "hostile_events.csv"  # data/events.csv with HTML and script in one row's notes
_ran: list[str] = []


@pytest.fixture(scope="session")
def browser():
    if sync_playwright is None:
        pytest.skip("the playwright package is not installed (run ./scripts/test.sh)")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: ./scripts/test.sh installs Debian's chromium when run as root")
    timings = ARTIFACTS / "timings.json"
    timings.unlink(missing_ok=True)  # this run's numbers only
    with sync_playwright() as playwright:
        chromium, renderer = launch_chromium(playwright)
        _ran.append(renderer)
        yield chromium
        chromium.close()


def _serve(name: str, tmp_path_factory, data_dir, **env: str):
    """A server on the tests' dataset folder (EVENTMAP_DATA: the harness strips EVENTMAP_* from its environment)."""
    cache = str(tmp_path_factory.mktemp(f"cache-{name}"))
    return Server(name, {"EVENTMAP_CACHE_DIR": cache, "EVENTMAP_DATA": str(data_dir), **env})


@pytest.fixture(scope="session")
def server(tmp_path_factory, sample_dir):
    """The app on the tests' sample dataset (tests/sample.py), with its own empty cache folder."""
    app = _serve("sample", tmp_path_factory, sample_dir)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory, sample_dir):
    """The app pointed (EVENTMAP_EVENTS) at a valid events file whose text holds HTML and script."""
    app = _serve("hostile", tmp_path_factory, sample_dir, EVENTMAP_EVENTS=str(HOSTILE_EVENTS))
    yield app
    app.stop()


class Visit:
    """One page in a fresh browser context, recording console errors and every request it makes."""

    def __init__(self, browser, server: Server):
        self.server = server
        self.context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.console_errors.append(f"{message.text} at {message.location.get('url', '')}")
            ),
        )
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the app's own server: the app must work offline."""
        local = (self.server.url + "/", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local) and url != self.server.url]


@pytest.fixture
def visit(request, browser, server):
    """Opens fresh pages (on the sample's app by default); on failure keeps their screenshots and server logs."""
    opened: list[Visit] = []

    def open_visit(on: Server = server) -> Visit:
        opened.append(Visit(browser, on))
        return opened[-1]

    yield open_visit
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    for number, done in enumerate(opened):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            try:
                done.page.screenshot(path=str(ARTIFACTS / f"{name}-{number}.png"), timeout=30_000)
            except Exception as error:  # a crashed page must not hide the test's own failure
                (ARTIFACTS / f"{name}-{number}.screenshot-failed.txt").write_text(str(error))
            shutil.copy(done.server.log_path, ARTIFACTS / f"{name}-{number}-server.log")
            (ARTIFACTS / f"{name}-{number}-browser.txt").write_text(
                f"{request.node.nodeid} failed:\n{report.longreprtext}\n\nconsole errors:\n"
                + "\n".join(done.console_errors)
                + "\n\nrequests:\n"
                + "\n".join(done.requests)
            )
        done.context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so that the visit fixture knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def pytest_terminal_summary(terminalreporter):
    if not _ran:
        return
    terminalreporter.section("browser timings (test-artifacts/timings.json)")
    terminalreporter.write_line(f"WebGL renderer: {_ran[0]}")
    for name, seconds in read_timings().items():
        terminalreporter.write_line(f"{seconds:7.2f} s  {name}")
