#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Take a screenshot of the running app under Xvfb (for the README).
# Usage: tools/screenshot.sh OUTPUT.png [LANGUAGE] [BUILDDIR]
set -euo pipefail
out=${1:?usage: tools/screenshot.sh OUTPUT.png [LANGUAGE] [BUILDDIR]}
lang=${2:-en}
build=${3:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$root/$build/data" \
       SUANPAN_LOCALEDIR="$root/$build/po" SUANPAN_DATA_DIR="$data" \
       LANG=C.UTF-8 LANGUAGE="$lang" GTK_A11Y=none NO_AT_BRIDGE=1
xvfb-run -a -s '-screen 0 1200x760x24' bash -c "
  '$root/$build/src/app/suanpan' & pid=\$!
  sleep \${SUANPAN_SHOT_DELAY:-4}
  xdotool mousemove 1199 759 2>/dev/null || true
  sleep 1
  import -window root '$out'
  kill \$pid
"
echo "wrote $out"
