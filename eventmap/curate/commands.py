"""The desk on the command line: add-source, add-event, edit-event, retire-event, restore-event, history, undo,
propose.

Each command shares its code path with the Editor page (eventmap.curate), prints plain lines, and exits 0 on
success or 1 with `PATH:ROW: column: message` lines on stderr, every file untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path

from eventmap import schema
from eventmap.curate import events as desk_ops
from eventmap.curate import log
from eventmap.curate.hygiene import escaped, visible_name
from eventmap.curate.propose import known_actor_words, propose
from eventmap.curate.sources import SourceForm, read_sources_table, register_source, sources_csv_for
from eventmap.curate.table import log_path
from eventmap.geocode.gazetteer import Gazetteer
from eventmap.problems import Problem


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register the desk's commands on the main CLI; each sets run=fn(args) -> exit code."""
    source = _command(
        subparsers,
        "add-source",
        "store a report's text in the sources folder and list it in sources.csv; prints its id",
        _add_source,
    )
    source.add_argument("--text-file", required=True, metavar="F", help="the report's full text (UTF-8)")
    source.add_argument("--title", required=True, metavar="T")
    source.add_argument("--published", required=True, metavar="YYYY-MM-DD")
    source.add_argument("--outlet", default="", metavar="O")
    source.add_argument("--url", default="", metavar="U", help="kept as text in published_how, never a link")
    source.add_argument("--timezone", default="", metavar="TZ", help="the publication's time zone, e.g. UTC+3")
    source.add_argument("--how", default="", help="how the publication date is known (published_how)")

    add = _command(
        subparsers, "add-event", "add one event row (JSON object keyed by column); prints its id", _add_event
    )
    add.add_argument("--json", required=True, metavar="FILE", help="the row as JSON ('-' reads stdin)")
    add.add_argument("--new-theatre", action="store_true", help="the row starts a theatre the data has not had")

    edit = _command(subparsers, "edit-event", "change cells of one event: column=value ...", _edit_event)
    edit.add_argument("event_id", metavar="ID")
    edit.add_argument("changes", nargs="+", metavar="column=value")
    edit.add_argument("--new-theatre", action="store_true", help="the change starts a theatre the data has not had")

    retire = _command(subparsers, "retire-event", "move an event to the retired-events file", _retire_event)
    retire.add_argument("event_id", metavar="ID")
    retire.add_argument("--reason", required=True, metavar="TEXT")

    restore = _command(subparsers, "restore-event", "bring a retired event back", _restore_event)
    restore.add_argument("event_id", metavar="ID")

    history = _command(subparsers, "history", "changes of one event, or of the whole file, newest first", _history)
    history.add_argument("event_id", nargs="?", metavar="ID")

    _command(subparsers, "undo", "revert the last change as a new, logged change", _undo)

    propose = _command(
        subparsers, "propose", "candidate events in a registered report, as JSON lines (nothing is saved)", _propose
    )
    propose.add_argument("--source", required=True, metavar="FILE_ID", help="the report's id in sources.csv")


def _command(subparsers: argparse._SubParsersAction, name: str, help_text: str, run) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text)
    parser.add_argument(
        "--events",
        default=str(schema.data_files().events),
        metavar="PATH",
        help="events file (default data/events.csv); its retired file and change log sit beside it",
    )
    parser.add_argument(
        "--sources",
        default=os.environ.get(schema.SOURCES_ENV),
        metavar="DIR",
        help=f"folder of source texts (env {schema.SOURCES_ENV}); quotes are checked against it",
    )
    parser.add_argument(
        "--editor",
        default=os.environ.get(schema.EDITOR_ENV) or _user(),
        metavar="NAME",
        help=f"who makes the change, for the change log (env {schema.EDITOR_ENV})",
    )
    parser.set_defaults(run=_with_editor(run))
    return parser


def _with_editor(run):
    """The command, once the editor's name is one the log can show (visible, no control characters)."""

    def checked(args: argparse.Namespace) -> int:
        said = visible_name(args.editor)
        return _fail([Problem(args.events, None, "editor", said)]) if said else run(args)

    return checked


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _fail(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print("nothing was written", file=sys.stderr)
    return 1


def _desk(args: argparse.Namespace) -> desk_ops.Desk:
    return desk_ops.Desk(Path(args.events), Path(args.sources) if args.sources else None)


def _no_sources(args: argparse.Namespace) -> list[Problem]:
    if not args.sources:
        return [
            Problem(
                args.events,
                None,
                "source_quote",
                f"give --sources DIR (or set {schema.SOURCES_ENV}): every quote is checked against its source text",
            )
        ]
    if not Path(args.sources).is_dir():
        return [Problem(args.sources, None, "", "sources folder not found")]
    return []


def _add_source(args: argparse.Namespace) -> int:
    if problems := _no_sources(args):
        return _fail(problems)
    try:
        text = Path(args.text_file).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return _fail([Problem(args.text_file, None, "", f"cannot be read as UTF-8 text: {error}")])
    form = SourceForm(text, args.title, args.published, args.outlet, args.url, args.timezone, args.how)
    registered, problems = register_source(form, Path(args.sources), sources_csv_for(Path(args.events)))
    if registered is None:
        return _fail(problems)
    if not registered.new:
        print(f"already registered: {registered.source_id}", file=sys.stderr)
    print(registered.source_id)
    return 0


def _report(outcome: desk_ops.Outcome) -> int:
    for other in outcome.duplicates:
        print(
            f"warning: possible duplicate of {other.get('event_id_cnty')} (same day, place and sub-event type)",
            file=sys.stderr,
        )
    if not outcome.ok:
        return _fail(outcome.problems)
    print(outcome.entry["event_id"])
    return 0


def _add_event(args: argparse.Namespace) -> int:
    if problems := _no_sources(args):
        return _fail(problems)
    try:
        raw = sys.stdin.read() if args.json == "-" else Path(args.json).read_text(encoding="utf-8-sig")
        values = json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return _fail([Problem(args.json, None, "", f"not a JSON file: {error}")])
    if not isinstance(values, dict) or any(isinstance(v, (dict, list)) for v in values.values()):
        return _fail([Problem(args.json, None, "", "expected one JSON object of column: value (text or number)")])
    return _report(
        desk_ops.save(_desk(args), desk_ops.plan_add(values, new_theatre=args.new_theatre), editor=args.editor)
    )


def _edit_event(args: argparse.Namespace) -> int:
    changes, problems = {}, []
    for item in args.changes:
        column, sep, value = item.partition("=")
        if not sep or not column.strip():
            problems.append(Problem(args.events, None, column, f"expected column=value, not {item!r}"))
        changes[column.strip()] = value
    if problems:
        return _fail(problems)
    return _report(
        desk_ops.save(
            _desk(args), desk_ops.plan_edit(args.event_id, changes, new_theatre=args.new_theatre), editor=args.editor
        )
    )


def _retire_event(args: argparse.Namespace) -> int:
    return _report(desk_ops.save(_desk(args), desk_ops.plan_retire(args.event_id, args.reason), editor=args.editor))


def _restore_event(args: argparse.Namespace) -> int:
    return _report(desk_ops.save(_desk(args), desk_ops.plan_restore(args.event_id), editor=args.editor))


def _undo(args: argparse.Namespace) -> int:
    outcome = desk_ops.save(_desk(args), desk_ops.plan_undo, editor=args.editor)
    if outcome.ok:
        print(f"undid change {outcome.entry['undoes']} ({outcome.entry['event_id']})", file=sys.stderr)
    return _report(outcome)


def _history(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    if not Path(args.events).is_file():
        return _fail([Problem(args.events, None, "", "file not found")])
    entries = log.read_entries(log_path(Path(args.events)), problems)
    if problems:
        return _fail(problems)
    for item in log.history(entries, args.event_id):
        fields = (item["seq"], item["time"], item["editor"], item["action"], item["event_id"], item["change"])
        print("\t".join(escaped(field) for field in fields))  # a logged escape sequence never acts on the terminal
    if not entries:
        print(f"{log_path(Path(args.events))}: no changes logged yet", file=sys.stderr)
    return 0


def _propose(args: argparse.Namespace) -> int:
    if problems := _no_sources(args):
        return _fail(problems)
    listed = {row["source_id"]: row for row in read_sources_table(sources_csv_for(Path(args.events)))}
    text_path = Path(args.sources) / args.source
    if args.source not in listed or not text_path.is_file():
        return _fail([Problem(args.events, None, "source", f"no registered report {args.source!r}")])
    try:
        published = dt.date.fromisoformat(listed[args.source]["published"].strip())
    except ValueError:
        return _fail([Problem(args.events, None, "published", "the report has no publication date (YYYY-MM-DD)")])
    places = schema.data_files(Path(args.events).parent).places
    gazetteer = Gazetteer(places) if places.is_file() else Gazetteer()
    words = known_actor_words(schema.data_files(Path(args.events).parent).actors)
    for candidate in propose(text_path.read_text(encoding="utf-8"), published, gazetteer, words):
        print(json.dumps(candidate.as_json(), ensure_ascii=False))
    return 0
