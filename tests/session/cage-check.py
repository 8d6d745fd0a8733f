#!/usr/bin/python3
# cage-check.py FOLDER — the kiosk under a real Wayland compositor (cage, headless), as
# loket-kiosk.service runs it: READY=1 once Welcome drew a frame, a screenshot with grim,
# and Welcome read back through AT-SPI
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Started by run-cage as a throwaway unprivileged user (cage refuses root), inside
# dbus-run-session (the AT-SPI bus), with XDG_RUNTIME_DIR and cage's headless back end in
# the environment. FOLDER holds the program, the catalog, the translations and loket.conf.
# TAP on stdout.

import gettext
import os
import signal
import struct
import subprocess
import sys
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_env import NotifySocket, Tap  # noqa: E402

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

tap = Tap()


def png_pixels(path):
    """Width, height and the colours of every 8th pixel, {(x, y): RGB bytes}, of an 8-bit
    RGB(A) PNG (grim's)."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, width = 8, b'', 0
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and ctype in (2, 6), 'unexpected PNG format %d/%d' % (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    colours = {}
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xff
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xff
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        if y % 8 == 0:
            for x in range(0, width, 8):
                colours[(x, y)] = bytes(line[x * bpp:x * bpp + 3])
        prev = line
    return width, height, colours


def children(obj):
    return [c for c in (obj.get_child_at_index(i) for i in range(obj.get_child_count()))
            if c is not None]


def walk(obj):
    yield obj
    for child in children(obj):
        yield from walk(child)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = condition()
        if got:
            return got
        time.sleep(0.2)
    return None


def main():
    folder = sys.argv[1]
    out = os.environ.get('LOKET_TEST_OUTPUT', folder)
    shot = os.path.join(out, 'cage-welcome.png')
    notify = NotifySocket(os.path.join(os.environ['XDG_RUNTIME_DIR'], 'notify'))
    env = dict(os.environ, NOTIFY_SOCKET=notify.path, WATCHDOG_USEC='30000000',
               GTK_A11Y='atspi')
    env.pop('NO_AT_BRIDGE', None)
    log = open(os.path.join(out, 'cage.log'), 'w')
    # What loket-kiosk.service runs: cage -d -- loket --kiosk, through the script that
    # passes loket's exit status on.
    env['LOKET_KIOSK_PROGRAM'] = os.path.join(folder, 'loket')
    session = os.path.join(folder, 'loket-kiosk-session')
    broken = os.path.join(out, 'broken.conf')
    with open(os.path.join(folder, 'loket.conf')) as f, open(broken, 'w') as b:
        b.write(f.read() + '\n[kiosk]\n')
    status = subprocess.run(['/bin/sh', session, '--config', broken], env=env, stdout=log,
                            stderr=subprocess.STDOUT, timeout=120).returncode
    tap.ok(status == 78, 'a configuration that does not load: exit 78 through cage '
           '(cage 0.1.4 itself exits 0)', 'status %r' % status)
    cage = subprocess.Popen(['/bin/sh', session, '--config', os.path.join(folder, 'loket.conf')],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        ready = notify.collect(120, lambda m: 'READY=1' in m.split('\n'))
        if not tap.ok(ready is not None, 'READY=1 from the kiosk under cage (NotifyAccess=all)',
                      open(log.name).read()[-3000:]):
            return tap.done()
        notify.collect(10, lambda m: 'WATCHDOG=1' in m.split('\n'))
        tap.ok(notify.times('WATCHDOG=1'),
               'and its first watchdog ping (WATCHDOG_USEC read although cage is the main process)')

        display = wait_for(lambda: [n for n in os.listdir(os.environ['XDG_RUNTIME_DIR'])
                                    if n.startswith('wayland-') and not n.endswith('.lock')], 10)
        shot_env = dict(os.environ, WAYLAND_DISPLAY=display[0] if display else 'wayland-0')
        grim = subprocess.run(['grim', shot], env=shot_env, capture_output=True, text=True)
        if tap.ok(grim.returncode == 0 and os.path.exists(shot), 'grim takes a screenshot',
                  grim.stderr):
            width, height, colours = png_pixels(shot)
            tap.ok((width, height) == (1280, 720), 'of the headless output (1280x720)',
                   '%dx%d' % (width, height))
            tap.ok(len(set(colours.values())) >= 8, 'showing a drawn page, not a blank output '
                   '(%d colours sampled)' % len(set(colours.values())))
            # cage's background is black; the kiosk's window starts at the top left. (With
            # the headless back end cage 0.1.4 gives GTK 4.8 no size, so the window keeps its
            # natural size there rather than cover the output: not checked here.)
            tap.ok(colours.get((8, 8)) not in (None, b'\0\0\0'),
                   'the kiosk\'s window is on the output')

        # Welcome as a screen reader reads it: the language choices and Start.
        start_id = gettext.translation('loket', os.environ['LOKET_LOCALEDIR'], ['id'],
                                       fallback=True).gettext('Start')
        desktop = Atspi.get_desktop(0)
        kiosk = wait_for(lambda: next((a for a in children(desktop)
                                       if a.get_name() == 'loket'), None), 30)
        names = set()
        if kiosk is not None:
            kiosk.set_cache_mask(Atspi.Cache.NONE)
            names = {o.get_name() for o in walk(kiosk)
                     if o.get_role_name() in ('push button', 'toggle button', 'radio button')}
        tap.ok(kiosk is not None, 'the kiosk is on the AT-SPI bus')
        tap.ok({'Bahasa Indonesia', 'English'} <= names and
               (start_id in names or 'Start' in names),
               'Welcome shows: the languages and Start ("%s")' % start_id, sorted(names))
        tap.ok(cage.poll() is None, 'cage and the kiosk run on')
    finally:
        if cage.poll() is None:
            cage.send_signal(signal.SIGTERM)
            try:
                cage.wait(20)
            except subprocess.TimeoutExpired:
                cage.kill()
                cage.wait()
        log.close()
        notify.close()
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
