"""Stacked events spread out: what the map needs to fan out the events of a marker that stands for several.

A click on such a marker spreads its events around the place (frontend/src/fan.js), each its own small marker in
its category's colour and shape, with its own tooltip, and its own key (its event id) sent back when clicked. The
server sends them with the marker (contract.MARKER_FIELDS "fan", each entry contract.FAN_FIELDS), but only for
stacks small enough to read as a ring and only up to a budget for the whole view (docs/decisions.md, 'Stacked
events fanned out in the browser').
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import pandas as pd

from eventmap import schema
from eventmap.maps.tooltips import event_lines

FAN_MAX: Final = 12  # events one marker fans out; a bigger stack lists its records on a click instead
FAN_BUDGET: Final = 250  # events fanned in a whole view: each carries its tooltip in the map's message


def fanned(
    frame: pd.DataFrame,
    located: pd.DataFrame,
    details: pd.DataFrame | None,
    counts: pd.Series,
    source_names: Mapping[str, str],
    alpha: int,
) -> pd.Series:
    """Each marker's events to fan out (indexed as counts, by marker group), in date order, as contract.FAN_FIELDS
    records; an empty list for a single event, a stack above FAN_MAX and the stacks past FAN_BUDGET.

    frame: the events in date order with their marker's group and their row (position) in `located`; their
    whole records are `details` under the same index labels, or `located` itself (markers.build_map_data)."""
    stacked = counts[(counts > 1) & (counts <= FAN_MAX)]
    stacked = stacked[stacked.cumsum() <= FAN_BUDGET]
    lists: dict[int, list[dict]] = {group: [] for group in stacked.index.tolist()}
    chosen = frame[frame["group"].isin(stacked.index)]
    if len(chosen):
        rows = chosen["row"].to_numpy()
        shown = located.take(rows) if details is None else details.loc[located.index[rows]]
        bodies = event_lines(shown, source_names).tolist()
        places = shown["location"].astype(str).replace("", "Unnamed place").tolist()
        for group, event_id, category, place, body in zip(
            chosen["group"].tolist(), shown["event_id_cnty"].astype(str).tolist(),
            shown["category"].astype(str).tolist(), places, bodies,
        ):  # fmt: skip
            lists[group].append(
                {
                    "key": event_id,
                    "fill": [*schema.colour_of(category), alpha],
                    "shape": schema.shape_of(category),
                    "title": f"{place} — {event_id}",
                    "body": body,
                    "line": list(schema.PALETTE["fan line"]),
                }
            )
    return pd.Series([lists.get(group, []) for group in counts.index.tolist()], index=counts.index, dtype=object)
