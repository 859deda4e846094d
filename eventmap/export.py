"""The filtered rows as files an analyst can take away: CSV (formula-safe) and GeoJSON, with provenance."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventmap import formats, schema
from eventmap.filters import Filters, data_range

# OWASP CSV injection: a text cell starting with one of these is prefixed with a single quote.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def export_columns(frame: pd.DataFrame) -> list[str]:
    """Our columns in contract order, then any an ACLED export brought along; derived ones stay home."""
    extra = [c for c in frame.columns if c not in schema.EVENT_COLUMN_NAMES and c not in schema.NOT_EXPORTED]
    return [*schema.EVENT_COLUMN_NAMES, *extra]


def neutralise(cell: str) -> str:
    if cell.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def as_text_table(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Every cell as the text written to a file: ISO dates, empty for missing, numbers as numbers."""
    out = {}
    for name in columns or export_columns(frame):
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = pd.Series(formats.days(column, formats.ISO), index=column.index, dtype=object)
        elif pd.api.types.is_numeric_dtype(column) and not isinstance(column.dtype, pd.CategoricalDtype):
            out[name] = column.astype(object).where(column.notna(), "")
            if name in ("latitude", "longitude"):
                out[name] = column.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        else:
            out[name] = column.astype(str).map(neutralise)
    return pd.DataFrame(out)


def csv_header(names: list[str]) -> list[str]:
    """Column names as written: neutralised like cells (an upload's extra names are untrusted), kept distinct."""
    seen: set[str] = set()
    out = []
    for name in names:
        shown, number = neutralise(str(name)), 1
        while shown in seen:
            number += 1
            shown = f"{neutralise(str(name))} ({number})"
        seen.add(shown)
        out.append(shown)
    return out


_NEEDS_QUOTES = '[",\r\n]'


def _csv_cells(column: pd.Series | list[str]) -> pa.Array:
    """Cells as CSV text, quoted when they hold a comma, a quote, CR or LF: pandas and the csv module both
    leave a lone CR bare, which ends the row in a spreadsheet and lets the rest of the cell start a new one."""
    text = pa.array(pd.Series(column, dtype=object if isinstance(column, list) else None).astype(str))
    text = (text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text).cast(pa.large_string())
    quote = pa.scalar('"', pa.large_string())
    quoted = pc.binary_join_element_wise(
        quote, pc.replace_substring(text, '"', '""'), quote, pa.scalar("", pa.large_string())
    )
    return pc.if_else(pc.match_substring_regex(text, _NEEDS_QUOTES), quoted, text)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The one writer of CSV for every export: `table`'s cells (text already neutralised), UTF-8, LF line
    ends. Rows are joined in Arrow, one pass, however many columns."""
    header = ",".join(_csv_cells(csv_header(list(table.columns))).to_pylist())
    if not len(table) or not len(table.columns):
        return (header + "\n").encode("utf-8")
    newline, empty = pa.scalar("\n", pa.large_string()), pa.scalar("", pa.large_string())
    cells = [_csv_cells(table.iloc[:, index]) for index in range(len(table.columns))]
    lines = pc.binary_join_element_wise(*cells, pa.scalar(",", pa.large_string()))
    lines = pc.binary_join_element_wise(lines, empty, newline)  # each line ends in LF
    _, offsets, data = lines.buffers()  # no nulls: the data buffer is the lines back to back
    first, last = np.frombuffer(offsets, dtype=np.int64)[[lines.offset, lines.offset + len(lines)]]
    body = data.to_pybytes()[first:last]
    return (header + "\n").encode("utf-8") + body


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of exactly these rows; opens safely in a spreadsheet and reloads in this tool."""
    return csv_bytes(as_text_table(frame))


def to_acled_csv_bytes(frame: pd.DataFrame) -> bytes:
    """These rows in ACLED's export format (data/README.md, "ACLED format"), formula-safe like to_csv_bytes."""
    from eventmap.acled import to_acled
    from eventmap.actors import load_actors

    table = to_acled(frame, load_actors())
    return csv_bytes(as_text_table(table, list(schema.ACLED_COLUMNS)))


def _json_value(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return formats.iso(value)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def to_geojson_bytes(frame: pd.DataFrame) -> bytes:
    """A FeatureCollection; events with no place keep a null geometry rather than vanish."""
    columns = export_columns(frame)
    features = []
    for record in frame[columns].to_dict("records"):
        lat, lon = record["latitude"], record["longitude"]
        geometry = None if pd.isna(lat) or pd.isna(lon) else {"type": "Point", "coordinates": [float(lon), float(lat)]}
        properties = {k: _json_value(v) for k, v in record.items()}
        features.append(
            {"type": "Feature", "id": properties["event_id_cnty"], "geometry": geometry, "properties": properties}
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def file_stem(frame: pd.DataFrame, filters: Filters) -> str:
    """events_<start>_<end>: the date range the rows were filtered to (or span)."""
    first, last = data_range(frame) if len(frame) else (dt.date.today(), dt.date.today())
    start, end = filters.start or first, filters.end or last
    return f"events_{start.isoformat()}_{end.isoformat()}"


@dataclass(frozen=True)
class Format:
    """A download format: its name in the app and the CLI, what writes it, and how the file is named."""

    key: str
    label: str  # "Download these N rows <label>"
    write: Callable[[pd.DataFrame], bytes]
    mime: str
    suffix: str


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("csv", "as CSV", to_csv_bytes, "text/csv", ".csv"),
        Format("geojson", "as GeoJSON", to_geojson_bytes, "application/geo+json", ".geojson"),
        Format("acled", "in ACLED format", to_acled_csv_bytes, "text/csv", "_acled.csv"),
    )
}
