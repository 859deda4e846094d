"""Shared fixtures. In CI (CI=true) a skipped test fails the run: browser and source checks must really run there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventmap.schema import CACHE_DIR_ENV, DATA_DIR_ENV, EVENTS_ENV, ONLINE_GEOCODING_ENV, SOURCES_ENV

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES_DIR = Path(os.environ.get(SOURCES_ENV, ROOT.parent / "shared" / "sources"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

_skipped: list[str] = []


@pytest.fixture(scope="session")
def source_texts() -> dict[str, str]:
    """The two source reports; the project cites them but does not ship them."""
    from eventmap.load import read_source_texts

    if not SOURCES_DIR.is_dir():
        pytest.skip(f"source texts not found at {SOURCES_DIR} (set EVENTMAP_SOURCES)")
    return read_source_texts(SOURCES_DIR)


@pytest.fixture(scope="session", autouse=True)
def _sample_data(sample_dir):
    """Every test runs on the sample dataset folder ($EVENTMAP_DATA), session and module fixtures included;
    the shipped data/ is read only by tests marked shipped_data (see _shipped_data)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(sample_dir))
        yield sample_dir


@pytest.fixture(autouse=True)
def _shipped_data(request, monkeypatch):
    """A test marked shipped_data sees the shipped data/ as the dataset folder in use."""
    if request.node.get_closest_marker("shipped_data"):
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path_factory, monkeypatch):
    """Tests never touch the user's geocoding cache or turn online geocoding on."""
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv(ONLINE_GEOCODING_ENV, raising=False)
    monkeypatch.delenv(EVENTS_ENV, raising=False)


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if IN_CI and _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if IN_CI and _skipped:
        terminalreporter.write_line(f"CI: {len(_skipped)} test(s) were skipped, which CI does not allow:", red=True)
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The made-up dataset of tests/sample.py, written once per run."""
    from tests import sample

    return sample.write_dataset(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample(sample_dir):
    """The sample dataset loaded as the app loads the curated one."""
    from eventmap.load import load_curated

    return load_curated(sample_dir)
