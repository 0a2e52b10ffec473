#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every page and window of the app at 1280×800 under Xvfb, in English and
# Chinese, saved as docs/screenshots/NAME-LANGUAGE.png (for the README) by
# the ui-window tests (tests/app/test-ui-window.c: demo catalog, vouchers, a
# purchase and half a year of ledger entries).
# Usage: tools/screenshots.sh [BUILDDIR] [OUTPUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
out=${2:-$root/docs/screenshots}
mkdir -p "$out"
SUANPAN_SHOT_DIR=$(cd "$out" && pwd) dbus-run-session -- \
  xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$root/$build" --print-errorlogs ui-window-en ui-window-zh_CN
ls "$out"
