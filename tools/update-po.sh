#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate the template from po/POTFILES and merge it into every .po of
# po/LINGUAS (new strings come in untranslated; translate them, then run
# tests/data-checks/check-translations.py).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
xgettext --package-name=suanpan --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 \
  -o "$pot" -D . $(grep -v '^#' po/POTFILES)
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --update --backup=none "po/$lang.po" "$pot"
  msgattrib --no-obsolete -o "po/$lang.po" "po/$lang.po"
  echo "po/$lang.po: $(msgfmt --statistics -o /dev/null "po/$lang.po" 2>&1)"
done
