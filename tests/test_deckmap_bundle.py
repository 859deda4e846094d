"""The map's JavaScript: the committed static/deckmap.js is what frontend/ builds with its pinned packages."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from eventmap.ui import deckmap
from tests.app.conftest import MAP_ELEMENT, page

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"


def test_the_committed_bundle_is_what_frontend_builds(tmp_path):
    npm = shutil.which("npm")
    if npm is None or not (FRONTEND / "node_modules" / ".bin" / "esbuild").exists():
        pytest.skip("npm or frontend/node_modules missing (./scripts/test.sh sets them up)")
    built = tmp_path / "deckmap.js"
    subprocess.run(
        [npm, "run", "--silent", "build"], cwd=FRONTEND, env={**os.environ, "OUT": str(built)}, check=True, timeout=300
    )
    assert built.read_bytes() == deckmap.BUNDLE.read_bytes(), "run scripts/build_deckmap.sh and commit the result"


def test_the_page_imports_the_map_code_from_its_own_server_by_a_url_that_changes_with_the_code():
    app = page("Map").run()
    loader = app.get(MAP_ELEMENT)[0].proto.js_content
    digest = hashlib.sha256(deckmap.BUNDLE.read_bytes()).hexdigest()[:16]
    assert f"'app/static/deckmap.js?v={digest}'" in loader, "a new build is a new URL: no stale copy is run"
    assert "://" not in loader, "nothing is fetched from another server"
