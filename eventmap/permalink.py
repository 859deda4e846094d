"""An event's own address: `/?event=EM-IRQ-007` opens the Map page on that event with its full record.

The id in a link is untrusted text: it is only ever compared with the dataset's ids, shown as text, and written
back into a link URL-quoted. Reading it never raises, whatever the link holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import quote

import pandas as pd

from eventmap.problems import show_value

EVENT_PARAM: Final = "event"
APPROXIMATE_ZOOM_OUT: Final = 1.0  # per step of ACLED's geo_precision past 1: twice as wide a view
MAX_ID_CHARS: Final = 100  # ACLED's ids are about ten characters, ours a dozen; a longer one names no event


def from_query(params: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """The event id a link names (None when it names none, or not one id) and the notices for the user."""
    values = params.get(EVENT_PARAM) or []
    values = [str(v) for v in (values if isinstance(values, (list, tuple)) else [values])]
    if not values:
        return None, []
    if len(values) > 1:
        return None, [f"The link names {len(values)} events; a link to an event names one. Showing the full map."]
    return values[0], []


def find(events: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """The dataset's record of an event id (empty when it has none): an exact match, nothing else."""
    if not event_id or len(event_id) > MAX_ID_CHARS or "event_id_cnty" not in events.columns:
        return events.iloc[0:0]
    return events[events["event_id_cnty"].astype(str) == event_id].head(1)


def unknown_notice(event_id: str) -> str:
    """What a link to an event the dataset lacks is told (plain text: shown through ui.say)."""
    return f"No event {show_value(event_id)} in this dataset: showing the full map."


def link(event_id: object) -> str:
    """A relative link to the Map page on this event, its id URL-quoted whole (it is shown as text, never a link)."""
    return f"./?{EVENT_PARAM}={quote(str(event_id), safe='')}"


def centre(record: pd.DataFrame, zoom: float) -> dict[str, float] | None:
    """A camera on the event's place, at zoom for an exact place and wider for an approximate one (a region, a
    sea, a country: its point stands for a wide area); None when it has no point."""
    if record.empty:
        return None
    row = record.iloc[0]
    lat, lon = pd.to_numeric(row.get("latitude"), errors="coerce"), pd.to_numeric(row.get("longitude"), errors="coerce")
    if pd.isna(lat) or pd.isna(lon) or not (-85 <= lat <= 85 and -180 <= lon <= 180):
        return None
    precision = pd.to_numeric(row.get("geo_precision"), errors="coerce")
    wider = 0.0 if pd.isna(precision) or precision <= 1 else APPROXIMATE_ZOOM_OUT * (float(precision) - 1)
    return {"latitude": round(float(lat), 4), "longitude": round(float(lon), 4), "zoom": max(zoom - wider, 0.0)}
