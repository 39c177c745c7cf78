#!/usr/bin/env bash
# Installs what is missing, builds, and starts Signalbox: the window when there
# is a display, otherwise the headless signalboxd with the same default config.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
bin="$root/build/release/app"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin/signalbox" "$@"
fi
data="${XDG_DATA_HOME:-$HOME/.local/share}/Signalbox/Signalbox"
mkdir -p "$data"
[ -f "$data/signalbox.yaml" ] || cp "$root/resources/default-config.yaml" "$data/signalbox.yaml"
echo "No display found: starting the headless signalboxd with $data/signalbox.yaml instead of the window."
echo "Point an OpenAI SDK at http://127.0.0.1:4747/v1 . Stop with Ctrl+C."
exec "$bin/signalboxd" --config "$data/signalbox.yaml" --data-dir "$data" "$@"
