"""The view as one self-contained HTML file: the map's own code (static/deckmap.js), its pictures as data: URIs,
the spec and the picture's description, the view's records, and a small page (static/offline.js) that draws the
map, the legend, the events list and a clicked marker's records from them. It requests nothing: its Content
Security Policy allows nothing but what it holds.

Untrusted text travels only inside the JSON block (its "</" escaped, so no text can close the script) and is put
on the page as text (textContent) or canvas text; the page's title is HTML-escaped.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import math
import re
from typing import Any, Final

import pandas as pd

from eventmap import schema
from eventmap.fatalities import fatalities_labels
from eventmap.maps import contract, markers, tiles
from eventmap.maps.pictures import STATIC_DIR, STATIC_URL

BUNDLE: Final = STATIC_DIR / "deckmap.js"
BOOT: Final = STATIC_DIR / "offline.js"
RECORDS_KEPT: Final = 2_000  # the events listed in the file; a bigger view says how many it leaves out
POLICY: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "connect-src data:; font-src data:"
)
# esbuild's module ends by exporting render; inlined as a script it hands it to the page instead.
_EXPORT = re.compile(r"export\s*\{\s*([\w$]+)\s+as\s+render\s*\}\s*;?\s*$")


@functools.lru_cache(maxsize=1)
def _bundle() -> str:
    code = BUNDLE.read_text(encoding="utf-8").rstrip()
    inlined, found = _EXPORT.subn(r"window.eventmapMap = {render: \1};", code)
    if found != 1:
        raise RuntimeError(f"{BUNDLE} does not end by exporting render: rebuild it (cd frontend && npm run build)")
    return inlined


MEDIA_TYPES: Final = {".png": "image/png", ".woff2": "font/woff2"}


@functools.lru_cache(maxsize=256)
def _data_uri(url: str) -> str:
    """A picture or a font of static/ (a spec's relative URL) as a data: URI."""
    name = url.removeprefix(f"{STATIC_URL}/")
    path = (STATIC_DIR / name).resolve()
    if not path.is_relative_to(STATIC_DIR.resolve()) or path.suffix not in MEDIA_TYPES:
        raise ValueError(f"not a picture or a font of static/: {url}")
    return f"data:{MEDIA_TYPES[path.suffix]};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


# The map's size in the file, and how much larger than it a picture made from the file may be (picture.SIZES):
# the tiles inlined are those of the levels these sizes draw at the file's camera.
MAP_PX: Final = (900, 560)
PICTURE_GROWTH: Final = 1920 / 900


def _inlined_tiles(layer: dict[str, Any], view: dict[str, Any]) -> dict[str, Any]:
    """A basemap layer whose tiles are the few the file's camera shows, inlined; none (so the picture alone, softer
    when zoomed in) if the camera is too far out for tiles. The file requests nothing, so it cannot fetch more."""
    inline = {}
    for growth in (1.0, PICTURE_GROWTH) if "latitude" in view and "longitude" in view else ():
        zoom = float(view.get("zoom", 0)) + math.log2(growth)
        size = (round(MAP_PX[0] * growth), round(MAP_PX[1] * growth))
        for level, x, y in tiles.tiles_in_view(float(view["latitude"]), float(view["longitude"]), zoom, size):
            inline[f"{level}/{x}/{y}"] = _data_uri(f"{STATIC_URL}/{tiles.tile_path(level, x, y)}")
    rest = {key: value for key, value in layer.items() if key != "tiles"}
    return {**rest, "tiles": tiles.layer_prop("", inline)} if inline else rest


def _inlined_layer(layer: dict[str, Any], view: dict[str, Any]) -> dict[str, Any]:
    if layer[contract.TYPE] != "BitmapLayer":
        return layer
    inlined = {**layer, "image": _data_uri(layer["image"])}
    return _inlined_tiles(inlined, view) if "tiles" in layer else inlined


def inlined_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every picture and font it names inlined (of the basemap's tiles, those its camera shows)."""
    layers = [_inlined_layer(layer, spec.get(contract.VIEW) or {}) for layer in spec[contract.LAYERS]]
    described = spec.get(contract.PICTURE)
    if described:
        fonts = [{**font, "url": _data_uri(font["url"])} for font in described.get("fonts", [])]
        described = {**described, "fonts": fonts}
    return {**spec, contract.LAYERS: layers, contract.PICTURE: described}


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The view's events as the file lists them and a click shows them, each with the key of its marker."""
    shown = frame.sort_values("event_date").head(RECORDS_KEPT)
    placed = shown["latitude"].notna() & shown["longitude"].notna()
    keys = pd.Series(-1, index=shown.index, dtype="int64")
    keys[placed] = markers.marker_keys(shown[placed])
    dates = pd.to_datetime(shown["event_date"]).dt.strftime("%Y-%m-%d")
    rows = zip(shown.to_dict("records"), keys, dates, fatalities_labels(shown), strict=True)
    return [
        {
            "key": int(key),
            "id": str(row["event_id_cnty"]),
            "date": f"{date} ({schema.TIME_PRECISION_WORDS.get(_int(row.get('time_precision')), 'precision unknown')})",
            "place": f"{row['location'] or 'no place'} "
            f"({schema.GEO_PRECISION_WORDS.get(_int(row.get('geo_precision')), 'not placed')})",
            "what": _text(row.get("notes")),
            "fatalities": str(killed),
            "source": _text(row.get("source")),
            "quote": _text(row.get("source_quote")),
        }
        for row, key, date, killed in rows
    ]


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def script_json(value: Any) -> str:
    """JSON to sit inside <script type="application/json">: no "</" (nor "<!--") can end or open anything."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page(spec: dict[str, Any], frame: pd.DataFrame) -> str:
    """The file: spec (with contract.PICTURE) and the view's rows (every column) inlined, with the map's code."""
    described = spec[contract.PICTURE]
    view = {
        "spec": inlined_spec(spec),
        "records": records(frame),
        "total": len(frame),
        "picked": contract.PICKED,
    }
    return TEMPLATE.format(
        policy=POLICY,
        title=html.escape(described["title"]),
        view=script_json(view),
        bundle=_bundle(),
        boot=BOOT.read_text(encoding="utf-8"),
    )


TEMPLATE: Final = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<style>
body {{font: 14px sans-serif; margin: 16px; max-width: 1400px}}
.row {{display: flex; gap: 24px; align-items: flex-start}}
#map {{position: relative; width: 900px; height: 560px; flex: none}}
#legend div {{margin: 4px 0}} .swatch {{display: inline-block; width: 12px; height: 12px; border-radius: 6px;
 margin-right: 6px}}
table {{border-collapse: collapse}} td, th {{text-align: left; vertical-align: top; padding: 3px 8px}}
.record {{margin: 8px 0}} .quote {{font-style: italic}}
</style></head>
<body>
<h1 id="title"></h1><p id="filters"></p>
<div class="row"><div id="map"></div><div><h2>Legend</h2><div id="legend"></div><p id="counts"></p></div></div>
<p id="alt"></p>
<h2>Selected on the map</h2><div id="record">Click a marker for its records.</div>
<h2>Events</h2><p id="listed"></p><table id="events"></table>
<p id="sources"></p><p id="footer"></p>
<script type="application/json" id="eventmap-view">{view}</script>
<script type="module">{bundle}</script>
<script type="module">{boot}</script>
</body></html>
"""
