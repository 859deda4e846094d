#!/usr/bin/env bash
# Set up (first time) and run every test: unit, AppTest and the Chromium browser tests. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
