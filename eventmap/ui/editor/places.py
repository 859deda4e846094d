"""Places for the Add form: the look-up (the shared gazetteer and the desk's own places file), and a place the
gazetteer lacks added from the desk, with the public reference its point came from; the next look-up finds it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from eventmap import schema
from eventmap.curate import events as ops
from eventmap.curate import preview
from eventmap.curate.places import PlaceForm, add_place, undo_place
from eventmap.files import file_digest
from eventmap.geocode.base import KINDS
from eventmap.geocode.resolver import GeocodeResult, Resolver, build_resolver
from eventmap.ui import resolver
from eventmap.ui.editor.outcome import problems_table

FIELDS = ("name", "aliases", "latitude", "longitude", "kind", "radius_km", "country", "reference")


def places_file(place: ops.Desk) -> Path:
    """The places.csv of the desk's dataset folder (beside the events file, as sources.csv is)."""
    return schema.data_files(Path(place.events).parent).places


@st.cache_resource(show_spinner=False, max_entries=4)
def _desk_resolver(path: str, digest: str) -> Resolver:
    """A resolver over this places file as it is now (a new digest after each added place)."""
    return build_resolver(places_path=Path(path), use_cache=False, online=False)


def look_up(place: ops.Desk, query: str) -> list[GeocodeResult]:
    """The shared resolver's candidates, then the desk's places file's, each point once."""
    found = preview.candidates(resolver(), query)
    path = places_file(place)
    if path.is_file():
        for extra in preview.candidates(_desk_resolver(str(path), file_digest(path)), query):
            if all((r.latitude, r.longitude) != (extra.latitude, extra.longitude) for r in found):
                found.append(extra)
    return found


def _add(place: ops.Desk, editor: str) -> None:
    form = PlaceForm(*(str(st.session_state.get(f"place_{name}", "") or "") for name in FIELDS))
    problems = add_place(form, places_file(place), editor)
    st.session_state["place_result"] = (form.name, problems)
    if not problems:
        resolver.clear()  # the shared gazetteer reads its file once: the next look-up must see the new place
        st.session_state["add_location"] = form.name.strip()
        st.session_state.pop("add_candidates", None)
        for name in FIELDS:
            st.session_state[f"place_{name}"] = "" if name != "kind" else KINDS[0]


def _undo(place: ops.Desk, editor: str) -> None:
    problems = undo_place(places_file(place), editor)
    st.session_state["place_result"] = ("", problems) if problems else ("", [])
    st.session_state["place_undone"] = not problems
    if not problems:
        resolver.clear()


def add_place_section(place: ops.Desk, editor: str) -> None:
    """The form for a place the gazetteer lacks; the point's reference is required."""
    with st.expander("Add this place to the gazetteer (with the reference its point comes from)"):
        st.session_state.setdefault("place_name", st.session_state.get("add_location", ""))
        st.text_input("Name", key="place_name", max_chars=80)
        st.text_input("Other names (separated by ;)", key="place_aliases")
        cols = st.columns(4)
        cols[0].text_input("Latitude", key="place_latitude")
        cols[1].text_input("Longitude", key="place_longitude")
        cols[2].selectbox("Kind", KINDS, key="place_kind")
        cols[3].text_input("Radius (km)", key="place_radius_km")
        st.text_input("Country", key="place_country")
        st.text_input("Reference the point was taken from (required)", key="place_reference")
        cols = st.columns(2)
        cols[0].button("Add the place", key="place_add", on_click=_add, args=(place, editor))
        cols[1].button("Undo the last place added here", key="place_undo", on_click=_undo, args=(place, editor))
        name, problems = st.session_state.get("place_result", ("", []))
        if problems:
            st.dataframe(problems_table(problems, place), hide_index=True, width="stretch")
        elif name:
            st.success("Added to the gazetteer; look it up again to use it:")
            st.code(name, language=None)
        elif st.session_state.pop("place_undone", False):
            st.success("The last place added from the desk was removed (logged in places.changes.jsonl).")
