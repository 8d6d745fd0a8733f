#!/usr/bin/env python3
# function-lengths.py [LIMIT [DIR...]] — lists the C functions of app/, ui/ and track/ longer than
# LIMIT lines (default 80). STYLE.md: none over 150, none over ~80 without a reason.
# SPDX-License-Identifier: GPL-3.0-or-later
import re, sys, os
limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
for root in sys.argv[2:] or ['app', 'ui', 'track']:
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith('.c'): continue
            p = os.path.join(d, f); lines = open(p, errors='replace').read().split('\n')
            name = None; start = None
            for i, l in enumerate(lines):
                m = re.match(r'^([A-Za-z_]\w*)\s*\(', l)
                if m: name = m.group(1)
                if l == '{' and name: start = i
                elif l.startswith('}') and start is not None:
                    n = i - start + 1
                    if n > limit: print(f'{n:4d} {p}:{start+1} {name}')
                    start = None; name = None
