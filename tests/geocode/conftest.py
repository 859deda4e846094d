"""Every geocode test runs offline, with its own cache folder and home, and no online settings from the shell."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from geopy.location import Location

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No real home cache, no inherited online switch or agent, no proxies, and no socket beyond loopback."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(home / "cache"))
    for name in (
        "EVENTMAP_ONLINE_GEOCODING",
        "EVENTMAP_NOMINATIM_USER_AGENT",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if host not in LOOPBACK:
            raise OSError(f"tests must not use the network (tried {address!r})")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


class FakeGeocoder:
    """Stands in for Nominatim: answers from a dict (a Location, None, or an exception to raise) and counts calls."""

    def __init__(self, answers: dict[str, Any] | None = None):
        self.answers = answers or {}
        self.calls: list[str] = []

    def geocode(self, query: str, exactly_one: bool = True, **kwargs: Any) -> Any:
        self.calls.append(query)
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return answer


def nominatim_location(
    name: str, lat: float, lon: float, *, kind: str = "town", rank: int = 16, half_deg: float = 0.02
) -> Location:
    """A Location shaped like a Nominatim jsonv1 answer."""
    raw = {
        "lat": str(lat),
        "lon": str(lon),
        "display_name": name,
        "class": "place",
        "type": kind,
        "addresstype": kind,
        "place_rank": rank,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "boundingbox": [str(lat - half_deg), str(lat + half_deg), str(lon - half_deg), str(lon + half_deg)],
    }
    return Location(name, (lat, lon), raw)
