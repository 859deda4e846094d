"""The sqlite3 cache: where it lives, what a key is, what expires when."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventmap.geocode.cache import CacheError, GeocodeCache, default_cache_path


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_default_path_is_in_the_user_cache_unless_the_env_moves_it(tmp_path: Path):
    assert default_cache_path({"HOME": "/x"}) == Path.home() / ".cache" / "eventmap" / "geocode.sqlite3"
    assert default_cache_path({"EVENTMAP_CACHE_DIR": str(tmp_path)}) == tmp_path / "geocode.sqlite3"


def test_answers_are_keyed_by_provider_and_normalised_query(tmp_path: Path):
    with GeocodeCache(tmp_path / "c.sqlite3") as cache:
        cache.put_found("nominatim", "Ain al-Asad AB", 33.78, 42.44, "Al Asad", {"type": "military"})
        answer = cache.get("nominatim", "AIN AL ASAD AIR BASE")
        assert answer is not None and answer.found and answer.latitude == 33.78 and answer.raw == {"type": "military"}
        assert cache.get("other", "Ain al-Asad AB") is None


def test_answers_persist_across_runs(tmp_path: Path):
    path = tmp_path / "sub" / "c.sqlite3"
    with GeocodeCache(path) as cache:
        cache.put_missing("nominatim", "Nowhere")
    with GeocodeCache(path) as cache:
        answer = cache.get("nominatim", "nowhere")
        assert answer is not None and not answer.found
        assert len(cache) == 1


def test_misses_expire_sooner_than_hits(tmp_path: Path):
    clock = Clock()
    cache = GeocodeCache(tmp_path / "c.sqlite3", hit_ttl=100, miss_ttl=10, clock=clock)
    cache.put_found("nominatim", "Found", 1.0, 2.0, "Found", {})
    cache.put_missing("nominatim", "Missing")
    clock.now += 9
    assert cache.get("nominatim", "Missing") is not None
    clock.now += 2  # 11 s: past the miss lifetime, well within the hit lifetime
    assert cache.get("nominatim", "Missing") is None
    assert cache.get("nominatim", "Found") is not None
    clock.now += 90
    assert cache.get("nominatim", "Found") is None


def test_misses_may_not_outlive_hits(tmp_path: Path):
    with pytest.raises(ValueError):
        GeocodeCache(tmp_path / "c.sqlite3", hit_ttl=10, miss_ttl=100)


def test_a_file_that_is_not_a_cache_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CacheError, match="delete the file"):
        GeocodeCache(path)


def test_hostile_queries_are_stored_as_data(tmp_path: Path):
    with GeocodeCache(tmp_path / "c.sqlite3") as cache:
        nasty = "x'); DROP TABLE answers; --"
        cache.put_missing("nominatim", nasty)
        assert cache.get("nominatim", nasty) is not None
        cache.put_missing("nominatim", "   ")  # nothing to key on: ignored
        assert cache.get("nominatim", "") is None
        assert len(cache) == 1
