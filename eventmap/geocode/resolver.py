"""One resolver for the command line and the app: gazetteer, then cache, then (if turned on) Nominatim.

Every answer is a GeocodeResult whose status keeps "not found" (nobody knows the place) apart from
"service unavailable" (the online service could not be asked): only the first is worth writing down.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from geopy.distance import distance
from geopy.exc import GeopyError

from eventmap import schema
from eventmap.geocode.base import FOUND, MAX_QUERY_CHARS, NOT_FOUND, UNAVAILABLE, Status, clean_query, normalise
from eventmap.geocode.cache import CachedAnswer, CacheError, GeocodeCache, default_cache_path
from eventmap.geocode.gazetteer import Gazetteer
from eventmap.geocode.online import ATTRIBUTION, OnlineGeocoder, describe, online_wanted, slim

# After this many service errors in a row the resolver stops asking for the rest of its life (a long file
# against a dead server would otherwise wait on every row); results say "service unavailable".
MAX_CONSECUTIVE_FAILURES = 3


@dataclass(frozen=True)
class GeocodeResult:
    """What the CLI prints and the app shows; precision is ACLED's geo_precision (1, 2, 3)."""

    query: str
    status: Status
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    provider: str | None = None  # "gazetteer" or "nominatim"
    kind: str | None = None
    precision: int | None = None
    radius_km: float | None = None
    reference: str | None = None  # the gazetteer's public reference for the point
    attribution: str | None = None  # shown wherever an OpenStreetMap answer is shown
    cached: bool = False
    error: str | None = None  # why the service was unavailable

    @property
    def found(self) -> bool:
        return self.status == FOUND

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _shown(text: str) -> str:
    return text if len(text) <= MAX_QUERY_CHARS else text[: MAX_QUERY_CHARS - 1] + "…"


class Resolver:
    """Chains the providers; each is optional (a resolver with none answers "not found")."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        cache: GeocodeCache | None = None,
        online: OnlineGeocoder | None = None,
        *,
        max_failures: int = MAX_CONSECUTIVE_FAILURES,
        warning: str = "",
    ):
        self.gazetteer, self.cache, self.online = gazetteer, cache, online
        self.max_failures = max_failures
        self._failures = 0
        self.warning = warning  # why the resolver runs without its cache; callers show it (stderr, a page)

    def _drop_cache(self, error: CacheError) -> None:
        """A cache that fails is closed and left out: answers keep coming, without it, and the warning says so."""
        cache, self.cache = self.cache, None
        if cache is not None:
            cache.close()
        self.warning = without_cache(error)
        print(f"warning: {self.warning}", file=sys.stderr)  # the app's server log, the CLI's terminal

    def _cached(self, provider: str, text: str) -> CachedAnswer | None:
        try:
            return self.cache.get(provider, text) if self.cache is not None else None
        except CacheError as error:
            self._drop_cache(error)
            return None

    def _remember(self, provider: str, text: str, location: object = None, raw: dict[str, Any] | None = None) -> None:
        try:
            if self.cache is not None and location is None:
                self.cache.put_missing(provider, text)
            elif self.cache is not None:
                self.cache.put_found(provider, text, location.latitude, location.longitude, location.address, raw or {})
        except CacheError as error:
            self._drop_cache(error)

    @property
    def online_provider(self) -> str:
        return self.online.name if self.online is not None else OnlineGeocoder.name

    def answers_key(self, clock: Callable[[], float] = time.time) -> tuple:
        """What this resolver's answers depend on beyond the gazetteer: its cache file as it is now, whether it asks
        online and how many requests just failed, its warning, and the hour (cached answers expire). While the key
        is the same, so are the answers: a caller may keep a table of them under it."""
        stamp = self.cache.stamp() if self.cache is not None else None
        return stamp, self.online is not None, self._failures, self.warning, int(clock() // 3600)

    def resolve(self, query: object) -> GeocodeResult:
        """Never raises for a bad query or a dead service: the status says what happened."""
        text = clean_query(query)
        if not normalise(text):
            return GeocodeResult(_shown(text), NOT_FOUND)
        if self.gazetteer is not None and (place := self.gazetteer.geocode(text)) is not None:
            raw = place.raw
            return GeocodeResult(
                text,
                FOUND,
                place.latitude,
                place.longitude,
                place.address,
                Gazetteer.name,
                raw["kind"],
                raw["precision"],
                raw["radius_km"],
                raw["reference"],
            )
        provider = self.online_provider
        if (answer := self._cached(provider, text)) is not None:
            if not answer.found:
                return GeocodeResult(text, NOT_FOUND, provider=provider, cached=True)
            return self._found(
                text, provider, answer.latitude, answer.longitude, answer.address, answer.raw, cached=True
            )
        if self.online is None:
            return GeocodeResult(text, NOT_FOUND)
        if self._failures >= self.max_failures:
            return GeocodeResult(
                text, UNAVAILABLE, provider=provider, error=f"not asked: the last {self._failures} requests failed"
            )
        try:
            location = self.online.geocode(text)
        except GeopyError as error:  # errors are never cached: the next run asks again
            self._failures += 1
            return GeocodeResult(text, UNAVAILABLE, provider=provider, error=f"{type(error).__name__}: {error}")
        self._failures = 0
        if location is None:
            self._remember(provider, text)
            return GeocodeResult(text, NOT_FOUND, provider=provider)
        raw = slim(location.raw if isinstance(location.raw, dict) else {})
        self._remember(provider, text, location, raw)
        return self._found(text, provider, location.latitude, location.longitude, location.address, raw)

    @staticmethod
    def _found(
        text: str,
        provider: str,
        latitude: float | None,
        longitude: float | None,
        address: str | None,
        raw: dict[str, Any],
        cached: bool = False,
    ) -> GeocodeResult:
        kind, precision, radius = describe(raw)
        return GeocodeResult(
            text,
            FOUND,
            latitude,
            longitude,
            address,
            provider,
            kind,
            precision,
            radius,
            attribution=ATTRIBUTION,
            cached=cached,
        )

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


def build_resolver(
    *,
    online: bool | None = None,
    user_agent: str | None = None,
    cache_path: Path | None = None,
    use_cache: bool = True,
    places_path: Path | None = None,
    env: Mapping[str, str] = os.environ,
    **online_options: Any,
) -> Resolver:
    """The resolver with defaults: gazetteer + cache always, Nominatim only when turned on.

    online=None follows $EVENTMAP_ONLINE_GEOCODING; user_agent=None reads $EVENTMAP_NOMINATIM_USER_AGENT;
    places_path=None reads the dataset folder's places.csv.
    Raises OnlineConfigError (online wanted, agent missing) with a message to show as is; an unusable cache
    file leaves the resolver without a cache and says why in `resolver.warning`. online_options go to
    OnlineGeocoder (timeout, domain, min_delay_seconds...).
    """
    gazetteer = Gazetteer(places_path if places_path is not None else schema.data_files(env=env).places)
    wanted = online_wanted(env) if online is None else online
    provider = (
        OnlineGeocoder(user_agent if user_agent is not None else env.get(schema.USER_AGENT_ENV), **online_options)
        if wanted
        else None
    )
    try:
        cache = GeocodeCache(cache_path or default_cache_path(env)) if use_cache else None
    except CacheError as error:
        return Resolver(gazetteer, None, provider, warning=without_cache(error))
    return Resolver(gazetteer, cache, provider)


def without_cache(error: CacheError) -> str:
    return f"{error}. Geocoding goes on without a cache: the gazetteer still answers, online answers are not kept."


def geocoding_table(frame: pd.DataFrame, resolver: Resolver) -> pd.DataFrame:
    """Each distinct place of an events frame: how it resolves, and its distance from the row's coordinates."""
    placed = frame[frame["location"].astype(str) != ""]
    if placed.empty:
        return pd.DataFrame(
            columns=["location", "events", "status", "provider", "kind", "precision", "km from data", "reference"]
        )
    first = placed.groupby(placed["location"].astype(str), observed=True).agg(
        events=("event_id_cnty", "size"), latitude=("latitude", "first"), longitude=("longitude", "first")
    )
    rows = []
    for location, place in first.iterrows():
        result = resolver.resolve(location)
        apart = None
        if result.found and pd.notna(place["latitude"]):
            apart = round(distance((place["latitude"], place["longitude"]), (result.latitude, result.longitude)).km, 1)
        rows.append(
            {
                "location": location,
                "events": int(place["events"]),
                "status": result.status,
                "provider": result.provider or "",
                "kind": result.kind or "",
                "precision": result.precision,
                "km from data": apart,
                "reference": result.reference or result.attribution or "",
            }
        )
    return pd.DataFrame(rows)
