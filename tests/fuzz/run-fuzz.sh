#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Smoke-run one fuzz harness: FUZZER RUNS SEED_DIR…
# libFuzzer writes new inputs into its first corpus directory, so that is a
# fresh temporary one; the seed directories are only read.
set -eu
fuzzer=$1; runs=$2; shift 2
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
seeds=""
for d in "$@"; do
  [ -d "$d" ] && seeds="$seeds $d"
done
# -error_exitcode=1: a crash or leak libFuzzer finds fails the test (its own
# default, 77, is what meson reads as "skipped")
# shellcheck disable=SC2086
"$fuzzer" -runs="$runs" -seed=1 -max_len=65536 -timeout=20 -error_exitcode=1 "$corpus" $seeds
