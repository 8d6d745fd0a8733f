#!/usr/bin/python3
# check-translations.py — a language declared complete really is complete. Prints TAP.
#
#   check-translations.py complete PO...         msgfmt --check passes and reports no fuzzy and
#                                                no untranslated message
#   check-translations.py template POT PO        every message of the (freshly made) template
#                                                has a translation in PO that is not fuzzy
#
# A string that reaches the screen in English while the citizen chose Indonesian is a bug, so
# both fail on a single missing message, and say which.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "pseudo_po", os.path.join(HERE, "..", "..", "build-aux", "pseudo-po.py"))
pseudo_po = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pseudo_po)

results = []


def check(ok, name, details=()):
    results.append((ok, name, list(details)))


def key_of(entry):
    return (entry.get("msgctxt"), entry.get("msgid", ""))


def show(key):
    ctxt, msgid = key
    return (f"[{ctxt}] " if ctxt is not None else "") + msgid


def complete(po):
    run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                         capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    check(run.returncode == 0, f"{po}: msgfmt --check",
          run.stderr.strip().splitlines() if run.returncode != 0 else ())
    stats = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    translated = re.search(r"(\d+) translated", stats)
    fuzzy = re.search(r"(\d+) fuzzy", stats)
    untranslated = re.search(r"(\d+) untranslated", stats)
    print(f"# {po}: {stats}")

    missing = []
    for entry in pseudo_po.parse(po):
        if entry.get("msgid", "") == "":
            continue
        strs = [v for k, v in entry.items() if k.startswith("msgstr")]
        if "fuzzy" in entry.get("flags", set()):
            missing.append("fuzzy: " + show(key_of(entry)))
        elif not strs or any(s == "" for s in strs):
            missing.append("untranslated: " + show(key_of(entry)))
    check(translated is not None and fuzzy is None and untranslated is None and not missing,
          f"{po}: every message translated, none fuzzy", missing)


def template(pot, po):
    translations = {}
    for entry in pseudo_po.parse(po):
        strs = [v for k, v in entry.items() if k.startswith("msgstr")]
        good = strs and all(s != "" for s in strs) and "fuzzy" not in entry.get("flags", set())
        translations[key_of(entry)] = good

    lacking = []
    count = 0
    for entry in pseudo_po.parse(pot):
        key = key_of(entry)
        if key[1] == "":
            continue
        count += 1
        if not translations.get(key, False):
            lacking.append(show(key))
    print(f"# {pot}: {count} messages, {len(lacking)} without a translation in {po}")
    check(count > 0 and not lacking,
          f"{os.path.basename(pot)}: every message has a translation in {po}", lacking)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "complete":
        for po in sys.argv[2:]:
            complete(po)
    elif len(sys.argv) == 4 and sys.argv[1] == "template":
        template(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__ or "usage: check-translations.py complete PO... | template POT PO")

    print(f"1..{len(results)}")
    for number, (ok, name, details) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
        for line in details[:200]:
            print(f"#   {line}")
        if len(details) > 200:
            print(f"#   … and {len(details) - 200} more")
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)


if __name__ == "__main__":
    main()
