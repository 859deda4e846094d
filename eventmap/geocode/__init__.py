"""Geocoding in geopy's style: an offline gazetteer, a persistent cache, Nominatim when turned on.

The app and the CLI use one entry point:

    from eventmap.geocode import build_resolver
    resolver = build_resolver()            # gazetteer + cache; Nominatim if EVENTMAP_ONLINE_GEOCODING=1
    result = resolver.resolve("Erbil AB")  # GeocodeResult(status="found", latitude=36.2375, ...)
"""

from eventmap.geocode.base import FOUND, NOT_FOUND, UNAVAILABLE, Status, normalise
from eventmap.geocode.cache import CacheError, GeocodeCache, default_cache_path
from eventmap.geocode.gazetteer import Gazetteer, Place, load_places
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError, OnlineGeocoder
from eventmap.geocode.resolver import GeocodeResult, Resolver, build_resolver

__all__ = [
    "ATTRIBUTION",
    "FOUND",
    "NOT_FOUND",
    "UNAVAILABLE",
    "CacheError",
    "Gazetteer",
    "GeocodeCache",
    "GeocodeResult",
    "OnlineConfigError",
    "OnlineGeocoder",
    "Place",
    "Resolver",
    "Status",
    "build_resolver",
    "default_cache_path",
    "load_places",
    "normalise",
]
