"""The Map page's image download: the view's picture description (eventmap.maps.picture) sent with the map's spec,
and its alt text shown beside the map's download button, as text; and the view as one offline HTML file."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from typing import Any

import streamlit as st

from eventmap import filters
from eventmap.filters import PlaybackDay
from eventmap.maps import contract, markers, offline, picture
from eventmap.ui.data import titles
from eventmap.ui.view import View


def view_link(view: View) -> str:
    """The link that opens this view: the page's address with the filters as its query."""
    base = str(st.context.url or "").split("?")[0]
    query = urllib.parse.urlencode(filters.to_query(view.filters), doseq=True)
    return f"{base}?{query}" if query else base


def as_of(view: View) -> str:
    """When the data last changed: the dataset folder's files (an upload: the day the run read it)."""
    if not view.data.is_curated:
        return f"{dt.date.today()} (an uploaded file)"
    return picture.as_of(picture.dataset_files())


def view_picture(view: View, day: PlaybackDay | None = None) -> dict[str, Any]:
    """The picture of the map the page shows (the playback day's, if any)."""
    return _picture(view, titles(view.data, picture.TITLE)[0], day, view_link(view), as_of(view))


@st.cache_resource(max_entries=32, show_spinner=False, hash_funcs={View: lambda view: repr(view.key)})
def _picture(view: View, title: str, day: PlaybackDay | None, link: str, when: str) -> dict[str, Any]:
    frame = view.frame(day)
    rows = view.rows(("source", *markers.MAP_COLUMNS))
    shown = rows if day is None else rows.loc[frame.index]
    period = picture.period(shown, view.filters.start, view.filters.end)
    return picture.composition(
        shown,
        view.map_data(day),
        title=title,
        filters_text=filters.describe(view.filters),
        when=period,
        sources=picture.sources_of(shown, view.data.curated.sources),
        as_of=when,
        link=link,
    )


def alt_text(described: dict[str, Any]) -> None:
    """The picture's alt text beside the download, as text to copy (never markdown)."""
    st.caption("The image's description (alt text, also in the PNG):")
    st.code(described["alt"], language=None, wrap_lines=True)


def offline_download(view: View, camera: dict[str, object], day: PlaybackDay | None, described: dict[str, Any]) -> None:
    """The view as one offline HTML file (eventmap.maps.offline), made when the user clicks."""

    def made() -> bytes:
        spec = {**json.loads(view.deck(camera, day).to_json()), contract.PICTURE: described}
        rows = view.rows()
        return offline.page(spec, rows if day is None else rows.loc[view.frame(day).index]).encode("utf-8")

    st.download_button(
        "Download this view as one offline HTML file",
        made,
        file_name=view.file_name("csv").removesuffix(".csv") + ".html",
        mime="text/html",
        key="map_html",
        on_click="ignore",  # docs/decisions.md, 'A download asks for its file without a rerun'
    )
