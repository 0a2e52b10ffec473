#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The include graph of HACKING.md ("Folders and what they may include"), as a
test (TAP), derived from the `#include "…"` lines of src/ and tests/:

1. every project header name is unique (each folder is an include directory,
   so `#include "sp-x.h"` must name one file);
2. no cycle among project headers (a header including, through others, itself);
3. every folder includes only the folders ALLOWED names for it (a target may
   be a folder or one header of a folder);
4. the folders form no cycle once the single-header grants are set aside
   (src/core is a strict stack: the bottom never reaches the top);
5. a `-private.h` is included only inside its own folder (in src/; the test
   programs are white-box and may include the private headers of what they
   test), except the pairs in PRIVATE_DEBTS, each with its reason.

Usage: check-include-graph.py SOURCE_ROOT"""
import os
import re
import sys

CORE = ['core', 'core/util', 'core/db', 'core/catalog', 'core/import', 'core/ledger',
        'core/wallet', 'core/store', 'core/refresh', 'core/subsidy', 'core/engine',
        'core/service']
APP_PAGES = ['app/offers', 'app/wallet', 'app/spending', 'app/sources']

# Folder (relative to src/, or tests/…) -> what its files may include besides
# their own folder.  Keep in step with the table in HACKING.md.
ALLOWED = {
    'core/util': [],
    'core/db': ['core/util'],
    'core/catalog': ['core/util'],
    'core/import': ['core/catalog', 'core/util'],
    'core/ledger': ['core/db', 'core/util'],
    'core/wallet': ['core/import', 'core/catalog', 'core/util'],
    'core/store': ['core/wallet', 'core/ledger', 'core/import', 'core/catalog', 'core/db',
                   'core/util'],
    'core/refresh': ['core/store', 'core/wallet', 'core/import', 'core/catalog', 'core/util'],
    'core/subsidy': ['core/store', 'core/wallet', 'core/ledger', 'core/catalog', 'core/util'],
    'core/engine': ['core/store', 'core/wallet', 'core/catalog', 'core/util'],
    'core/service': ['core/store', 'core/refresh', 'core/wallet', 'core/ledger', 'core/import',
                     'core/catalog', 'core/db', 'core/engine', 'core/util'],
    'core': CORE,
    'cli': CORE,
    'app/widgets': CORE,
    # pages: the core, the widgets, and of the shell only the application
    # object (settings, price context, store path)
    'app/sources': CORE + ['app/widgets', 'app/window/sp-application.h'],
    'app/spending': CORE + ['app/widgets', 'app/window/sp-application.h'],
    'app/wallet': CORE + ['app/widgets', 'app/window/sp-application.h'],
    'app/offers': CORE + ['app/widgets', 'app/window/sp-application.h'],
    'app/window': CORE + ['app/widgets'] + APP_PAGES,
    'app': CORE + ['app/window'],
    'tests': CORE + ['app/window'],
    'tests/core': CORE + ['tests'],
    'tests/cli': CORE + ['tests'],
    'tests/app': CORE + ['tests', 'app/window', 'app/widgets'] + APP_PAGES,
    'tests/bench': CORE + ['tests', 'app/window', 'app/widgets'] + APP_PAGES,
    'tests/fuzz': CORE + ['tests'],
}

# (including file, private header): reasons they cross a folder today.
PRIVATE_DEBTS = {
    ('src/core/import/sp-import-private.h', 'sp-offer-private.h'):
        'the adapters fill SpOffer instance structs in place (ingest speed)',
    ('src/core/engine/sp-offer-table.c', 'sp-offer-private.h'):
        'the offer table fills one scratch SpOffer per pricing run in place, so a '
        'record is priced and proposed vouchers by the catalog\'s own functions',
    ('src/core/engine/sp-offer-table-build.c', 'sp-offer-private.h'):
        'loading fills one scratch SpOffer in place, so a record gets its spec and '
        'group from the catalog\'s own functions',
    ('src/core/store/sp-store-ingest.c', 'sp-offer-private.h'):
        'the store reads SpOffer fields directly to bind them (ingest speed)',
    ('src/core/store/sp-store-columns.c', 'sp-offer-private.h'):
        'the store fills an SpOffer from a row in place (load speed)',
    ('src/core/store/sp-store-history.c', 'sp-offer-private.h'):
        'the history compares an offer\'s prices directly',
    ('src/core/store/sp-watchlist.c', 'sp-offer-private.h'):
        'price changes read an offer\'s fields directly',
}

root = sys.argv[1]
inc_re = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)
results = []


def check(ok, name, details=()):
    results.append((ok, name, list(details)))


def folder_of(rel):
    d = os.path.dirname(rel)
    return d[len('src/'):] if d.startswith('src/') else d


files = {}      # rel path -> list of included names
for top in ('src', 'tests'):
    for dirpath, dirs, names in os.walk(os.path.join(root, top)):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(('.c', '.h')):
                path = os.path.join(dirpath, n)
                rel = os.path.relpath(path, root)
                text = open(path, encoding='utf-8').read()
                files[rel] = inc_re.findall(text)

headers = {}    # basename -> [rel]
for rel in files:
    if rel.endswith('.h'):
        headers.setdefault(os.path.basename(rel), []).append(rel)

# 1. unique header names
dups = [f'{n}: {", ".join(p)}' for n, p in sorted(headers.items()) if len(p) > 1]
check(not dups, 'every project header name is unique', dups)


def resolve(name):
    paths = headers.get(os.path.basename(name))
    return paths[0] if paths else None   # None: generated or system (config.h, …)


# 2. cycles among headers
graph = {rel: [t for t in (resolve(n) for n in incs) if t] for rel, incs in files.items()}
cycles = []
state = {}


def visit(node, stack):
    state[node] = 1
    stack.append(node)
    for t in graph.get(node, []):
        if not t.endswith('.h'):
            continue
        if state.get(t) == 1:
            cycles.append(' -> '.join(stack[stack.index(t):] + [t]))
        elif t not in state:
            visit(t, stack)
    stack.pop()
    state[node] = 2


for h in sorted(r for r in files if r.endswith('.h')):
    if h not in state:
        visit(h, [])
check(not cycles, 'no include cycle among project headers', cycles)

# 3. the folder map
unknown = sorted({folder_of(r) for r in files} - set(ALLOWED))
check(not unknown, 'every folder with sources is in the map (HACKING.md)',
      [f'{u}: add it to ALLOWED and to HACKING.md' for u in unknown])

bad = []
edges = {}      # folder -> folders (header grants set aside)
for rel, incs in sorted(files.items()):
    src = folder_of(rel)
    allowed = ALLOWED.get(src, [])
    for n in incs:
        target = resolve(n)
        if target is None:
            continue
        dst = folder_of(target)
        if dst == src:
            continue
        if f'{dst}/{os.path.basename(target)}' in allowed:
            continue    # a single-header grant
        edges.setdefault(src, set()).add(dst)
        if dst not in allowed:
            bad.append(f'{rel} includes {n} ({dst}), not allowed for {src}')
check(not bad, 'every folder includes only what the map allows', bad)

# 4. folders form no cycle
fcycles = []
fstate = {}


def fvisit(node, stack):
    fstate[node] = 1
    stack.append(node)
    for t in sorted(edges.get(node, ())):
        if fstate.get(t) == 1:
            fcycles.append(' -> '.join(stack[stack.index(t):] + [t]))
        elif t not in fstate:
            fvisit(t, stack)
    stack.pop()
    fstate[node] = 2


for f in sorted(edges):
    if f not in fstate:
        fvisit(f, [])
check(not fcycles, 'no cycle among folders (single-header grants aside)', fcycles)

# 5. private headers stay in their folder
leaks = []
used_debts = set()
for rel, incs in sorted(files.items()):
    if not rel.startswith('src/'):
        continue
    for n in incs:
        if not n.endswith('-private.h'):
            continue
        target = resolve(n)
        if target is None or os.path.dirname(target) == os.path.dirname(rel):
            continue
        if (rel, n) in PRIVATE_DEBTS:
            used_debts.add((rel, n))
        else:
            leaks.append(f'{rel} includes {target}')
check(not leaks, 'a -private.h is included only inside its folder', leaks)

print(f'1..{len(results)}')
for i, (ok, name, details) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
    for d in details:
        print(f'# {d}')
for debt in sorted(set(PRIVATE_DEBTS) - used_debts):
    print(f'# note: {debt[0]} no longer includes {debt[1]}: drop it from PRIVATE_DEBTS')
sys.exit(0 if all(r[0] for r in results) else 1)
