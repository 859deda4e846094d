"""The Map page's CSV download after the filters change, as a user does it: a date preset, then a theatre, then
the download at once, twenty times over; every file arrives within seconds and no button spins (docs/decisions.md,
'A download asks for its file without a rerun')."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.mapcanvas import wait_for_markers
from tests.browser.test_map_page import caption_text, choose

ROUNDS = 20
DOWNLOAD_BOUND_S = 15  # a file of the sample's rows takes well under a second; the spinning download took 3 min
PRESETS = ("Before the ceasefire", "Whole period")
# Streamlit 1.67 now and then sends a reference to a message its page no longer holds, under quick reruns; the
# page then closes its websocket and greys out, whatever the download did.
MISS = "Cached ForwardMsg MISS"


def pick_preset(page, name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Date preset").click()
    page.get_by_role("option", name=name, exact=True).click()


def toggle_theatre(page, chosen: bool) -> None:
    """Choose the theatre Land, or take it away again with the keyboard (Backspace removes the last chip)."""
    if not chosen:
        choose(page, "Theatre", "Land")
        return
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Theatre")
    box.click()
    box.press("Backspace")
    page.keyboard.press("Escape")


def click_for_file(page, button) -> tuple[object, int]:
    """Click the download button until its file arrives: the file, and how many clicks it took. A click that gets
    Streamlit's error under the button (the replaced run's file id was dropped before the click reached the
    server) is clicked again, as a person does; a button that neither gives a file nor an error within the bound
    (the spinning download) fails the test."""
    arrived: list = []

    def keep(download) -> None:
        arrived.append(download)

    page.on("download", keep)
    try:
        for clicks in (1, 2):
            button.click()
            deadline = time.monotonic() + DOWNLOAD_BOUND_S
            while not arrived and time.monotonic() < deadline:
                if page.get_by_test_id("stDownloadButtonError").count():
                    break
                page.wait_for_timeout(50)
            if arrived:
                return arrived[0], clicks
            assert time.monotonic() < deadline, f"no file and no error {DOWNLOAD_BOUND_S} s after a click: a spin"
            page.get_by_test_id("stDownloadButtonError").wait_for(state="detached", timeout=10_000)
        raise AssertionError("a second click got no file either")
    finally:
        page.remove_listener("download", keep)


def test_a_download_after_a_preset_and_a_theatre_arrives_every_time(visit):
    view = visit()
    page = view.page
    page.goto(view.server.url + "/")
    wait_for_markers(page)
    caption_text(page)
    button = page.get_by_role("button", name=re.compile(r"Download these \d+ rows as CSV"))
    again = []
    for round_ in range(ROUNDS):
        pick_preset(page, PRESETS[round_ % 2])
        toggle_theatre(page, chosen=round_ % 2 == 1)
        try:
            download, clicks = click_for_file(page, button)  # at once: the button may be one a replaced run drew
        except (AssertionError, PlaywrightTimeout):
            if any(MISS in error for error in view.console_errors):
                pytest.xfail(f"round {round_ + 1}: {MISS} closed the websocket (Streamlit's, streamlit#11357)")
            raise
        assert download.failure() is None, f"round {round_ + 1}"
        assert Path(download.path()).read_text(encoding="utf-8").startswith("event_id"), f"round {round_ + 1}"
        if clicks > 1:
            again.append(round_ + 1)
    assert "theatre=Land" not in page.evaluate("location.search"), "the last round took the theatre away again"
    assert len(again) <= 2, f"clicked again in rounds {again}"  # measured: 1 round in 40 (docs/decisions.md)
