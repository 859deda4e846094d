#!/usr/bin/env bash
# Build static/deckmap.js, the app's map (a Streamlit component, eventmap/ui/deckmap.py), from frontend/ with the
# exact packages of frontend/package-lock.json (deck.gl and esbuild from the npm registry). The built file is
# committed, so the app never needs this step; tests/test_deckmap_bundle.py checks that it is what this builds.
# frontend/src/contract.js, the names the map shares with Python, is written first from eventmap/maps/contract.py
# (tests/maps/test_contract.py checks that it is current).
set -euo pipefail
cd "$(dirname "$0")/.."
"${PYTHON:-.venv/bin/python}" -m eventmap.maps.contract > frontend/src/contract.js
cd frontend
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
npm run --silent build
