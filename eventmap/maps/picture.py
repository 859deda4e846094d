"""The view as a picture: what frontend/src/compose.js draws around the map (title, filters in words, legend,
counts, sources, attribution, data as of, the view's link and its QR code), and the picture's alt text.

The browser draws it with the map's own canvas code, at the size asked for (docs/decisions.md, 'One renderer for
the page, the file and the command line'); here it is only described, as JSON beside the map's spec
(contract.PICTURE). Every text in it is untrusted and drawn as canvas text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import pandas as pd
import segno

from eventmap import formats, schema
from eventmap.maps import camera, contract, hexes
from eventmap.maps.markers import MapData
from eventmap.maps.pictures import STATIC_URL

# The picture's sizes in CSS pixels ("screen": the map's own size on the page); A4 landscape at 150 dpi.
SIZES: Final = {"1920x1080": (1920, 1080), "1600x1200": (1600, 1200), "a4": (1754, 1240)}
SIZE_LABELS: Final = {"1920x1080": "16:9 slide", "1600x1200": "4:3", "a4": "A4 landscape", "screen": "on-screen"}
SCALES: Final = (1, 2, 3, 4)  # the command line's; the page offers PAGE_SCALES (a 4x A4 is 35 million pixels)
PAGE_SCALES: Final = (1, 2)
TITLE: Final = "Attacks on US forces and shipping"  # the Map page's heading over the curated briefing
COUNTRIES_NAMED: Final = 3  # an analyst's file's subtitle names its countries with most events, then "N more"
# The picture's font, shipped in static/fonts/ (scripts/build_deckmap.sh copies it from @fontsource/noto-sans):
# the same glyphs on every machine; characters outside its Latin set fall back to the machine's sans-serif.
FONTS: Final = {weight: f"fonts/noto-sans-latin-{weight}-normal.woff2" for weight in ("400", "600", "700")}
ATTRIBUTION: Final = (
    "Basemap: Natural Earth (public domain) · Towns: GeoNames (CC BY 4.0)"  # towns.csv: its licence asks for credit
)
EMPTY: Final = "No events match these filters"
TOP_PLACES: Final = 5  # places named in the alt text, most events first


def period(frame: pd.DataFrame, start: Any = None, end: Any = None) -> str:
    """The date range in words: the filters' dates, else the span of the rows."""
    dates = pd.to_datetime(frame["event_date"]).dropna() if len(frame) else pd.Series([], dtype="datetime64[ns]")
    first = start or (dates.min().date() if len(dates) else None)
    last = end or (dates.max().date() if len(dates) else None)
    return f"{first} to {last}" if first and last else "no dates"


def file_titles(frame: pd.DataFrame, file_name: str) -> tuple[str, str]:
    """An analyst's file's title and subtitle, from the file itself: its name, then its countries (most events
    first) and the days it spans, never the curated briefing's title over someone else's data."""
    countries = frame["country"].astype(object).fillna("").astype(str).str.strip()
    ranked = countries[countries != ""].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    named = ", ".join(ranked.index[:COUNTRIES_NAMED])
    if len(ranked) > COUNTRIES_NAMED:
        named += f" and {len(ranked) - COUNTRIES_NAMED:,} more countries"
    dates = frame["event_date"].dropna()
    span = f"{formats.day(dates.min())} to {formats.day(dates.max())}" if len(dates) else "no dates"
    parts = [named or "no country named", span, f"{len(frame):,} events"]
    return file_name or "Your events file", " · ".join(parts)


def counts(frame: pd.DataFrame) -> tuple[int, int, int]:
    """Events shown (with a place), approximately placed among them (coded to a region or a country), not placed."""
    placed = frame["latitude"].notna() & frame["longitude"].notna()
    approximate = placed & (pd.to_numeric(frame["geo_precision"], errors="coerce").fillna(1) > 1)
    return int(placed.sum()), int(approximate.sum()), int((~placed).sum())


def counts_line(frame: pd.DataFrame) -> str:
    shown, approximate, unplaced = counts(frame)
    return f"{shown:,} events shown, {approximate:,} approximately placed, {unplaced:,} not placed"


def alt_text(frame: pd.DataFrame, when: str) -> str:
    """A short description of the picture for those who cannot see it: the period, counts by category and by
    place, and what is approximate."""
    shown, approximate, unplaced = counts(frame)
    if not shown:
        return f"Map of events, {when}: {EMPTY.lower()}."
    placed = frame[frame["latitude"].notna() & frame["longitude"].notna()]
    by_category = placed["category"].astype(str).value_counts()
    by_place = placed["location"].fillna("").astype(str).replace("", "unnamed place").value_counts()
    categories = ", ".join(f"{name} {n}" for name, n in by_category.items())
    places = ", ".join(f"{name} {n}" for name, n in by_place.head(TOP_PLACES).items())
    more = f" and {len(by_place) - TOP_PLACES} more places" if len(by_place) > TOP_PLACES else ""
    return (
        f"Map of {shown} events, {when}. By category: {categories}. By place: {places}{more}. "
        f"{approximate} approximately placed (to a region or a country, drawn as a circle or a tinted country); "
        f"{unplaced} without a place, not on the map."
    )


def legend(map_data: MapData) -> list[dict[str, Any]]:
    """The legend's items: the hexagons' classes of counts (above the point budget), a swatch per category on the
    map, then the precision shapes it draws."""
    items: list[dict[str, Any]] = [
        {"shape": "marker", "colour": list(colour), "label": f"hexagon of {words} events"}
        for words, colour in hexes.legend_classes()[: hexes.top_class(map_data.markers) + 1]
    ]
    items += [
        {"shape": "marker", "colour": list(schema.colour_of(name)), "label": name} for name in map_data.categories
    ]
    areas, countries = map_data.shapes
    outline = list(schema.PALETTE["area outline"])
    if areas:
        items.append({"shape": "area", "colour": outline, "label": "approximate place: how far it may be"})
    if countries:
        items.append({"shape": "country", "colour": outline, "label": "placed only to a country: tinted"})
    return items


def qr_modules(link: str) -> list[str]:
    """The link's QR code as rows of '1' (dark) and '0', without the quiet zone (the picture leaves its own)."""
    code = segno.make(link, error="m", micro=False)
    return ["".join("1" if cell else "0" for cell in row) for row in code.matrix]


def composition(
    frame: pd.DataFrame,
    map_data: MapData,
    *,
    title: str,
    filters_text: str,
    when: str,
    sources: list[tuple[str, str]],
    as_of: str,
    link: str,
    scales: tuple[int, ...] = PAGE_SCALES,
) -> dict[str, Any]:
    """The picture's description (contract.PICTURE): every text already in words, the legend, the QR code."""
    shown = ", ".join(f"{outlet} ({date})" for outlet, date in sources) or "none"
    return {
        "title": title,
        "filters": f"{filters_text} · {when}",
        "legend": legend(map_data),
        "counts": counts_line(frame),
        "empty": EMPTY if not counts(frame)[0] else "",
        "sources": f"Sources: {shown}",
        "attribution": ATTRIBUTION,
        "asOf": f"Data as of {as_of}",
        "link": link,
        "qr": qr_modules(link),
        "alt": alt_text(frame, when),
        "sizes": {**{key: list(size) for key, size in SIZES.items()}, "screen": None},
        "sizeLabels": SIZE_LABELS,
        "scales": list(scales),
        "fonts": [{"weight": weight, "url": f"{STATIC_URL}/{path}"} for weight, path in FONTS.items()],
        "reference": [camera.MAP_WIDTH_PX, camera.MAP_HEIGHT_PX],  # what the camera frames (compose.js)
    }


def sources_of(frame: pd.DataFrame, sources: pd.DataFrame) -> list[tuple[str, str]]:
    """The outlets and publication dates of the sources the view's events cite."""
    cited = sources[sources["source_id"].isin(set(frame["source"].dropna().astype(str)))]
    dated = cited.sort_values("published")
    return [(str(row.outlet), str(pd.Timestamp(row.published).date())) for row in dated.itertuples()]


def dataset_files() -> tuple[Path, ...]:
    """The dataset folder's files whose last change is the data's."""
    files = schema.data_files()
    return files.events, files.sources, files.tallies


def as_of(paths: Iterable[Path]) -> str:
    """When the data last changed: the day (UTC) the newest of these files was written."""
    stamps = [path.stat().st_mtime for path in paths if path.exists()]
    return str(dt.datetime.fromtimestamp(max(stamps), dt.UTC).date()) if stamps else "unknown"


def with_picture(spec_json: str, picture: dict[str, Any]) -> str:
    """The map's spec with the picture's description added (the spec is serialised once and shared, so the
    picture, which names the view's link, is joined to its text rather than to the cached deck)."""
    extra = json.dumps({contract.PICTURE: picture}, separators=(",", ":"), ensure_ascii=False)
    return spec_json[:-1] + "," + extra[1:]
