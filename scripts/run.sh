#!/usr/bin/env bash
# Set up (first time) and open the dashboard on http://localhost:8501 . Extra arguments go to streamlit.
# --replicas N (N > 1): N viewer processes behind HAProxy on --port P (default 8501), docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
replicas=1
port=8501
rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas=$2; shift 2 ;;
    --replicas=*) replicas=${1#*=}; shift ;;
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#*=}; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done
if [ "$replicas" -gt 1 ]; then
  bash scripts/setup.sh --proxy
  exec .venv/bin/python -m eventmap serve-replicas --replicas "$replicas" --port "$port" \
    ${rest[@]+"${rest[@]}"}
fi
bash scripts/setup.sh
# `streamlit run asgi.py` (app.py and the feeds), the libraries frozen out of the garbage collector's walk first (eventmap/ui/serve.py)
exec .venv/bin/python -m eventmap serve --server.port "$port" --browser.gatherUsageStats false ${rest[@]+"${rest[@]}"}
