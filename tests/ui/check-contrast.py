#!/usr/bin/python3
# check-contrast.py — non-text contrast (WCAG 2.1, 1.4.11) of the theme in every look
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the style sheets as loket-theme.c layers them (loket.css, then large-text.css,
# then high-contrast.css: a later sheet wins whatever its selectors) and, for each look,
# resolves the colours that show where a control is and which state it is in — a field's
# border, the focus rings, the frames of buttons and toggles, a check box, a key — and
# checks each against the background it stands on: at least 3:1. A colour written as
# alpha(currentColor, a) is blended over that background, as GTK draws it.
#
# Usage: check-contrast.py CSS_DIR   (TAP on standard output)

import re
import sys
from pathlib import Path

LOOKS = {
    'default': ['loket.css'],
    'large-text': ['loket.css', 'large-text.css'],
    'high-contrast': ['loket.css', 'high-contrast.css'],
    'large-text+high-contrast': ['loket.css', 'large-text.css', 'high-contrast.css'],
}

# (what, selector, property, the selector of the ground it stands on)
# property 'border' reads border / border-color; 'outline' reads outline / outline-color;
# 'background' a checked control's fill.
WINDOW = 'window.loket'
KEYBOARD = 'loketkeyboard'
# (what, the selectors that reach it — the general first, property, the ground's selector)
CONTROLS = [
    ('focus ring', ['window.loket *:focus-visible'], 'outline', WINDOW),
    ('a field\'s focus ring', ['window.loket *:focus-visible', 'window.loket entry:focus-within'],
     'outline', WINDOW),
    ('a field\'s border', ['window.loket entry'], 'border', WINDOW),
    ('a field\'s border on its own ground', ['window.loket entry'], 'border', 'window.loket entry'),
    ('a wrong field\'s border', ['window.loket entry', 'window.loket entry.error',
                                 'loketfieldrow entry.error'], 'border', WINDOW),
    ('a button\'s frame', ['button', 'window.loket button'], 'border', WINDOW),
    ('the main action', ['button', 'window.loket button', 'button.suggested-action',
                         'window.loket button.suggested-action'], 'background', WINDOW),
    ('a language button\'s frame', ['button', 'window.loket button',
                                    'button.loket-header-button'], 'border', WINDOW),
    ('the chosen language', ['window.loket button:checked',
                             'button.loket-header-button:checked'], 'background', WINDOW),
    ('Back\'s frame', ['button', 'window.loket button', '.loket-footer button.loket-back'],
     'border', WINDOW),
    ('Help\'s frame', ['button', 'window.loket button', '.loket-footer button.loket-help'],
     'border', WINDOW),
    ('a secondary button\'s frame', ['button', 'window.loket button', 'button.loket-secondary'],
     'border', WINDOW),
    ('a language choice\'s frame', ['button', 'window.loket button',
                                    'button.loket-language-choice'], 'border', WINDOW),
    ('a tile\'s frame', ['button', 'window.loket button', 'button.loket-tile'], 'border', WINDOW),
    ('a chosen tile', ['window.loket button:checked', 'button.loket-tile:checked'],
     'background', WINDOW),
    ('a review answer\'s frame', ['button', 'window.loket button', 'button.loket-review-answer'],
     'border', WINDOW),
    ('a check box\'s frame', ['window.loket checkbutton check'], 'border', WINDOW),
    ('a ticked check box', ['window.loket checkbutton check:checked'], 'background', WINDOW),
    ('a vision toggle\'s frame', ['button', 'window.loket button',
                                  'window.loket button.loket-vision'], 'border', WINDOW),
    ('a vision toggle on', ['window.loket button:checked', 'window.loket button.loket-vision:checked'],
     'background', WINDOW),
    ('a done task\'s frame', ['button', 'window.loket button', 'window.loket button.loket-task'],
     'border', WINDOW),
    ('the task on screen', ['.loket-task-current'], 'border', WINDOW),
    ('a key\'s frame', ['button', 'window.loket button', 'loketkeyboard button.loket-key'],
     'border', KEYBOARD),
]

NAMED = {'white': (255, 255, 255), 'black': (0, 0, 0)}


def parse(text):
    """[(selectors, {property: value})] in the order of the sheet."""
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    rules = []
    for selectors, body in re.findall(r'([^{}]+)\{([^{}]*)\}', text):
        decls = {}
        for decl in body.split(';'):
            if ':' in decl:
                name, value = decl.split(':', 1)
                decls[name.strip()] = value.strip()
        rules.append(([' '.join(s.split()) for s in selectors.split(',')], decls))
    return rules


def resolve(sheets, selectors, names):
    """The value of any of names for a widget that selectors reach (the general first): in
    one sheet the most particular selector that sets it (GTK weighs selectors within one
    provider), and a later sheet over an earlier one whatever its selector (a provider of
    a higher priority wins)."""
    if isinstance(selectors, str):
        selectors = [selectors]
    found = None
    for rules in sheets:
        in_sheet = None
        for selector in selectors:
            for rule_selectors, decls in rules:
                if selector in rule_selectors:
                    for name in names:
                        if name in decls:
                            in_sheet = decls[name]
        if in_sheet is not None:
            found = in_sheet
    return found


def colour_of(value):
    """A colour in a declaration: (r, g, b), ('alpha', a) for alpha(currentColor, a), or
    None (none given, or transparent)."""
    if value is None:
        return None
    m = re.search(r'alpha\(\s*currentColor\s*,\s*([0-9.]+)\s*\)', value)
    if m:
        return ('alpha', float(m.group(1)))
    m = re.search(r'#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b', value)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = ''.join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    for name, rgb in NAMED.items():
        if re.search(r'\b%s\b' % name, value):
            return rgb
    return None


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ground(sheets, selector):
    value = resolve(sheets, selector, ['background-color', 'background'])
    colour = colour_of(value)
    if colour is None or colour[0] == 'alpha':
        return ground(sheets, WINDOW) if selector != WINDOW else None
    return colour


def text_colour(sheets, selectors):
    for s in list(reversed(selectors)) + [WINDOW]:
        colour = colour_of(resolve(sheets, s, ['color']))
        if colour is not None and colour[0] != 'alpha':
            return colour
    return (0, 0, 0)


def main():
    css_dir = Path(sys.argv[1])
    tests = []
    for look, files in LOOKS.items():
        sheets = [parse((css_dir / f).read_text()) for f in files]
        for what, selectors, prop, on in CONTROLS:
            selector = selectors[-1]
            names = {'border': ['border', 'border-color'],
                     'outline': ['outline', 'outline-color'],
                     'background': ['background-color', 'background']}[prop]
            value = resolve(sheets, selectors, names)
            colour = colour_of(value)
            back = ground(sheets, on)
            if colour is not None and colour[0] == 'alpha':
                fore = text_colour(sheets, selectors)
                colour = tuple(round(colour[1] * f + (1 - colour[1]) * b)
                               for f, b in zip(fore, back))
            name = '%s: %s (%s of %s) against %s' % (look, what, prop, selector, on)
            if colour is None:
                tests.append((False, name, 'no colour given: %r' % value))
                continue
            r = ratio(colour, back)
            tests.append((r >= 3.0, name, '%.2f:1 (#%02x%02x%02x on #%02x%02x%02x)'
                          % ((r,) + tuple(colour) + tuple(back))))
    print('1..%d' % len(tests))
    for i, (ok, name, detail) in enumerate(tests, 1):
        print('%s %d - %s: %s' % ('ok' if ok else 'not ok', i, name, detail))
    return 0 if all(ok for ok, _, _ in tests) else 1


if __name__ == '__main__':
    sys.exit(main())
