#!/usr/bin/python3
# test-notify.py — the kiosk as systemd sees it: READY=1, WATCHDOG=1, exit statuses and
# the restart at Welcome
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs under with-display (its own X server). Each case starts the real `loket` from the
# build with NOTIFY_SOCKET naming a datagram socket this test owns, and WATCHDOG_USEC of
# 3 s, so pings come every second and the delivery worker must have checked in within 2 s
# (the unit's WatchdogSec=30 makes that 10 s and 20 s). LOKET_WATCHDOG_TEST blocks the
# main loop or the worker on purpose (ui/loket-watchdog.h). TAP on stdout.

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_env import BUILD, NotifySocket, Tap, write_config  # noqa: E402

LOKET = os.path.join(BUILD, 'loket')
WATCHDOG_USEC = 3000000
START_SECONDS = 90       # a loaded machine starts GTK slowly

tap = Tap()


class Kiosk:
    def __init__(self, folder, config, args=(), env=None, program=LOKET, notify=True):
        self.folder = folder
        self.stderr_path = os.path.join(folder, 'kiosk-%d.log' % time.monotonic_ns())
        self.notify = NotifySocket(os.path.join(folder, 'notify')) if notify else None
        environ = dict(os.environ)
        environ.pop('NOTIFY_SOCKET', None)
        environ.pop('WATCHDOG_USEC', None)
        environ.pop('WATCHDOG_PID', None)
        if notify:
            environ['NOTIFY_SOCKET'] = self.notify.path
            environ['WATCHDOG_USEC'] = str(WATCHDOG_USEC)
        environ.update(env or {})
        self.stderr = open(self.stderr_path, 'w')
        self.proc = subprocess.Popen([program, '--config', config] + list(args),
                                     stdout=subprocess.DEVNULL, stderr=self.stderr,
                                     env=environ)

    def wait_ready(self):
        if self.notify.collect(START_SECONDS, lambda m: 'READY=1' in m.split('\n')) is None:
            return None
        return self.notify.times('READY=1')[0]

    def log(self):
        with open(self.stderr_path) as f:
            return f.read()

    def wait_log(self, text, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.log():
                return True
            if self.proc.poll() is not None:
                return text in self.log()
            time.sleep(0.1)
        return False

    def wait_exit(self, seconds):
        try:
            return self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.stderr.close()
        if self.notify:
            self.notify.close()


def case(name):
    def wrap(func):
        def run(folder):
            tap.diag('--- ' + name)
            func(folder)
        run.case_name = name
        return run
    return wrap


@case('ready, then a ping every third of WATCHDOG_USEC')
def test_pings(folder):
    config = write_config(folder)
    kiosk = Kiosk(folder, config)
    try:
        ready = kiosk.wait_ready()
        if not tap.ok(ready is not None, 'READY=1 once Welcome drew a frame', kiosk.log()):
            return
        kiosk.notify.collect(5.5)
        pings = kiosk.notify.times('WATCHDOG=1')
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        tap.ok(all(t >= ready for t in pings), 'no ping before READY=1')
        tap.ok(len(pings) >= 5, 'pings keep coming (%d in 5.5 s)' % len(pings))
        tap.ok(gaps and all(0.6 <= g <= 1.6 for g in gaps),
               'about one a second (WATCHDOG_USEC / 3)', 'gaps: %r' % gaps)
        tap.ok(kiosk.proc.poll() is None, 'the kiosk runs on')
    finally:
        kiosk.stop()


@case('a blocked main loop sends no ping')
def test_block_main(folder):
    config = write_config(folder)
    kiosk = Kiosk(folder, config, env={'LOKET_WATCHDOG_TEST': 'block-main:2500'})
    try:
        ready = kiosk.wait_ready()
        if not tap.ok(ready is not None, 'READY=1', kiosk.log()):
            return
        kiosk.notify.collect(8)
        pings = [t - ready for t in kiosk.notify.times('WATCHDOG=1')]
        tap.ok(len([p for p in pings if p < 2.4]) >= 2, 'pings while the loop runs', pings)
        tap.ok(pings and max(pings) < 2.5 + 0.5, 'none once it blocks (at 2.5 s)', pings)
        tap.ok('Watchdog test: block-main' in kiosk.log(), 'the hook ran')
    finally:
        kiosk.stop()


@case('a hung delivery worker stops the pings')
def test_block_worker(folder):
    config = write_config(folder)
    kiosk = Kiosk(folder, config, env={'LOKET_WATCHDOG_TEST': 'block-worker:2500'})
    try:
        ready = kiosk.wait_ready()
        if not tap.ok(ready is not None, 'READY=1', kiosk.log()):
            return
        kiosk.notify.collect(10)
        pings = [t - ready for t in kiosk.notify.times('WATCHDOG=1')]
        # The worker blocks at 2.5 s; a check-in older than 2 s (+1 s precision) withholds.
        tap.ok(len([p for p in pings if p >= 2.5]) >= 1,
               'pings go on a while: the main loop itself is fine', pings)
        tap.ok(pings and max(pings) < 2.5 + 3 + 1.5, 'then stop: the worker is silent', pings)
        tap.ok('pings withheld' in kiosk.log(), 'the kiosk says why', kiosk.log())
        tap.ok(kiosk.proc.poll() is None, 'the screen itself stays up')
    finally:
        kiosk.stop()


@case('a configuration that does not load exits 78')
def test_exit_78(folder):
    config = write_config(folder)
    with open(config, 'a') as f:
        f.write('\n[kiosk]\nidle-timeout = soon\n')
    kiosk = Kiosk(folder, config)
    status = kiosk.wait_exit(START_SECONDS)
    tap.ok(status == 78, 'duplicate group and bad value: exit 78 (EX_CONFIG)',
           'status %r\n%s' % (status, kiosk.log()))
    tap.ok(not kiosk.notify.messages, 'nothing was notified')
    kiosk.stop()

    config = write_config(folder, catalog=os.path.join(folder, 'no-catalog'))
    kiosk = Kiosk(folder, config)
    status = kiosk.wait_exit(START_SECONDS)
    tap.ok(status == 78, 'a catalog folder that is not there: exit 78 too',
           'status %r\n%s' % (status, kiosk.log()))
    kiosk.stop()


@case('a changed configuration restarts the kiosk at Welcome; a touch or a broken one does not')
def test_config_change(folder):
    config = write_config(folder)
    kiosk = Kiosk(folder, config, args=['--kiosk'])
    try:
        if not tap.ok(kiosk.wait_ready() is not None, 'READY=1', kiosk.log()):
            return
        os.utime(config)
        with open(config) as f:
            good = f.read()
        with open(config + '.new', 'w') as f:
            f.write(good.replace('idle-timeout = 90', 'idle-timeout = soon'))
        os.rename(config + '.new', config)
        tap.ok(kiosk.wait_log('changed but does not load', 15),
               'a broken new file is logged', kiosk.log())
        tap.ok(kiosk.proc.poll() is None, '... and the kiosk keeps running on the old one')
        write_config(folder, extra_kiosk='site = Mal Pelayanan Publik Baru')
        status = kiosk.wait_exit(15)
        tap.ok(status == 0, 'a good new file: the kiosk leaves (exit 0) for its restart',
               'status %r\n%s' % (status, kiosk.log()))
        tap.ok('Restarting the kiosk at Welcome: its configuration changed' in kiosk.log(),
               'and says why', kiosk.log())
    finally:
        kiosk.stop()


@case('a replaced program restarts the kiosk at Welcome')
def test_program_replaced(folder):
    config = write_config(folder)
    program = os.path.join(folder, 'loket')
    shutil.copy2(LOKET, program)
    kiosk = Kiosk(folder, config, args=['--kiosk'], program=program)
    try:
        if not tap.ok(kiosk.wait_ready() is not None, 'READY=1', kiosk.log()):
            return
        # As dpkg does: the new file beside the old one, then renamed over it.
        shutil.copy2(LOKET, program + '.dpkg-new')
        os.rename(program + '.dpkg-new', program)
        status = kiosk.wait_exit(15)
        tap.ok(status == 0, 'the kiosk leaves (exit 0) for its restart',
               'status %r\n%s' % (status, kiosk.log()))
        tap.ok('Restarting the kiosk at Welcome: its program was replaced' in kiosk.log(),
               'and says why', kiosk.log())
    finally:
        kiosk.stop()


@case('without --kiosk a changed program is no reason to leave')
def test_no_kiosk_no_restart(folder):
    config = write_config(folder)
    program = os.path.join(folder, 'loket')
    shutil.copy2(LOKET, program)
    kiosk = Kiosk(folder, config, program=program)
    try:
        if not tap.ok(kiosk.wait_ready() is not None, 'READY=1', kiosk.log()):
            return
        shutil.copy2(LOKET, program + '.new')
        os.rename(program + '.new', program)
        # Two pings' worth is three restart checks (every 2 s): the kiosk would have left.
        kiosk.notify.collect(6.5)
        tap.ok(kiosk.proc.poll() is None, 'a developer\'s window stays open')
    finally:
        kiosk.stop()


def main():
    cases = [test_pings, test_block_main, test_block_worker, test_exit_78,
             test_config_change, test_program_replaced, test_no_kiosk_no_restart]
    only = sys.argv[1:]
    for run in cases:
        if only and not any(o in run.case_name for o in only):
            continue
        with tempfile.TemporaryDirectory(prefix='loket-notify-') as folder:
            run(folder)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
