"""The desk in Chromium: an event an editor adds on the Editor page is on the map at its place after a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from eventmap.load import load_events
from eventmap.maps import camera, markers
from tests.browser.conftest import _serve
from tests.browser.mapcanvas import colour_near, map_pixels, marker_colour, screen_position, wait_for_markers
from tests.curate.deskfiles import PUBLISHED, make_desk

TOKEN = "browser-test-token-long-enough-to-pass"
SOURCE = "Source (registered report: title, outlet, publication date)"
REPORT = f"A made-up report (Nowhere Times, {PUBLISHED})"  # sources are picked by title, not file id
ALPHA = (33.5, 42.5)  # the sample gazetteer's Alpha Base; the desk's events are far from it


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory, sample_dir):
    events, sources = make_desk(tmp_path_factory.mktemp("desk"), newline="\r\n", bom=True)
    app = _serve(
        "desk",
        tmp_path_factory,
        sample_dir,
        EVENTMAP_EVENTS=str(events),
        EVENTMAP_SOURCES=str(sources),
        EVENTMAP_EDITOR_TOKEN=TOKEN,
    )
    yield app, events
    app.stop()


def settle(page) -> None:
    """Wait until Streamlit has finished the rerun a widget change started."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)


def commit(page, label: str, value: str) -> None:
    """Type into a text field and press Enter, as a user does: Streamlit then takes the value."""
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")
    settle(page)


def choose(page, label: str, option: str, *, typed: bool = False) -> None:
    box = page.get_by_label(label, exact=False)
    box.click()
    if typed:
        page.keyboard.type(option)
        page.keyboard.press("Enter")
    else:
        page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def test_an_event_added_on_the_desk_is_on_the_map_after_a_reload(visit, desk_server):
    server, events = desk_server
    view = visit(server)
    page = view.page
    page.goto(server.url + "/")
    wait_for_markers(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Editor").click()
    page.get_by_role("heading", name="Editors' desk").wait_for(timeout=60_000)
    commit(page, "Editor token", TOKEN)
    commit(page, "Your name (recorded with every change)", "Browser Editor")
    page.get_by_role("button", name="Start editing").click()
    page.get_by_role("tab", name="Add event").wait_for(timeout=60_000)

    choose(
        page,
        "Source (registered report: title, outlet, publication date)",
        "A made-up report (Nowhere Times, 2023-12-04)",
    )
    quote = page.get_by_label("Quote: the sentence(s) of the report that support the event; several joined by ' | '")
    quote.fill("Protesters gathered in Basra on December 1.")
    quote.press("Control+Enter")
    page.get_by_text("found verbatim", exact=False).first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Use this date").click()
    settle(page)
    commit(page, "Place, as the report names it", "Alpha Airbase")
    page.get_by_role("button", name="Look up the place").click()
    page.get_by_role("button", name="Use this place").click()
    settle(page)
    choose(page, "actor1 (existing names suggested; type a new one if needed)", "Guards", typed=True)
    pick_theatre(page, "Iraq")
    commit(page, "Fatalities: the lowest number reported (0 when none or no number)", "0")
    page.get_by_role("button", name="Save event").click()
    page.get_by_text("add EM-IRQ-002").first.wait_for(timeout=60_000)
    assert "Alpha Airbase,33.5,42.5,1" in events.read_text(encoding="utf-8-sig")

    page.goto(server.url + "/")  # the next page load reads the saved file
    wait_for_markers(page)
    pixels = map_pixels(page)
    fitted = camera.fit_map(markers.build_map_data(load_events(events).frame))  # the map fits the file's events
    x, y = screen_position(page, *ALPHA, fitted)
    assert colour_near(page, pixels, x, y, marker_colour("Battles")) > 20, "the new event's marker at Alpha Base"
    assert view.foreign_requests() == []


def type_in(page, label: str, value: str, *, long: bool = False) -> None:
    """Type into a field of the tab on show (the other tabs hold fields of the same name, hidden)."""
    field = page.get_by_role("tabpanel").get_by_label(label, exact=True)
    field.fill(value)
    field.press("Control+Enter" if long else "Enter")
    settle(page)


def pick_theatre(page, theatre: str) -> None:
    """The theatre is chosen from the data's list."""
    page.get_by_role("combobox", name="theatre", exact=True).click()
    page.get_by_role("option", name=theatre, exact=True).click()
    settle(page)


def sign_in(page, url: str, name: str) -> None:
    page.goto(url + "/Editor")
    page.get_by_role("heading", name="Editors' desk").wait_for(timeout=60_000)
    commit(page, "Editor token", TOKEN)
    commit(page, "Your name (recorded with every change)", name)
    page.get_by_role("button", name="Start editing").click()
    page.get_by_role("tab", name="Correct or retire").click()
    settle(page)


def open_event(page, event_id: str) -> None:
    page.get_by_role("combobox", name="Event", exact=True).click()
    page.get_by_role("option", name=event_id, exact=True).click()
    settle(page)
    page.get_by_role("tabpanel").get_by_label("fatalities", exact=True).wait_for(timeout=60_000)


def save_changes(page) -> None:
    page.get_by_role("button", name="Save changes").click()
    settle(page)


def test_two_editors_on_one_event_keep_each_others_corrections(visit, desk_server):
    """The lost update, in two browsers: B's save of one field used to put back the field A had just corrected."""
    server, events = desk_server
    ana, bo = visit(server).page, visit(server).page
    sign_in(ana, server.url, "Ana")
    sign_in(bo, server.url, "Bo")
    open_event(ana, "EM-SEA-001")
    open_event(bo, "EM-SEA-001")
    type_in(ana, "fatalities", "3")
    save_changes(ana)
    ana.get_by_text("edit EM-SEA-001").first.wait_for(timeout=60_000)
    type_in(bo, "target", "a drone")
    save_changes(bo)
    bo.get_by_text("edit EM-SEA-001").first.wait_for(timeout=60_000)
    line = next(x for x in events.read_text(encoding="utf-8-sig").splitlines() if x.startswith("EM-SEA-001"))
    assert ",a drone," in line and ",3," in line  # B's field saved, A's correction kept

    type_in(ana, "outcome", "intercepted", long=True)
    save_changes(ana)
    ana.get_by_text("edit EM-SEA-001").first.wait_for(timeout=60_000)
    type_in(bo, "outcome", "shot down", long=True)
    save_changes(bo)
    bo.get_by_text("Another editor changed these fields", exact=False).wait_for(timeout=60_000)
    assert "intercepted" in events.read_text(encoding="utf-8-sig")  # nothing of A's overwritten
    bo.get_by_text("keep yours").click()
    settle(bo)
    bo.get_by_role("button", name="Use these choices").click()
    settle(bo)
    save_changes(bo)
    bo.get_by_text("edit EM-SEA-001").first.wait_for(timeout=60_000)
    assert "shot down" in events.read_text(encoding="utf-8-sig")


def test_after_a_save_the_add_form_is_empty_in_the_browser(visit, desk_server):
    """The double entry: the form kept every value and 'Save anyway' stayed ticked after a save."""
    server, events = desk_server
    page = visit(server).page
    sign_in(page, server.url, "Ana")
    page.get_by_role("tab", name="Add event").click()
    settle(page)
    choose(
        page,
        "Source (registered report: title, outlet, publication date)",
        "A made-up report (Nowhere Times, 2023-12-04)",
    )
    quote = "Quote: the sentence(s) of the report that support the event; several joined by ' | '"
    type_in(page, quote, "Drones struck Camp Alpha on Sunday", long=True)
    type_in(page, "Event date (YYYY-MM-DD)", "2023-12-02")
    type_in(page, "Place, as the report names it", "Alpha Airbase")
    page.get_by_role("button", name="Look up the place").click()
    page.get_by_role("button", name="Use this place").click()
    settle(page)
    choose(page, "actor1 (existing names suggested; type a new one if needed)", "Guards", typed=True)
    pick_theatre(page, "Iraq")
    type_in(page, "Fatalities: the lowest number reported (0 when none or no number)", "0")
    page.get_by_text("Save anyway if a possible duplicate is found", exact=False).click()
    settle(page)
    page.get_by_role("button", name="Save event").click()
    settle(page)
    page.get_by_text("Saved, and logged").first.wait_for(timeout=60_000)
    assert page.get_by_role("tabpanel").get_by_label("Place, as the report names it", exact=True).input_value() == ""
    assert page.get_by_role("combobox", name="theatre", exact=True).input_value() == ""
    assert not page.get_by_role(
        "checkbox", name="Save anyway if a possible duplicate is found (it is a different event)"
    ).is_checked()
    rows = events.read_text(encoding="utf-8-sig").count(",2023-12-02,")
    page.get_by_role("button", name="Save event").click()
    settle(page)
    assert events.read_text(encoding="utf-8-sig").count(",2023-12-02,") == rows == 1


def test_a_draft_survives_a_reload_in_the_browsers_storage(visit, desk_server):
    """A reload starts a new session (and asks for the token again): the draft comes back from the browser."""
    server, _ = desk_server
    page = visit(server).page
    sign_in(page, server.url, "Ana")
    open_event(page, "EM-IRQ-001")
    type_in(page, "notes", "a correction half written", long=True)
    page.get_by_role("tab", name="Add event").click()
    settle(page)
    quote = "Quote: the sentence(s) of the report that support the event; several joined by ' | '"
    type_in(page, quote, "Drones struck Camp Alpha on Sunday", long=True)
    page.reload()
    sign_in(page, server.url, "Ana")
    # The browser's copy reaches the server after the new session's first run: it is put back on the rerun it asks for.
    expect(page.get_by_role("tabpanel").get_by_label("notes", exact=True)).to_have_value(
        "a correction half written", timeout=30_000
    )
    page.get_by_role("tab", name="Add event").click()
    settle(page)
    expect(page.get_by_role("tabpanel").get_by_label(quote, exact=True)).to_have_value(
        "Drones struck Camp Alpha on Sunday", timeout=30_000
    )
