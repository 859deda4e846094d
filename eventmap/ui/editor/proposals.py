"""The report proposes its events: each candidate the desk finds in the chosen report can fill the Add form.

Filling only sets the form's fields (quote, date and precision, place, event type, fatalities); the editor checks
and saves as for any event.
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from eventmap import schema
from eventmap.curate.propose import Candidate, known_actor_words, propose
from eventmap.geocode.cache import CacheError
from eventmap.geocode.online import OnlineConfigError
from eventmap.ui import resolver

_WORD_NUMBERS = {"no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def _number(words: str) -> str:
    """The lowest number the report's words give (the form's rule for fatalities), or '' when none."""
    found = [int(w) for w in re.findall(r"\d+", words)]
    found += [_WORD_NUMBERS[w] for w in re.findall(r"[a-z]+", words.lower()) if w in _WORD_NUMBERS]
    return str(min(found)) if found else ("0" if "no casualties" in words.lower() else "")


def _fill(candidate: Candidate) -> None:
    state = st.session_state
    state["add_quote"] = candidate.quote
    if candidate.dates:
        state["add_event_date"] = candidate.dates[0]["date"]
        state["add_time_precision"] = str(candidate.dates[0]["time_precision"])
    if candidate.places:
        first = candidate.places[0]
        state["add_location"] = first["name"]
        state["add_latitude"], state["add_longitude"] = str(first["latitude"]), str(first["longitude"])
        state["add_geo_precision"] = str(first["precision"])
    if candidate.event_type in schema.EVENT_TYPES:
        state["add_event_type"] = candidate.event_type
        state["add_sub_event_type"] = candidate.sub_event_type
    state["add_fatalities"] = _number(candidate.fatalities)
    for name, actor in zip(("add_actor1", "add_actor2"), candidate.actors):  # first named: usually who acted
        state[name] = actor


def _candidates(text: str, published: dt.date) -> list[Candidate]:
    try:
        gazetteer = resolver().gazetteer
    except (OnlineConfigError, CacheError):
        gazetteer = None
    return propose(text, published, gazetteer, known_actor_words(schema.data_files().actors))


def proposals_section(chosen: dict[str, str] | None, texts: dict[str, str]) -> None:
    """Candidate events of the chosen report, one of which can fill the form."""
    if not chosen or chosen["source_id"] not in texts:
        return
    try:
        published = dt.date.fromisoformat(chosen.get("published", "").strip())
    except ValueError:
        return
    found = _candidates(texts[chosen["source_id"]], published)
    if not found:
        return
    with st.expander(f"Candidate events in this report ({len(found)}): pick one to fill the form"):
        pick = st.selectbox(
            "Candidate (a sentence with an event verb)",
            range(len(found)),
            format_func=lambda i: f"{found[i].position}. {found[i].quote[:140]}",
            key="add_proposal",
        )
        shown = found[pick]
        words = [f"{shown.event_type} / {shown.sub_event_type}"]
        words += [f"date: {d['phrase']} → {d['date']}" for d in shown.dates[:1]]
        words += [f"place: {', '.join(p['name'] for p in shown.places)}"] if shown.places else []
        words += [f"fatalities as reported: {shown.fatalities}"] if shown.fatalities else []
        words += [f"actors: {'; '.join(shown.actors)}"] if shown.actors else []
        st.text("\n".join(words))
        st.button("Fill the form from this candidate", key="add_fill", on_click=_fill, args=(shown,))
