"""Hexagons: the markers of a view with more places than the map draws one by one (markers.POINT_BUDGET).

H3 cells of one resolution tile the globe without overlapping, so each event is counted in exactly one hexagon
and a dense hexagon never hides a neighbour (docs/decisions.md, 'Hexagons above the point budget'). The
resolution is the finest whose hexagons, over the events' extent, number about CELLS_IN_EXTENT; each hexagon is
filled by its count's class (schema.DENSITY_BREAKS, DENSITY_COLOURS) and marked at its centre by its most
frequent category. H3 is asked once per distinct point, not once per event: a million events stand at a few tens
of thousands of points (1.0 s for a million calls, 0.02 s for twenty thousand).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from h3.api import basic_int as h3

from eventmap import formats, schema
from eventmap.maps.grid import dominant_per_code

RESOLUTIONS = tuple(range(7, 1, -1))  # finest first: about 1.4 km across (7) to 180 km (2)
# Hexagons the events' bounding box holds at the chosen resolution, at most: fitted to a 1400 x 560 map, the box
# fills part of it, and 1,500 hexagons there are about 20 px across, wide enough to read their fill round the mark.
CELLS_IN_EXTENT = 1_500
KM_PER_DEGREE = 111.32
COARSE_PRECISION = 3  # a region or a country: counted apart, never in a hexagon
MARKER_COLUMNS = ("latitude", "longitude", "count", "category", "key", "title", "body", "precision", "first", "last")
OUTLINE_ALPHA = 150  # a light edge: two hexagons of one class stay two
VERTEX_DECIMALS = 3  # about 100 m: a hexagon's corner drawn within a pixel up to zoom 10


def extent_km2(located: pd.DataFrame) -> float:
    """The area of the events' bounding box, at least a square kilometre."""
    lat, lon = located["latitude"].to_numpy(float), located["longitude"].to_numpy(float)
    middle = math.radians((lat.min() + lat.max()) / 2)
    height = (lat.max() - lat.min()) * KM_PER_DEGREE
    width = (lon.max() - lon.min()) * KM_PER_DEGREE * math.cos(middle)
    return max(height * width, 1.0)


def resolution_for(located: pd.DataFrame) -> int:
    """The finest resolution whose hexagons, over the view's extent, number at most CELLS_IN_EXTENT."""
    area = extent_km2(located)
    return next(
        (res for res in RESOLUTIONS if area / h3.average_hexagon_area(res, "km^2") <= CELLS_IN_EXTENT), RESOLUTIONS[-1]
    )


def cell_ids(located: pd.DataFrame, res: int) -> np.ndarray:
    """Each event's H3 cell (as an unsigned 64-bit integer), looked up once per distinct point."""
    lat, lon = located["latitude"].to_numpy(float), located["longitude"].to_numpy(float)
    keys = np.round((lat + 90.0) * 1e5).astype(np.int64) * 40_000_000 + np.round((lon + 180.0) * 1e5).astype(np.int64)
    point, distinct = pd.factorize(keys)
    first = np.zeros(len(distinct), dtype=np.int64)
    first[point[::-1]] = np.arange(len(keys))[::-1]  # an event at each distinct point
    pairs = zip(lat[first].tolist(), lon[first].tolist())
    cells = np.fromiter((h3.latlng_to_cell(a, b, res) for a, b in pairs), np.uint64, len(first))
    return cells[point]


def hexagon_markers(located: pd.DataFrame, budget: int) -> tuple[pd.DataFrame, int, int]:
    """One marker per hexagon holding events (its centre, count, dominant category, tooltip, H3 cell), at the
    resolution for the view's extent, or coarser until the hexagons fit the budget; that resolution; and how many
    events are placed only to a region (ACLED's precision 3), which are counted apart: put in a hexagon, a
    province's events would pile up at its centroid as if they happened there."""
    coarse = located["geo_precision"].fillna(1).to_numpy() >= COARSE_PRECISION
    located = located.loc[~coarse, ["latitude", "longitude", "event_date", "category"]]
    if located.empty:
        return pd.DataFrame(columns=[*MARKER_COLUMNS, "cell"]), RESOLUTIONS[-1], int(coarse.sum())
    res = resolution_for(located)
    cell, cells = pd.factorize(cell_ids(located, res))
    while len(cells) > budget and res > RESOLUTIONS[-1]:  # not the cells' parents: a parent is not its children's
        res -= 1  # union, and an event near its edge would be counted in a hexagon that does not hold it
        cell, cells = pd.factorize(cell_ids(located, res))
    n = len(cells)
    count = np.bincount(cell, minlength=n)
    day = pd.Series(located["event_date"].to_numpy().astype("datetime64[ms]"))  # validated: no NaT
    span = day.groupby(cell).agg(["min", "max"])
    first, last = span["min"].to_numpy(), span["max"].to_numpy()
    centres = [h3.cell_to_latlng(c) for c in cells.tolist()]
    markers = pd.DataFrame(
        {
            "latitude": [c[0] for c in centres],
            "longitude": [c[1] for c in centres],
            "count": count,
            "category": dominant_per_code(cell, n, located["category"]),
            "key": -1,  # a hexagon has no single place to show; the tooltip says to filter
            "precision": 1,
            "cell": np.asarray(cells, dtype=np.uint64),
        }
    )
    span = formats.days(first) + " – " + formats.days(last)
    markers["title"] = [f"{number:,} event{'s' * (number != 1)} in this hexagon" for number in count.tolist()]
    markers["body"] = "Mostly " + markers["category"].astype(str) + ", " + span
    markers["first"], markers["last"] = first, last
    return markers, res, int(coarse.sum())


def density_class(count: np.ndarray) -> np.ndarray:
    """Each count's class: the index of the last break (schema.DENSITY_BREAKS) it reaches."""
    return np.searchsorted(np.asarray(schema.DENSITY_BREAKS), np.asarray(count), side="right") - 1


def polygon_records(markers: pd.DataFrame) -> list[dict]:
    """Each hexagon as a flat [lon, lat, lon, lat, ...] outline to VERTEX_DECIMALS and its class's colour:
    contract.CELL_FIELDS."""
    ramp = [[*colour, schema.DENSITY_ALPHA] for colour in schema.DENSITY_COLOURS]
    classes = density_class(markers["count"].to_numpy()).tolist()
    outlines = [h3.cell_to_boundary(int(cell)) for cell in markers["cell"].tolist()]
    ends = np.cumsum([2 * len(outline) for outline in outlines]).tolist()
    flat = np.round(np.array([v for outline in outlines for lat, lon in outline for v in (lon, lat)]), VERTEX_DECIMALS)
    values = flat.tolist()  # rounded in one array operation, then cut into each hexagon's list
    return [
        {"poly": values[end - 2 * len(outline) : end], "fill": ramp[level]}
        for outline, end, level in zip(outlines, ends, classes)
    ]


def legend_classes() -> list[tuple[str, tuple[int, int, int]]]:
    """The legend's classes in words ("1–9", "10–99", ..., "100,000 or more") and their colours."""
    breaks = schema.DENSITY_BREAKS
    words = [f"{low:,}–{high - 1:,}" for low, high in zip(breaks, breaks[1:])] + [f"{breaks[-1]:,} or more"]
    return list(zip(words, schema.DENSITY_COLOURS))


def across_km(res: int) -> float:
    """How wide a hexagon of this resolution is, corner to corner, on average."""
    return 2 * h3.average_hexagon_edge_length(res, "km")


def top_class(markers: pd.DataFrame) -> int:
    """The class of the densest hexagon of a map's markers; -1 for a map of places (no hexagons)."""
    if "cell" not in markers.columns or markers.empty:
        return -1
    return int(density_class(markers["count"].to_numpy()).max())
