"""What the Editor page shows before a save: the row as the map's tooltip will show it, the geocoding candidates
on a small map, and where a quote sits in its source. Plain functions; Streamlit stays in eventmap/ui/editor/."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import pydeck as pdk

from eventmap import formats, schema
from eventmap.curate.table import Row
from eventmap.geocode.base import normalise
from eventmap.geocode.resolver import GeocodeResult, Resolver
from eventmap.maps.camera import INITIAL_VIEW
from eventmap.maps.markers import build_map_data
from eventmap.maps.pictures import basemap_layers
from eventmap.maps.spec import TOOLTIP, CompactDeck
from eventmap.quotes import normalise_space
from eventmap.validate import check_events

CONTEXT_CHARS = 80
MAX_CANDIDATES = 5


def typed_row(row: Row) -> pd.DataFrame:
    """The candidate row as the loader types it (empty when the row does not validate)."""
    frame = pd.DataFrame({name: pd.Series([str(row.get(name, ""))], dtype="str") for name in schema.EVENT_COLUMN_NAMES})
    frame["row_number"] = 2
    return check_events(frame, "preview", curated=True)[0]


def tooltip_preview(row: Row, sources: Iterable[Row] = ()) -> tuple[str, str] | None:
    """(title, body) exactly as the map's tooltip will show the event (its sources named by the sources table's
    rows), or None when it is not drawn."""
    frame = typed_row(row)
    if frame.empty or frame["latitude"].isna().all():
        return None
    markers = build_map_data(frame, source_names=formats.source_names(sources)).markers
    return str(markers["title"].iloc[0]), str(markers["body"].iloc[0])


def quote_context(quote: str, text: str, chars: int = CONTEXT_CHARS) -> str | None:
    """The quote with some of the text around it (white space folded), to show where it was found; None if absent."""
    body, wanted = normalise_space(text), normalise_space(quote)
    at = body.find(wanted) if wanted else -1
    if at < 0:
        return None
    start, stop = max(0, at - chars), min(len(body), at + len(wanted) + chars)
    return ("…" if start else "") + body[start:stop] + ("…" if stop < len(body) else "")


def candidates(resolver: Resolver, query: str) -> list[GeocodeResult]:
    """The resolver's answer first, then other gazetteer places whose names hold every word of the query."""
    found = [resolver.resolve(query)]
    words = set(normalise(query).split())
    gazetteer = resolver.gazetteer
    if words and gazetteer is not None:
        for place in gazetteer.places:
            names = [normalise(n) for n in (place.name, *place.aliases)]
            point = (place.latitude, place.longitude)
            if any(words <= set(n.split()) for n in names) and all((r.latitude, r.longitude) != point for r in found):
                found.append(
                    GeocodeResult(
                        query,
                        "found",
                        *point,
                        f"{place.name}, {place.country}",
                        "gazetteer",
                        place.kind,
                        place.precision,
                        place.radius_km,
                        place.reference,
                    )
                )
            if len(found) >= MAX_CANDIDATES:
                break
    return [r for r in found if r.found]


def candidate_records(results: list[GeocodeResult], chosen: int | None) -> list[Mapping[str, object]]:
    records = []
    for index, result in enumerate(results):
        colour = schema.PALETTE["candidate"] if index == chosen else schema.PALETTE["fallback"]
        records.append(
            {
                "lon": round(float(result.longitude), 5),
                "lat": round(float(result.latitude), 5),
                "area": round(float(result.radius_km or 0) * 1000),
                "fill": [*colour, 90],
                "point": [*colour, 235],
                "title": f"{index + 1}. {result.address or result.query}",
                "body": f"precision {result.precision}: {schema.GEO_PRECISION_WORDS.get(result.precision, '')}",
            }
        )
    return records


def candidates_deck(results: list[GeocodeResult], chosen: int | None) -> pdk.Deck:
    """The candidates as points with their precision areas, on the offline basemap (no tiles fetched)."""
    records = candidate_records(results, chosen)
    view = dict(INITIAL_VIEW)
    if records:
        focus = records[chosen if chosen is not None and chosen < len(records) else 0]
        view.update(latitude=focus["lat"], longitude=focus["lon"], zoom=6)
    layers = [
        *basemap_layers(),
        pdk.Layer(
            "ScatterplotLayer",
            data=records,
            id="candidate-areas",
            get_position=["lon", "lat"],
            get_radius="area",
            radius_units="'meters'",
            get_fill_color="fill",
            stroked=True,
            get_line_color=[*schema.PALETTE["area outline"], 160],
            line_width_min_pixels=1,
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=records,
            id="candidates",
            get_position=["lon", "lat"],
            get_radius=7,
            radius_units="'pixels'",
            get_fill_color="point",
            get_line_color=list(schema.PALETTE["marker outline"]),
            stroked=True,
            line_width_min_pixels=1.5,
            pickable=True,
        ),
    ]
    return CompactDeck(layers=layers, initial_view_state=pdk.ViewState(**view), map_provider=None, tooltip=TOOLTIP)


def quote_lines(quote: str, source_id: str, texts: dict[str, str]) -> list[str]:
    """One line per quote: where it was found verbatim in the source, or that it was not."""
    lines = []
    for part in [q.strip() for q in quote.split(schema.QUOTE_SEPARATOR.strip()) if q.strip()]:
        context = quote_context(part, texts.get(source_id, ""))
        lines.append(f"✓ found verbatim: {context}" if context else f"✗ NOT found verbatim in {source_id}: {part}")
    return lines
