"""Command line: `python -m eventmap COMMAND`. Each command prints plain lines and exits 0 or 1."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from eventmap import analyst, briefing, compare, export, filters, render, schema, slides
from eventmap.acled import left_out, left_out_note
from eventmap.curate.commands import add_commands as add_desk_commands
from eventmap.files import WriteRefused, atomic_write_bytes, check_target
from eventmap.filters import Filters
from eventmap.geocode.commands import add_commands as add_geocode_commands
from eventmap.load import Loaded, load_events, read_source_texts, validate_paths
from eventmap.problems import DataFileError
from eventmap.untrusted import terminal_text


def _validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or list(schema.data_files().checked)
    texts = None
    if args.sources:
        folder = Path(args.sources)
        if not folder.is_dir():
            print(f"{folder}: sources folder not found", file=sys.stderr)
            return 1
        texts = read_source_texts(folder)
    problems, summaries = validate_paths(paths, texts)
    if not args.paths:  # the dataset folder's briefings too, against its events, places and sources
        more, summary = _validate_briefings(schema.data_files().folder, texts)
        problems += more
        summaries += [summary] if summary else []
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    quotes = (
        f"quotes checked against {len(texts)} source texts"
        if texts is not None
        else "quotes not checked (no --sources)"
    )
    print(f"OK: {'; '.join(summaries)}; {quotes}")
    return 0


def _validate_briefings(folder: Path, texts: dict[str, str] | None) -> tuple[list, str]:
    found = briefing.names(briefing.folder_of(folder))
    if not found:
        return [], ""
    try:
        context = briefing.load_context(folder)
    except DataFileError:  # the events' own problems are reported by their file's check
        return [], ""
    read, problems = briefing.read_all(briefing.folder_of(folder), context)
    for shown in read if texts is not None else []:
        path = briefing.folder_of(folder) / f"{shown.name}{briefing.SUFFIX}"
        problems += briefing.source_text_problems(shown, str(path), texts)
    return problems, f"{len(found)} briefing(s)"


def _briefing_list(args: argparse.Namespace) -> int:
    for name in briefing.names(briefing.folder_of(schema.data_files().folder)):
        print(name)
    return 0


def filtered_events(args: argparse.Namespace, command: str = "") -> tuple[Path, Loaded, Filters] | None:
    """The events file and the filters of a command's options (add_filter_options); None once what is wrong
    was printed (prefixed by `command`, if any)."""
    prefix = f"{command}: " if command else ""
    path = Path(args.events) if args.events else schema.data_files().events
    try:
        loaded = load_events(path)
    except DataFileError as error:
        for problem in error.problems:
            print(f"{prefix}{problem}", file=sys.stderr)
        return None
    for problem in loaded.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    query = {
        key: values
        for key in (*filters.DATE_PARAMS, *filters.CHOICE_PARAMS, filters.TEXT_PARAM)
        if (values := getattr(args, key) or [])
    }
    if any(len(text) > filters.MAX_TEXT for text in query.get(filters.TEXT_PARAM, [])):
        longest = max(len(text) for text in query[filters.TEXT_PARAM])
        print(
            f"{prefix}Not understood: --q: a search may have at most {filters.MAX_TEXT} characters (this one has "
            f"{longest:,}); nothing written",
            file=sys.stderr,
        )
        return None
    state, notices = filters.from_query(query, loaded.frame)
    if notices:
        for notice in notices:
            print(
                prefix + notice.replace("URL parameter", "option").replace("Ignored ", "Not understood: "),
                file=sys.stderr,
            )
        return None
    return path, loaded, state


def _export(args: argparse.Namespace) -> int:
    """The same files as the app's download buttons, for the same filters."""
    found = filtered_events(args)
    if found is None:
        return 1
    path, loaded, state = found
    shown = filters.apply(loaded.frame, state)
    formats = ("csv", "geojson") if args.format == "both" else (args.format,)  # "both": the app's two files
    stem = export.file_stem(shown, state)
    targets = {
        kind: Path(args.output)
        if args.output and len(formats) == 1
        else Path(args.output or ".") / f"{stem}{export.FORMATS[kind].suffix}"
        for kind in formats
    }
    target = next(iter(targets.values()))
    try:
        for target in targets.values():  # every target checked before anything is written
            check_target(target, inputs=[path])
        for kind, target in targets.items():
            atomic_write_bytes(target, export.FORMATS[kind].write(shown), inputs=[path])
            written = len(shown) if kind != "acled" else int((left_out(shown) == "").sum())
            print(f"wrote {written:,} of {len(loaded.frame):,} events to {target} ({filters.describe(state)})")
            if kind == "acled" and (note := left_out_note(shown)):
                print(note)
    except WriteRefused as error:
        print(error.strerror, file=sys.stderr)
        return 1
    except OSError as error:  # target is the file being checked or written when it failed
        print(f"{target}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


def _compare_periods(args: argparse.Namespace) -> tuple[compare.Period, compare.Period] | None:
    """The two periods of --a and --b and a known --by, or None once what is wrong was printed."""
    try:
        if args.by not in compare.BY:
            raise compare.CompareError(f"--by: {args.by!r} is not one of {', '.join(compare.BY)}")
        for name in ("a", "b"):
            if not getattr(args, name):
                raise compare.CompareError(f"--{name} is required (START:END, two days YYYY-MM-DD)")
        return compare.parse_period(args.a, "--a"), compare.parse_period(args.b, "--b")
    except compare.CompareError as error:
        print(f"compare: {error}", file=sys.stderr)
        return None


def _compare(args: argparse.Namespace) -> int:
    """Two periods by province or place: a CSV with -o, else a table on stdout; the per-country summary."""
    periods = _compare_periods(args)
    found = None if periods is None else filtered_events(args, "compare")
    if periods is None or found is None:
        return 1
    path, loaded, state = found
    table = compare.as_text(compare.compare(filters.apply(loaded.frame, state), *periods, args.by))
    if args.output:
        target = Path(args.output)
        try:
            check_target(target, inputs=[path])
            atomic_write_bytes(target, compare.csv_bytes(table), inputs=[path])
        except OSError as error:
            print(f"compare: {target}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"wrote {len(table):,} rows to {target} (A {periods[0]}, B {periods[1]}; {filters.describe(state)})")
    else:
        print(compare.printable(table) if len(table) else "no events in either period")
    for line in compare.summary(table):
        print(terminal_text(line))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from eventmap.ui.serve import serve  # Streamlit is imported only here, and only by the ui package

    serve(args.streamlit_options)
    return 0


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The events file and the filters, as the app's sidebar and its links have them."""
    parser.add_argument(
        "--events",
        help=f"events file, curated or ACLED (default: the dataset folder's, ${schema.DATA_DIR_ENV} or data/)",
    )
    parser.add_argument("--start", action="append", help="first day, YYYY-MM-DD")
    parser.add_argument("--end", action="append", help="last day, YYYY-MM-DD")
    for choice in schema.CHOICE_FILTERS:
        parser.add_argument(
            f"--{choice.key}",
            action="append",
            metavar="VALUE",
            help=f"keep rows whose {' or '.join(choice.columns)} is VALUE (repeat for several)",
        )
    parser.add_argument("--q", action="append", metavar="TEXT", help="keep rows mentioning TEXT")


def _render(args: argparse.Namespace) -> int:
    """The view as a picture or an offline file (eventmap.render)."""
    found = filtered_events(args, "render")
    return 1 if found is None else render.render(args, *found)


def _serve_replicas(args: argparse.Namespace) -> int:
    from eventmap.deploy import serve_replicas

    return serve_replicas(args.port, args.replicas, args.address, args.streamlit_options)


def _add_briefing_commands(commands) -> None:
    briefing_cmd = commands.add_parser("briefing", help="the dataset folder's briefings (data/README.md, 'Briefings')")
    briefing_commands = briefing_cmd.add_subparsers(dest="briefing_command", required=True)
    briefing_commands.add_parser("list", help="the briefings' names, one a line").set_defaults(run=_briefing_list)
    export_deck = briefing_commands.add_parser("export", help="a briefing as a slide deck (PPTX) or a PDF")
    export_deck.add_argument("name", help="the briefing's name (briefing list)")
    export_deck.add_argument("--format", default="pptx", help="pptx (default) or pdf: a page per step")
    export_deck.add_argument("-o", "--output", required=True, help="the file to write")
    export_deck.add_argument(
        "--base-url", default=render.DEFAULT_BASE_URL, help="the app's address, for each step's link in the notes"
    )
    export_deck.set_defaults(run=slides.export_command)


def _add_compare_command(commands) -> None:
    compare_cmd = commands.add_parser(
        "compare", help="compare two periods by province (admin1) or place: counts, fatalities, change, level"
    )
    compare_cmd.add_argument("--a", metavar="START:END", help="the first period, days included")
    compare_cmd.add_argument("--b", metavar="START:END", help="the second period, days included")
    compare_cmd.add_argument(
        "--by", default="admin1", metavar="|".join(compare.BY), help="admin1 (default) or location"
    )
    compare_cmd.add_argument("-o", "--output", help="CSV file to write (default: a table on stdout)")
    add_filter_options(compare_cmd)
    compare_cmd.set_defaults(run=_compare)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eventmap", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check event, tally, period and source files")
    validate.add_argument(
        "paths", nargs="*", help=f"files to check (default: the dataset folder's, ${schema.DATA_DIR_ENV} or data/)"
    )
    validate.add_argument(
        "--sources",
        default=os.environ.get(schema.SOURCES_ENV),
        help=f"folder of source texts; each source_quote must occur in its source (env {schema.SOURCES_ENV})",
    )
    validate.set_defaults(run=_validate)
    add_geocode_commands(commands)

    export_cmd = commands.add_parser("export", help="write the filtered events as CSV and/or GeoJSON")
    export_cmd.add_argument(
        "--format",
        choices=(*export.FORMATS, "both"),
        default="csv",
        help="acled: ACLED's 31 export columns (data/README.md); both: csv and geojson",
    )
    export_cmd.add_argument(
        "-o",
        "--output",
        help="file to write (a folder with --format both); default: events_<start>_<end>.<format> here",
    )
    add_filter_options(export_cmd)
    export_cmd.set_defaults(run=_export)
    render_cmd = commands.add_parser(
        "render", help="draw the filtered view as a PNG (the Map page's image) or one offline HTML file"
    )
    add_filter_options(render_cmd)
    render.add_options(render_cmd)
    render_cmd.set_defaults(run=_render)
    _add_compare_command(commands)
    analyst.add_commands(commands)
    add_desk_commands(commands)
    _add_briefing_commands(commands)
    serve = commands.add_parser(
        "serve",
        help="run the dashboard: streamlit run asgi.py (app.py and its feeds), the libraries frozen out "
        "of the garbage collector's walk first; other options go to streamlit",
    )
    serve.set_defaults(run=_serve)
    replicas = commands.add_parser(
        "serve-replicas",
        help="run N dashboard replicas behind HAProxy with session affinity (docs/deploy.md); "
        "other options go to streamlit",
    )
    replicas.add_argument("--replicas", type=int, default=2, help="viewer processes (default 2)")
    replicas.add_argument("--port", type=int, default=8501, help="the proxy's port (default 8501)")
    replicas.add_argument("--address", default="", help="the proxy's address (default: all interfaces)")
    replicas.set_defaults(run=_serve_replicas)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if rest and args.command not in ("serve", "serve-replicas"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.streamlit_options = rest
    try:
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe is found here, inside the handler, not at the interpreter's exit
        return code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `... | head` closed the pipe: stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
