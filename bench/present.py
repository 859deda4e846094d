"""A briefing presented: the Briefing page opened at its first step, then the right arrow key, timed to the next
step's map fully drawn, as a filter change is. The page is opened as for a reader whose system asks for less
motion: the camera then moves at once instead of flying for 1.2 s (a chosen animation, not a wait), so the time is
the rerun's and the redraw's."""

from __future__ import annotations

from bench import browser as pages
from bench.results import DRAWN, Render
from eventmap import briefing, schema
from tests.browser.harness import ROOT

NEXT_KEY = "ArrowRight"
# The projector theme darkens the land and lightens the names, so "drawn" is the markers (in their category
# colours on either map) and script_finished.
BRIEFING = pages.App("briefing", ROOT / "app.py", basemap=False)


def first_briefing() -> str | None:
    """The name of the dataset's first briefing (the shipped example), or None."""
    names = briefing.names(briefing.folder_of(schema.data_dir(env={})))
    return names[0] if names else None


def step_change(chromium, url: str, timeout_s: float) -> Render:
    """Open /Briefing at step 1 of the first briefing, press the right arrow, time the redraw."""
    name = first_briefing()
    if name is None:
        return Render("not measured: no briefing in the dataset")
    app = BRIEFING
    context, page, frames, opened = pages.open_page(
        chromium, f"{url}/Briefing?name={name}&step=1", app, timeout_s, reduced_motion="reduce"
    )
    try:
        if opened.status != DRAWN:
            return Render(f"not measured: the first step did not draw ({opened.status})")
        page.mouse.click(2, 2)  # the keys go to the page, not a widget (the sidebar's empty corner)
        return pages.timed_change(page, frames, app, lambda: page.keyboard.press(NEXT_KEY), timeout_s, NEXT_KEY)
    except Exception as error:
        return Render(f"failed: {type(error).__name__}: {str(error)[:200]}")
    finally:
        context.close()
