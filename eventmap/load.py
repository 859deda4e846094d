"""Read curated files and ACLED exports into one validated events frame, and the small curated tables."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from eventmap import acled, schema
from eventmap.csvfile import read_cells, read_header
from eventmap.files import atomic_open, atomic_write, file_digest
from eventmap.parse import parse_dates
from eventmap.problems import DataFileError, Problem
from eventmap.quotes import citation_problems
from eventmap.validate import check_columns, check_events, check_table

CURATED, ACLED, TALLIES, PERIODS, SOURCES = "curated events", "ACLED export", "tallies", "periods", "sources"


@dataclass
class Loaded:
    """A validated frame, what kind of file it came from, and every problem found on the way."""

    frame: pd.DataFrame
    kind: str
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0


def detect_kind(columns: list[str]) -> str:
    names = set(columns)
    if names & set(schema.ACLED_MARKERS):
        return ACLED
    for kind, key in ((TALLIES, "tally_id"), (PERIODS, "period_id"), (SOURCES, "source_id")):
        if key in names:
            return kind
    return CURATED


def _with_row_numbers(cells: pd.DataFrame) -> pd.DataFrame:
    rows = cells.attrs.pop("rows", None)  # read_cells numbers them when blank lines make rows of their own
    cells = cells.copy()
    cells["row_number"] = rows if rows is not None else range(2, len(cells) + 2)  # the header is row 1
    return cells


def acled_to_canonical(cells: pd.DataFrame) -> pd.DataFrame:
    """ACLED's columns under our names, ACLED's others passing through. Ours that ACLED lacks come from the tags
    our ACLED export writes (theatre=, weapon=, target=; data/README.md, "ACLED format"), else are empty; without
    a theatre= tag the theatre is the country. Our export's notes are split back into notes and quotes."""
    blank = pd.Series("", index=cells.index, dtype="str")
    canonical = {name: cells.get(name, blank) for name in schema.EVENT_COLUMN_NAMES}
    tags = cells.get("tags", blank)
    for key in acled.CARRIED:
        fallback = cells["country"] if key == "theatre" and "country" in cells else blank
        canonical[key] = acled.carried(tags, key).fillna(fallback).astype("str")
    canonical["notes"], canonical["source_quote"] = acled.split_notes(canonical["notes"].astype("str"), tags)
    out = pd.DataFrame(canonical)
    for name in cells.columns:
        if name not in out.columns:
            out[name] = cells[name]
    return out


def load_events(
    path: Path,
    *,
    shown: str | None = None,
    known_sources: set[str] | None = None,
    source_texts: Mapping[str, str] | None = None,
) -> Loaded:
    """Read and validate an events file, curated or ACLED. Raises DataFileError when nothing is usable."""
    shown = shown or str(path)
    cells = _with_row_numbers(read_cells(path, shown))
    kind = detect_kind(list(cells.columns))
    if kind not in (CURATED, ACLED):
        raise DataFileError([Problem(shown, 1, "", f"this is a {kind} table, not an events file")])
    if kind == ACLED:
        problems = check_columns(shown, cells.columns, schema.ACLED_COLUMNS, schema.ACLED_HEADER_REQUIRED, strict=False)
        if problems:
            raise DataFileError(problems)
        cells = acled_to_canonical(cells)
    else:
        cells = cells.assign(**{name: "" for name in schema.ADDED_COLUMNS if name not in cells.columns})
        problems = check_columns(
            shown,
            [c for c in cells.columns if c != "row_number"],
            schema.EVENT_COLUMN_NAMES,
            schema.REQUIRED_EVENT_COLUMNS,
            strict=True,
        )
        if any(p.message.startswith(("required", "optional")) for p in problems):
            raise DataFileError(problems)
        cells = cells.drop(
            columns=[c for c in cells.columns if c not in schema.EVENT_COLUMN_NAMES and c != "row_number"]
        )
    frame, row_problems = check_events(
        cells, shown, curated=kind == CURATED, known_sources=known_sources, source_texts=source_texts
    )
    return Loaded(frame, kind, problems + row_problems, rows_read=len(cells))


FRAME_CACHE_VERSION = 4  # bump when the validated frame or its cached form changes, so old copies are not used


def _read_mapped(path: Path) -> pd.DataFrame:
    """The cached frame through a memory map of its Arrow file: the strings and the columns without missing values
    stay in the file's pages, which every process reading the file shares through the page cache, instead of
    copies of their own (docs/decisions.md, 'The frame cache, memory-mapped')."""
    table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()  # the map lives as long as the frame's buffers
    return table.to_pandas(split_blocks=True)


def load_events_cached(path: Path, *, shown: str | None = None, cache_root: Path | None = None) -> Loaded:
    """load_events, parsed once: the validated frame is kept, keyed by the file's content, as an uncompressed Arrow
    file that later loads map rather than read."""
    shown = shown or str(path)
    folder = (cache_root or schema.cache_dir()) / "frames"
    stem = folder / f"{file_digest(path)}-v{FRAME_CACHE_VERSION}"
    arrow, meta = stem.with_suffix(".arrow"), stem.with_suffix(".json")
    if arrow.exists() and meta.exists():
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            problems = [Problem(shown, p["row"], p["column"], p["message"]) for p in info["problems"]]
            return Loaded(_read_mapped(arrow), info["kind"], problems, info["rows_read"])
        except (OSError, ValueError, KeyError, pa.ArrowException):
            pass  # a damaged cache entry is rebuilt below
    loaded = load_events(path, shown=shown)
    try:
        table = pa.Table.from_pandas(loaded.frame, preserve_index=False)
        with atomic_open(arrow) as handle, pa.ipc.new_file(handle, table.schema) as writer:
            writer.write_table(table)
        info = {"kind": loaded.kind, "rows_read": loaded.rows_read, "problems": [p.as_dict() for p in loaded.problems]}
        atomic_write(meta, [json.dumps(info)])
    except OSError:
        pass  # a read-only home still gets its data, only slower next time
    return loaded


def load_table(
    path: Path,
    kind: str,
    *,
    known_sources: set[str] | None = None,
    source_texts: Mapping[str, str] | None = None,
    shown: str | None = None,
) -> Loaded:
    """Read and check tallies.csv, periods.csv or sources.csv; dates become Timestamps."""
    shown = shown or str(path)
    cells = _with_row_numbers(read_cells(path, shown))
    spec = _TABLES[kind]
    problems = check_columns(
        shown, [c for c in cells.columns if c != "row_number"], spec["columns"], spec["columns"], strict=True
    )
    if problems:
        raise DataFileError(problems)
    problems = check_table(
        cells,
        shown,
        date_columns=spec["dates"],
        int_columns=spec.get("ints", ()),
        required=spec["required"],
        unique=spec["columns"][0],
        choices=spec.get("choices"),
    )
    if "source_quote" in cells:
        problems += citation_problems(cells, shown, known_sources, source_texts)[0]
    frame = cells.copy()
    for name in spec["dates"]:
        frame[name] = parse_dates(frame[name])
    for name in spec.get("ints", ()):
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
    if kind == PERIODS:
        problems += [
            Problem(shown, int(r), "end", "period ends before it starts")
            for r in frame.loc[frame["end"] < frame["start"], "row_number"]
        ]
    return Loaded(frame, kind, problems, rows_read=len(frame))


_TABLES: dict[str, dict] = {
    TALLIES: dict(
        columns=schema.TALLY_COLUMNS,
        dates=("period_start", "period_end", "as_of"),
        ints=("count",),
        required=("tally_id", "subject", "count", "qualifier", "as_of", "source", "source_quote"),
        choices={"qualifier": ("exactly", "at least", "at most")},
    ),
    PERIODS: dict(
        columns=schema.PERIOD_COLUMNS,
        dates=("start", "end"),
        required=("period_id", "name", "start", "end", "source", "source_quote"),
    ),
    SOURCES: dict(
        columns=schema.SOURCE_COLUMNS,
        dates=("published",),
        required=("source_id", "title", "published", "published_how"),
    ),
}


def read_source_texts(folder: Path) -> dict[str, str]:
    """The source reports by file name; the project cites them but does not ship them."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def sources_beside(path: Path) -> Path:
    """sources.csv next to an events file if there is one, else the dataset folder's."""
    beside = schema.data_files(path.parent).sources
    return beside if beside.exists() else schema.data_files().sources


def load_known_sources(path: Path) -> set[str]:
    return set(read_cells(path)["source_id"].str.strip())


@dataclass
class CuratedData:
    events: pd.DataFrame
    tallies: pd.DataFrame
    periods: pd.DataFrame
    sources: pd.DataFrame


def load_curated(folder: Path | None = None) -> CuratedData:
    """The dataset of `folder`, by default the one in use (schema.data_dir); raises DataFileError if any file has a
    problem (CI keeps the shipped ones clean)."""
    files = schema.data_files(folder)
    sources = load_table(files.sources, SOURCES)
    known = set(sources.frame["source_id"])
    events = load_events(files.events, known_sources=known)
    tallies = load_table(files.tallies, TALLIES, known_sources=known)
    periods = load_table(files.periods, PERIODS, known_sources=known)
    problems = sources.problems + events.problems + tallies.problems + periods.problems
    if problems:
        raise DataFileError(problems)
    return CuratedData(events.frame, tallies.frame, periods.frame, sources.frame)


def validate_paths(paths: list[Path], source_texts: Mapping[str, str] | None) -> tuple[list[Problem], list[str]]:
    """Validate each file by its kind; returns problems and one summary phrase per file."""
    problems: list[Problem] = []
    summaries: list[str] = []
    for path in paths:
        path = _relative(path)
        try:
            kind = detect_kind(read_header(path)) if path.is_file() else CURATED
            known = load_known_sources(sources_beside(path)) if kind != SOURCES else None
            if kind in (CURATED, ACLED):
                loaded = load_events(path, known_sources=known if kind == CURATED else None, source_texts=source_texts)
            else:
                loaded = load_table(path, kind, known_sources=known, source_texts=source_texts)
        except DataFileError as error:
            problems += error.problems
            continue
        problems += sorted(loaded.problems, key=lambda p: (p.row is None, p.row or 0))
        summaries.append(f"{path}: {loaded.rows_read:,} {kind} rows")
    return problems, summaries


def _relative(path: Path) -> Path:
    """Paths in messages as the user typed them, or relative to here when under the current folder."""
    try:
        return path.resolve().relative_to(Path.cwd()) if path.is_absolute() else path
    except ValueError:
        return path


def combine(analyst: pd.DataFrame, curated: pd.DataFrame, name: str = "analyst file") -> pd.DataFrame:
    """An analyst's events and the curated ones in one frame, each row marked in `dataset` with where it came from.

    A curated id that the analyst's file already holds is left out: curated ids (EM-...) are not ACLED's, so
    that row is ours, brought into their file by one of our exports, and showing it twice would count it twice.
    """
    ours = curated[~curated["event_id_cnty"].isin(set(analyst["event_id_cnty"]))]
    columns = list(dict.fromkeys([*analyst.columns, *ours.columns, schema.DATASET_COLUMN]))
    parts = [
        analyst.assign(**{schema.DATASET_COLUMN: name}),
        ours.assign(**{schema.DATASET_COLUMN: schema.CURATED_DATASET}),
    ]
    parts = [part.assign(**{c: "" for c in columns if c not in part.columns})[columns] for part in parts]
    for column in columns:  # a column categorical on either side stays categorical, over both sides' values
        if column == schema.DATASET_COLUMN or any(isinstance(p[column].dtype, pd.CategoricalDtype) for p in parts):
            union = list(dict.fromkeys(value for part in parts for value in _categories(part[column])))
            parts = [part.assign(**{column: _recategorise(part[column], union)}) for part in parts]
    combined = pd.concat(parts, ignore_index=True)
    text = [
        c
        for c in columns
        if pd.api.types.is_string_dtype(combined[c])
        and combined[c].hasnans
        and not isinstance(combined[c].dtype, pd.CategoricalDtype)
    ]
    return combined.fillna({c: "" for c in text}) if text else combined  # text is never NaN, as the loader makes it


def _categories(values: pd.Series) -> list[str]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(c) for c in values.cat.categories] + ([""] if values.isna().any() else [])
    return [str(v) for v in pd.unique(values.fillna(""))]


def _recategorise(values: pd.Series, categories: list[str]) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.cat.rename_categories([str(c) for c in values.cat.categories]).cat.set_categories(categories)
        return values.fillna("") if "" in categories else values
    return pd.Series(pd.Categorical(values.fillna("").astype("str"), categories=categories), index=values.index)
