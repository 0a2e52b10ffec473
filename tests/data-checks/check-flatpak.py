#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Static check of the Flatpak manifest (TAP): it cannot be built offline here."""
import json
import sys

results = []


def check(ok, name):
    results.append((bool(ok), name))


path = sys.argv[1]
try:
    with open(path, encoding='utf-8') as f:
        m = json.load(f)
    check(True, 'manifest is valid JSON')
except (OSError, ValueError) as e:
    print('1..1\nnot ok 1 - manifest is valid JSON\n# ' + str(e))
    sys.exit(1)

check(m.get('id') == 'io.github.suanpan.Suanpan', 'id is io.github.suanpan.Suanpan')
check(m.get('command') == 'suanpan', 'command is suanpan')
check(m.get('runtime') == 'org.gnome.Platform', 'runtime is org.gnome.Platform')
check(m.get('sdk') == 'org.gnome.Sdk', 'sdk is org.gnome.Sdk')
check(isinstance(m.get('runtime-version'), str) and m['runtime-version'], 'runtime-version is set')
args = m.get('finish-args', [])
check(isinstance(args, list) and all(isinstance(a, str) for a in args), 'finish-args is a list of strings')
for needed in ('--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
               '--device=dri'):
    check(needed in args, f'finish-args has {needed}')
check('--socket=x11' not in args, 'no plain X11 socket (fallback-x11 only)')
check(not any(a.startswith('--filesystem=') for a in args),
      'no filesystem access (files go through portals)')
check(not any(a in ('--socket=session-bus', '--socket=system-bus') for a in args),
      'no full D-Bus access')
check(any(a == '--talk-name=org.freedesktop.secrets' for a in args),
      'may talk to the keyring (org.freedesktop.secrets) for vendor API keys')
mods = m.get('modules', [])
check(isinstance(mods, list) and mods, 'modules is a non-empty list')
app = mods[-1] if mods and isinstance(mods[-1], dict) else {}
check(app.get('name') == 'suanpan', 'last module is suanpan')
check(app.get('buildsystem') == 'meson', 'suanpan builds with meson')
srcs = app.get('sources', [])
check(any(isinstance(s, dict) and s.get('type') == 'dir' and s.get('path') == '..' for s in srcs),
      'suanpan builds from the local checkout (dir ..)')

print(f'1..{len(results)}')
for i, (ok, name) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
sys.exit(0 if all(ok for ok, _ in results) else 1)
