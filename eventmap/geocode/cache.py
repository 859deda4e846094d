"""A persistent sqlite3 cache of online answers, so a repeat never waits on the rate limit or the network.

Keyed by (provider, normalised query). Places found are kept long; "no such place" answers shorter, because
OpenStreetMap gets edited; errors are never stored, so the next run asks again.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventmap import schema
from eventmap.geocode.base import normalise

CACHE_FILE = "geocode.sqlite3"
HIT_TTL_SECONDS = 180 * 24 * 3600
MISS_TTL_SECONDS = 14 * 24 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    provider TEXT NOT NULL,
    query TEXT NOT NULL,
    found INTEGER NOT NULL,
    latitude REAL,
    longitude REAL,
    address TEXT,
    raw TEXT,
    stored_at REAL NOT NULL,
    PRIMARY KEY (provider, query)
)
"""


class CacheError(RuntimeError):
    """The cache file cannot be used; the message names it and says what to do."""


def default_cache_path(env: Mapping[str, str] = os.environ) -> Path:
    """geocode.sqlite3 in the project's cache folder (schema.cache_dir: ~/.cache/eventmap or $EVENTMAP_CACHE_DIR)."""
    return schema.cache_dir(env) / CACHE_FILE


@dataclass(frozen=True)
class CachedAnswer:
    """A stored answer: found with its point, or a remembered "no such place"."""

    found: bool
    latitude: float | None
    longitude: float | None
    address: str | None
    raw: dict[str, Any]
    stored_at: float


class GeocodeCache:
    """sqlite3 answers with per-kind lifetimes; `clock` is injectable so expiry can be tested without waiting."""

    def __init__(
        self,
        path: Path | str,
        *,
        hit_ttl: float = HIT_TTL_SECONDS,
        miss_ttl: float = MISS_TTL_SECONDS,
        clock: Callable[[], float] = time.time,
    ):
        if not miss_ttl <= hit_ttl:
            raise ValueError("misses must expire no later than hits")
        self.path = Path(path)
        self.hit_ttl, self.miss_ttl, self.clock = hit_ttl, miss_ttl, clock
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection shared by the app's threads (Streamlit reruns), serialised by a lock.
            self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            self._db.execute(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as error:
            raise self._unusable(error) from None

    def _unusable(self, error: Exception) -> CacheError:
        return CacheError(
            f"{self.path}: geocoding cache unusable ({error}); delete the file, or point "
            f"{schema.CACHE_DIR_ENV} at a writable folder"
        )

    def get(self, provider: str, query: str) -> CachedAnswer | None:
        """The live answer for this query, or None when absent or expired."""
        key = normalise(query)
        if not key:
            return None
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT found, latitude, longitude, address, raw, stored_at FROM answers "
                    "WHERE provider = ? AND query = ?",
                    (provider, key),
                ).fetchone()
            if row is None:
                return None
            found, latitude, longitude, address, raw, stored_at = row
            if self.clock() - float(stored_at) > (self.hit_ttl if found else self.miss_ttl):
                return None
            return CachedAnswer(bool(found), latitude, longitude, address, json.loads(raw or "{}"), float(stored_at))
        except (sqlite3.Error, ValueError, TypeError) as error:  # a damaged page or a row that is not ours
            raise self._unusable(error) from None

    def put_found(
        self, provider: str, query: str, latitude: float, longitude: float, address: str, raw: Mapping[str, Any]
    ) -> None:
        self._put(provider, query, True, latitude, longitude, address, dict(raw))

    def put_missing(self, provider: str, query: str) -> None:
        """Remember that the service answered "no such place" (never call this for an error)."""
        self._put(provider, query, False, None, None, None, {})

    def _put(
        self,
        provider: str,
        query: str,
        found: bool,
        latitude: float | None,
        longitude: float | None,
        address: str | None,
        raw: dict[str, Any],
    ) -> None:
        key = normalise(query)
        if not key:
            return
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (provider, key, int(found), latitude, longitude, address, json.dumps(raw), self.clock()),
                )
        except sqlite3.Error as error:  # read-only, full or damaged
            raise self._unusable(error) from None

    def stamp(self) -> tuple[str, int, int] | None:
        """The file's path, modification time and size: they change whenever an answer is written to it."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return str(self.path), info.st_mtime_ns, info.st_size

    def __len__(self) -> int:
        try:
            with self._lock:
                return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        except sqlite3.Error as error:
            raise self._unusable(error) from None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
