"""Streamlit glue shared by every page, the only package (with ui_editor.py) that imports Streamlit.

data: the session's dataset and the caches of work on it; sidebar: filters <-> widgets <-> URL, and the frame
of every page (ui.page); widgets: tables, downloads, legend, records, untrusted text; deckmap: the maps (a
component holding one deck.gl instance); playback: the map's timeline playback; navigation: the app's pages
(app.py); memory: a full garbage collection now and then (app.py). Pages stay layout only and call what is
exported here.
"""

from eventmap.ui.data import count, deck, filtered, first_rows, map_data, records, timeline_data
from eventmap.ui.deckmap import map_chart
from eventmap.ui.playback import playback_controls, playback_view
from eventmap.ui.sidebar import page, set_dates
from eventmap.ui.widgets import (
    DETAIL_ROWS,
    TABLE_ROWS,
    aggregation_note,
    download,
    empty_pick_note,
    escape_markdown,
    event_details,
    geocoding_status,
    legend,
    map_view,
    problems_table,
    resolver,
    say,
    show_table,
    unplaced_note,
)

__all__ = [
    "DETAIL_ROWS",
    "TABLE_ROWS",
    "aggregation_note",
    "count",
    "deck",
    "download",
    "empty_pick_note",
    "escape_markdown",
    "event_details",
    "filtered",
    "first_rows",
    "geocoding_status",
    "legend",
    "map_chart",
    "map_data",
    "map_view",
    "page",
    "playback_controls",
    "playback_view",
    "problems_table",
    "records",
    "resolver",
    "say",
    "set_dates",
    "show_table",
    "timeline_data",
    "unplaced_note",
]
