"""The browser part: each app served (tests/browser/harness.Server), opened in fresh Chromium pages, timed to
fully drawn by the detector the browser tests use (tests/browser/drawn.py, drawn.js).

A page is fully drawn when the map's canvases hold marker colours and, for the dashboard, the basemap's land
colour and the ink of its names, and Streamlit's script_finished has arrived; the time is that of the last of
these, on the page's own clock.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import leaving
from bench.results import DRAWN, AppRun, Render
from bench.targets import DATED_QUERY
from eventmap import schema
from tests.browser import drawn
from tests.browser.harness import ROOT, VIEWPORT, Server

QUIET_MS = 1000  # after script_finished, the picture counts as final when no draw call came for this long
QUIET_BOUND_S = 20
FINISHED_BOUND_S = 60  # after the first qualifying frame, the longest wait for script_finished
LABEL = "Theatre"  # the sidebar multiselect whose change is timed, in both apps


@dataclass(frozen=True)
class App:
    name: str
    script: Path
    basemap: bool  # the page draws the land colour and names: required for "drawn"


DASHBOARD = App("dashboard", ROOT / "app.py", basemap=True)
FLOOR = App("floor", ROOT / "bench" / "floor_app.py", basemap=False)


class Frames:
    """What a page receives over Streamlit's websocket, in order: bytes and message type of each frame."""

    def __init__(self, page):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._message = ForwardMsg
        self.received: list[tuple[int, str]] = []
        page.on("websocket", lambda socket_: socket_.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        try:
            kind = self._message.FromString(data).WhichOneof("type") or ""
        except Exception:  # a frame that is not a ForwardMsg still counts its bytes
            kind = "?"
        self.received.append((len(data), kind))

    def mark(self) -> int:
        return len(self.received)

    def finished_index(self, mark: int) -> int | None:
        return next((i for i in range(mark, len(self.received)) if self.received[i][1] == "script_finished"), None)

    def bytes_after(self, mark: int) -> int:
        """Bytes from the mark up to and including the first script_finished after it (the whole rerun)."""
        end = self.finished_index(mark)
        return sum(size for size, _ in self.received[mark : None if end is None else end + 1])


def _wait_found(page, timeout_s: float) -> Render:
    """Wait for the first frame with the required colours, an exception on the page, or the timeout."""
    try:
        page.wait_for_function(
            "() => window.__bench && (window.__bench.found || window.__bench.error)",
            timeout=timeout_s * 1000,
            polling=100,
        )
    except Exception as error:  # playwright's TimeoutError, or the page died
        name = type(error).__name__
        return Render("timeout" if "Timeout" in name else f"failed: {name}: {str(error)[:200]}")
    failed = page.evaluate("() => window.__bench.found ? null : window.__bench.error")
    return Render("error", error=failed["text"]) if failed else Render(DRAWN)


def _wait_finished(page, frames: Frames, mark: int) -> bool:
    deadline = time.monotonic() + FINISHED_BOUND_S
    while time.monotonic() < deadline and frames.finished_index(mark) is None:
        page.wait_for_timeout(100)  # lets playwright deliver the websocket events
    return frames.finished_index(mark) is not None


def _wait_quiet(page) -> None:
    """Until no draw call came for QUIET_MS and no frame is waiting to be read (bounded)."""
    deadline = time.monotonic() + QUIET_BOUND_S
    while time.monotonic() < deadline:
        if page.evaluate(
            f"() => !window.__bench.pending && performance.now() - window.__bench.lastDrawAt > {QUIET_MS}"
        ):
            return
        page.wait_for_timeout(200)


def _finish(page, frames: Frames, mark: int, since_ms: float, result: Render) -> None:
    """After the first qualifying frame: wait for script_finished and a quiet page, then time the final picture
    (the later of its first frame and script_finished, both on the page's clock)."""
    complete = _wait_finished(page, frames, mark)
    _wait_quiet(page)
    state = page.evaluate(
        "() => ({final: window.__bench.final, last: window.__bench.last, messages: window.__bench.messages})"
    )
    final, messages, index = state["final"], state["messages"], frames.finished_index(mark)
    finished_ms = 0.0  # drawn.js keeps each message's arrival; the frame of the same index and size is the one
    if index is not None and index < len(messages) and messages[index][1] == frames.received[index][0]:
        finished_ms = messages[index][0]
    result.seconds = (max(final["t"], finished_ms) - since_ms) / 1000
    result.settled_same = state["last"] is not None and state["last"]["key"] == final["key"]
    if not complete:
        result.status, result.error = "incomplete", f"no script_finished within {FINISHED_BOUND_S} s"


def open_page(
    browser, url: str, app: App, timeout_s: float, reduced_motion: str = "no-preference"
) -> tuple[object, object, Frames, Render]:
    """A fresh context and page; time from navigation start to fully drawn, and the websocket bytes."""
    context = browser.new_context(viewport=VIEWPORT, reduced_motion=reduced_motion)
    drawn.install(context, app.basemap)
    page = context.new_page()
    frames = Frames(page)
    started = time.perf_counter()
    try:
        page.goto(url, timeout=timeout_s * 1000, wait_until="commit")
    except Exception as error:
        return context, page, frames, Render(f"failed: {str(error)[:200]}")
    result = _wait_found(page, max(1.0, timeout_s - (time.perf_counter() - started)))
    if result.status == DRAWN:
        _finish(page, frames, 0, 0.0, result)
    result.ws_bytes = frames.bytes_after(0)
    return context, page, frames, result


def timed_change(
    page, frames: Frames, app: App, act: Callable[[], None], timeout_s: float, key: str = "Enter"
) -> Render:
    """Time from act() (a press of `key` that makes the page rerun) to the map fully redrawn."""
    # The watch restarts at that key's press (drawn.js): only frames drawn after it count.
    page.evaluate(
        "([armed, key]) => { window.__bench.changeAt = null; window.__bench.armed = armed; window.__bench.key = key; }",
        [list(drawn.minimums(app.basemap)), key],
    )
    mark = frames.mark()
    act()
    result = _wait_found(page, timeout_s)
    change_at = page.evaluate("() => window.__bench.changeAt")
    if result.status == DRAWN and change_at is not None:
        _finish(page, frames, mark, change_at, result)
    elif result.status == DRAWN:
        result.status = "failed: the key press was not seen"
    result.ws_bytes = frames.bytes_after(mark)
    return result


def rerun(page, frames: Frames, app: App, value: str, timeout_s: float) -> Render:
    """Choose one value in the sidebar multiselect; time from the Enter key to the map fully redrawn."""
    box = page.get_by_role("combobox", name=LABEL)
    box.click(timeout=30_000)
    box.fill(value)
    page.get_by_role("option", name=value, exact=True).first.wait_for(timeout=30_000)
    result = timed_change(page, frames, app, lambda: box.press("Enter"), timeout_s)
    chosen = page.locator('[data-testid="stMultiSelect"]').filter(has_text=LABEL).inner_text(timeout=10_000)
    result.chosen = value in chosen
    return result


FRAME_MEASURE = "eventmap frame"  # frontend/src/deckmap.js: each redraw of the map's canvas, names placed again
PAN_STEPS = 12  # wheel turns in and out, then drags, over the map's middle


def pan_and_zoom(page) -> list[float]:
    """Milliseconds of each frame the map draws while a user zooms in and out and pans: the page's own
    performance measures, collected by an observer."""
    page.evaluate(
        """(name) => { window.__frames = [];
        new PerformanceObserver((list) => { for (const entry of list.getEntries()) {
          if (entry.name === name) window.__frames.push(entry.duration); } }).observe({entryTypes: ['measure']}); }""",
        FRAME_MEASURE,
    )
    box = page.locator('[data-testid="eventmapMap"]').first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    for step in range(2 * PAN_STEPS):
        page.mouse.wheel(0, -80 if step < PAN_STEPS else 80)
        page.wait_for_timeout(80)
    page.mouse.down()
    for step in range(PAN_STEPS):
        page.mouse.move(x + 15 * step, y + 6 * step)
        page.wait_for_timeout(40)
    page.mouse.up()
    page.wait_for_timeout(500)
    return page.evaluate("() => window.__frames")


def _one_page(browser, url: str, app: App, out: AppRun, value: str, timeout_s: float, dated: bool) -> bool:
    """Open a fresh page, pan and zoom it (the dashboard), and rerun it once; with `dated`, also open one with a
    date filter in the URL."""
    context, page, frames, opened = open_page(browser, url + "/", app, timeout_s)
    out.pages.append(opened)
    if opened.status == DRAWN and app.basemap:
        # A page that cannot be panned leaves the frame target unmeasured, not the run failed.
        with contextlib.suppress(Exception):
            out.frames_ms.extend(pan_and_zoom(page))
    if opened.status in (DRAWN, "error", "incomplete"):  # after an error the sidebar is there: a rerun may draw
        try:
            out.reruns.append(rerun(page, frames, app, value, timeout_s))
        except Exception as error:
            out.reruns.append(Render(f"failed: {type(error).__name__}: {str(error)[:200]}"))
    else:
        out.reruns.append(Render("not measured: the page did not draw"))
    if app.basemap and opened.status == DRAWN:  # the dashboard: the view leaves the page
        _leaving(browser, page, out, timeout_s)
    context.close()
    if dated:
        context, _page, _frames, opened_dated = open_page(browser, url + "/" + DATED_QUERY, app, timeout_s)
        out.dated.append(opened_dated)
        context.close()
    return opened.drawn and out.reruns[-1].drawn


def _leaving(browser, page, out: AppRun, timeout_s: float) -> None:
    out.pictures.append(leaving.picture(page, timeout_s))
    folder = Path(tempfile.mkdtemp(prefix="offline-"))
    try:
        saved = leaving.offline_file(page, folder, timeout_s)
        out.offline.append(leaving.open_offline(browser, saved, timeout_s) if saved else Render("failed: no file"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_app(
    browser,
    app: App,
    events: Path | None,
    workdir: Path,
    log: Callable[[str], None],
    *,
    values: tuple[str, ...],
    repeats: int,
    timeout_s: float,
    dated: bool = False,
) -> AppRun:
    """One app on one dataset (events None: the app's own data): a warm-up page (the server parses the file),
    then `repeats` fresh pages, each opened and rerun by choosing the next of `values` in the multiselect."""
    cache = Path(tempfile.mkdtemp(prefix=f"cache-{app.name}-", dir=workdir))  # empty: the server parses
    env = {schema.CACHE_DIR_ENV: str(cache)} | ({schema.EVENTS_ENV: str(events)} if events is not None else {})
    out = AppRun(app.name)
    server = None
    try:
        server = Server(cache.name.removeprefix("cache-"), env, script=app.script, log_dir=workdir)
        log(f"{app.name}: warm-up page")
        context, _page, _frames, out.warmup = open_page(browser, server.url + "/", app, timeout_s * 2)
        context.close()
        for attempt in range(repeats):
            value = values[attempt % len(values)]
            log(f"{app.name}: page {attempt + 1}/{repeats}: open, then {LABEL} = {value}")
            if not _one_page(browser, server.url, app, out, value, timeout_s, dated):
                break  # one failure or timeout is the answer; repeating it would only take longer
            if app.basemap and events is None:  # the curated data has the shipped briefing
                from bench import present  # it builds on this module's pages and timing

                log(f"{app.name}: briefing page {attempt + 1}/{repeats}: step 1, then the right arrow")
                out.steps.append(present.step_change(browser, server.url, timeout_s))
    except Exception as error:
        out.error = f"{type(error).__name__}: {str(error)[:300]}"
    finally:
        if server is not None:
            out.server_peak_mb = server.stop()
        shutil.rmtree(cache, ignore_errors=True)
    return out
