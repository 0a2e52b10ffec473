#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Translation checks (TAP):
- every file that has translatable strings is listed in po/POTFILES, and every
  listed file exists, once, in sorted order;
- every .po in po/LINGUAS compiles (msgfmt --check) with nothing fuzzy or
  untranslated;
- every msgid extracted from the POTFILES right now has a translation in each
  .po (so a new string fails the test until it is translated)."""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, 'po')
results = []


def check(ok, name, detail=''):
    results.append((ok, name, detail))


def listed_files():
    out = []
    with open(os.path.join(po_dir, 'POTFILES'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                out.append(line)
    return out


potfiles = listed_files()
missing = [p for p in potfiles if not os.path.exists(os.path.join(root, p))]
check(not missing, 'every file in po/POTFILES exists', ', '.join(missing))
unsorted = [f'{a} before {b}' for a, b in zip(potfiles, potfiles[1:]) if a >= b]
check(not unsorted, 'po/POTFILES is sorted (LC_ALL=C sort), each file once', ', '.join(unsorted))

c_pattern = re.compile(r'\b(_|N_|C_|NC_)\s*\(\s*"')
ui_pattern = re.compile(r'translatable="yes"')
unlisted = []
for top in ('src', 'ui', 'data'):
    for dirpath, _dirs, files in os.walk(os.path.join(root, top)):
        for name in files:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            try:
                text = open(path, encoding='utf-8').read()
            except (UnicodeDecodeError, OSError):
                continue
            if name.endswith('.c') or name.endswith('.h'):
                has = c_pattern.search(text) is not None
            elif name.endswith('.ui'):
                has = ui_pattern.search(text) is not None
            else:
                continue
            if has and rel not in potfiles:
                unlisted.append(rel)
check(not unlisted, 'po/POTFILES lists every file with translatable strings',
      'missing: ' + ', '.join(sorted(unlisted)))

linguas = []
with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
    for line in f:
        linguas += [w for w in line.split() if not w.startswith('#')]
check(bool(linguas), 'po/LINGUAS names at least one language')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'suanpan.pot')
    cmd = ['xgettext', '--package-name=suanpan', '--from-code=UTF-8', '--add-comments',
           '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
           '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
           '--keyword=g_dpgettext2:2c,3', '-o', pot, '-D', root] + potfiles
    proc = subprocess.run(cmd, capture_output=True, text=True)
    check(proc.returncode == 0, 'xgettext extracts the strings', proc.stderr.strip())

    for lang in linguas:
        po = os.path.join(po_dir, lang + '.po')
        proc = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                              capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
        stats = (proc.stderr + proc.stdout).strip()
        ok = proc.returncode == 0 and 'untranslated' not in stats and 'fuzzy' not in stats
        check(ok, f'{lang}.po compiles and is complete', stats)
        if os.path.exists(pot):
            proc = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True,
                                  env=dict(os.environ, LC_ALL='C'))
            lines = [l for l in proc.stderr.splitlines() if 'this message' in l or 'msgid' in l]
            check(proc.returncode == 0, f'{lang}.po translates every current string',
                  '\n'.join(proc.stderr.splitlines()[:40]))

print(f'1..{len(results)}')
for i, (ok, name, detail) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    if not ok and detail:
        for line in detail.splitlines():
            print(f'# {line}')
sys.exit(0 if all(r[0] for r in results) else 1)
