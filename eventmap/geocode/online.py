"""Nominatim (OpenStreetMap) through geopy, only when the user turns it on and says who is asking.

The public server's usage policy asks for an identifying User-Agent, at most one request a second, and caching;
this module enforces the first two, the cache module does the third.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from typing import Any

from geopy.distance import great_circle
from geopy.exc import ConfigurationError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from eventmap import schema
from eventmap.geocode.base import precision_for_radius

ATTRIBUTION = "Data © OpenStreetMap contributors, ODbL"
USAGE_POLICY = "https://operations.osmfoundation.org/policies/nominatim/"
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"
DEFAULT_TIMEOUT = 10.0
PUBLIC_MIN_DELAY = 1.0
# Agents that identify nobody and that geopy does not know of: ours bare, and HTTP libraries' defaults.
# (geopy's own Nominatim refuses its default and its documentation's sample agents.)
_ANONYMOUS_AGENTS = ("eventmap",)
_LIBRARY_PREFIXES = ("python-", "geopy/")


class OnlineConfigError(ValueError):
    """Online geocoding was asked for but cannot start as configured; the message says how to fix it."""


def check_user_agent(user_agent: str | None) -> str:
    """The agent to send, or OnlineConfigError: Nominatim blocks anonymous and sample agents."""
    agent = (user_agent or "").strip()
    how = (
        f"set {schema.USER_AGENT_ENV} (or --user-agent) to something that names your project and a contact, "
        f'e.g. "eventmap-yourteam/1.0 (you@example.org)"; see {USAGE_POLICY}'
    )
    if not agent:
        raise OnlineConfigError(f"online geocoding refused: no Nominatim user agent given: {how}")
    if len(agent) > 200 or any(not ch.isprintable() for ch in agent):
        raise OnlineConfigError(f"online geocoding refused: the user agent must be one printable line: {how}")
    sample = agent.casefold() in _ANONYMOUS_AGENTS or agent.casefold().startswith(_LIBRARY_PREFIXES)
    try:
        Nominatim(user_agent=agent)  # geopy refuses its default and sample agents for the public server
    except ConfigurationError:
        sample = True
    if sample:
        raise OnlineConfigError(f"online geocoding refused: user agent {agent!r} is a default or sample: {how}")
    return agent


def online_wanted(env: Mapping[str, str] = os.environ) -> bool:
    """True when EVENTMAP_ONLINE_GEOCODING turns the online look-up on (1/true/yes/on)."""
    return env.get(schema.ONLINE_GEOCODING_ENV, "").strip().casefold() in ("1", "true", "yes", "on")


class OnlineGeocoder:
    """Nominatim behind geopy's RateLimiter, which never swallows errors.

    So `geocode()` returns a Location (found), None (the service answered: no such place), or raises a
    geopy.exc.GeocoderServiceError subclass (timed out, unavailable, refused...): callers keep the two apart.
    `geocoder` replaces Nominatim (a fake in tests, or another geopy geocoder with the same geocode()).
    Servers other than the public one (your own Nominatim) may use a shorter min_delay_seconds.
    """

    name = "nominatim"

    def __init__(
        self,
        user_agent: str | None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        min_delay_seconds: float = PUBLIC_MIN_DELAY,
        domain: str = PUBLIC_DOMAIN,
        scheme: str = "https",
        max_retries: int = 1,
        error_wait_seconds: float = 5.0,
        proxies: dict[str, str] | None = None,
        geocoder: Any | None = None,
        language: str = "en",
    ):
        self.user_agent = check_user_agent(user_agent)
        if not (math.isfinite(timeout) and timeout > 0):
            raise OnlineConfigError(f"timeout must be a positive number of seconds, not {timeout!r}")
        if domain.strip("/") == PUBLIC_DOMAIN and not min_delay_seconds >= PUBLIC_MIN_DELAY:
            raise OnlineConfigError(
                f"the public Nominatim server allows at most one request a second "
                f"(min_delay_seconds >= {PUBLIC_MIN_DELAY}): {USAGE_POLICY}"
            )
        self.min_delay_seconds = min_delay_seconds
        self.language = language
        if geocoder is None:
            options: dict[str, Any] = {
                "user_agent": self.user_agent,
                "timeout": timeout,
                "domain": domain,
                "scheme": scheme,
            }
            if proxies is not None:
                options["proxies"] = proxies
            geocoder = Nominatim(**options)
        self.geocoder = geocoder
        self._geocode: Callable[..., Location | None] = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
            swallow_exceptions=False,
        )

    def geocode(self, query: str) -> Location | None:
        """One rate-limited look-up; errors propagate (see the class docstring)."""
        return self._geocode(query, exactly_one=True, language=self.language)


# The part of a Nominatim answer worth keeping: enough to redraw and re-describe it, nothing personal.
_KEPT = (
    "lat",
    "lon",
    "display_name",
    "class",
    "type",
    "addresstype",
    "place_rank",
    "boundingbox",
    "osm_type",
    "osm_id",
)


def slim(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The kept fields of a raw answer, JSON-safe, for the cache."""
    return json.loads(json.dumps({k: raw[k] for k in _KEPT if k in raw}, default=str))


def describe(raw: Mapping[str, Any]) -> tuple[str | None, int, float | None]:
    """(kind, ACLED precision, radius_km) of a Nominatim answer, from its type, rank and bounding box."""
    kind = raw.get("addresstype") or raw.get("type")
    radius = None
    try:
        south, north, west, east = (float(v) for v in raw["boundingbox"])
        radius = round(great_circle((south, west), (north, east)).km / 2, 3)
    except (KeyError, TypeError, ValueError):
        pass
    try:
        rank = int(raw.get("place_rank", 99))
    except (TypeError, ValueError):
        rank = 99
    precision = 3 if rank <= 8 else precision_for_radius(radius, kind)
    return kind, precision, radius
