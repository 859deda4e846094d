"""The chain gazetteer -> cache -> online, and what each answer says."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from geopy.exc import GeocoderUnavailable

from eventmap.geocode.cache import GeocodeCache
from eventmap.geocode.gazetteer import Gazetteer
from eventmap.geocode.online import ATTRIBUTION, OnlineConfigError, OnlineGeocoder
from eventmap.geocode.resolver import GeocodeResult, Resolver, build_resolver

from .conftest import FakeGeocoder, nominatim_location

AGENT = "eventmap-tests/1.0 (tests@example.org)"


def online_with(fake: FakeGeocoder, min_delay: float = 0.0) -> OnlineGeocoder:
    return OnlineGeocoder(AGENT, geocoder=fake, min_delay_seconds=min_delay, domain="test", max_retries=0)


@pytest.fixture()
def cache(tmp_path: Path) -> GeocodeCache:
    with GeocodeCache(tmp_path / "c.sqlite3") as opened:
        yield opened


def test_offline_gazetteer_answer(cache):
    result = Resolver(Gazetteer(), cache).resolve("Alpha AB")  # the sample gazetteer (the tests' dataset folder)
    assert result.status == "found" and result.provider == "gazetteer"
    assert (result.latitude, result.longitude) == (33.5, 42.5)
    assert result.kind == "base" and result.precision == 1 and result.radius_km == 3
    assert result.reference.startswith("http://198.51.100.7/alpha") and result.attribution is None
    assert list(result.as_dict()) == [
        "query",
        "status",
        "latitude",
        "longitude",
        "address",
        "provider",
        "kind",
        "precision",
        "radius_km",
        "reference",
        "attribution",
        "cached",
        "error",
    ]


def test_offline_unknown_and_empty_are_not_found(cache):
    resolver = Resolver(Gazetteer(), cache)
    assert resolver.resolve("Atlantis").status == "not found"
    empty = resolver.resolve("   ")
    assert empty.status == "not found" and empty.query == ""
    long = resolver.resolve("word " * 1000)
    assert long.status == "not found" and len(long.query) <= 200


def test_gazetteer_places_never_reach_the_network(cache):
    fake = FakeGeocoder()
    Resolver(Gazetteer(), cache, online_with(fake)).resolve("Bravo Town")
    assert fake.calls == []


def test_a_repeat_comes_from_the_cache_without_network_or_waiting(cache):
    fake = FakeGeocoder({"Mosul": nominatim_location("Mosul, Iraq", 36.34, 43.13)})
    resolver = Resolver(Gazetteer(), cache, online_with(fake, min_delay=5.0))
    first = resolver.resolve("Mosul")
    assert first.status == "found" and not first.cached and first.attribution == ATTRIBUTION
    started = time.monotonic()
    again = resolver.resolve("  MOSUL ")
    assert time.monotonic() - started < 1.0  # a hit does not wait the 5 s the limiter would impose
    assert again.cached and again.status == "found" and (again.latitude, again.longitude) == (36.34, 43.13)
    assert again.provider == "nominatim" and again.attribution == ATTRIBUTION and again.precision == 1
    assert fake.calls == ["Mosul"]


def test_a_miss_is_cached_too(cache):
    fake = FakeGeocoder({"Atlantis": None})
    resolver = Resolver(Gazetteer(), cache, online_with(fake))
    assert resolver.resolve("Atlantis").status == "not found"
    second = resolver.resolve("Atlantis")
    assert second.status == "not found" and second.cached
    assert fake.calls == ["Atlantis"]


def test_errors_are_reported_as_unavailable_and_never_cached(cache):
    fake = FakeGeocoder({"Mosul": GeocoderUnavailable("connection refused")})
    resolver = Resolver(Gazetteer(), cache, online_with(fake))
    result = resolver.resolve("Mosul")
    assert result.status == "service unavailable" and "connection refused" in result.error
    assert resolver.resolve("Mosul").status == "service unavailable"
    assert fake.calls == ["Mosul", "Mosul"]
    assert len(cache) == 0


def test_after_repeated_failures_the_service_is_no_longer_asked(cache):
    fake = FakeGeocoder({name: GeocoderUnavailable("down") for name in "abcde"})
    resolver = Resolver(Gazetteer(), cache, online_with(fake), max_failures=3)
    results = [resolver.resolve(name) for name in "abcde"]
    assert all(r.status == "service unavailable" for r in results)
    assert fake.calls == ["a", "b", "c"]
    assert "not asked" in results[-1].error


def test_the_answers_key_changes_when_the_answers_may(cache):
    """Same key, same answers: a written answer, a failed request and the next hour each change it."""
    fake = FakeGeocoder({"Mosul": GeocoderUnavailable("down"), "Atlantis": None})
    resolver = Resolver(Gazetteer(), cache, online_with(fake))
    hour = lambda: 7_200.0  # noqa: E731
    first = resolver.answers_key(hour)
    resolver.resolve("Bravo Town")  # the gazetteer answers: nothing written
    assert resolver.answers_key(hour) == first
    resolver.resolve("Atlantis")  # "no such place" is written to the cache
    written = resolver.answers_key(hour)
    assert written != first
    resolver.resolve("Mosul")  # the service failed: not written, but the next answers may differ
    assert resolver.answers_key(hour) != written
    assert resolver.answers_key(lambda: 10_800.0)[-1] != resolver.answers_key(hour)[-1]
    assert Resolver(Gazetteer(), None, None).answers_key(hour)[:3] == (None, False, 0)


def test_the_cache_still_answers_when_offline(cache):
    cache.put_found("nominatim", "Mosul", 36.34, 43.13, "Mosul, Iraq", {})
    result = Resolver(Gazetteer(), cache).resolve("Mosul")
    assert result.status == "found" and result.cached


def test_real_nominatim_at_a_closed_port_is_service_unavailable_not_not_found(tmp_path: Path):
    resolver = build_resolver(
        online=True,
        user_agent=AGENT,
        cache_path=tmp_path / "c.sqlite3",
        domain="127.0.0.1:1",
        scheme="http",
        timeout=3,
        min_delay_seconds=0,
        max_retries=0,
        proxies={},
    )
    try:
        result = resolver.resolve("Some Village Nobody Curated")
        assert result.status == "service unavailable"
        assert result.provider == "nominatim" and result.error
        assert len(resolver.cache) == 0
    finally:
        resolver.close()


def test_build_resolver_defaults_follow_the_environment(tmp_path: Path):
    offline = build_resolver(env={"EVENTMAP_CACHE_DIR": str(tmp_path)})
    assert offline.online is None and offline.cache.path == tmp_path / "geocode.sqlite3"
    offline.close()
    env = {
        "EVENTMAP_CACHE_DIR": str(tmp_path),
        "EVENTMAP_ONLINE_GEOCODING": "1",
        "EVENTMAP_NOMINATIM_USER_AGENT": AGENT,
    }
    online = build_resolver(env=env)
    assert online.online is not None and online.online.user_agent == AGENT
    online.close()
    with pytest.raises(OnlineConfigError, match="EVENTMAP_NOMINATIM_USER_AGENT"):
        build_resolver(env={"EVENTMAP_CACHE_DIR": str(tmp_path), "EVENTMAP_ONLINE_GEOCODING": "1"})
    assert build_resolver(online=False, env=env, use_cache=False).online is None


def test_tests_use_a_temporary_cache_not_the_real_home_one():
    resolver = build_resolver()
    try:
        assert resolver.cache.path == Path(os.environ["EVENTMAP_CACHE_DIR"]) / "geocode.sqlite3"
        assert resolver.cache.path.is_relative_to(Path.home())  # HOME is a temporary folder in these tests
    finally:
        resolver.close()


def test_result_is_found_only_when_found():
    assert GeocodeResult("x", "found").found
    assert not GeocodeResult("x", "service unavailable").found


def _corrupt_cache(path: Path) -> None:
    """A real cache with a damaged page in the middle: opening works, reading the table fails."""
    with GeocodeCache(path) as cache:
        for number in range(400):
            cache.put_found("nominatim", f"place {number}", 1.0, 2.0, "x" * 200, {"n": number})
    body = bytearray(path.read_bytes())
    body[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    path.write_bytes(bytes(body))


@pytest.mark.parametrize("damage", ["not a database", "damaged page"])
def test_a_broken_cache_degrades_to_no_cache_loudly_and_the_gazetteer_still_answers(tmp_path: Path, damage):
    path = tmp_path / "geocode.sqlite3"
    if damage == "not a database":
        path.write_bytes(b"this is not a database" * 100)
    else:
        _corrupt_cache(path)
    resolver = build_resolver(online=False, cache_path=path)
    answers = [resolver.resolve("Alpha Base"), resolver.resolve("place 7"), resolver.resolve("place 300")]
    assert answers[0].found and answers[0].provider == "gazetteer"
    assert [a.status for a in answers[1:]] == ["not found", "not found"]
    assert resolver.cache is None and str(path) in resolver.warning and "without a cache" in resolver.warning


def test_a_cache_that_breaks_while_answering_is_said_on_stderr(tmp_path: Path, capsys):
    path = tmp_path / "geocode.sqlite3"
    resolver = build_resolver(online=False, cache_path=path)
    _corrupt_cache(path)
    assert resolver.resolve("place 300").status == "not found" and resolver.cache is None
    assert "without a cache" in capsys.readouterr().err
