"""Names in Arabic script on the map: where the gazetteer has a place's name in Arabic or Persian (places.csv's
optional name_ar column), the Map page can show it under the place's marker, when a user asks for it.

The browser draws them as canvas text (frontend/src/deckmap.js), which shapes Arabic and lays it out right to left
natively (deck.gl's TextLayer does not: visgl/deck.gl#7448), in the shipped Noto Sans Arabic (static/fonts/, from
@fontsource/noto-sans-arabic; frontend/src/rtl.js declares it, fetched only when such a name is drawn). The Latin
name stays above the marker (eventmap.maps.names): the Arabic one is drawn below it, as a second line.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import pydeck as pdk

from eventmap import schema
from eventmap.geocode.gazetteer import gazetteer, place_index, place_key
from eventmap.maps.names import PLACE_PRIORITY, SIZE_PX, text_layer
from eventmap.maps.pictures import STATIC_URL

RTL_LAYER_ID: Final = "names-rtl"
FONT_FAMILY: Final = "Eventmap Noto Sans Arabic"  # frontend/src/rtl.js declares it, from the layer's fontUrl
FONT: Final = "fonts/noto-sans-arabic-arabic-600-normal.woff2"  # under static/, copied by scripts/build_deckmap.sh


def any_names() -> bool:
    """Whether the dataset's gazetteer has any place's name in Arabic script: the Map page offers them only then."""
    return any(place.name_ar for place in gazetteer())


def rtl_names(markers: pd.DataFrame, radius_px: pd.Series) -> list[dict[str, Any]]:
    """The Arabic-script name of each marker's place that the gazetteer knows, below its marker."""
    if markers.empty or "location" not in markers.columns:
        return []
    index = place_index()
    colour = list(schema.PALETTE["place label"])
    names = []
    for location, lon, lat, r in zip(markers["location"], markers["longitude"], markers["latitude"], radius_px):
        place = index.get(place_key(str(location))) if isinstance(location, str) else None
        if place is not None and place.name_ar:
            below = [0, round(float(r) + 4 + SIZE_PX / 2, 1)]
            names.append({"name": place.name_ar, "lon": round(lon, 4), "lat": round(lat, 4), "offset": below})
            names[-1].update(color=colour, priority=PLACE_PRIORITY, zoom=0.0, r=0)  # at its fixed place, any zoom
    return names


def rtl_layers(markers: pd.DataFrame, radius_px: pd.Series) -> list[pdk.Layer]:
    """The layer of Arabic-script names, in the shipped font; none when no place on the map has such a name."""
    names = rtl_names(markers, radius_px)
    if not names:
        return []
    layer = text_layer(RTL_LAYER_ID, names)
    layer.font_family = f"'{FONT_FAMILY}', sans-serif"
    layer.font_url = f"{STATIC_URL}/{FONT}"  # fetched by the browser only when an Arabic name is drawn
    return [layer]
