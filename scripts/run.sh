#!/usr/bin/env bash
# Set up (first time) and open the dashboard on http://localhost:8501 . Extra arguments go to streamlit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# `streamlit run app.py`, the libraries frozen out of the garbage collector's walk first (eventmap/ui/serve.py)
exec .venv/bin/python -m eventmap serve --browser.gatherUsageStats false "$@"
