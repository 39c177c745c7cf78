#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors, and runs
# every test: unit, integration, GUI (under Xvfb), keychain (real gnome-keyring)
# and end-to-end (official SDKs from npm).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
# The e2e tests' npm packages, exactly as package-lock.json pins them.
npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
# The benchmark's peer, Portkey's gateway, for the bench smoke test.
npm ci --prefix tests/bench --no-audit --no-fund --loglevel=error
preset=${SIGNALBOX_PRESET:-ci}
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset" -j2 "$@"
