"""Text from a URL, a data file or a file name is shown as text; an upload lives for the session, across pages."""

from __future__ import annotations

import re

import pytest

from eventmap import ui
from tests.app.conftest import as_shown, captions, page
from tests.conftest import FIXTURES
from tests.hostile import builders
from tests.sample import IDS

HOSTILE_QUERY = "![i](http://198.51.100.7/q.png) [Session expired. Log in again](http://198.51.100.7/) :rocket: $x$"
# Markdown that would act: a link or image, HTML, math, a heading, emphasis, a directive (unescaped) ...
_LIVE = re.compile(r"(?<!\\)[\[\]()<>!$#*_`~|:]")
# ... and what Streamlit's plugins find in the text once escapes are undone: bare links, emoji shortcodes.
_LIVE_IN_TEXT = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]|:[\w+-]+:")


def live_markdown(body: str) -> list[str]:
    """What markdown or its plugins would act on in a markdown body; [] when it all shows as typed."""
    return _LIVE.findall(body) + _LIVE_IN_TEXT.findall(re.sub(r"\\(.)", r"\1", body))


def bodies(app) -> list[str]:
    return [e.value for e in [*app.warning, *app.info, *app.error, *app.caption]] + [m.value for m in app.markdown]


def test_the_escaper_leaves_nothing_live_and_keeps_the_words():
    for text in (*builders.MARKUP, *builders.FORMULAS, HOSTILE_QUERY, "a\\[b](c)", "#### h\n- item\n1. x"):
        escaped = ui.escape_markdown(text)
        assert live_markdown(escaped) == [], (text, escaped)
        assert as_shown(escaped) == text


def test_url_notices_show_the_url_as_text():
    app = page("Map", q=HOSTILE_QUERY, **{"[Log in](http://198.51.100.7/)": "1"}).run()
    assert not app.exception
    notices = [w.value for w in app.warning]
    assert any("unknown URL parameter" in n for n in notices)
    for body in bodies(app):
        if "198.51.100.7" in as_shown(body) or "rocket" in body:
            assert live_markdown(body) == [], body


def _upload(app, name: str, body: bytes):
    app.file_uploader(key="upload").set_value((name, body, "text/csv")).run()
    assert not app.exception, app.exception
    return app


def test_source_conflicts_event_ids_and_the_file_name_are_text(tmp_path):
    body = builders.per_row_cells(builders.MARKUP).replace(b'"IRQ41000"', b'"[x](http://198.51.100.7/)"')
    app = _upload(page("Map").run(), "![n](http://198.51.100.7/n.png).csv", body)
    said = [b for b in bodies(app) if "198.51.100.7" in as_shown(b)]
    assert any("uploaded file" in b for b in said)
    for body_text in said:
        assert live_markdown(body_text) == [], body_text


def test_no_place_caption_shows_event_ids_as_text():
    body = builders.acled(builders.rows(1, 1, location="", latitude="", longitude="", geo_precision="")).replace(
        b'"IRQ1"', b'"[x](http://198.51.100.7/)"'
    )
    app = _upload(page("Map").run(), "ids.csv", body)
    caption = next(c.value for c in app.caption if "no reported place" in c.value)
    assert "198" in caption and live_markdown(caption) == [], caption


def test_an_upload_stays_for_the_session_on_every_page_until_removed():
    app = _upload(page("Map").run(), "acled.csv", (FIXTURES / "acled_export.csv").read_bytes())
    assert "showing 3 of 3 events" in captions(app)
    for other in ("pages/2_Events.py", "pages/1_Timeline.py", "app.py"):
        app.switch_page(other).run()
        assert not app.exception
        assert "uploaded file acled.csv" in captions(app) and "showing 3 of 3 events" in captions(app), other
    app.button(key="drop_upload").click().run()
    assert "curated dataset" in captions(app) and f"showing {len(IDS)} of {len(IDS)} events" in captions(app)


def test_filters_of_the_previous_dataset_do_not_carry_over_to_a_new_upload():
    app = page("Map", start="2024-05-06", end="2024-05-07").run()
    assert f"showing 3 of {len(IDS)} events" in captions(app)  # SM-001 to SM-003
    app = _upload(app, "acled.csv", (FIXTURES / "acled_export.csv").read_bytes())
    assert "showing 3 of 3 events" in captions(app)
    assert any("filters were reset" in w.value for w in app.warning)


def test_uploads_are_not_written_to_the_parquet_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(tmp_path))
    _upload(page("Map").run(), "acled.csv", (FIXTURES / "acled_export.csv").read_bytes())
    assert not (tmp_path / "frames").exists() or not any((tmp_path / "frames").iterdir())


@pytest.mark.parametrize("preset", ["During the ceasefire", "Before the ceasefire"])
def test_a_preset_outside_the_datas_range_keeps_the_whole_range_with_a_notice(preset):
    # after the curated periods' truce (the sample's: 8 to 9 May 2024), so before and during it hold none of them
    late = builders.acled(builders.rows(1, 1, event_date="2024-06-03") + builders.rows(1, 2, event_date="2024-06-05"))
    app = _upload(page("Map").run(), "late.csv", late)
    app.selectbox(key="filter_preset").set_value(preset).run()
    assert not app.exception, app.exception
    assert "showing 2 of 2 events" in captions(app)
    assert any("has no events" in w.value for w in app.warning)


def test_sources_disagree_box_and_the_record_heading_show_data_as_text():
    def script():
        from eventmap import schema, ui
        from eventmap.load import load_curated

        frame = load_curated(schema.data_dir()).events.head(1).copy()  # the sample's first event
        frame["source_conflict"] = "[x](http://198.51.100.7/) ![i](http://198.51.100.7/q.png) :rocket:"
        frame["event_id_cnty"] = "**bold** [y](http://198.51.100.7/)"
        ui.event_details(frame)

    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(script, default_timeout=60).run()
    assert not app.exception
    conflict = next(w.value for w in app.warning if "Sources disagree" in w.value)
    heading = next(m.value for m in app.markdown if "198" in m.value)
    assert live_markdown(conflict) == [] and "198" in conflict
    assert live_markdown(heading.replace("**", "", 1).rsplit("**", 1)[0] + heading.rsplit("**", 1)[1]) == []


def test_a_broken_geocoding_cache_is_a_warning_on_the_sources_page_and_places_still_resolve(tmp_path, monkeypatch):
    (tmp_path / "geocode.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(tmp_path))
    ui.resolver.clear()
    try:
        app = page("Sources and method").run()
    finally:
        ui.resolver.clear()
    assert not app.exception
    assert any("without a cache" in as_shown(w.value) for w in app.warning)
    assert (app.dataframe[-1].value["status"] == "found").all()
