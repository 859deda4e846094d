"""The view leaving the page, in the browser: the Map page's "Download this view as an image" at 1920x1080 and 2x,
click to file; and the page's offline HTML file opened from disk with every request refused, to fully drawn."""

from __future__ import annotations

import time
from pathlib import Path

from bench.results import DRAWN, Render
from tests.browser import drawn

PICTURE = ("1920x1080", "2")  # the size and scale a slide takes
EXPORT_BAR = ".eventmap-map-export"
IMAGE_BUTTON = "Download this view as an image"
OFFLINE_BUTTON = "Download this view as one offline HTML file"


def picture(page, timeout_s: float) -> Render:
    """Seconds from the click to the file's arrival (the picture composed at the chosen size in the page)."""
    try:
        page.keyboard.press("Escape")  # the filter's list, still open after the timed choice
        bar = page.locator(EXPORT_BAR)
        bar.get_by_label("Image size").select_option(PICTURE[0])
        bar.get_by_label("Image scale").select_option(PICTURE[1])
        started = time.perf_counter()
        with page.expect_download(timeout=timeout_s * 1000) as info:
            bar.get_by_role("button", name=IMAGE_BUTTON).click()
        info.value.path()
        return Render(DRAWN, seconds=time.perf_counter() - started)
    except Exception as error:
        return Render(f"failed: {type(error).__name__}: {str(error)[:200]}")


def offline_file(page, folder: Path, timeout_s: float) -> Path | None:
    """The page's offline HTML file, saved into folder (None: the download failed)."""
    try:
        with page.expect_download(timeout=timeout_s * 1000) as info:
            page.get_by_role("button", name=OFFLINE_BUTTON).click()
        target = folder / "offline.html"
        info.value.save_as(target)
        return target
    except Exception:
        return None


def open_offline(browser, path: Path, timeout_s: float) -> Render:
    """The file opened from disk, every request but the file itself refused; navigation start to the first frame
    with markers, land and names (the file has no server: nothing to wait for after it)."""
    context = browser.new_context()
    drawn.install(context, basemap=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    try:
        page.goto(path.as_uri(), timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__bench && window.__bench.found", timeout=timeout_s * 1000, polling=100)
        return Render(DRAWN, seconds=page.evaluate("() => window.__bench.found.t") / 1000)
    except Exception as error:
        return Render(f"failed: {type(error).__name__}: {str(error)[:200]}")
    finally:
        context.close()
