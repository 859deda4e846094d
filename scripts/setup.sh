#!/usr/bin/env bash
# Set up on a fresh machine: a virtualenv with pinned packages; with --dev also the test tools and Chromium;
# with --proxy (or --dev: the replicas' tests use it) Debian's HAProxy for `run.sh --replicas N`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "--dev" ] || [ "${1:-}" = "--proxy" ]; then
  if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
    else
      echo "setup: haproxy is missing and this is not root: install Debian's haproxy for --replicas" >&2
    fi
  fi
fi
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  # Browser tests drive Debian's Chromium (Playwright's own browser download does not work offline).
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
      echo "setup: /usr/bin/chromium is missing and this is not root: browser tests will be skipped" >&2
    fi
  fi
  # The map's JavaScript is built from frontend/ by pinned npm packages; a test checks static/deckmap.js against
  # a fresh build, so the test tools include them (the app itself runs the committed file: no Node.js needed).
  if ! command -v npm >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if command -v npm >/dev/null; then
    (cd frontend && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  else
    echo "setup: npm is missing and this is not root: the map bundle's test will be skipped" >&2
  fi
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
fi
