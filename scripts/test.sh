#!/usr/bin/env bash
# Set up (first time) and run every check: ruff (lint, format), then unit, AppTest and the Chromium browser tests. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
# Lint and format first: a style slip fails in seconds, before the browser tests start.
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
exec .venv/bin/python -m pytest "$@"
