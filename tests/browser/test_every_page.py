"""Every page loads in Chromium with no console error and no request leaving the machine."""

from __future__ import annotations

import pytest

from tests.browser.mapcanvas import wait_for_markers

PAGES = [("Timeline", "Timeline"), ("Events", "Events"), ("Sources and method", "Sources and method")]


@pytest.mark.parametrize(("link", "title"), PAGES)
def test_each_page_loads_cleanly_and_offline(visit, link, title):
    view = visit()
    view.page.goto(view.server.url + "/")
    wait_for_markers(view.page)
    view.page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
    view.page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
    view.page.get_by_text("showing 14 of 14 events").first.wait_for(timeout=60_000)
    view.page.wait_for_timeout(1_500)  # let charts and tables finish drawing
    assert view.console_errors == []
    assert view.foreign_requests() == []


def test_the_map_page_loads_cleanly_and_offline(visit):
    view = visit()
    view.page.goto(view.server.url + "/")
    wait_for_markers(view.page)
    view.page.wait_for_timeout(1_000)
    assert view.console_errors == []
    assert view.foreign_requests() == []
