"""Every page loads in Chromium with no console error and no request leaving the machine."""

from __future__ import annotations

import urllib.parse

import pytest

from eventmap.ui.navigation import PAGES as NAVIGATION
from tests.browser.harness import PAGES
from tests.browser.mapcanvas import wait_for_markers
from tests.sample import IDS

# Pages are reached from the map through the sidebar, as a user does. Opening /Timeline directly makes
# Streamlit's frontend probe /Timeline/_stcore/health and /Timeline/_stcore/host-config first: two 404s in the
# console that no app can avoid (streamlit issue 7074), so these tests do not open pages that way.

ALL = len(IDS)  # the server runs on the tests' sample dataset


@pytest.mark.parametrize(("title", "link", "drawn"), PAGES, ids=[page[0] for page in PAGES])
def test_each_page_loads_cleanly_and_offline(visit, title, link, drawn):
    view = visit()
    page = view.page
    page.goto(view.server.url + "/")
    wait_for_markers(page)
    if link is None:
        assert page.title().startswith("Map"), page.title()
    else:
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
        page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
        page.get_by_text(f"showing {ALL} of {ALL} events").first.wait_for(timeout=60_000)
        page.locator(drawn).first.wait_for(timeout=60_000)
        assert page.title().startswith(title), page.title()
        path = next(p.url_path for p in NAVIGATION if p.title == title)  # navigation.PAGES: the one list
        assert urllib.parse.urlparse(page.url).path == f"/{path}", page.url
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.wait_for_timeout(1_000)  # late errors: fonts, charts and tables finishing
    assert page.get_by_test_id("stException").count() == 0, "the page shows a Python exception"
    assert view.console_errors == []
    assert view.foreign_requests() == []


def test_the_navigation_names_the_map_and_a_viewer_gets_no_deploy_button(visit):
    view = visit()
    page = view.page
    page.goto(view.server.url + "/")
    wait_for_markers(page)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    assert [name.strip() for name in links.all_inner_texts()] == [page.title for page in NAVIGATION]
    assert NAVIGATION[0].title == "Map"
    assert page.get_by_role("button", name="Deploy").count() == 0 and page.get_by_text("Deploy").count() == 0
    heading = page.get_by_role("heading", level=1).first
    text_height, line = heading.evaluate("""e => {
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), boxes = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent.trim()) continue;
            const r = document.createRange(); r.selectNodeContents(node); boxes.push(...r.getClientRects());
        }
        const top = Math.min(...boxes.map(b => b.top)), bottom = Math.max(...boxes.map(b => b.bottom));
        return [bottom - top, parseFloat(getComputedStyle(e).fontSize)]; }""")
    assert text_height < 2 * line, (
        f"the title fits one line at 1400 px ({text_height:.0f} px of text, font {line:.0f} px)"
    )
