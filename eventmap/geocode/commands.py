"""`geocode` and `geocode-file`: the command-line face of the resolver, registered on the main CLI's subparsers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventmap import schema
from eventmap.csvfile import check_text_file
from eventmap.csvrecords import records as _records
from eventmap.csvrecords import replace_cells as _replace_cells
from eventmap.files import atomic_write, digest_bytes, file_digest, locked
from eventmap.geocode.base import FOUND, normalise
from eventmap.geocode.cache import CACHE_FILE, CacheError
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError
from eventmap.geocode.resolver import GeocodeResult, Resolver, build_resolver
from eventmap.problems import DataFileError, Problem, show_value

CONFIG_ERROR = 2
PROGRESS_EVERY = 25


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `geocode` and `geocode-file`; each sets run=fn(args) -> exit code."""
    geocode = subparsers.add_parser(
        "geocode", help="look place names up: gazetteer, cache, then Nominatim if turned on; one JSON line each"
    )
    geocode.add_argument("names", nargs="+", metavar="NAME", help="place names, e.g. 'Ain al-Asad Air Base'")
    _provider_options(geocode)
    geocode.set_defaults(run=run_geocode)

    fill = subparsers.add_parser(
        "geocode-file", help="fill empty latitude/longitude (and geo_precision) of rows that name a location"
    )
    fill.add_argument("path", help="an events CSV (curated or ACLED export); rewritten in place, atomically")
    fill.add_argument(
        "--progress-every",
        type=int,
        default=PROGRESS_EVERY,
        metavar="N",
        help=f"report progress to stderr every N place names (default {PROGRESS_EVERY})",
    )
    _provider_options(fill)
    fill.set_defaults(run=run_geocode_file)


def _provider_options(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--offline",
        action="store_true",
        help=f"gazetteer and cache only, never the network (the default unless {schema.ONLINE_GEOCODING_ENV}=1)",
    )
    mode.add_argument(
        "--online",
        action="store_true",
        help="also ask Nominatim (OpenStreetMap) for places the gazetteer lacks; needs a user agent",
    )
    parser.add_argument(
        "--user-agent",
        metavar="UA",
        help="identifies you to Nominatim, e.g. 'eventmap-yourteam/1.0 (you@example.org)' "
        f"(env {schema.USER_AGENT_ENV})",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"folder of {CACHE_FILE} (env {schema.CACHE_DIR_ENV}; default ~/.cache/eventmap)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _build(args: argparse.Namespace) -> Resolver | None:
    """The resolver the options ask for, or None after printing why it cannot start."""
    online = False if args.offline else (True if args.online else None)
    try:
        resolver = build_resolver(
            online=online,
            user_agent=args.user_agent,
            cache_path=Path(args.cache_dir) / CACHE_FILE if args.cache_dir else None,
            use_cache=not args.no_cache,
        )
    except (OnlineConfigError, CacheError, DataFileError) as error:
        print(error, file=sys.stderr)
        return None
    if resolver.warning:
        print(f"warning: {resolver.warning}", file=sys.stderr)
    return resolver


def _attribute(results: Iterable[GeocodeResult]) -> None:
    if any(r.attribution for r in results):
        print(f"geocoding: {ATTRIBUTION}", file=sys.stderr)


def run_geocode(args: argparse.Namespace) -> int:
    """One JSON object per name; exit 0 only when every name was found."""
    resolver = _build(args)
    if resolver is None:
        return CONFIG_ERROR
    results = []
    try:
        for name in args.names:
            result = resolver.resolve(name)
            results.append(result)
            print(json.dumps(result.as_dict(), ensure_ascii=False), flush=True)
    finally:
        resolver.close()
    _attribute(results)
    return 0 if all(r.found for r in results) else 1


# --- geocode-file -----------------------------------------------------------------------------------------


def _coordinate(value: float) -> str:
    text = f"{value:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _resolve_all(
    resolver: Resolver, todo: list[tuple[int, int, str]], answers: dict[str, GeocodeResult], every: int
) -> None:
    """Each distinct place name once, with a progress line to stderr every `every` names on long files."""
    names = len(dict.fromkeys(normalise(location) or location for _, _, location in todo))
    for count, (_, _, location) in enumerate(todo, start=1):
        key = normalise(location) or location
        if key in answers:
            continue
        answers[key] = resolver.resolve(location)
        done = len(answers)
        if names >= every and (done % every == 0 or done == names):
            print(
                f"geocode-file: {done}/{names} place names ({100 * done // names}%), row {count}/{len(todo)}",
                file=sys.stderr,
                flush=True,
            )


@dataclass
class _Scan:
    """What geocode-file found in a file: its records, where the place columns are, and which rows to fill."""

    bom: str
    records: list[tuple[list[str], str]]
    column: dict[str, int]  # location, latitude, longitude and, if there, geo_precision
    digest: str  # of the bytes read: the write is refused if the file no longer holds them
    todo: list[tuple[int, int, str]] = field(default_factory=list)  # (record index, row number, location)
    problems: list[Problem] = field(default_factory=list)
    kept: int = 0


def _read(path: Path, shown: str) -> _Scan:
    """The file's records, byte for byte; raises DataFileError naming what is wrong."""
    check_text_file(path, shown)
    data = path.read_bytes()
    text = data.decode("utf-8")  # checked above: UTF-8, no NUL, within the size limit
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    records = _records(text[len(bom) :], shown)  # broken CSV or a cell over the limit: a located DataFileError
    header = [name.strip() for name in records[0][0]] if records else []
    missing = [c for c in ("location", "latitude", "longitude") if c not in header]
    if missing:
        raise DataFileError([Problem(shown, 1, c, "column missing from the header") for c in missing])
    wanted = [c for c in ("location", "latitude", "longitude", "geo_precision") if c in header]
    return _Scan(bom, records, {name: header.index(name) for name in wanted}, digest_bytes(data))


def _plan(scan: _Scan, shown: str) -> None:
    """Rows that name a place and have no coordinates go to scan.todo; half-given coordinates are problems."""
    row, width = 0, len(scan.records[0][0])
    for index, (cells, _) in enumerate(scan.records[1:], start=1):
        if not cells:
            continue  # a blank line: pandas skips it too, so row numbers stay those of `validate`
        row += 1
        number = row + 1
        if len(cells) != width:
            scan.problems.append(
                Problem(shown, number, "", f"{len(cells)} cells but the header has {width}; row left as it is")
            )
            continue
        location = cells[scan.column["location"]].strip()
        latitude, longitude = (cells[scan.column[c]].strip() for c in ("latitude", "longitude"))
        if not location:
            continue
        if latitude and longitude:
            scan.kept += 1
        elif latitude or longitude:
            scan.problems.append(
                Problem(
                    shown,
                    number,
                    "latitude" if not latitude else "longitude",
                    "only one of latitude/longitude is given; row left as it is",
                )
            )
        else:
            scan.todo.append((index, number, location))


def _fill(scan: _Scan, answers: dict[str, GeocodeResult], shown: str) -> dict[int, str]:
    """The rewritten text of each record that got coordinates; unresolved places become problems."""
    changed: dict[int, str] = {}
    precision = scan.column.get("geo_precision")
    for index, number, location in scan.todo:
        result = answers[normalise(location) or location]
        if result.status != FOUND or result.latitude is None or result.longitude is None:
            detail = f" ({result.error})" if result.error else ""
            scan.problems.append(Problem(shown, number, "location", f"{result.status}: {show_value(location)}{detail}"))
            continue
        cells, raw = scan.records[index]
        edits = {
            scan.column["latitude"]: _coordinate(result.latitude),
            scan.column["longitude"]: _coordinate(result.longitude),
        }
        if precision is not None and not cells[precision].strip() and result.precision is not None:
            edits[precision] = str(result.precision)
        changed[index] = _replace_cells(raw, cells, edits)
    return changed


def _write(path: Path, shown: str, scan: _Scan, changed: dict[int, str]) -> bool:
    """Write the filled rows under the lock a desk save takes, only if the file still holds what was read: geocoding
    online can take minutes, and an editor's save made meanwhile must not be lost. False (said why) if not written."""
    try:
        with locked(path):
            if file_digest(path) != scan.digest:
                print(f"{shown}: changed on disk while geocoding; not written, run again", file=sys.stderr)
                return False
            atomic_write(path, [scan.bom, *(changed.get(i, raw) for i, (_, raw) in enumerate(scan.records))])
    except OSError as error:
        print(f"{shown}: not written, the file is unchanged: {error}", file=sys.stderr)
        return False
    return True


def run_geocode_file(args: argparse.Namespace) -> int:
    """Fill missing coordinates in place; report unresolved rows as PATH:ROW: location: status; exit 1 if any."""
    path, shown = Path(args.path), str(args.path)
    try:
        scan = _read(path, shown)
    except DataFileError as error:
        print(error, file=sys.stderr)
        return 1
    _plan(scan, shown)
    answers: dict[str, GeocodeResult] = {}
    if scan.todo:
        resolver = _build(args)
        if resolver is None:
            return CONFIG_ERROR
        try:
            _resolve_all(resolver, scan.todo, answers, max(1, args.progress_every))
        finally:
            resolver.close()
    changed = _fill(scan, answers, shown)
    if changed and not _write(path, shown, scan, changed):
        return 1
    for problem in scan.problems:
        print(problem)
    unresolved = sum(1 for p in scan.problems if p.column == "location")
    print(
        f"{shown}: filled {len(changed)} row(s), {unresolved} unresolved, {scan.kept} already had coordinates"
        f"{'' if changed else '; file not changed'}",
        file=sys.stderr,
    )
    _attribute(answers.values())
    return 1 if scan.problems else 0
