"""A link to one event, /?event=ID: the Map page opens on the event with its full record, its link and its history;
an unknown, malformed or hostile id gets a plain notice and the full map."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap import permalink, schema
from eventmap.untrusted import escape_markdown
from tests.app.conftest import as_shown, map_spec, page


@pytest.fixture
def desk_folder(tmp_path, sample_dir, monkeypatch):
    """The sample dataset with a desk change log holding one edit of SM-003, as the app's dataset folder."""
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    entry = {
        "seq": 1,
        "time": "2024-05-10T10:00:00+00:00",
        "editor": "Desk Tester",
        "action": "edit",
        "event_id": "SM-003",
        "before": {"event_id_cnty": "SM-003", "fatalities": "0"},
        "after": {"event_id_cnty": "SM-003", "fatalities": "1"},
    }
    (data / "events.changes.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(data))
    return data


def texts(app) -> str:
    kinds = ("subheader", "caption", "markdown", "text", "warning", "code")
    return "\n".join(as_shown(str(e.value)) for kind in kinds for e in app.get(kind))


def test_a_known_event_opens_centred_with_its_full_record_link_and_history(desk_folder, sample):
    app = page("Map", event="SM-003").run()
    assert not app.exception
    shown = texts(app)
    assert "The linked event" in shown
    record = sample.events.set_index("event_id_cnty").loc["SM-003"]
    for quote in str(record["source_quote"]).split(schema.QUOTE_SEPARATOR):
        assert quote.strip() in shown  # every quote, verbatim
    assert "Date: " in shown and "place: " in shown  # the date's and the place's precision
    assert "./?event=SM-003" in [c.value for c in app.code]  # the link to this event, as copyable text
    history = app.dataframe[-1].value
    assert list(history["editor"]) == ["Desk Tester"] and "fatalities" in history["change"].iloc[0]
    view = map_spec(app)["initialViewState"]
    assert (view["latitude"], view["longitude"]) == (record["latitude"], record["longitude"])
    assert app.query_params["event"] in ("SM-003", ["SM-003"])  # the link stays in the URL while the record is shown
    assert not any("unknown URL parameter" in w.value for w in app.warning)


def test_an_unknown_event_gets_a_plain_notice_and_the_full_map(sample_dir):
    full = map_spec(page("Map").run())["initialViewState"]
    app = page("Map", event="EM-IRQ-999").run()
    assert not app.exception
    assert any("No event 'EM-IRQ-999' in this dataset" in as_shown(w.value) for w in app.warning)
    assert "The linked event" not in texts(app) and not any("?event=" in c.value for c in app.code)
    assert map_spec(app)["initialViewState"] == full
    assert "event" not in app.query_params


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event_id=st.text(max_size=300))
def test_a_hostile_event_id_is_said_as_text_and_never_breaks_the_page(sample_dir, event_id):
    app = page("Map", event=event_id).run()
    assert not app.exception
    notices = [as_shown(w.value) for w in app.warning if "No event" in w.value]
    assert len(notices) == 1 and "The linked event" not in texts(app)
    assert app.get("bidi_component"), "the full map is drawn"


@given(st.text(max_size=300))
def test_the_link_of_any_id_reads_back_as_that_id(event_id):
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(permalink.link(event_id)).query, keep_blank_values=True)
    assert query == {permalink.EVENT_PARAM: [event_id]}
    assert permalink.from_query(query) == (event_id, [])


def test_the_hostile_sample_id_is_never_markdown(sample_dir):
    hostile = '[x](http://198.51.100.7/) <img src=x onerror="alert(1)"> **b**'
    app = page("Map", event=hostile).run()
    notices = [w.value for w in app.warning if "No event" in w.value]
    assert notices == [escape_markdown(permalink.unknown_notice(hostile))]  # every mark escaped: shown as typed


def test_every_row_of_the_events_table_carries_its_link_as_text(sample_dir):
    table = page("Events").run().dataframe[0].value
    assert list(table.columns[:2]) == ["event_id_cnty", "link to this event"]
    assert list(table["link to this event"]) == [permalink.link(i) for i in table["event_id_cnty"]]
