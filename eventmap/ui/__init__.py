"""Streamlit glue shared by every page (with editor/, the desk), the only package that imports Streamlit.

data: the session's dataset; view: the View of a run (the dataset, the filters, the rows they keep) and the work on
it, cached per view; sidebar: filters <-> widgets <-> URL, and ui.page round every page's body, which yields the
run's View; cells: the hexagons' legend and note, the events by province; changemap: the Compare page's map;
picture: the map's image download;
widgets: tables, downloads, legend, records, untrusted text;
deckmap: the maps (a component holding one deck.gl instance); camlink: the map's camera in the URL; eventlink: a
link to one event (?event=ID); playback: the
map's timeline playback; navigation: the app's pages (app.py); memory: a full garbage collection now and then
(app.py). Pages stay layout only: they read from the View and call what is exported here.
"""

from eventmap.ui.cells import density_legend, hexagon_note, province_table
from eventmap.ui.changemap import change_map
from eventmap.ui.deckmap import event_map, map_chart
from eventmap.ui.eventlink import event_camera, linked_event, linked_record
from eventmap.ui.eventlink import forget as forget_linked_event
from eventmap.ui.picture import alt_text, offline_download, view_picture
from eventmap.ui.playback import playback_controls, playback_day
from eventmap.ui.sidebar import page, set_dates
from eventmap.ui.view import View
from eventmap.ui.visits import changes_note, feed_addresses
from eventmap.ui.widgets import (
    DETAIL_ROWS,
    TABLE_ROWS,
    change_legend,
    country_note,
    download,
    empty_pick_note,
    escape_markdown,
    event_details,
    geocoding_status,
    legend,
    map_view,
    problems_table,
    resolver,
    rtl_toggle,
    say,
    show_table,
    unplaced_note,
    with_links,
)

__all__ = [
    "View",
    "DETAIL_ROWS",
    "TABLE_ROWS",
    "density_legend",
    "hexagon_note",
    "province_table",
    "alt_text",
    "change_legend",
    "change_map",
    "changes_note",
    "download",
    "empty_pick_note",
    "escape_markdown",
    "event_details",
    "event_camera",
    "event_map",
    "feed_addresses",
    "forget_linked_event",
    "linked_event",
    "linked_record",
    "geocoding_status",
    "legend",
    "map_chart",
    "map_view",
    "offline_download",
    "page",
    "playback_controls",
    "playback_day",
    "problems_table",
    "resolver",
    "rtl_toggle",
    "say",
    "set_dates",
    "show_table",
    "unplaced_note",
    "country_note",
    "view_picture",
    "with_links",
]
