"""Memory between runs: a full garbage collection now and then instead of after every run.

Streamlit's forced gc.collect(2) after each script run is turned off (.streamlit/config.toml,
runner.postScriptGC): with pandas, pyarrow, pydeck and altair loaded it was most of the server's CPU per run.
But a closed session's state sits in reference cycles, so only a full collection frees it (an upload held by the
session included), and Python's own collector runs one rarely on a large heap. So the app asks for one at most
every COLLECT_EVERY_S seconds, whichever session's run comes by. Streamlit keeps a closed session 120 s anyway
(server.disconnectedSessionTTL, for a reconnect), so this adds at most a quarter to how long its memory is held.

A full collection walks every object the imported libraries made, about 130,000: 0.08-0.11 s at 1M rows, all
the while holding the lock that the server needs to send the run's last messages. `python -m eventmap serve`
imports them and freezes them out of the walk (gc.freeze) before any session exists; then a full collection
takes a few milliseconds (docs/decisions.md, 'The collector frozen, a full collection every 30 s'). Frozen too
early, a session's state would never be freed: hence not from app.py, which runs inside the first session.
"""

from __future__ import annotations

import gc
import threading
import time

COLLECT_EVERY_S = 30.0

_lock = threading.Lock()
_last = [time.monotonic()]


def freeze_the_libraries() -> int:
    """Import what the pages import, then move every object there is out of the collector's walk; how many."""
    import eventmap.charts  # noqa: F401, E401

    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def collect_now_and_then(now: float | None = None) -> bool:
    """A full collection if none was asked for in the last COLLECT_EVERY_S seconds; whether one ran."""
    now = time.monotonic() if now is None else now
    with _lock:
        if now - _last[0] < COLLECT_EVERY_S:
            return False
        _last[0] = now
    gc.collect(2)
    return True
