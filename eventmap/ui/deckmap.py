"""The app's maps: one deck.gl instance per map in a Streamlit component, fed the spec eventmap.maps.spec builds.

Why not st.pydeck_chart: with no GPU (software WebGL) the land and sea pictures and the names cost most of a
page open there (docs/decisions.md, "A 2D canvas behind deck.gl's view"). The component keeps deck.gl for the
view (pan, zoom, the fitted view) and draws every layer of the spec, in its order, on one 2D canvas under
deck.gl's; the markers are picked by their drawn circles. Its code is frontend/, built by
scripts/build_deckmap.sh into static/deckmap.js, which is committed: the app needs no build step, and Streamlit
serves the bundle from app/static like the pictures, fetched once per page. What the spec holds and the state
sent back are named in eventmap.maps.contract."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from typing import Any, Final

import pydeck as pdk
import streamlit as st

from eventmap.filters import Filters
from eventmap.maps.camera import with_transition
from eventmap.maps.contract import CAMERA, PICKED
from eventmap.maps.picture import with_picture
from eventmap.maps.pictures import STATIC_DIR, STATIC_URL
from eventmap.ui import camlink

BUNDLE: Final = STATIC_DIR / "deckmap.js"
COMPONENT_NAME: Final = "eventmap_map"
# The component's own code is this loader; the bundle's digest in its URL makes a new build a new module.
LOADER: Final = """export default async function (component) {
  const module = await import(new URL('%s', document.baseURI).href);
  return module.render(component);
}"""


@functools.lru_cache(maxsize=1)
def _component():
    digest = hashlib.sha256(BUNDLE.read_bytes()).hexdigest()[:16]
    return st.components.v2.component(
        COMPONENT_NAME, js=LOADER % f"{STATIC_URL}/{BUNDLE.name}?v={digest}", isolate_styles=False
    )


def _picked_changed() -> None:
    """A click on the map reruns the page (the details below it follow the click), a move writes the URL."""


def _drawn(
    deck: pdk.Deck,
    key: str,
    height: int,
    states: tuple[str, ...] = (PICKED,),
    picture: dict[str, Any] | None = None,
    transition_ms: int = 0,
) -> Mapping[str, object]:
    """Draw a map; the states it sends back (contract.PICKED, and contract.CAMERA for the Map page's map)."""
    text = deck.to_json() if picture is None else with_picture(deck.to_json(), picture)
    text = with_transition(text, transition_ms)
    spec = text.encode()  # bytes: sent as they are, not escaped into a JSON string
    # Streamlit's name for the callback of each state: a state without one reruns nothing (a move of the desk's map)
    on_change = {f"on_{state}_change": _picked_changed for state in states}
    return _component()(data=spec, key=key, height=height, default=dict.fromkeys(states), **on_change)


def _picked(result: Mapping[str, object]) -> list[int | str]:
    """The clicked marker's key (a place's, or a grid cell's -1), or a fanned event's id; empty when none."""
    picked = result.get(PICKED)
    if isinstance(picked, str) and picked:
        return [picked]
    return [int(picked)] if isinstance(picked, (int, float)) and not isinstance(picked, bool) else []


def map_chart(deck: pdk.Deck, key: str, height: int, transition_ms: int = 0) -> list[int | str]:
    """Draw a map; the key of the marker a user clicked, as a list (empty when none is). With transition_ms, the
    map flies to each new camera over that time instead of jumping (the Briefing page, from step to step)."""
    return _picked(_drawn(deck, key, height, transition_ms=transition_ms))


def event_map(
    deck: pdk.Deck, key: str, height: int, filters: Filters, picture: dict[str, Any] | None = None
) -> list[int | str]:
    """The Map page's map: map_chart, and the camera a user moves it to carried in the URL (camlink.follow). With
    a picture's description (eventmap.maps.picture), the map offers to download the view as an image."""
    result = _drawn(deck, key, height, (PICKED, CAMERA), picture)
    camlink.follow(filters, result.get(CAMERA))
    return _picked(result)
