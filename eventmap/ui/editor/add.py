"""The Add event form: source and quote first, the date the quote gives, the place looked up, the ACLED fields."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from eventmap import formats, schema
from eventmap.curate import events as ops
from eventmap.curate import preview
from eventmap.curate.dates import resolve_dates
from eventmap.curate.sources import read_sources_table, sources_csv_for
from eventmap.geocode.cache import CacheError
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError
from eventmap.ui import map_chart
from eventmap.ui.editor.drafts import forget
from eventmap.ui.editor.outcome import reload_form, show_outcome
from eventmap.ui.editor.places import add_place_section, look_up
from eventmap.ui.editor.proposals import proposals_section

# The add form's widgets (add_<column>): every column but the id, assigned on save, and the source and quote.
FIELDS = tuple(c.name for c in schema.EVENT_COLUMNS if c.name not in ("event_id_cnty", "source", "source_quote"))


def _add_row() -> dict[str, str]:
    row = {name: str(st.session_state.get(f"add_{name}", "") or "") for name in FIELDS}
    row["source"] = st.session_state.get("add_source") or ""
    row["source_quote"] = st.session_state.get("add_quote", "")
    if st.session_state.get("add_new_theatre"):
        row["theatre"] = st.session_state.get("add_theatre_new", "")
    if st.session_state.get("add_no_place"):
        row.update(location="", latitude="", longitude="", geo_precision="")
    return row


def _run_add(place: ops.Desk, editor: str, write: bool) -> None:
    row = _add_row()
    plan = ops.plan_add(row, new_theatre=bool(st.session_state.get("add_new_theatre")))
    outcome = ops.save(place, plan, editor=editor, expected_digest=st.session_state["desk_digest"], write=False)
    confirmed = st.session_state.get("add_confirm_duplicate", False)
    if write and outcome.ok and (not outcome.duplicates or confirmed):
        outcome = ops.save(place, plan, editor=editor, expected_digest=st.session_state["desk_digest"])
        if outcome.ok:
            reload_form(place)
            clear_form()
    st.session_state["add_result"] = {
        "outcome": outcome,
        "saved": write and outcome.ok and (not outcome.duplicates or confirmed),
        "row": row,
    }


# Each add_ widget's empty value. Set, not deleted: a deleted key leaves the browser showing the old value.
_CLEARED = {
    "source": None,
    "quote": "",
    "date_choice": 0,
    "time_precision": "1",
    "no_place": False,
    "geo_precision": "",
    "event_type": schema.EVENT_TYPES[0],
    "sub_event_type": schema.SUB_EVENT_TYPES[schema.EVENT_TYPES[0]][0],
    "actor1": None,
    "actor2": None,
    "confirm_duplicate": False,
    "theatre": None,
    "new_theatre": False,
    "theatre_new": "",
}


def clear_form() -> None:
    """After a save: every field empty and "Save anyway" unticked, so a second click cannot save a copy."""
    for name in FIELDS:
        st.session_state[f"add_{name}"] = ""
    for name, value in _CLEARED.items():
        st.session_state[f"add_{name}"] = value
    for name in ("candidates", "candidate", "geocode_error"):
        st.session_state.pop(f"add_{name}", None)
    forget(*(f"add_{name}" for name in ("candidates", "candidate", "geocode_error")))


def _use_date(readings: list) -> None:
    reading = readings[st.session_state.get("add_date_choice", 0)]
    st.session_state["add_event_date"] = reading.date.isoformat()
    st.session_state["add_time_precision"] = str(reading.time_precision)


def _look_up(place: ops.Desk) -> None:
    query = st.session_state.get("add_location", "")
    st.session_state.pop("add_geocode_error", None)
    st.session_state["add_candidates_for"] = query
    try:
        st.session_state["add_candidates"] = look_up(place, query)
    except (OnlineConfigError, CacheError) as error:
        st.session_state["add_candidates"] = []
        st.session_state["add_geocode_error"] = str(error)


def _use_place() -> None:
    chosen = st.session_state["add_candidates"][st.session_state.get("add_candidate", 0)]
    st.session_state["add_latitude"] = f"{chosen.latitude:.5f}".rstrip("0").rstrip(".")
    st.session_state["add_longitude"] = f"{chosen.longitude:.5f}".rstrip("0").rstrip(".")
    st.session_state["add_geo_precision"] = str(chosen.precision or 2)


def quote_section(place: ops.Desk, sources: list[dict[str, str]]) -> dict[str, str] | None:
    """Source and quote first: each quote is looked up verbatim in the source text, and shown in its context."""
    ids = [s["source_id"] for s in sources]
    named = formats.report_choices(sources)
    source_id = st.selectbox(
        "Source (registered report: title, outlet, publication date)",
        ids,
        key="add_source",
        index=None,
        format_func=lambda source: named.get(source, source),
    )
    quote = st.text_area(
        "Quote: the sentence(s) of the report that support the event; several joined by ' | '", key="add_quote"
    )
    chosen = next((s for s in sources if s["source_id"] == source_id), None)
    texts = place.source_texts() or {}
    if chosen and quote.strip():
        for found in preview.quote_lines(quote, source_id, texts):
            st.text(found)
    return chosen


def date_section(chosen: dict[str, str] | None) -> None:
    quote = st.session_state.get("add_quote", "")
    try:
        published = dt.date.fromisoformat(chosen["published"].strip()) if chosen else None
    except ValueError:
        published = None
    readings = resolve_dates(quote, published) if published and quote else []
    if readings:
        st.selectbox(
            "Dates the quote gives, against the publication date",
            range(len(readings)),
            format_func=lambda i: (
                f"{readings[i].phrase} → {readings[i].date.isoformat()} "
                f"({schema.TIME_PRECISION_WORDS[readings[i].time_precision]}): "
                f"{readings[i].how}"
            ),
            key="add_date_choice",
        )
        st.button("Use this date", key="add_use_date", on_click=_use_date, args=(readings,))
    cols = st.columns(3)
    cols[0].text_input("Event date (YYYY-MM-DD)", key="add_event_date")
    cols[1].selectbox(
        "Time precision",
        ("1", "2", "3"),
        key="add_time_precision",
        format_func=lambda c: f"{c}: {schema.TIME_PRECISION_WORDS[int(c)]}",
    )
    cols[2].text_input("Other source's date (alt_event_date)", key="add_alt_event_date")


def place_section(place: ops.Desk, editor: str) -> None:
    """The place as the report names it, looked up through the resolver; no place is a valid answer."""
    if st.checkbox("The report gives no place", key="add_no_place"):
        return
    st.text_input("Place, as the report names it", key="add_location")
    st.button("Look up the place", key="add_look_up", on_click=_look_up, args=(place,))
    found = st.session_state.get("add_candidates")
    if st.session_state.get("add_candidates_for") != st.session_state.get("add_location"):
        found = None  # the candidates of another name: never offered under this one
    if found is not None:
        if not found:
            st.warning(
                "Not found by the gazetteer or the cache: add the place below, with the reference its point comes from."
            )
            if st.session_state.get("add_geocode_error"):
                st.text(st.session_state["add_geocode_error"])
            add_place_section(place, editor)
        else:
            labels = [f"{r.address or r.query} ({r.provider}, precision {r.precision})" for r in found]
            pick = st.selectbox("Candidates", range(len(found)), format_func=lambda i: labels[i], key="add_candidate")
            map_chart(preview.candidates_deck(found, pick), key="add_candidates_map", height=300)
            st.button("Use this place", key="add_use_place", on_click=_use_place)
            if any(r.attribution for r in found):
                st.caption(ATTRIBUTION)
    cols = st.columns(3)
    cols[0].text_input("Latitude", key="add_latitude")
    cols[1].text_input("Longitude", key="add_longitude")
    cols[2].selectbox(
        "Place precision",
        ("", "1", "2", "3"),
        key="add_geo_precision",
        format_func=lambda c: f"{c}: {schema.GEO_PRECISION_WORDS[int(c)]}" if c else "",
    )


def acled_section(rows: list[dict[str, str]]) -> None:
    cols = st.columns(2)
    kind = cols[0].selectbox("Event type", schema.EVENT_TYPES, key="add_event_type")
    cols[1].selectbox("Sub-event type", schema.SUB_EVENT_TYPES[kind], key="add_sub_event_type")
    for name in ("actor1", "actor2"):
        known = sorted(({r.get("actor1", "") for r in rows} | {r.get("actor2", "") for r in rows}) - {""})
        st.selectbox(
            f"{name} (existing names suggested; type a new one if needed)",
            known,
            index=None,
            key=f"add_{name}",
            accept_new_options=True,
        )
    cols = st.columns(3)
    for col, name in zip(cols, ("country", "admin1")):
        col.text_input(name, key=f"add_{name}")
    theatres = sorted({r.get("theatre", "").strip() for r in rows} - {""})
    if cols[2].checkbox("Start a new theatre (none of the data's fits)", key="add_new_theatre"):
        cols[2].text_input("theatre (new)", key="add_theatre_new", max_chars=80)
    else:
        cols[2].selectbox("theatre", theatres, index=None, key="add_theatre")
    st.text_input("Fatalities: the lowest number reported (0 when none or no number)", key="add_fatalities")
    for name in ("weapon", "target", "outcome", "notes", "source_conflict"):
        st.text_input(name, key=f"add_{name}")


def add_event(place: ops.Desk, editor: str, rows: list[dict[str, str]]) -> None:
    sources = read_sources_table(sources_csv_for(place.events))
    if place.source_texts() is None:
        st.warning(
            f"Set {schema.SOURCES_ENV} to the folder of source texts: every quote is checked against its source."
        )
        return
    chosen = quote_section(place, sources)
    proposals_section(chosen, place.source_texts() or {})
    date_section(chosen)
    place_section(place, editor)
    acled_section(rows)
    candidate = _add_row()
    shown = preview.tooltip_preview(candidate | {"event_id_cnty": "new"}, sources)
    if shown:
        st.caption("Preview: the map's tooltip for this event")
        st.text(f"{shown[0]}\n{shown[1]}")
    st.checkbox("Save anyway if a possible duplicate is found (it is a different event)", key="add_confirm_duplicate")
    cols = st.columns(2)
    cols[0].button("Check", key="add_check", on_click=_run_add, args=(place, editor, False))
    cols[1].button("Save event", key="add_save", type="primary", on_click=_run_add, args=(place, editor, True))
    show_outcome("add_result", place)
