"""Names in Arabic script on the Map page, in Chromium, on the sample dataset: its gazetteer names Alpha Base in
Arabic (tests/sample.py NAME_AR). What the map writes is read from the canvas's own text drawing calls."""

from __future__ import annotations

import time

from eventmap.maps import rtl
from tests.browser.test_map_page import open_map
from tests.sample import NAME_AR

# Every fillText call of the page's canvases, with the font it was drawn in.
RECORD_TEXT = """
window.__texts = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
  window.__texts.push([String(text), this.font]);
  return fillText.call(this, text, ...rest);
};
"""


def test_the_option_draws_the_places_arabic_names_in_the_shipped_font(visit):
    view = visit()
    view.context.add_init_script(RECORD_TEXT)
    view, _ = open_map(lambda: view)
    page = view.page
    texts = page.evaluate("window.__texts")
    assert any(text.startswith("Bravo Town") for text, _ in texts), "the Latin names are drawn"
    assert not any(NAME_AR in text for text, _ in texts), "no Arabic until asked for"
    assert not [url for url in view.requests if url.endswith(rtl.FONT)], "nor its font fetched"

    page.get_by_text("Names in Arabic script").click()
    deadline = time.monotonic() + 60
    while not (drawn := [font for text, font in page.evaluate("window.__texts") if text == NAME_AR]):
        assert time.monotonic() < deadline, "the Arabic name was never drawn"
        page.wait_for_timeout(300)
    assert rtl.FONT_FAMILY in drawn[-1], drawn[-1]
    page.wait_for_function(
        f"document.fonts.check('600 12px \"{rtl.FONT_FAMILY}\"', {NAME_AR!r})", timeout=30_000
    )  # the shipped font has arrived, from the app's own server
    assert [url for url in view.requests if url.endswith(rtl.FONT)] and not view.foreign_requests()
    assert [text for text, _ in page.evaluate("window.__texts")].count(NAME_AR) >= 2, "drawn again in its font"
