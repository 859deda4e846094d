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
from typing import Any, Final

import pydeck as pdk
import streamlit as st

from eventmap.maps.contract import PICKED
from eventmap.maps.picture import with_picture
from eventmap.maps.pictures import STATIC_DIR, STATIC_URL

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
    """A click on the map reruns the page (the details below it follow the click)."""


def map_chart(deck: pdk.Deck, key: str, height: int, picture: dict[str, Any] | None = None) -> list[int]:
    """Draw a map; the key of the marker a user clicked, as a list (empty when none is). With a picture's
    description (eventmap.maps.picture), the map offers to download the view as an image."""
    text = deck.to_json() if picture is None else with_picture(deck.to_json(), picture)
    spec = text.encode()  # bytes: sent as they are, not escaped into a JSON string
    on_change = {f"on_{PICKED}_change": _picked_changed}  # Streamlit's name for the callback of that state
    result = _component()(data=spec, key=key, height=height, default={PICKED: None}, **on_change)
    picked = result.get(PICKED)
    return [int(picked)] if isinstance(picked, (int, float)) and not isinstance(picked, bool) else []
