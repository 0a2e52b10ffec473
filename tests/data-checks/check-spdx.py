#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file carries the project's licence (GPL-3.0-or-later, see
COPYING and meson.build) as an SPDX line (TAP): first line of a .c/.h, first
line after the #! of a script.  Usage: check-spdx.py SOURCE_ROOT"""
import os
import sys

root = sys.argv[1]
C_LINE = '/* SPDX-License-Identifier: GPL-3.0-or-later */'
SH_LINE = '# SPDX-License-Identifier: GPL-3.0-or-later'
missing = []
for top in ('src', 'tests', 'tools'):
    for dirpath, dirs, names in os.walk(os.path.join(root, top)):
        dirs.sort()
        for n in sorted(names):
            path = os.path.join(dirpath, n)
            rel = os.path.relpath(path, root)
            if n.endswith(('.c', '.h')):
                want = C_LINE
            elif n.endswith(('.py', '.sh')):
                want = SH_LINE
            else:
                continue
            lines = open(path, encoding='utf-8').read().split('\n', 2)
            first = lines[1] if lines[0].startswith('#!') and len(lines) > 1 else lines[0]
            if first != want:
                missing.append(rel)
print('1..1')
print(f'{"not ok" if missing else "ok"} 1 - every source file starts with its SPDX licence line')
for m in missing:
    print(f'# {m}: first line (after any #!) must be: {C_LINE if m.endswith((".c", ".h")) else SH_LINE}')
sys.exit(1 if missing else 0)
