"""The analysts' commands: acled-update (an ACLED export refreshed with a newer one) and feed (a view's events as
a feed). Each prints plain lines and exits 0 or 1, like every command (eventmap/cli.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventmap import acled_update, feeds, filters, render
from eventmap.files import WriteRefused, atomic_write_bytes, check_target
from eventmap.problems import DataFileError
from eventmap.untrusted import terminal_text


def _acled_update(args: argparse.Namespace) -> int:
    """OLD refreshed with NEW (and ACLED's deletions): every input read and checked before OUT is written."""
    inputs = [Path(args.old), Path(args.new), *([Path(args.deleted)] if args.deleted else [])]
    target = Path(args.output)
    try:
        check_target(target, inputs=inputs)
        update = acled_update.update_files(*inputs[:2], inputs[2] if args.deleted else None)
        atomic_write_bytes(target, acled_update.update_bytes(update), inputs=inputs)
    except DataFileError as error:
        for problem in error.problems:
            print(terminal_text(f"acled-update: {problem}"), file=sys.stderr)
        return 1
    except WriteRefused as error:
        print(f"acled-update: {error.strerror}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"acled-update: {target}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    for line in update.lines():
        print(terminal_text(line))
    print(f"wrote {len(update.table):,} events to {target}")
    return 0


def _add_acled_update(commands) -> None:
    update = commands.add_parser(
        "acled-update",
        help="refresh an ACLED export with a newer one: by event_id_cnty, the newer timestamp wins, deletions dropped",
    )
    update.add_argument("old", metavar="OLD", help="the ACLED export you have")
    update.add_argument("new", metavar="NEW", help="a newer ACLED export (all of it, or the rows changed since)")
    update.add_argument("--deleted", metavar="FILE", help="ACLED's deletions list (event_id_cnty, deleted_timestamp)")
    update.add_argument("-o", "--output", required=True, metavar="OUT", help="the merged file to write")
    update.set_defaults(run=_acled_update)


def _feed(args: argparse.Namespace) -> int:
    """The feed the app serves at /feeds/events.atom or .json, for the same filters, written to a file."""
    from eventmap.cli import filtered_events  # the command line's own reader of the filter options

    found = filtered_events(args, "feed")
    if found is None:
        return 1
    path, loaded, state = found
    feed = feeds.build(loaded.frame, path, state, args.base_url, feeds.retired_events(path))
    target = Path(args.output)
    try:
        check_target(target, inputs=[path])
        atomic_write_bytes(target, feeds.WRITERS[args.format](feed), inputs=[path])
    except OSError as error:
        print(f"feed: {target}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {len(feed.entries):,} entries to {target} ({filters.describe(state)})")
    return 0


def _add_feed(commands) -> None:
    feed = commands.add_parser(
        "feed", help="the filtered view's events as an Atom feed or a JSON Feed, newest change first"
    )
    feed.add_argument("--format", choices=tuple(feeds.WRITERS), default=feeds.ATOM, help="atom (default) or json")
    feed.add_argument("-o", "--output", required=True, help="the file to write")
    feed.add_argument("--base-url", default=render.DEFAULT_BASE_URL, help="the app's address, for each event's link")
    from eventmap.cli import add_filter_options

    add_filter_options(feed)
    feed.set_defaults(run=_feed)


def add_commands(commands) -> None:
    _add_acled_update(commands)
    _add_feed(commands)
