"""The hostile files, built once per session in a temporary folder."""

from __future__ import annotations

import pytest

from tests.hostile import builders


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    return builders.build(tmp_path_factory.mktemp("hostile-small"), builders.small_files())


@pytest.fixture(scope="session")
def big(tmp_path_factory):
    return builders.build(tmp_path_factory.mktemp("hostile-big"), builders.big_files())
