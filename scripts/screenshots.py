"""Screenshots of every page at 1400x900 into docs/screenshots/ for the README.

    .venv/bin/python scripts/screenshots.py        (needs the dev setup: playwright and /usr/bin/chromium)

Serves the app on a free loopback port with the same harness as the browser tests, opens the map, waits
until its markers are drawn, then visits each page through the sidebar as a user would.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.harness import PAGES, Server, launch_chromium  # noqa: E402
from tests.browser.mapcanvas import wait_for_markers  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = {"width": 1400, "height": 900}
FILES = {"Map": "map.png", "Timeline": "timeline.png", "Events": "events.png", "Sources and method": "sources.png"}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    server = Server("screenshots")
    try:
        with sync_playwright() as playwright:
            browser, _ = launch_chromium(playwright)
            page = browser.new_page(viewport=SIZE)
            page.goto(server.url + "/")
            wait_for_markers(page)
            for title, link, drawn in PAGES:
                if link:
                    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
                    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
                    page.locator(drawn).first.wait_for(timeout=60_000)
                page.wait_for_load_state("networkidle", timeout=60_000)
                page.mouse.move(SIZE["width"] - 1, SIZE["height"] - 1)  # a blank corner: no hover effect in the picture
                page.wait_for_timeout(2_000)  # charts and tables finish drawing
                path = OUT / FILES[title]
                page.screenshot(path=str(path))
                print(f"wrote {path.relative_to(ROOT)}")
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
