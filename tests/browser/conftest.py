"""Browser tests: the real app served by `streamlit run` on 127.0.0.1, driven by Debian's Chromium.

Skipped (CI turns a skip into a failure) when /usr/bin/chromium or Playwright is missing. On failure a
screenshot and the server log are left in test-artifacts/.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.browser.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, VIEWPORT, Server
from tests.conftest import FIXTURES

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test script installs it
    sync_playwright = None


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if sync_playwright is None:
        pytest.skip("the playwright package is not installed (run ./scripts/test.sh)")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: ./scripts/test.sh installs Debian's chromium when run as root")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app on the curated data, with its own empty cache folder."""
    app = Server("curated", {"EVENTMAP_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))})
    yield app
    app.stop()


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """The app pointed at a file whose text holds HTML and script."""
    app = Server("hostile", {"EVENTMAP_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
                             "EVENTMAP_EVENTS": str(FIXTURES / "hostile_events.csv")})
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
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        local = (self.server.url, "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


@pytest.fixture
def visit(request, browser, server):
    """A fresh page on the curated app; on failure its screenshot and the server log stay in test-artifacts/."""
    opened: list[Visit] = []

    def open_visit(on: Server = server) -> Visit:
        opened.append(Visit(browser, on))
        return opened[-1]

    yield open_visit
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for number, done in enumerate(opened):
        if failed:
            name = request.node.name.replace("/", "_")
            done.page.screenshot(path=str(ARTIFACTS / f"{name}-{number}.png"))
            shutil.copy(done.server.log_path, ARTIFACTS / f"{name}-{number}-server.log")
        done.context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def record_timing(name: str, seconds: float) -> None:
    """Timings the tests measure, for the notes and the performance docs (not asserted)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "timings.json"
    timings = json.loads(path.read_text()) if path.exists() else {}
    timings[name] = round(seconds, 2)
    path.write_text(json.dumps(timings, indent=2))
