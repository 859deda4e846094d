"""Nominatim through geopy, without the network: configuration, errors kept apart from misses, the rate limit."""

from __future__ import annotations

import time

import geopy.extra.rate_limiter
import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders import Nominatim

from eventmap import schema
from eventmap.geocode.online import (
    ATTRIBUTION,
    OnlineConfigError,
    OnlineGeocoder,
    check_user_agent,
    describe,
    online_wanted,
)

from .conftest import FakeGeocoder, nominatim_location

AGENT = "eventmap-tests/1.0 (tests@example.org)"


def test_attribution_is_the_osm_one():
    assert ATTRIBUTION == "Data © OpenStreetMap contributors, ODbL"


@pytest.mark.parametrize(
    "agent",
    [
        None,
        "",
        "   ",
        "geopy/2.5.0",
        "my-application",
        "specify_your_app_name_here",
        "Eventmap",
        "python-requests/2.3",
        "bad\nagent",
        "x" * 300,
    ],
)
def test_missing_default_or_odd_user_agents_are_refused_with_the_fix(agent):
    with pytest.raises(OnlineConfigError) as caught:
        OnlineGeocoder(agent)
    assert "refused" in str(caught.value)
    assert schema.USER_AGENT_ENV in str(caught.value) or "one printable line" in str(caught.value)


def test_a_real_user_agent_is_sent():
    assert check_user_agent(f"  {AGENT} ") == AGENT
    online = OnlineGeocoder(AGENT)
    assert isinstance(online.geocoder, Nominatim)
    assert online.geocoder.headers["User-Agent"] == AGENT
    assert online.geocoder.timeout == 10.0


@pytest.mark.parametrize(
    ("value", "wanted"), [("1", True), ("true", True), ("ON", True), ("0", False), ("", False), ("no", False)]
)
def test_online_is_off_unless_turned_on(value, wanted):
    assert online_wanted({"EVENTMAP_ONLINE_GEOCODING": value}) is wanted
    assert online_wanted({}) is False


def test_the_public_server_gets_at_most_one_request_a_second():
    with pytest.raises(OnlineConfigError, match="one request a second"):
        OnlineGeocoder(AGENT, min_delay_seconds=0.5)
    OnlineGeocoder(AGENT, min_delay_seconds=0.1, domain="nominatim.example.org")  # your own server may go faster


def test_found_missing_and_errors_stay_apart():
    kirkuk = nominatim_location("Kirkuk, Iraq", 35.47, 44.39)
    fake = FakeGeocoder({"Kirkuk": kirkuk, "Nowhere": None, "Down": GeocoderUnavailable("no route")})
    online = OnlineGeocoder(AGENT, geocoder=fake, min_delay_seconds=0, domain="test", max_retries=0)
    assert online.geocode("Kirkuk") is kirkuk
    assert online.geocode("Nowhere") is None
    with pytest.raises(GeocoderUnavailable):  # the limiter must not swallow it into a None ("not found")
        online.geocode("Down")


def test_real_nominatim_at_a_closed_port_is_an_error_not_a_miss():
    online = OnlineGeocoder(
        AGENT, domain="127.0.0.1:1", scheme="http", timeout=3, min_delay_seconds=0, max_retries=0, proxies={}
    )
    with pytest.raises(GeocoderServiceError) as caught:
        online.geocode("Kirkuk")
    assert isinstance(caught.value, (GeocoderUnavailable, GeocoderTimedOut))


def test_rate_limit_measured():
    fake = FakeGeocoder()
    online = OnlineGeocoder(AGENT, geocoder=fake, min_delay_seconds=0.2, domain="test")
    stamps = []
    for name in ("a", "b", "c"):
        online.geocode(name)
        stamps.append(time.monotonic())
    assert len(fake.calls) == 3
    assert stamps[2] - stamps[0] >= 0.4 - 0.02


def test_rate_limit_on_the_public_server_with_a_fake_clock(monkeypatch):
    now = [1000.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(geopy.extra.rate_limiter, "default_timer", lambda: now[0])
    monkeypatch.setattr(geopy.extra.rate_limiter, "sleep", sleep)
    online = OnlineGeocoder(AGENT, geocoder=FakeGeocoder())  # public domain: 1 s
    for name in ("a", "b", "c"):
        online.geocode(name)
    assert slept == pytest.approx([1.0, 1.0])


def test_service_errors_are_retried_at_most_as_configured(monkeypatch):
    monkeypatch.setattr(geopy.extra.rate_limiter, "sleep", lambda seconds: None)
    fake = FakeGeocoder({"x": GeocoderTimedOut("slow")})
    online = OnlineGeocoder(AGENT, geocoder=fake, min_delay_seconds=0, domain="test", max_retries=1)
    with pytest.raises(GeocoderTimedOut):
        online.geocode("x")
    assert len(fake.calls) == 2


def test_describe_turns_extent_into_precision():
    town = nominatim_location("Town", 35.0, 44.0, half_deg=0.02)
    kind, precision, radius = describe(town.raw)
    assert (kind, precision) == ("town", 1) and 2 < radius < 4
    region = nominatim_location("Region", 35.0, 44.0, half_deg=0.5)
    assert describe(region.raw)[1] == 2
    country = nominatim_location("Iraq", 33.0, 44.0, kind="country", rank=4, half_deg=5)
    assert describe(country.raw)[1] == 3
    assert describe({})[1] == 2  # no extent: "near"
