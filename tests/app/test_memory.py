"""A full garbage collection now and then: what frees a closed session's state once Streamlit's collection after
every run is off (.streamlit/config.toml)."""

from __future__ import annotations

import gc
import weakref

import pytest

from eventmap.ui import memory


class _Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


@pytest.fixture
def no_automatic_collection():
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


def test_a_collection_runs_at_most_once_per_interval_and_frees_cycles(monkeypatch, no_automatic_collection):
    monkeypatch.setattr(memory, "_last", [1000.0])
    assert not memory.collect_now_and_then(1000.0 + memory.COLLECT_EVERY_S - 1)
    node = _Node()
    alive = weakref.ref(node)
    del node
    assert alive() is not None  # the cycle holds it; nothing collects on its own here
    assert memory.collect_now_and_then(1000.0 + memory.COLLECT_EVERY_S)
    assert alive() is None
    assert not memory.collect_now_and_then(1000.0 + memory.COLLECT_EVERY_S + 1)  # not again so soon
