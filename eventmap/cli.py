"""Command line: `python -m eventmap COMMAND`. Each command prints plain lines and exits 0 or 1."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from eventmap import schema
from eventmap.geocode.commands import add_commands as add_geocode_commands
from eventmap.load import read_source_texts, validate_paths

DEFAULT_FILES = (schema.EVENTS_PATH, schema.TALLIES_PATH, schema.PERIODS_PATH, schema.SOURCES_PATH)


def _validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or list(DEFAULT_FILES)
    texts = None
    if args.sources:
        folder = Path(args.sources)
        if not folder.is_dir():
            print(f"{folder}: sources folder not found", file=sys.stderr)
            return 1
        texts = read_source_texts(folder)
    problems, summaries = validate_paths(paths, texts)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    quotes = f"quotes checked against {len(texts)} source texts" if texts is not None else "quotes not checked (no --sources)"
    print(f"OK: {'; '.join(summaries)}; {quotes}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eventmap", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check event, tally, period and source files")
    validate.add_argument("paths", nargs="*", help="files to check (default: the curated files in data/)")
    validate.add_argument("--sources", default=os.environ.get("EVENTMAP_SOURCES"),
                          help="folder of source texts; each source_quote must occur in its source (env EVENTMAP_SOURCES)")
    validate.set_defaults(run=_validate)
    add_geocode_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
