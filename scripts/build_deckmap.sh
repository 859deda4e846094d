#!/usr/bin/env bash
# Build static/deckmap.js, the app's map (a Streamlit component, eventmap/ui/deckmap.py), from frontend/ with the
# exact packages of frontend/package-lock.json (deck.gl and esbuild from the npm registry). The built file is
# committed, so the app never needs this step; tests/test_deckmap_bundle.py checks that it is what this builds.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
npm run --silent build
