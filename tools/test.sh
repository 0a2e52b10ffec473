#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command 2 of the README: install what is needed (Debian 12), then build and
# run the whole test suite twice:
#   1. build-ci    gcc, -Dwerror=true                (warnings are errors)
#   2. build-asan  clang, -Db_sanitize=address,undefined, -Dfuzzing=true
#                  (the fuzz harnesses link libFuzzer)
# UI tests get a display from Xvfb and a private D-Bus session.
# Prints "N passed, N failed" (over both builds) as the last line.
# SUANPAN_SKIP_ASAN=1 runs only the first build.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash tools/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

jobs=$(nproc 2>/dev/null || echo 2)
status=0
logs=()

run_suite () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" || return 1
  else
    meson configure "$dir" "$@" >/dev/null || return 1
  fi
  meson compile -C "$dir" || return 1
  # a private session bus (keyring, portals) and a virtual display
  dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' \
    meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$jobs"
}

echo "== build-ci: gcc, warnings are errors"
rm -f build-ci/meson-logs/testlog.json
run_suite build-ci -Dwerror=true -Dbuildtype=debugoptimized || status=1
logs+=(build-ci/meson-logs/testlog.json)

if [ "${SUANPAN_SKIP_ASAN:-0}" != 1 ]; then
  echo "== build-asan: clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer"
  rm -f build-asan/meson-logs/testlog.json
  CC=clang run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug -Dfuzzing=true || status=1
  logs+=(build-asan/meson-logs/testlog.json)
fi

python3 - "${logs[@]}" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError:
        failed += 1
        print(f"no test log at {path} (the build failed)")
        continue
    for line in lines:
        if not line.strip():
            continue
        r = json.loads(line).get('result')
        if r in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif r == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
py=$?
[ $py -ne 0 ] && status=1
exit $status
