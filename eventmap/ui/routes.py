"""Routes served beside the app by Streamlit's own server (st.App, asgi.py): the feeds of a view's events at
/feeds/events.atom and /feeds/events.json, with the Map page's URL filters (docs/decisions.md, 'Feeds served by
st.App beside the app')."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from eventmap import feeds, schema
from eventmap.curate.table import log_path, retired_path
from eventmap.files import version
from eventmap.load import load_events_cached
from eventmap.problems import DataFileError

_lock = threading.Lock()
_parsed: dict[tuple, tuple[pd.DataFrame, pd.DataFrame]] = {}  # the events file's frames, at its one current stamp


def _frames(events: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and the retired events, parsed once per version of the files (a reader polls the feed often)."""
    key = (str(events), *(version(path) for path in (events, retired_path(events), log_path(events))))
    with _lock:
        if key not in _parsed:
            _parsed.clear()
            _parsed[key] = (load_events_cached(events).frame, feeds.retired_events(events))
        return _parsed[key]


def _feed(kind: str, request: Request) -> Response:
    events = schema.events_path()
    query = {key: request.query_params.getlist(key) for key in request.query_params}
    try:
        frame, retired = _frames(events)
    except (DataFileError, OSError):
        return Response("The events file cannot be read.\n", status_code=503, media_type="text/plain")
    body = feeds.feed_from_query(kind, frame, retired, events, query, str(request.base_url))
    return Response(body, media_type=feeds.FORMATS[kind], headers={"X-Content-Type-Options": "nosniff"})


async def atom(request: Request) -> Response:
    return await run_in_threadpool(_feed, feeds.ATOM, request)


async def json_feed(request: Request) -> Response:
    return await run_in_threadpool(_feed, feeds.JSON, request)


ROUTES = [
    Route(f"/{feeds.FEED_PATH}.atom", atom, methods=["GET", "HEAD"]),
    Route(f"/{feeds.FEED_PATH}.json", json_feed, methods=["GET", "HEAD"]),
]
