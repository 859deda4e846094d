"""`geocode` and `geocode-file`: the command-line face of the resolver, registered on the main CLI's subparsers."""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventmap.csvfile import check_text_file
from eventmap.geocode.base import FOUND, normalise
from eventmap.geocode.cache import CACHE_FILE, ENV_CACHE_DIR, CacheError
from eventmap.geocode.online import ATTRIBUTION, ENV_ONLINE, ENV_USER_AGENT, OnlineConfigError
from eventmap.geocode.resolver import GeocodeResult, Resolver, build_resolver
from eventmap.problems import DataFileError, Problem, show_value

CONFIG_ERROR = 2
PROGRESS_EVERY = 25


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `geocode` and `geocode-file`; each sets run=fn(args) -> exit code."""
    geocode = subparsers.add_parser(
        "geocode", help="look place names up: gazetteer, cache, then Nominatim if turned on; one JSON line each")
    geocode.add_argument("names", nargs="+", metavar="NAME", help="place names, e.g. 'Ain al-Asad Air Base'")
    _provider_options(geocode)
    geocode.set_defaults(run=run_geocode)

    fill = subparsers.add_parser(
        "geocode-file", help="fill empty latitude/longitude (and geo_precision) of rows that name a location")
    fill.add_argument("path", help="an events CSV (curated or ACLED export); rewritten in place, atomically")
    fill.add_argument("--progress-every", type=int, default=PROGRESS_EVERY, metavar="N",
                      help=f"report progress to stderr every N place names (default {PROGRESS_EVERY})")
    _provider_options(fill)
    fill.set_defaults(run=run_geocode_file)


def _provider_options(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--offline", action="store_true",
                      help=f"gazetteer and cache only, never the network (the default unless {ENV_ONLINE}=1)")
    mode.add_argument("--online", action="store_true",
                      help="also ask Nominatim (OpenStreetMap) for places the gazetteer lacks; needs a user agent")
    parser.add_argument("--user-agent", metavar="UA",
                        help=f"identifies you to Nominatim, e.g. 'eventmap-yourteam/1.0 (you@example.org)' "
                             f"(env {ENV_USER_AGENT})")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help=f"folder of {CACHE_FILE} (env {ENV_CACHE_DIR}; default ~/.cache/eventmap)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _build(args: argparse.Namespace) -> Resolver | None:
    """The resolver the options ask for, or None after printing why it cannot start."""
    online = False if args.offline else (True if args.online else None)
    try:
        resolver = build_resolver(online=online, user_agent=args.user_agent,
                                  cache_path=Path(args.cache_dir) / CACHE_FILE if args.cache_dir else None,
                                  use_cache=not args.no_cache)
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


class _Lines(Iterator[str]):
    """Feeds csv.reader one physical line at a time and remembers which lines made the last record."""

    def __init__(self, text: str):
        self._lines = iter([line for line in re.split(r"(?<=\n)", text) if line])
        self.taken: list[str] = []

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw, self.taken = "".join(self.taken), []
        return raw


def _records(text: str) -> list[tuple[list[str], str]]:
    """(cells, exact source text) of every CSV record, so untouched rows are written back byte for byte."""
    lines = _Lines(text)
    return [(cells, lines.take()) for cells in csv.reader(lines)]


def _field_spans(raw: str) -> list[tuple[int, int]]:
    """Where each field of one CSV record lies in its source text (quotes included)."""
    spans, i, end = [], 0, len(raw.rstrip("\r\n"))
    while True:
        start = i
        if i < end and raw[i] == '"':
            i += 1
            while i < end:
                if raw[i] == '"':
                    if i + 1 < end and raw[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                i += 1
        while i < end and raw[i] != ",":
            i += 1
        spans.append((start, i))
        if i >= end:
            return spans
        i += 1


def _replace_cells(raw: str, cells: list[str], changes: dict[int, str]) -> str:
    """The record with only the changed cells rewritten; everything else keeps its exact bytes."""
    spans = _field_spans(raw)
    if len(spans) == len(cells):
        out, last = [], 0
        for index in sorted(changes):
            start, stop = spans[index]
            out += [raw[last:start], changes[index]]
            last = stop
        rewritten = "".join(out) + raw[last:]
        if next(csv.reader(_Lines(rewritten)), None) == [changes.get(i, c) for i, c in enumerate(cells)]:
            return rewritten
    sink = io.StringIO()  # fall back to re-quoting this one record
    csv.writer(sink, lineterminator=raw[len(raw.rstrip("\r\n")):]).writerow(
        [changes.get(i, c) for i, c in enumerate(cells)])
    return sink.getvalue()


def _coordinate(value: float) -> str:
    text = f"{value:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def atomic_write_text(path: Path, chunks: Iterable[str]) -> None:
    """Write to a temporary file beside `path`, then os.replace it: an interrupted write leaves `path` as it was."""
    handle_fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle_fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _resolve_all(resolver: Resolver, todo: list[tuple[int, int, str]], answers: dict[str, GeocodeResult],
                 every: int) -> None:
    """Each distinct place name once, with a progress line to stderr every `every` names on long files."""
    names = len(dict.fromkeys(normalise(location) or location for _, _, location in todo))
    for count, (_, _, location) in enumerate(todo, start=1):
        key = normalise(location) or location
        if key in answers:
            continue
        answers[key] = resolver.resolve(location)
        done = len(answers)
        if names >= every and (done % every == 0 or done == names):
            print(f"geocode-file: {done}/{names} place names ({100 * done // names}%), row {count}/{len(todo)}",
                  file=sys.stderr, flush=True)


def run_geocode_file(args: argparse.Namespace) -> int:
    """Fill missing coordinates in place; report unresolved rows as PATH:ROW: location: status; exit 1 if any."""
    path, shown = Path(args.path), str(args.path)
    try:
        check_text_file(path, shown)
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        records = _records(text[len(bom):])
    except DataFileError as error:
        print(error, file=sys.stderr)
        return 1
    except csv.Error as error:
        print(Problem(shown, None, "", f"malformed CSV: {error}"), file=sys.stderr)
        return 1
    header = [name.strip() for name in records[0][0]] if records else []
    missing = [c for c in ("location", "latitude", "longitude") if c not in header]
    if missing:
        print("\n".join(str(Problem(shown, 1, c, "column missing from the header")) for c in missing), file=sys.stderr)
        return 1
    col = {name: header.index(name) for name in ("location", "latitude", "longitude")}
    precision_col = header.index("geo_precision") if "geo_precision" in header else None

    problems: list[Problem] = []
    todo: list[tuple[int, int, str]] = []  # (record index, row number, location)
    kept = row = 0
    for index, (cells, _) in enumerate(records[1:], start=1):
        if not cells:
            continue  # a blank line: pandas skips it too, so row numbers stay those of `validate`
        row += 1
        number = row + 1
        if len(cells) != len(header):
            problems.append(Problem(shown, number, "", f"{len(cells)} cells but the header has {len(header)}; "
                                                       f"row left as it is"))
            continue
        location = cells[col["location"]].strip()
        latitude, longitude = cells[col["latitude"]].strip(), cells[col["longitude"]].strip()
        if not location:
            continue
        if latitude and longitude:
            kept += 1
        elif latitude or longitude:
            problems.append(Problem(shown, number, "latitude" if not latitude else "longitude",
                                    "only one of latitude/longitude is given; row left as it is"))
        else:
            todo.append((index, number, location))

    answers: dict[str, GeocodeResult] = {}
    if todo:
        resolver = _build(args)
        if resolver is None:
            return CONFIG_ERROR
        try:
            _resolve_all(resolver, todo, answers, max(1, args.progress_every))
        finally:
            resolver.close()

    changed: dict[int, str] = {}
    filled = 0
    for index, number, location in todo:
        result = answers[normalise(location) or location]
        if result.status != FOUND or result.latitude is None or result.longitude is None:
            detail = f" ({result.error})" if result.error else ""
            problems.append(Problem(shown, number, "location", f"{result.status}: {show_value(location)}{detail}"))
            continue
        cells, raw = records[index]
        edits = {col["latitude"]: _coordinate(result.latitude), col["longitude"]: _coordinate(result.longitude)}
        if precision_col is not None and not cells[precision_col].strip() and result.precision is not None:
            edits[precision_col] = str(result.precision)
        changed[index] = _replace_cells(raw, cells, edits)
        filled += 1

    if changed:
        try:
            atomic_write_text(path, [bom, *(changed.get(i, raw) for i, (_, raw) in enumerate(records))])
        except OSError as error:
            print(f"{shown}: not written, the file is unchanged: {error}", file=sys.stderr)
            return 1
    for problem in problems:
        print(problem)
    unresolved = sum(1 for p in problems if p.column == "location")
    print(f"{shown}: filled {filled} row(s), {unresolved} unresolved, {kept} already had coordinates"
          f"{'' if changed else '; file not changed'}", file=sys.stderr)
    _attribute(answers.values())
    return 1 if problems else 0
