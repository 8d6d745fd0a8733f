# kiosk_env.py — a kiosk's configuration in a folder of its own, and a notify socket,
# for the tests of the kiosk as systemd runs it (test-notify.py, cage-check.py)
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import socket
import time

SOURCE = os.environ.get('LOKET_SOURCE_DIR', os.path.join(os.path.dirname(__file__), '..', '..'))
BUILD = os.environ.get('LOKET_BUILD_DIR', '.')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=''):
        self.n += 1
        if not cond:
            self.failed += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.n, name), flush=True)
        if detail and not cond:
            for line in str(detail).splitlines():
                print('# ' + line, flush=True)
        return cond

    def diag(self, text):
        for line in str(text).splitlines():
            print('# ' + line, flush=True)

    def done(self):
        print('1..%d' % self.n, flush=True)
        return 1 if self.failed else 0


def write_config(folder, catalog=None, extra_kiosk='', state_dir=None):
    """Writes folder/loket.conf (and a key) for a kiosk whose agencies are unreachable."""
    catalog = catalog or os.path.join(SOURCE, 'data', 'catalog')
    state_dir = state_dir or os.path.join(folder, 'state')
    key = os.path.join(folder, 'outbox.key')
    if not os.path.exists(key):
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, os.urandom(32))
        os.close(fd)
    with open(os.path.join(SOURCE, 'data', 'catalog', 'agencies.json')) as f:
        agencies = [a['id'] for a in json.load(f)['agencies']]
    lines = ['[kiosk]', 'id = test-kiosk', 'catalog = ' + catalog,
             'state-dir = ' + state_dir, 'key-file = ' + key, 'idle-timeout = 90']
    if extra_kiosk:
        lines.append(extra_kiosk)
    lines += ['', '[printer]', 'backend = none']
    for agency in agencies:
        # Port 9 (discard): nothing answers, which the kiosk takes as an agency down.
        lines += ['', '[agency %s]' % agency, 'url = http://127.0.0.1:9/' + agency,
                  'timeout = 5']
    path = os.path.join(folder, 'loket.conf')
    tmp = path + '.new'
    with open(tmp, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    os.rename(tmp, path)
    return path


class NotifySocket:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET; records (time, message)."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.messages = []

    def close(self):
        self.sock.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass

    def collect(self, seconds, until=None):
        """Receives for up to seconds; stops early once until(message) is true."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                return None
            message = data.decode('utf-8', 'replace')
            self.messages.append((time.monotonic(), message))
            if until is not None and until(message):
                return message

    def times(self, item):
        return [t for t, m in self.messages if item in m.split('\n')]
