#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command 1 of the README: install what Suanpan needs (Debian 12), build it,
# and launch it from the build directory with the built-in demo catalog.
# Extra arguments are passed to the app (e.g. --data-dir DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash tools/install-deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build
fi
meson compile -C build

export GSETTINGS_SCHEMA_DIR="$root/build/data"
export SUANPAN_LOCALEDIR="$root/build/po"
# Settings persist in dconf when it is available, else in memory for this run.
if ! gsettings list-schemas >/dev/null 2>&1 || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found (DISPLAY/WAYLAND_DISPLAY unset); run this from a desktop session," >&2
  echo "run: or try: xvfb-run -a tools/run.sh" >&2
  exit 1
fi
exec "$root/build/src/app/suanpan" "$@"
