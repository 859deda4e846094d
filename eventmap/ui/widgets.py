"""Widgets shared by the pages: tables, downloads, the legend, the map's camera, event records, geocoding status,
and the one way untrusted text reaches a markdown element."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import streamlit as st

from eventmap import export, permalink, schema
from eventmap.fatalities import fatalities_text
from eventmap.geocode.cache import CacheError
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError
from eventmap.geocode.resolver import Resolver, build_resolver
from eventmap.maps import contract, rtl
from eventmap.problems import Problem
from eventmap.ui import camlink
from eventmap.ui.view import View
from eventmap.untrusted import escape_markdown

DETAIL_ROWS = 20  # full records shown under the map for one clicked marker
TABLE_ROWS = 10_000  # rows drawn in a table; downloads always hold every filtered row


def show_table(table: pd.DataFrame, **options) -> None:
    """st.dataframe with dates shown as dates and the loader's bookkeeping columns left out."""
    table = table.drop(columns=[c for c in ("row_number",) if c in table.columns])
    dates = {
        name: st.column_config.DateColumn(format="YYYY-MM-DD")
        for name in table.columns
        if pd.api.types.is_datetime64_any_dtype(table[name])
    }
    st.dataframe(table, hide_index=True, width="stretch", column_config=dates, **options)


LINK_COLUMN = "link to this event"


def with_links(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each event's own link (relative, as text a user copies) beside its id."""
    if "event_id_cnty" not in table.columns:
        return table
    links = [permalink.link(event_id) for event_id in table["event_id_cnty"]]
    return table.assign(**{LINK_COLUMN: links})[
        [
            *table.columns[: table.columns.get_loc("event_id_cnty") + 1],
            LINK_COLUMN,
            *table.columns[table.columns.get_loc("event_id_cnty") + 1 :],
        ]
    ]


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.as_dict() for p in problems], columns=["file", "row", "column", "message"])


# A download button that the run in progress has not drawn again may hold a file id the server has dropped (a run cut
# short by a newer one drops the ids it did not draw again): it takes no clicks until it is drawn again, faded as
# Streamlit draws every element of a replaced run (docs/decisions.md, 'A download asks for its file without a rerun').
STALE_DOWNLOADS_CSS = (
    '<style>[data-stale="true"] [data-testid="stDownloadButton"] button {pointer-events: none}</style>'
)


def download(view: View, kind: str, key: str) -> None:
    """A download button for one export format of the view's rows; the file is written when the user clicks,
    not on every rerun (a million rows take seconds), from every column of exactly the rows the filters keep."""
    form = export.FORMATS[kind]
    st.download_button(
        f"Download these {view.count():,} rows {form.label}",
        lambda: view.export(kind),
        file_name=view.file_name(kind),
        mime=form.mime,
        key=key,
        on_click="ignore",  # docs/decisions.md, 'A download asks for its file without a rerun'
    )


def marker_shape_css(shape: str) -> str:
    """A legend swatch cut to a marker's shape: the outline the map draws (contract.SHAPES), as a CSS clip-path."""
    outline = contract.SHAPES.get(shape, ())
    if not outline:
        return "border-radius:50%;"
    points = ",".join(f"{(x + 1) * 50:.1f}% {(y + 1) * 50:.1f}%" for x, y in outline)
    return f"clip-path:polygon({points});"


def legend_html(categories: list[str], areas: bool = True, countries: bool = True) -> str:
    """The legend's markup: each category's marker (its colour in its shape, as the map draws it) and what the
    area shapes mean; names escaped all the same."""
    swatch = "display:inline-block;width:{w}px;height:{h}px;border-radius:{r};margin:0 4px 0 12px;"
    items = [
        f"<span style='{swatch.format(w=14, h=14, r='0')}{marker_shape_css(schema.shape_of(name))}"
        f"background:{schema.css(schema.colour_of(name))}' data-shape='{html.escape(schema.shape_of(name))}'>"
        f"</span>{html.escape(name)}"
        for name in categories
    ]
    outline, fill = schema.css(schema.PALETTE["area outline"]), schema.css(schema.PALETTE["fallback"], 0.15)
    shape = f"border:1.5px solid {outline};background:{fill}"
    if areas:
        items.append(
            f"<span style='{swatch.format(w=14, h=14, r='7px')}{shape}'></span>"
            "approximate place: the circle is how far it may be"
        )
    if countries:
        hatch = f"repeating-linear-gradient(135deg,{outline} 0 1px,transparent 1px 4px)"  # as frontend/src/hatch.js
        items.append(
            f"<span style='{swatch.format(w=16, h=11, r='2px')}{shape};background:{hatch}'></span>"
            "placed only to a country: the country is outlined and hatched"
        )
    return "".join(items)


def rtl_toggle() -> bool:
    """The Map page's option to draw the places' names in Arabic script too (eventmap.maps.rtl): offered only when
    the gazetteer has such a name."""
    if not rtl.any_names():
        return False
    return st.toggle(
        "Names in Arabic script",
        key="names_rtl",
        help="Under each marker, its place's name in Arabic or Persian where the gazetteer has it.",
    )


def unplaced_note(ids: tuple[str, ...], how_many: int) -> None:
    """Under the map: the events of the view that have no reported place, by id (ids are untrusted text)."""
    say(
        "caption",
        f"{how_many} event(s) have no reported place and are not on the map: "
        + ", ".join(ids)
        + " (see the Events page).",
    )


def country_note(ids: tuple[str, ...], how_many: int) -> None:
    """Under the map: the events of the view placed only to a country, drawn as its shape and never as a point."""
    say(
        "caption",
        f"{how_many} event(s) are placed only to a country and are not a point on the map (the country's shape "
        "is tinted instead): " + ", ".join(ids) + " (see the Events page).",
    )


def legend(categories: list[str], areas: bool = True, countries: bool = True) -> None:
    """Colour swatches for the categories on screen, and what the shapes mean (markup built, and escaped, by
    legend_html)."""
    st.markdown(legend_html(categories, areas, countries), unsafe_allow_html=True)


VIEW_RESET_KEY, VIEW_RESETS_KEY = "map_view_reset", "map_view_resets"


def map_view(view: View, where, centre: dict[str, float] | None = None) -> dict[str, object]:
    """A "Reset view" button (in where) and the camera the map opens on (camlink.spec_camera): the link's camera
    (?at=), else fitted to the view's events (a shared URL holds the filters, so it gives the same camera), or the
    whole theatre after a reset until they change; centre (a linked event's place) stands in for the fitted camera.
    Its fit id tells the map to fit again: new filters, or each press of the button."""

    def reset() -> None:
        st.session_state[VIEW_RESET_KEY] = view.filters
        st.session_state[VIEW_RESETS_KEY] = st.session_state.get(VIEW_RESETS_KEY, 0) + 1
        camlink.forget()

    where.button("Reset view", key="reset_view", on_click=reset, help="Show the whole theatre")
    reset_now = st.session_state.get(VIEW_RESET_KEY) == view.filters
    resets = st.session_state.get(VIEW_RESETS_KEY, 0) if reset_now else None
    return camlink.spec_camera(view.filters, centre or view.camera(), resets)


def empty_pick_note(keys: list[int | str]) -> str:
    """Why a clicked marker lists no events: a hexagon has no single place (key -1); a place (or a fanned event)
    the filters have since left out is not in the view, though the map still holds the click."""
    if all(isinstance(key, int) and key < 0 for key in keys):
        return "That marker is an aggregated cell: narrow the filters to see its single events."
    return "The marker clicked last is not in this view (the filters changed): click one on the map."


def event_details(records: pd.DataFrame) -> None:
    """The full record of each event, with the verbatim quote and any disagreement between sources."""
    for record in records.to_dict("records"):
        date = record["event_date"].date().isoformat() if pd.notna(record["event_date"]) else "no date"
        with st.container(border=True):
            heading = [escape_markdown(record[name]) for name in ("event_id_cnty", "sub_event_type", "location")]
            st.markdown(f"**{heading[0]} · {date} · {heading[1]}** — {heading[2] or 'no place reported'}")
            st.text(
                f"Date: {schema.TIME_PRECISION_WORDS.get(_int(record['time_precision']), 'unknown precision')}; "
                f"place: {schema.GEO_PRECISION_WORDS.get(_int(record['geo_precision']), 'not placed')}; "
                f"fatalities: {fatalities_text(record)}"
            )
            if record.get("source_quote"):
                for quote in str(record["source_quote"]).split(schema.QUOTE_SEPARATOR):
                    st.text(f"“{quote.strip()}”")
            if record.get("source_conflict"):
                alt = record.get("alt_event_date")
                also = f" (other reading: {alt.date().isoformat()})" if pd.notna(alt) else ""
                say("warning", f"Sources disagree{also}: {record['source_conflict']}", icon="⚖️")
            event_link(record["event_id_cnty"])
            st.dataframe(
                pd.DataFrame({"field": list(record), "value": [str(v) for v in record.values()]}),
                hide_index=True,
                width="stretch",
            )


def event_link(event_id: object) -> None:
    """The event's own link, relative to this server, as copyable text: an id is data, never a link's label."""
    st.caption("Link to this event (copy it):")
    st.code(permalink.link(event_id), language=None)


def _int(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def say(kind: str, text: object, icon: str | None = None) -> None:
    """The one way untrusted text (data, URL, file names, problem messages) reaches a markdown element."""
    getattr(st, kind)(escape_markdown(text), **({} if kind in ("caption", "markdown", "title") else {"icon": icon}))


@st.cache_resource(show_spinner=False)
def _resolver(places: Path) -> Resolver:
    return build_resolver(places_path=places)


def resolver() -> Resolver:
    """The resolver of the dataset folder's gazetteer (with the sqlite cache, and Nominatim if turned on), one per
    gazetteer file, shared by all sessions; thread-safe."""
    return _resolver(schema.data_files().places)


resolver.clear = _resolver.clear  # forget every resolver (a test that changes the cache folder)


def geocoding_status(view: View) -> None:
    """Each place in the view: how it resolves now, and how far that is from the coordinates in the data."""
    try:
        chain = resolver()
    except (OnlineConfigError, CacheError) as error:
        say("error", f"Geocoding is not available: {error}")
        return
    table, warning = view.geocoding(chain)
    if warning:  # the cache may fail while answering: said as soon as it does
        say("warning", warning, icon="⚠️")
    st.dataframe(table, hide_index=True, width="stretch")
    if chain.online is not None:
        st.caption(f"Places not in the gazetteer are looked up online. {ATTRIBUTION}")
    else:
        st.caption(
            "Geocoding is offline: the curated gazetteer (the dataset's places.csv) and the local cache. "
            f"Set {schema.ONLINE_GEOCODING_ENV}=1 and {schema.USER_AGENT_ENV} to use Nominatim."
        )


def change_legend_html(levels: list[tuple[str, schema.RGB, str]]) -> str:
    """The change map's legend (eventmap.compare_map.legend): each level's marker, its colour in its shape."""
    swatch = "display:inline-block;width:14px;height:14px;margin:0 4px 0 10px;vertical-align:middle;"
    items = [
        f"<span style='{swatch}{marker_shape_css(shape)}background:{schema.css(colour)}' "
        f"data-level='{html.escape(name)}' data-shape='{html.escape(shape)}'></span>{html.escape(name)}"
        for name, colour, shape in levels
    ]
    return "<div>Change from A to B:" + "".join(items) + " · the larger count of the two sets the size</div>"


def change_legend(levels: list[tuple[str, schema.RGB, str]]) -> None:
    """The change map's legend (markup escaped by change_legend_html)."""
    st.markdown(change_legend_html(levels), unsafe_allow_html=True)
