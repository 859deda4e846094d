"""The view of one run: the session's dataset, the filters of the run and the rows they keep, and everything a page
draws of them, each worked out once per view and shared by every session that shows the same view.

A View is built once per run (ui.page) and handed to the page. Its cached methods are keyed by the dataset's token
and the filters (a hashable value), never by the frames themselves: hashing a million rows on every run would cost
more than the work it saves. The results are shared, not copied (st.cache_resource: st.cache_data would unpickle a
million rows into every run), and never modified in place (pandas copy-on-write keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from eventmap import acled, charts, compare, compare_map, export, filters, formats, schema
from eventmap.filters import Filters, PlaybackDay
from eventmap.geocode.resolver import Resolver, geocoding_table
from eventmap.maps import markers, spec
from eventmap.maps.camera import fit_map
from eventmap.ui.data import Dataset


def _cached(max_entries: int, spinner: str | bool = False) -> Callable:
    """st.cache_resource for a View's method: the view is its key (View.key), then the method's arguments."""
    return st.cache_resource(
        max_entries=max_entries, show_spinner=spinner, hash_funcs={f"{__name__}.View": lambda view: repr(view.key)}
    )


class View:
    """The dataset, the filters of this run, and the rows they keep (`mask`, a boolean per row of the dataset)."""

    def __init__(self, data: Dataset, filters: Filters):
        self.data, self.filters = data, filters
        self.mask: np.ndarray = self._mask()
        self._last_frame: tuple[PlaybackDay | None, pd.DataFrame] | None = None

    @property
    def key(self) -> tuple[str, Filters]:
        """What names this view's content: the dataset's token and the filters."""
        return self.data.token, self.filters

    @_cached(16)
    def _mask(self) -> np.ndarray:
        return filters.mask(self.data.events, self.filters)

    @_cached(48)
    def rows(self, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The rows the filters keep, of every column or only `columns`. A page asks for the columns it reads: a full
        copy of a million rows spends most of its time on their notes (0.02-0.2 s for a theatre's)."""
        return filters.rows(self.data.events, self.mask, columns)

    @_cached(16)
    def count(self) -> int:
        """How many rows the filters keep."""
        return int(self.mask.sum())

    @_cached(16)
    def first_rows(self, n: int) -> pd.DataFrame:
        """Every column of the first n rows the filters keep: what a table shows, without copying the rest."""
        return self.data.events.take(np.flatnonzero(self.mask)[:n])

    def records(self, index: pd.Index) -> pd.DataFrame:
        """The whole records of some rows of the view, which may hold a few columns only (by the dataset's index,
        which is unique): the map's rows carry no notes or quotes, a click's details read them here."""
        return self.data.events.loc[index]

    def frame(self, day: PlaybackDay | None = None) -> pd.DataFrame:
        """The playback frame of a day (the rows of markers.MAP_COLUMNS it draws), or all the map's rows without
        one. Kept for the run's last day only: the map, its caption and a click all read the same frame."""
        if self._last_frame is None or self._last_frame[0] != day:
            rows = self.rows(markers.MAP_COLUMNS)  # the map reads these columns only
            self._last_frame = day, rows if day is None else day.frame(rows)
        return self._last_frame[1]

    @_cached(64)
    def map_data(self, day: PlaybackDay | None = None) -> markers.MapData:
        """Markers for the playback frame of a day (or the whole view): a rerun with the same filters and day (a
        click, a page switch, another viewer of the same link) reuses them."""
        names = formats.source_names(self.data.curated.sources.to_dict("records"))
        return markers.build_map_data(self.frame(day), details=self.data.events, source_names=names)

    @_cached(64)
    def camera(self) -> dict[str, float]:
        """The camera (latitude, longitude, zoom) that fits what the filters keep, whatever the playback day."""
        return fit_map(self.map_data())

    def deck(
        self,
        camera: dict[str, float],
        day: PlaybackDay | None = None,
        callouts: tuple[tuple[str, float, float], ...] = (),
        projector: bool = False,
        shapes: tuple[tuple, ...] = (),
        rtl: bool = False,
    ) -> pdk.Deck:
        """The map of a playback day (or the whole view) seen from `camera`, with a briefing step's callouts (note,
        latitude, longitude) and shapes (arrows and circles) if any, dark for a projector if asked, the places'
        names in Arabic script too if asked (rtl), built and serialised once and shared by every session that
        shows it."""
        return self._deck(tuple(sorted(camera.items())), day, callouts, projector, shapes, rtl)

    @_cached(64)
    def _deck(
        self,
        camera: tuple[tuple[str, float], ...],
        day: PlaybackDay | None,
        callouts: tuple = (),
        projector: bool = False,
        shapes: tuple = (),
        rtl: bool = False,
    ) -> pdk.Deck:
        deck = spec.build_deck(self.map_data(day), dict(camera), callouts, projector, shapes, rtl)
        deck.to_json()  # serialised once here, reused by every run that shows this map
        return deck

    def picked(self, keys: list[int | str], day: PlaybackDay | None = None) -> pd.DataFrame:
        """The whole records of the events under the markers clicked (keys) on the map of a playback day."""
        return self.records(markers.events_at(self.frame(day), keys).index)

    def timeline(self, field: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The Timeline's daily counts by `field`, and its line of described attacks."""
        return self._timeline(field, self.data.curated.tallies)

    @_cached(16)
    def _timeline(self, field: str, tallies: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        rows = self.rows(charts.TIMELINE_COLUMNS)
        return charts.daily_counts(rows, field), charts.cumulative(rows, tallies)

    def geocoding(self, chain: Resolver) -> tuple[pd.DataFrame, str]:
        """The Sources page's table of the view's places as the resolver answers them, and any warning it gave:
        worked out once per view (a million rows have thousands of places: 1.4 s) while the resolver's answers
        cannot have changed (Resolver.answers_key: an online lookup or the geocode command writes to its cache)."""
        return self._geocoding(chain.answers_key(), chain)

    @_cached(8, spinner="Resolving the places of this view…")
    def _geocoding(self, answers: tuple, _chain: Resolver) -> tuple[pd.DataFrame, str]:
        table = geocoding_table(self.rows(), _chain)
        return table, _chain.warning

    @_cached(16)
    def compare(self, a: compare.Period, b: compare.Period, by: str) -> pd.DataFrame:
        """The Compare page's table of the view's rows: two periods by province or place (eventmap.compare)."""
        return compare.compare(self.rows(compare.COLUMNS), a, b, by)

    @_cached(16)
    def change_map(self, a: compare.Period, b: compare.Period, by: str) -> tuple[pdk.Deck, int, int, int]:
        """The Compare page's change map (eventmap.compare_map), its number of markers, the places it could draw
        (more than its markers above the point budget), and the events in A or B it does not draw (counted
        apart, or with no coordinates)."""
        table, where = self.compare(a, b, by), compare_map.points(self.rows(compare_map.COLUMNS), a, b, by)
        drawn = compare_map.marker_rows(table, where, by)
        places = len(compare_map.drawable(table, where, by))
        return compare_map.deck(drawn), len(drawn), places, compare_map.not_drawn(table, where, by)

    @_cached(16)
    def file_name(self, kind: str) -> str:
        """The download's file name: events_<start>_<end>, the dates the rows were filtered to (or span)."""
        return export.file_stem(self.rows(("event_date",)), self.filters) + export.FORMATS[kind].suffix

    @_cached(16)
    def acled_note(self) -> str:
        """Which rows the ACLED-format download leaves out, and why ("" when none is)."""
        wanted = ("event_id_cnty", "latitude", "longitude", "location", "country", "geo_precision", "theatre")
        present = tuple(name for name in (*wanted, *schema.ACLED_MARKERS) if name in self.data.events.columns)
        return acled.left_out_note(self.rows(present))

    def export(self, kind: str) -> bytes:
        """A download's file: every column of the rows the filters keep. Called when the user clicks, never on a
        rerun (a million rows take seconds), and not kept: the bytes of every view would not fit in memory."""
        return export.FORMATS[kind].write(filters.rows(self.data.events, self.mask))
