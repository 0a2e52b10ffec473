#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layering rule of HACKING.md, as a test (TAP): src/core never includes
GTK/libadwaita or the front ends; src/cli never includes GTK; only the
database layer and the store's and ledger's files call SQLite."""
import os
import re
import sys

root = sys.argv[1]
inc = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
results = []


def scan(folder, forbidden, name):
    bad = []
    for dirpath, _d, files in os.walk(os.path.join(root, folder)):
        for f in files:
            if f.endswith(('.c', '.h')):
                text = open(os.path.join(dirpath, f), encoding='utf-8').read()
                for m in inc.finditer(text):
                    if any(m.group(1).startswith(p) for p in forbidden):
                        bad.append(f'{f}: {m.group(1)}')
    results.append((not bad, name, bad))


scan('src/core', ('gtk/', 'gdk/', 'adwaita', 'sp-application', 'sp-window', 'sp-offers-page',
                  'sp-preferences'), 'src/core includes no GTK, libadwaita or UI header')
scan('src/cli', ('gtk/', 'gdk/', 'adwaita', 'sp-application', 'sp-window'),
     'src/cli includes no GTK or UI header')

# Only the database layer and the store's and ledger's files speak SQLite
# (HACKING.md, folder map): nobody else calls sqlite3_*.
sql_call = re.compile(r'\bsqlite3_[a-z_0-9]+\s*\(')
bad = []
for dirpath, _d, files in os.walk(os.path.join(root, 'src')):
    rel = os.path.relpath(dirpath, os.path.join(root, 'src')).replace(os.sep, '/')
    if rel in ('core/db', 'core/store', 'core/ledger'):
        continue
    for f in files:
        if f.endswith(('.c', '.h')):
            text = open(os.path.join(dirpath, f), encoding='utf-8').read()
            if sql_call.search(text):
                bad.append(f'{rel}/{f} calls {sql_call.search(text).group(0).rstrip(" (")}')
results.append((not bad, 'only src/core/db, src/core/store and src/core/ledger call sqlite3_*', bad))

print(f'1..{len(results)}')
for i, (ok, name, bad) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    for b in bad:
        print(f'# {b}')
sys.exit(0 if all(r[0] for r in results) else 1)
