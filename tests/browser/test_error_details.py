"""An error in a page shows the browser a generic message and keeps its details (paths, text) in the server's log."""

from __future__ import annotations

import pytest

from tests.browser.harness import Server

SECRET = "/srv/private/events.csv could not be read"


@pytest.fixture(scope="module")
def failing_server(tmp_path_factory, sample_dir):
    """A page that fails, served with the project's .streamlit/config.toml, as every page of the app is."""
    script = tmp_path_factory.mktemp("failing") / "failing.py"
    script.write_text(f"import streamlit as st\nst.title('A page')\nraise RuntimeError({SECRET!r})\n")
    server = Server("failing", {"EVENTMAP_DATA": str(sample_dir)}, script=script)
    yield server
    server.stop()


def test_an_error_shows_no_details_in_the_browser_and_all_of_them_in_the_log(visit, failing_server):
    page = visit(failing_server).page
    page.goto(failing_server.url + "/")
    page.get_by_role("heading", name="A page").wait_for(timeout=60_000)
    page.get_by_test_id("stException").first.wait_for(timeout=60_000)
    shown = page.inner_text("body")
    assert SECRET not in shown and "RuntimeError" not in shown and "Traceback" not in shown
    log = failing_server.log_path.read_text()
    assert SECRET in log and "Traceback" in log
