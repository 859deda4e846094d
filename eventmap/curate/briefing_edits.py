"""Edits of a briefing's JSON for the desk (eventmap.curate.briefings writes them): a step made of a view, added,
moved, retitled or deleted; a callout added or removed. Each is a function of the briefing as read under the lock
(None when there is no file yet), so an edit applies to the file as it is, never to a stale copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from eventmap import briefing, filters
from eventmap.curate.hygiene import nfc
from eventmap.filters import Filters
from eventmap.geocode.base import normalise
from eventmap.geocode.gazetteer import Place


class Refused(Exception):
    """An edit that cannot apply to the briefing as it is: where (step from 1, field) and why."""

    def __init__(self, step: int | None, name: str, message: str):
        super().__init__(message)
        self.step, self.name, self.message = step, name, message


Edit = Callable[[dict | None], dict]  # the briefing's JSON (None: no file yet) -> the new JSON, or raise Refused


def step_of_view(
    state: Filters,
    title: str,
    caption: str,
    camera: Mapping[str, float] | None = None,
    day: dt.date | None = None,
    event: str = "",
) -> dict:
    """A step's JSON for a view: the filters as the URL's keys (one value as text, several as a list), the
    camera if the view has one of its own (else the map fits the step's events), the playback day, the event."""
    query = {key: values[0] if len(values) == 1 else values for key, values in filters.to_query(state).items()}
    raw: dict = {"title": nfc(title.strip()), "caption": nfc(caption.strip()), "filters": query}
    if camera:
        raw["camera"] = {key: round(float(camera[key]), 4) for key in briefing.CAMERA_KEYS}
    if day is not None:
        raw["day"] = day.isoformat()
    if event:
        raw["event"] = event
    return raw


def _whole(raw: dict | None) -> dict:
    if raw is None:
        raise Refused(None, "", "no such briefing: add a step to start it")
    return raw


def _steps(raw: dict | None) -> list:
    return _whole(raw)["steps"]


def _step(raw: dict | None, index: int) -> dict:
    steps = _steps(raw)
    if not 0 <= index < len(steps):
        raise Refused(None, "steps", f"no step {index + 1}: the briefing has {len(steps)}")
    return steps[index]


def add_step(step: dict, title: str = "") -> Edit:
    """The step at the end; a new briefing starts with it, under `title`."""

    def edit(raw: dict | None) -> dict:
        if raw is None:
            return {"title": nfc(title.strip()), "steps": [step]}
        return {**raw, "steps": [*raw["steps"], step]}

    return edit


def move_step(index: int, by: int) -> Edit:
    def edit(raw: dict | None) -> dict:
        steps = list(_steps(raw))
        _step(raw, index)
        if not 0 <= index + by < len(steps):
            raise Refused(index + 1, "steps", "already at that end of the briefing")
        steps.insert(index + by, steps.pop(index))
        return {**raw, "steps": steps}

    return edit


def edit_step(index: int | None, **values: str) -> Edit:
    """New text for a step's title or caption (named), the rest of the step as it was; index None: the briefing's
    own title."""

    def edit(raw: dict | None) -> dict:
        typed = {key: nfc(value.strip()) for key, value in values.items()}
        if index is None:
            return {**_whole(raw), **typed}
        steps = list(_steps(raw))
        steps[index] = {**_step(raw, index), **typed}
        return {**raw, "steps": steps}

    return edit


def delete_step(index: int) -> Edit:
    def edit(raw: dict | None) -> dict:
        steps = list(_steps(raw))
        _step(raw, index)
        if len(steps) == 1:
            raise Refused(1, "steps", "a briefing keeps at least one step: undo its creation to remove it")
        del steps[index]
        return {**raw, "steps": steps}

    return edit


def add_callout(index: int, note: str, place: str = "", event: str = "", source: str = "") -> Edit:
    """A note pinned to a gazetteer place or an event, citing a source if given."""
    callout = {"note": nfc(note.strip()), "place": place, "event": event, "source": source}
    callout = {key: value for key, value in callout.items() if value or key == "note"}

    def edit(raw: dict | None) -> dict:
        steps = list(_steps(raw))
        step = _step(raw, index)
        steps[index] = {**step, "callouts": [*step.get("callouts", []), callout]}
        return {**raw, "steps": steps}

    return edit


def delete_callout(index: int, number: int) -> Edit:
    def edit(raw: dict | None) -> dict:
        steps = list(_steps(raw))
        step = _step(raw, index)
        callouts = list(step.get("callouts", []))
        if not 0 <= number < len(callouts):
            raise Refused(index + 1, "callouts", f"no callout {number + 1}: the step has {len(callouts)}")
        del callouts[number]
        steps[index] = {**step, "callouts": callouts}
        return {**raw, "steps": steps}

    return edit


def gazetteer_name(query: str, places: Iterable[Place]) -> str | None:
    """The gazetteer's name of the place a query names (by its name or another of its names, as the geocoder
    matches them), which is what a callout pins to; None when the gazetteer has no such place."""
    key = normalise(query)
    if not key:
        return None
    return next((p.name for p in places if key in {normalise(n) for n in (p.name, *p.aliases)}), None)
