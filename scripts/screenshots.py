"""Screenshots of every page at 1400x900 for the README: `python scripts/screenshots.py` (needs the dev setup)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.browser.mapcanvas import wait_for_markers  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = {"width": 1400, "height": 900}
PAGES = {"map": None, "timeline": "Timeline", "events": "Events", "sources": "Sources and method"}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    server = Server("screenshots")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=SIZE)
            page.goto(server.url + "/")
            wait_for_markers(page)
            for name, link in PAGES.items():
                if link:
                    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
                    page.get_by_role("heading", name=link, exact=True).wait_for(timeout=60_000)
                page.wait_for_timeout(2_000)
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(f"wrote {OUT / f'{name}.png'}")
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
