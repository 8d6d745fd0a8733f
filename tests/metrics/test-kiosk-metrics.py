#!/usr/bin/python3
# test-kiosk-metrics.py — the real kiosk's own metrics file, loket-kiosk.prom
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs under with-display (its own X server). A request is stored with loketctl (its agencies
# unreachable: port 9), then the real `loket` from the build starts with `[metrics] folder`
# set: it writes loket-kiosk.prom at once, tries every part, and writes the file once more as
# SIGTERM stops it. promtool must accept the file, and its numbers must say what the outbox
# says. TAP on stdout.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'session'))
from kiosk_env import BUILD, SOURCE, Tap, write_config  # noqa: E402

LOKET = os.path.join(BUILD, 'loket')
LOKETCTL = os.path.join(BUILD, 'app', 'loketctl')
START_SECONDS = 90       # a loaded machine starts GTK slowly
SAMPLE = re.compile(r'^([a-z_]+)(?:\{(.*)\})? (\S+)$')

tap = Tap()


def ctl(config, *args):
    return subprocess.run([LOKETCTL, '--config', config] + list(args), check=True,
                          capture_output=True, text=True).stdout


def parts(config):
    return json.loads(ctl(config, 'outbox', 'list', '--json'))['parts']


def samples(text):
    """[(name, {label: value}, number)] of the file's sample lines."""
    found = []
    for line in text.splitlines():
        if not line or line.startswith('#'):
            continue
        match = SAMPLE.match(line)
        if not match:
            raise ValueError('not a sample line: %r' % line)
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ''))
        found.append((match.group(1), labels, float(match.group(3))))
    return found


def total(found, name, **labels):
    return sum(v for n, l, v in found
               if n == name and all(l.get(k) == w for k, w in labels.items()))


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def main():
    promtool = shutil.which('promtool')
    if promtool is None:
        print('1..0 # SKIP promtool not found (Debian package prometheus)')
        return 0

    folder = tempfile.mkdtemp(prefix='loket-kiosk-metrics-')
    textfile = os.path.join(folder, 'node-exporter')
    os.mkdir(textfile)
    config = write_config(folder)
    with open(config, 'a') as f:
        f.write('\n[metrics]\nfolder = %s\n' % textfile)
    prom = os.path.join(textfile, 'loket-kiosk.prom')

    code = ctl(config, 'submit', os.path.join(SOURCE, 'tests', 'data', 'requests',
                                              'four-agencies.json')).strip()
    stored = parts(config)
    tap.ok(len(stored) >= 4, 'loketctl stored %d parts' % len(stored))

    stderr = open(os.path.join(folder, 'kiosk.log'), 'w')
    started = time.time()
    env = dict(os.environ)
    for name in ('NOTIFY_SOCKET', 'WATCHDOG_USEC', 'WATCHDOG_PID'):
        env.pop(name, None)
    kiosk = subprocess.Popen([LOKET, '--config', config], stdout=subprocess.DEVNULL,
                             stderr=stderr, env=env)
    try:
        tap.ok(wait_for(lambda: os.path.exists(prom), START_SECONDS),
               'the kiosk writes loket-kiosk.prom as it starts')
        tap.ok(wait_for(lambda: all(p['attempts'] >= 1 for p in parts(config)), 60),
               'the kiosk tried every part (agencies unreachable)',
               json.dumps(parts(config), indent=1))
        kiosk.send_signal(signal.SIGTERM)
        status = kiosk.wait(60)
        tap.ok(status == 0, 'SIGTERM: the kiosk stops cleanly (exit %r)' % status)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        stderr.close()

    after = parts(config)
    with open(prom) as f:
        text = f.read()
    mode = os.stat(prom).st_mode & 0o777
    tap.ok(mode == 0o644, 'mode 0644 (%o)' % mode)
    tap.ok(not [n for n in os.listdir(textfile) if n != 'loket-kiosk.prom'],
           'no temporary file left beside it', os.listdir(textfile))

    check = subprocess.run([promtool, 'check', 'metrics'], input=text, capture_output=True,
                           text=True)
    tap.ok(check.returncode == 0 and not check.stdout.strip() and not check.stderr.strip(),
           'promtool check metrics: no problem', check.stdout + check.stderr)

    found = samples(text)
    version = subprocess.run([LOKET, '--version'], capture_output=True,
                             text=True).stdout.split()[1]
    tap.ok(total(found, 'loket_build_info', version=version) == 1,
           'loket_build_info{version="%s"} 1' % version, text)
    start = total(found, 'loket_start_time_seconds', component='kiosk')
    tap.ok(started - 5 <= start <= time.time(), 'loket_start_time_seconds{component="kiosk"}: '
           'when it started (%.0f, launched %.0f)' % (start, started))

    by_state = {}
    for p in after:
        key = (p['agency'], p['state'])
        by_state[key] = by_state.get(key, 0) + 1
    gauges = {(l['agency'], l['state']): v for n, l, v in found if n == 'loket_outbox_parts'}
    tap.ok(all(gauges.get(k) == v for k, v in by_state.items()) and
           sum(gauges.values()) == len(after),
           'loket_outbox_parts says what the outbox says: %s' % sorted(by_state.items()),
           'file: %s' % sorted(gauges.items()))
    for agency in sorted({p['agency'] for p in after}):
        attempts = sum(p['attempts'] for p in after if p['agency'] == agency)
        counted = total(found, 'loket_delivery_attempts_total', component='kiosk', agency=agency)
        tap.ok(counted == attempts, 'loket_delivery_attempts_total{agency="%s"}: %d, as the '
               'outbox counted' % (agency, attempts), 'file: %r' % counted)
        age = total(found, 'loket_outbox_oldest_pending_age_seconds', agency=agency)
        tap.ok(0 < age <= time.time() - started + 60,
               'loket_outbox_oldest_pending_age_seconds{agency="%s"}: %.1f s' % (agency, age))
    tap.ok(total(found, 'loket_submissions_total', component='kiosk') == 0,
           'loket_submissions_total{component="kiosk"}: 0 (loketctl stored the request)')
    tap.ok(code not in text, 'the tracking code is not in the file')
    tap.ok(not [l for n, l, v in found if l.get('component') not in (None, 'kiosk')],
           'every series with a component is the kiosk\'s',
           '\n'.join(l for l in text.splitlines() if 'component=' in l
                     and 'component="kiosk"' not in l))
    labels = {k for n, l, v in found for k in l}
    tap.ok(labels <= {'version', 'component', 'agency', 'state', 'result', 'reason', 'outcome',
                      'le'}, 'only low-cardinality labels: %s' % sorted(labels))

    shutil.rmtree(folder, ignore_errors=True)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
