"""A full garbage collection now and then: what frees a closed session's state once Streamlit's collection after
every run is off (.streamlit/config.toml)."""

from __future__ import annotations

import gc
import subprocess
import sys
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


def test_serving_freezes_the_libraries_out_of_the_walk_yet_a_later_cycle_is_still_freed():
    """`python -m eventmap serve` freezes before any session exists; a session's state, made later, stays
    collectable. Run in a child process: a freeze lasts for the life of the interpreter."""
    code = """
import gc, weakref
import eventmap.maps.spec
from eventmap.ui import memory
walked = lambda thing: any(o is thing for o in gc.get_objects())
assert walked(eventmap.maps.spec.build_deck), "tracked before"
frozen = memory.freeze_the_libraries()
assert frozen > 10_000 and not walked(eventmap.maps.spec.build_deck), frozen
class Session:
    def __init__(self): self.me = self
alive = weakref.ref(Session())
assert alive() is not None
gc.collect()
assert alive() is None, "a session closed after the freeze is freed by a full collection"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
