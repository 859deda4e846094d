"""A briefing step's callouts (eventmap/briefing.py): a note pinned to a place or an event, an arrow from one place
to another, a circle of some kilometres round a place or an event; read with located problems, and where the map
draws each (the notes as names, the arrows and circles as shapes under the names).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from eventmap.problems import show_value

if TYPE_CHECKING:
    from eventmap.briefing import Step

CALLOUT_KEYS = ("note", "place", "event", "source", "from", "to", "radius_km")
MAX_RADIUS_KM = 2000.0  # a circle wider than the theatre circles nothing in particular


@dataclass(frozen=True)
class Callout:
    """A note pinned to a place (by its gazetteer name) or to an event (by its id); or an arrow from one place to
    another (origin, to; its note, if any, at its head); or a circle of radius_km round a place or an event (its
    note, if any, at its centre). Each optionally cites a source."""

    note: str
    place: str = ""
    event: str = ""
    source: str = ""
    origin: str = ""  # "from" in the file
    to: str = ""
    radius_km: float | None = None

    @property
    def kind(self) -> str:
        return "arrow" if self.to else "circle" if self.radius_km is not None else "note"


def parse_callouts(raw: object, at: Any, context: Any, known_ids: set[str]) -> tuple[Callout, ...]:
    """A step's callouts; each mistake added to `at` (briefing's located problems) as callouts[N].field."""
    if not isinstance(raw, list):
        at.add("callouts", "must be a list of callouts")
        return ()
    found = []
    for number, item in enumerate(raw, 1):
        where = f"callouts[{number}]"
        if not isinstance(item, dict):
            at.add(where, "a callout is a JSON object: a note, an arrow (from, to) or a circle (radius_km)")
            continue
        at.unknown_keys(item, CALLOUT_KEYS, f"{where}.")
        arrow = "from" in item or "to" in item
        texts = {
            key: at.text(item, key, required=key == "note" and not arrow and "radius_km" not in item)
            for key in ("note", "place", "event", "source", "from", "to")
        }
        radius = _radius(item, at, where) if "radius_km" in item else None
        if arrow:
            _arrow(texts, at, where, context, radius)
        elif bool(texts["place"]) == bool(texts["event"]):
            at.add(where, "pin it to one place or one event")
        if texts["place"] and texts["place"] not in context.places:
            at.add(f"{where}.place", f"no place {show_value(texts['place'])} in the gazetteer")
        if texts["event"] and texts["event"] not in known_ids:
            at.add(f"{where}.event", f"no event {show_value(texts['event'])} in the data")
        if texts["source"] and texts["source"] not in context.sources:
            at.add(f"{where}.source", f"no source {show_value(texts['source'])} in sources.csv")
        found.append(Callout(*(texts[k] for k in ("note", "place", "event", "source", "from", "to")), radius))
    return tuple(found)


def _arrow(texts: dict[str, str], at: Any, where: str, context: Any, radius: float | None) -> None:
    """An arrow runs from one gazetteer place to another, and is nothing else."""
    if texts["place"] or texts["event"] or radius is not None:
        at.add(where, "an arrow has from and to, and no place, event or radius_km")
    for end in ("from", "to"):
        if not texts[end]:
            at.add(f"{where}.{end}", "an arrow needs both from and to (place names)")
        elif texts[end] not in context.places:
            at.add(f"{where}.{end}", f"no place {show_value(texts[end])} in the gazetteer")
    if texts["from"] and texts["from"] == texts["to"]:
        at.add(f"{where}.to", "an arrow must end at another place than it starts")


def _radius(item: Mapping, at: Any, where: str) -> float | None:
    value = item["radius_km"]
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not 0 < value <= MAX_RADIUS_KM:
        at.add(
            f"{where}.radius_km",
            f"must be a number of km above 0 and at most {MAX_RADIUS_KM:g}, not {_shown(value)}",
        )
        return None
    return float(value)


def _shown(value: object) -> str:
    """A value as the file has it: text quoted, a number or true/false as JSON writes it."""
    return show_value(value) if isinstance(value, str) else show_value(json.dumps(value))[1:-1]


def _where(callout: Callout, context: Any, events: pd.DataFrame | None) -> tuple[float, float] | None:
    """Where a callout is pinned (latitude, longitude): an arrow's head, else its place, else its event's place."""
    place = callout.to or callout.place
    if place in context.places:
        return context.places[place]
    if events is not None and callout.event in events.index:
        row = events.loc[callout.event]
        row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
        if pd.notna(row["latitude"]) and pd.notna(row["longitude"]):
            return float(row["latitude"]), float(row["longitude"])
    return None


def _events(context: Any) -> pd.DataFrame | None:
    return context.events.set_index("event_id_cnty") if "event_id_cnty" in context.events else None


def pins(step: Step, context: Any) -> list[tuple[str, float, float]]:
    """Each callout's note and where it is pinned (latitude, longitude): its place, or its event's place; an
    arrow's at its head. A circle or an arrow without a note has none."""
    events = _events(context)
    found = []
    for callout in step.callouts:
        if callout.note and (where := _where(callout, context, events)) is not None:
            found.append((callout.note, *where))
    return found


def shapes(step: Step, context: Any) -> list[tuple]:
    """The step's arrows, ("arrow", latitude, longitude, latitude, longitude) from one place to another, and
    circles, ("circle", latitude, longitude, radius in metres): what the map draws under its names."""
    events = _events(context)
    found: list[tuple] = []
    for callout in step.callouts:
        where = _where(callout, context, events)
        if where is None:
            continue
        if callout.kind == "arrow" and callout.origin in context.places:
            found.append(("arrow", *context.places[callout.origin], *where))
        elif callout.kind == "circle":
            found.append(("circle", *where, float(callout.radius_km) * 1000.0))
    return found
