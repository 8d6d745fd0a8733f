#!/usr/bin/python3
# pseudo-po.py — writes a pseudo-translation of a gettext template, for layout and coverage tests
#
# Usage: pseudo-po.py TEMPLATE.pot OUTPUT.po [LANGUAGE]
#
# Every message becomes "[Ŵéļçöɱé ·····]": letters accented, the text lengthened by about a
# third (German and Indonesian run that much longer than English), and the whole wrapped in
# brackets, so that a test can tell a translated string from a hard-coded one and see where a
# string was cut. What a program or a parser reads is kept as it is: printf conversions
# (%s, %u, %1$s, %'d, %%), Pango markup tags and entities (<b>, &amp;), GtkBuilder mnemonics
# (the letter after '_' stays ASCII, so the accelerator does not change), placeholders in braces
# ({code}), and escapes (\n).
#
# Only Debian's own python3 and its standard library are needed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys

ACCENTS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšŧûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŦÛṼŴẊÝŽ"))

# What must pass through unchanged, tried in this order at every position.
KEEP = re.compile(r"""
    %(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]
  | <[^<>]*>                      # markup tag
  | &(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);   # entity
  | \{[A-Za-z_][A-Za-z0-9_]*\}    # {placeholder}
  | \\.                           # an escape inside the po string
  | _(?=[A-Za-z0-9])[A-Za-z0-9]   # mnemonic and its letter
""", re.VERBOSE)


def pseudo(text, c_format):
    out = []
    letters = 0
    i = 0
    while i < len(text):
        m = KEEP.match(text, i)
        if m and (c_format or not m.group(0).startswith("%")):
            out.append(m.group(0))
            i = m.end()
            continue
        ch = text[i]
        if ch.isalpha():
            letters += 1
        out.append(ACCENTS.get(ch, ch))
        i += 1
    body = "".join(out)
    if letters == 0:
        # Nothing a person reads ("%s: %s", "·"): leave it alone, it needs no translation.
        return text
    # Keep a trailing newline (in po escapes) outside the brackets, where printf wants it.
    tail = ""
    while body.endswith("\\n"):
        body, tail = body[:-2], tail + "\\n"
    pad = "·" * max(1, (letters + 2) // 3)
    return "[" + body + " " + pad + "]" + tail


def parse(path):
    """Entries of a po file as dicts of keyword -> joined (still escaped) string, plus flags."""
    entries = []
    entry = {}
    key = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                if entry:
                    entries.append(entry)
                entry, key = {}, None
                continue
            if line.startswith("#,"):
                entry.setdefault("flags", set()).update(
                    flag.strip() for flag in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                key = m.group(1)
                entry[key] = m.group(2)
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and key is not None:
                entry[key] += m.group(1)
                continue
            raise SystemExit(f"{path}: cannot read this line: {line}")
    if entry:
        entries.append(entry)
    return entries


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: pseudo-po.py TEMPLATE.pot OUTPUT.po [LANGUAGE]")
    template, output = sys.argv[1], sys.argv[2]
    language = sys.argv[3] if len(sys.argv) == 4 else "qps"

    lines = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: pseudo-translation\\n"',
        '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"',
        '"Last-Translator: pseudo-po.py\\n"',
        '"Language-Team: none\\n"',
        f'"Language: {language}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        '',
    ]
    count = 0
    for entry in parse(template):
        if entry.get("msgid", "") == "":
            continue
        c_format = "c-format" in entry.get("flags", set())
        if c_format:
            lines.append("#, c-format")
        if "msgctxt" in entry:
            lines.append(f'msgctxt "{entry["msgctxt"]}"')
        lines.append(f'msgid "{entry["msgid"]}"')
        if "msgid_plural" in entry:
            lines.append(f'msgid_plural "{entry["msgid_plural"]}"')
            lines.append(f'msgstr[0] "{pseudo(entry["msgid"], c_format)}"')
            lines.append(f'msgstr[1] "{pseudo(entry["msgid_plural"], c_format)}"')
        else:
            lines.append(f'msgstr "{pseudo(entry["msgid"], c_format)}"')
        lines.append("")
        count += 1

    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"{output}: {count} messages", file=sys.stderr)


if __name__ == "__main__":
    main()
