#!/usr/bin/python3
# check-accessible.py HOST — Loket as a screen reader sees it, through AT-SPI
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Started by run-accessible (own X server, own session bus with the AT-SPI bus). Starts
# HOST (test-accessible-host: the kiosk window against the agency simulator), finds its
# application on the AT-SPI bus and, once in Indonesian and once in English, goes through
# the whole citizen flow of the birth life event (Welcome → Choose → every form step →
# Review → Consent → Submitting → Receipt), then Track and admin mode's door (names, PIN pad,
# the admin screen), pressing only what a screen reader can press: buttons through the
# Action interface ("click"), answers typed through the EditableText interface, and the
# first answer of each run typed key by key on the kiosk's own on-screen keyboard (its keys,
# found by their accessible names, clicked).
#
# On every page, for each showing, sensitive widget of an interactive role: a non-empty
# name made of words (not a symbol such as A+ or ⌫), the text it shows in its name, a role
# that says what it is (a toggle or a choice is not announced as a plain button), no
# sibling with the same name, and for text fields the field's label as name and its hint
# (and error) as description. Then: the names are in the run's language and they change
# with it. Output is TAP; a summary lists the pages and how many widgets each had.
#
# What GTK 4.8 offers (found out here): Action "click" on buttons (also with another
# accessible role), EditableText (insert_text, set_text_contents) on entries, Text to read
# them back; no Action on GtkCheckButton, no Component.grab_focus (it fails), and
# generated key events (XTest) do not reach the window. Children are "visible", never
# "showing"; a page the window does not show must be marked hidden by the kiosk itself.

import gettext
import json
import os
import re
import subprocess
import sys
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

# libatspi gives up on a method call after 800 ms by default, and a kiosk busy laying out a
# page on a loaded 2-core test machine can take longer to answer: a slow answer is not a
# missing one. 10 s per call; 60 s for the application to appear.
Atspi.set_timeout(10000, 60000)

# Roles a citizen can press or type into.
INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'text', 'entry',
    'password text', 'spin button', 'combo box', 'link', 'list item', 'menu item',
    'check menu item', 'radio menu item', 'page tab', 'slider', 'switch',
}
TOGGLE_ROLES = {'toggle button', 'check box', 'switch'}
CHOICE_ROLES = {'radio button', 'toggle button', 'radio menu item'}
TEXT_ROLES = {'text', 'entry', 'password text'}
# GTK 4.8's GtkToggleButton is a "push button" that is "pressed" only while active.
STATE_WORDS = {'pressed', 'checked', 'selected'}

SOURCE = os.environ.get('LOKET_SOURCE_DIR', os.path.join(os.path.dirname(__file__), '..', '..'))
BUILD = os.environ.get('LOKET_BUILD_DIR', '.')
LOCALEDIR = os.environ.get('LOKET_LOCALEDIR', os.path.join(BUILD, 'po'))


STARTED = time.monotonic()


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, passed, name, problems=()):
        self.n += 1
        if passed:
            print(f'ok {self.n} - {name}', flush=True)
        else:
            self.failed += 1
            print(f'not ok {self.n} - {name}', flush=True)
            for problem in problems:
                print(f'#   {problem}', flush=True)

    def note(self, text):
        print(f'# {text}', flush=True)


tap = Tap()


class Bail(Exception):
    pass


def wait_for(what, condition, timeout=10.0):
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise Bail(f'timed out waiting for {what}')
        time.sleep(0.05)


class Language:
    """Loket's own strings and the catalog's, in one language, as the kiosk shows them."""

    def __init__(self, code):
        self.code = code
        # English is the sources' own; another language must have its translations built.
        self.loket = gettext.translation('loket', LOCALEDIR, [code], fallback=code == 'en')
        dump = subprocess.run([os.path.join(BUILD, 'app', 'loketctl'), 'catalog', 'dump',
                               '--language', code, os.path.join(SOURCE, 'data', 'catalog')],
                              check=True, capture_output=True, text=True).stdout
        self.catalog = json.loads(dump)
        self.fields = {f['id']: f for f in self.catalog['fields']}
        self.events = {e['id']: e for e in self.catalog['life_events']}

    def _(self, msgid):
        return self.loket.gettext(msgid)


def states(obj):
    return {s.value_nick for s in obj.get_state_set().get_states()}


def role(obj):
    return obj.get_role_name()


def children(obj):
    out = []
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            out.append(child)
    return out


def walk(obj):
    """Every showing accessible under obj (GTK 4.8 leaves hidden widgets out)."""
    yield obj
    for child in children(obj):
        if 'visible' in states(child):
            yield from walk(child)


def text_of(obj):
    n = Atspi.Text.get_character_count(obj)
    return Atspi.Text.get_text(obj, 0, n)


def label_text(obj):
    """A label's text (its name is "GtkLabel" when it has none)."""
    return text_of(obj) if 'Text' in obj.get_interfaces() else obj.get_name()


def relation_targets(obj, kind):
    out = []
    for relation in obj.get_relation_set() or []:
        if relation.get_relation_type() == kind:
            out += [relation.get_target(i) for i in range(relation.get_n_targets())]
    return out


def shown_text(obj):
    """The words a button shows: its labels' texts, in order."""
    return [label_text(o) for o in walk(obj) if o is not obj and role(o) == 'label' and
            label_text(o).strip()]


def has_words(text):
    return re.search(r'[^\W\d_]{2,}', text) is not None


def norm(text):
    return ' '.join(text.split()).casefold()


def describe(obj):
    return f'{role(obj)} "{obj.get_name()}"'


class Kiosk:
    def __init__(self, host):
        env = dict(os.environ)
        # GLib's fatal warnings, kept from the checker's own process (run-accessible).
        if 'LOKET_HOST_G_DEBUG' in env:
            env['G_DEBUG'] = env.pop('LOKET_HOST_G_DEBUG')
        self.process = subprocess.Popen([host], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env)
        pid = None
        for line in self.process.stdout:
            if line.startswith('ready '):
                pid = int(line.split()[1])
                break
        if pid is None:
            raise Bail('the host ended before its window was ready')
        tap.note(f'the kiosk window is ready after {time.monotonic() - STARTED:.1f} s')
        desktop = Atspi.get_desktop(0)

        def find_app():
            for app in children(desktop):
                if app.get_process_id() == pid:
                    return app
            return None
        self.app = wait_for('the kiosk on the AT-SPI bus', find_app)
        # No cache: every question goes to the kiosk, so what we read is what is there now.
        self.app.set_cache_mask(Atspi.Cache.NONE)
        self.frame = wait_for('the kiosk window', lambda: children(self.app) and children(self.app)[0])
        tap.note(f'the kiosk is on the AT-SPI bus after {time.monotonic() - STARTED:.1f} s')
        self.pages = []   # (language, page, number of widgets checked)
        self.names = {}   # (language, page) -> set of names

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    # Finding and pressing.

    def all(self, root=None):
        return list(walk(root or self.frame))

    def find(self, name, roles=None, root=None, prefix=False):
        for obj in walk(root or self.frame):
            if roles is not None and role(obj) not in roles:
                continue
            got = obj.get_name()
            if got == name or (prefix and got.startswith(name)):
                return obj
        return None

    def need(self, name, roles=None, root=None, prefix=False, timeout=10.0):
        try:
            return wait_for(f'"{name}"', lambda: self.find(name, roles, root, prefix), timeout)
        except Bail as e:
            there = [describe(o) for o in walk(root or self.frame) if role(o) in INTERACTIVE]
            raise Bail(f'{e}; the page ("{self.title()}") has: {", ".join(there)}') from None

    def press(self, obj):
        if 'sensitive' not in states(obj):
            raise Bail(f'{describe(obj)} cannot be pressed: it is not sensitive')
        if obj.get_n_actions() < 1:
            raise Bail(f'{describe(obj)} has no action a screen reader could use')
        if not obj.do_action(0):
            raise Bail(f'{describe(obj)}: its action failed')
        # A GtkButton clicks at the end of its 250 ms "activate" animation.
        time.sleep(0.3)

    def footer_button(self, name):
        return self.need(name, {'push button'})

    def title(self):
        """The page title in the header (the label beside "Step n of m"), or None."""
        labels = [o for o in walk(self.frame) if role(o) == 'label']
        for obj in labels:
            if re.fullmatch(self.step_re, obj.get_name()):
                # The nearest box around the step that holds another label holds the title.
                box = obj.get_parent()
                while box is not None and box != self.frame:
                    others = [label_text(o) for o in walk(box) if role(o) == 'label' and o != obj]
                    if any(others):
                        return next(t for t in others if t)
                    box = box.get_parent()
        return None

    def keyboard(self):
        return self.find(self.lang._('On-screen keyboard'))

    def type_keys(self, entry, text, then=None):
        """Types text on the on-screen keyboard, key by key, as a finger (or a switch) does;
        then presses the key named then, if given."""
        board = wait_for('the on-screen keyboard', self.keyboard)
        _ = self.lang._

        def key_map():
            return {k.get_name(): k for k in walk(board) if role(k) == 'push button'}
        keys = key_map()
        names = []
        for ch in text:
            if ch.isdigit():
                names += [ch]
            elif ch == ' ':
                names += [_('Space')]
            elif ch.isupper():
                names += [_('Shift'), _('capital letter %s') % ch]
            else:
                names += [_('letter %s') % ch]
        if then is not None:
            names.append(then)
        for name in names:
            if name not in keys:
                # Shift renames the letters.
                keys = key_map()
            if name not in keys:
                raise Bail(f'no key named "{name}" on the on-screen keyboard')
            self.press(keys[name])
        got = text_of(entry)
        if re.sub(r'\D', '', got) != re.sub(r'\D', '', text) or \
           (not text.isdigit() and got != text):
            raise Bail(f'typed "{text}" on the on-screen keyboard, {describe(entry)} holds "{got}"')

    # The checks of one page.

    def check_page(self, page, extra=None):
        _ = self.lang._
        problems = []
        checked = 0
        names = set()
        push_names = {}
        nodes = list(walk(self.frame))
        for obj in nodes:
            r = role(obj)
            st = states(obj)
            if r not in INTERACTIVE or 'sensitive' not in st:
                continue
            if r == 'list item' and obj.get_n_actions() == 0:
                continue
            checked += 1
            name = obj.get_name().strip()
            # GTK 4.8 gives a widget without a name its type's name: that is no name.
            if re.fullmatch(r'Gtk[A-Z]\w+', name):
                name = ''
            names.add(name)
            where = describe(obj)
            if not name:
                problems.append(f'{r} without a name (it shows: {shown_text(obj)})')
                continue
            # Words, not symbols: a key named "1" or "letter q" is fine, "A+" or "⌫" is not.
            if not has_words(name) and not re.fullmatch(r'\w', name):
                problems.append(f'{where}: a name of symbols, not words')
            shown = [t for t in shown_text(obj) if has_words(t)]
            if r not in TEXT_ROLES and shown and norm(shown[0]) not in norm(name):
                problems.append(f'{where}: shows "{shown[0]}" but its name does not say it')
            if r == 'push button' and st & STATE_WORDS:
                problems.append(f'{where}: a toggle or a choice ({", ".join(sorted(st & STATE_WORDS))}) '
                                'announced as a plain push button')
            if r in TEXT_ROLES:
                problems += self.check_entry(obj, name)
            if r == 'push button':
                push_names.setdefault(name, []).append(obj)
        # Siblings with one name: a screen reader lists them as the same thing.
        for parent in {o.get_parent() for o in nodes if role(o) in INTERACTIVE}:
            seen = {}
            for child in children(parent):
                if role(child) in INTERACTIVE and 'visible' in states(child):
                    seen.setdefault(child.get_name(), []).append(child)
            for name, same in seen.items():
                if len(same) > 1:
                    problems.append(f'{len(same)} siblings named "{name}"')
        # Buttons anywhere on the page with one name must do the same thing: the languages
        # (header and Welcome) and keys of the keyboard's layouts do.
        board = next((o for o in nodes if o.get_name() == _('On-screen keyboard')), None)
        board_keys = {k.get_name() for k in walk(board)} if board is not None else set()
        for name, same in push_names.items():
            if len(same) > 1 and name not in self.languages and name not in board_keys:
                problems.append(f'{len(same)} buttons named "{name}" on one page')
        if extra is not None:
            problems += extra()
        self.pages.append((self.lang.code, page, checked))
        self.names.setdefault(page, {}).setdefault(self.lang.code, set()).update(names)
        tap.ok(not problems and checked > 0, f'{self.lang.code}: {page}: {checked} widgets', problems)
        return checked

    def check_entry(self, entry, name):
        problems = []
        labels = relation_targets(entry, Atspi.RelationType.LABELLED_BY)
        if labels and norm(labels[0].get_name()) != norm(name):
            problems.append(f'{describe(entry)}: labelled by "{labels[0].get_name()}", named otherwise')
        description = entry.get_description()
        for target in relation_targets(entry, Atspi.RelationType.DESCRIBED_BY):
            if 'visible' not in states(target) or role(target) != 'label':
                continue
            words = label_text(target)
            if words and norm(words) not in norm(description):
                problems.append(f'{describe(entry)}: described by "{words}", '
                                f'its description is "{description}"')
        return problems

    def expect_roles(self, wanted, names, what):
        problems = []
        for name in names:
            obj = self.find(name, INTERACTIVE)
            if obj is None:
                problems.append(f'no {what} named "{name}"')
            elif role(obj) not in wanted:
                problems.append(f'{describe(obj)}: {what}, so one of {sorted(wanted)}')
        return problems

    # The flow.

    def run(self, code):
        tap.note(f'{code}: starts after {time.monotonic() - STARTED:.1f} s')
        self.lang = lang = Language(code)
        _ = lang._
        self.step_re = re.escape(_('Step %u of %u')).replace('%u', r'\d+')
        self.languages = {'Bahasa Indonesia', 'English'}

        # Welcome: a language chosen in the language itself.
        start = self.find(_('Start'), {'push button'})
        if start is None:
            english = self.need('English', CHOICE_ROLES | {'push button'})
            self.press(english)
            start = self.footer_button(_('Start'))
        self.check_page('welcome', lambda: self.check_welcome())
        self.press(start)

        # Choose: the birth tile, then its optional service shows.
        birth = lang.events['birth']['title']
        tile = self.need(birth, prefix=True, roles=INTERACTIVE)
        self.check_page('choose')
        self.press(tile)
        self.need(_('You may also apply for:'), {'label'})
        self.check_page('choose (chosen)', lambda: self.expect_roles(
            CHOICE_ROLES, [tile.get_name()], 'a choice of one life event') +
            ([] if 'checked' in states(tile) or 'pressed' in states(tile)
             else [f'{describe(tile)}: chosen, but not checked']))
        self.press(self.footer_button(_('Next')))

        # What you will need: the documents, "I don't have these now", and Help in the
        # footer, each named in words.
        later = self.need(_("I don't have these now"), {'push button'})
        self.check_page('documents', lambda: [] if self.find(
            _('Help: call a staff member'), {'push button'}) else ['no Help in the footer'])
        self.press(later)
        self.need(_('Stop here and start again later'), {'push button'})
        self.press(self.footer_button(_('Continue')))
        wait_for('the form', lambda: self.title() != _('What you will need'))

        with open(os.path.join(SOURCE, 'tests', 'data', 'requests', 'birth.json')) as f:
            data = json.load(f)['data']
        self.citizen_data = data
        steps = 0
        first = True
        review = _('Check your answers')
        while True:
            title = wait_for('a page title', self.title)
            if title == review:
                break
            steps += 1
            if steps > 12:
                raise Bail('more than 12 form steps')
            page = f'form {steps} "{title}"'
            if first:
                self.check_error_step(page)
            self.fill_step(data, first)
            first = False
            self.check_page(page)
            self.confirm_warnings()
            self.press(self.footer_button(_('Next')))
            # Next is never greyed out: a press on a step with problems (a warning that only
            # shows once the citizen moves on) shows the error summary, an alert, instead.
            try:
                went = wait_for('the next page or the error summary', lambda: (
                    'page' if self.title() != title else self.error_summary()), 15)
            except Bail:
                # What the page shows (GTK 4.8 marks no child "showing": only the window).
                tap.note('shown: ' + '; '.join(f'{role(o)} "{o.get_name()}"' for o in self.all()
                                               if role(o) in INTERACTIVE | TEXT_ROLES |
                                               {'alert', 'label'}))
                raise
            if went != 'page':
                self.check_page(page + ' (summary)', lambda: self.check_summary(went))
                self.confirm_warnings()
                self.press(self.footer_button(_('Next')))
                wait_for('the next page', lambda: self.title() != title, 15)
        tap.note(f'{code}: {steps} form steps of the birth life event')

        # Review: one "Change" per section, each saying which; the task list below it (the
        # keys, up on a form step, hide it there).
        self.check_page('review', self.check_task_list)
        self.press(self.footer_button(_('Next')))

        # Consent: per agency a summary, "Show every item", and the answers: "I understand"
        # for what the law requires, "Yes, send it" / "No, leave this service out" where a
        # service asks for consent (the KIA, when chosen). Each control named with what it
        # answers.
        wait_for('the consent page', lambda: self.title() != review)
        consent_words = (_('I understand'), _('Yes, send it'))
        toggles = [o for o in self.all() if role(o) in INTERACTIVE and
                   o.get_name().startswith(consent_words)]
        if not toggles:
            raise Bail('no consent toggle on the consent page')
        details = [o for o in self.all() if role(o) in INTERACTIVE and
                   o.get_name().startswith(_('Show every item'))]
        refusals = [o for o in self.all() if role(o) in INTERACTIVE and
                    o.get_name().startswith(_('No, leave this service out'))]

        def consent_problems():
            problems = self.expect_roles(TOGGLE_ROLES, {t.get_name() for t in toggles},
                                         'a consent toggle')
            if not details:
                problems.append('no "Show every item" button')
            asks = [t for t in toggles if t.get_name().startswith(_('Yes, send it'))]
            if len(refusals) != len(asks):
                problems.append(f'{len(asks)} "Yes, send it" but {len(refusals)} '
                                '"No, leave this service out"')
            if not any(t.get_name().startswith(_('I understand')) for t in toggles):
                problems.append('no "I understand" for what the law requires')
            names = [o.get_name() for o in toggles + details + refusals]
            problems += [f'"{n}" does not say what it answers' for n in names
                         if ': ' not in n]
            return problems
        self.check_page('consent', consent_problems)
        for toggle in toggles:
            self.press(toggle)
        self.check_page('consent (agreed)', lambda: [
            f'{describe(t)}: on, but not checked' for t in toggles
            if not states(t) & {'checked', 'pressed'}])
        self.press(self.footer_button(_('Submit')))

        # The hand-over, one page: printed at once, what to do now, the code and its QR
        # code in words a screen reader can say, each part's way live.
        finish = wait_for('the receipt page', lambda: self.find(_('Finish'), {'push button'}),
                          40)
        self.need(_('What to do now'), {'label'})
        code_re = r'[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]'
        code_label = wait_for('the tracking code', lambda: next(
            (o for o in self.all() if role(o) == 'label' and re.search(code_re, o.get_name())), None))
        tracking = re.search(code_re, code_label.get_name()).group(0)
        images = [o for o in self.all() if role(o) == 'image' and o.get_name().strip() and
                  has_words(o.get_name())]
        self.check_page('receipt', lambda: [] if images else ['the QR code has no name'])
        self.press(finish)
        if code != 'id':
            # Finish starts the next citizen in the kiosk's own language.
            self.press(self.need('English', CHOICE_ROLES))
            self.need(_('Start'), {'push button'})

        # Track: the code typed in, looked up.
        self.press(self.need(_('Track my request'), {'push button'}))
        entry = self.need(_('Tracking code'), TEXT_ROLES)
        Atspi.EditableText.set_text_contents(entry, tracking)
        self.check_page('track')
        self.press(self.footer_button(_('Look up')))
        wait_for('the request\'s parts', lambda: self.find(_('Request %s') % tracking, {'label'}) or
                 any(_('Reference: %s') % '' in o.get_name() for o in self.all() if role(o) == 'label'),
                 30)
        self.check_page('track (found)')
        self.press(self.footer_button(_('Back')))
        self.need(_('Start'), {'push button'})

        # Admin mode's door (the host makes the gesture): names, the PIN pad, the admin screen.
        self.process.stdin.write('door\n')
        self.process.stdin.flush()
        name = self.need('Siti Rahma', {'push button'})
        self.check_page('admin: names')
        self.press(name)
        self.need(_('Another name'), {'push button'})
        for digit in '135792':
            self.press(self.need(digit, {'push button'}))
        self.check_page('admin: PIN pad')
        self.press(self.need(_('OK'), {'push button'}))
        leave = self.need(_('Exit'), {'push button'}, timeout=20)
        self.check_page('admin')
        self.check_no_personal_data('admin')
        self.press(leave)
        # Exit is a restart: Welcome in the kiosk's own language.
        if code != 'id':
            self.press(self.need('English', CHOICE_ROLES))
        self.need(_('Start'), {'push button'})

    def check_no_personal_data(self, page):
        """The request sent above (birth.json) is in the outbox: none of its names or
        numbers may be an accessible's name, description or text on admin mode's screens."""
        values = set()

        def collect(value):
            if isinstance(value, dict):
                for v in value.values():
                    collect(v)
            elif isinstance(value, list):
                for v in value:
                    collect(v)
            elif isinstance(value, str) and len(value) >= 6:
                values.add(value.casefold())
        collect(getattr(self, 'citizen_data', {}))
        problems = []
        for obj in walk(self.frame):
            texts = [obj.get_name() or '', obj.get_description() or '']
            if 'Text' in obj.get_interfaces():
                texts.append(text_of(obj))
            problems += [f'{describe(obj)} holds "{v}"' for v in values
                         if any(v in t.casefold() for t in texts)]
        tap.ok(values and not problems,
               f'{self.lang.code}: {page}: no personal data ({len(values)} values looked for)',
               problems)

    def check_welcome(self):
        _ = self.lang._
        problems = self.expect_roles(TOGGLE_ROLES, [_('Larger text'), _('High contrast')],
                                     'an on/off setting')
        problems += self.expect_roles(CHOICE_ROLES, ['Bahasa Indonesia', 'English'],
                                      'a choice of one language')
        # A toggle says when it is on: turn "Larger text" on and off again.
        toggle = self.find(_('Larger text'), INTERACTIVE)
        if toggle is not None:
            self.press(toggle)
            toggle = self.find(_('Larger text'), INTERACTIVE)
            if not states(toggle) & {'checked', 'pressed'}:
                problems.append(f'{describe(toggle)}: on, but neither checked nor pressed')
            self.press(toggle)
        current = 'Bahasa Indonesia' if self.lang.code == 'id' else 'English'
        for obj in self.all():
            if obj.get_name() == current and role(obj) in INTERACTIVE and \
               not states(obj) & {'checked', 'pressed', 'selected'}:
                problems.append(f'{describe(obj)}: the language shown, but not checked')
        return problems

    def check_error_step(self, page):
        """A wrong answer, left: the error shows next to the field, and the field says it."""
        _ = self.lang._
        entry = wait_for('the focused field', lambda: next(
            (o for o in self.all() if role(o) in TEXT_ROLES and 'focused' in states(o)), None))
        # "Done" moves on to the next field, as a citizen does.
        self.type_keys(entry, '123', then=_('Next field ↵'))
        # GTK 4.8 says "invalid" (AT-SPI's word for a defunct object), not "invalid-entry".
        wait_for(f'{describe(entry)} marked invalid', lambda: states(entry) & {'invalid-entry', 'invalid'})

        def error_said():
            messages = [label_text(t) for t in relation_targets(entry, Atspi.RelationType.DESCRIBED_BY)
                        if 'visible' in states(t) and label_text(t).strip()]
            if not messages:
                return [f'{describe(entry)}: invalid, but described by no shown message']
            return []
        self.check_page(page + ' (error)', error_said)

    def fill_step(self, data, keys_first):
        """Answers every question the step shows, as birth.json does; conditions may add some."""
        lang = self.lang
        _ = lang._
        done = set()
        while True:
            progress = False
            nodes = self.all()
            for field_id, value in data.items():
                if field_id in done:
                    continue
                field = lang.fields[field_id]
                label = field['label']
                names = {label, _('%s (optional)') % label}
                if field['type'] in ('choice', 'yes-no'):
                    group = next((o for o in nodes if o.get_name() in names and
                                  role(o) not in INTERACTIVE and role(o) != 'label'), None)
                    if group is None:
                        continue
                    if field['type'] == 'yes-no':
                        answer = _('Yes') if value else _('No')
                    else:
                        answer = next(c['label'] for c in field['choices'] if c['value'] == value)
                    self.press(self.need(answer, INTERACTIVE, root=group))
                    # An answer may bring other questions: look again.
                    done.add(field_id)
                    progress = True
                    break
                elif field['type'] == 'date':
                    # Three boxes in a group named by the question: the whole date goes into
                    # the day box, as a scanner types it, and spreads across the three.
                    group = next((o for o in nodes if o.get_name() in names and
                                  role(o) not in INTERACTIVE | TEXT_ROLES and
                                  role(o) != 'label'), None)
                    if group is None:
                        continue
                    self.fill_date(group, str(value))
                else:
                    entry = next((o for o in nodes if role(o) in TEXT_ROLES and
                                  o.get_name() in names), None)
                    if entry is None:
                        continue
                    text = str(value)
                    if field['type'] == 'phone':
                        text = text.lstrip('+')
                    if keys_first and 'focused' in states(entry):
                        self.type_keys(entry, text)
                        tap.note(f'{lang.code}: "{entry.get_name()}" typed on the on-screen keyboard')
                        keys_first = False
                    else:
                        Atspi.EditableText.set_text_contents(entry, text)
                        got = text_of(entry)
                        if re.sub(r'\D', '', got) != re.sub(r'\D', '', text) or \
                           (field['type'] not in ('nik', 'kk', 'npwp', 'phone') and got != text):
                            raise Bail(f'EditableText: set "{text}", {describe(entry)} holds "{got}"')
                done.add(field_id)
                progress = True
            if not progress:
                break

    def fill_date(self, group, value):
        """A date's three boxes, each named ("Day", "Month", "Year"): the whole date set into
        the day box is spread across the three."""
        _ = self.lang._
        y, m, d = value.split('-')
        boxes = [self.need(_(name), TEXT_ROLES, root=group) for name in ('Day', 'Month', 'Year')]
        Atspi.EditableText.set_text_contents(boxes[0], f'{d}/{m}/{y}')
        got = [text_of(b) for b in boxes]
        if got != [d, m, y]:
            raise Bail(f'{describe(group)}: "{d}/{m}/{y}" set into the day box, the boxes hold {got}')

    def error_summary(self):
        """The error summary at the top of a form step, when it shows."""
        heading = re.compile('|'.join(
            re.escape(self.lang.loket.ngettext('%u answer needs attention',
                                               '%u answers need attention', n)).replace('%u', r'\d+')
            for n in (1, 2)))
        # A hidden summary is not in the tree at all (walk); GTK 4.8 never says "showing" of
        # a window's children, so that state cannot tell.
        return next((o for o in self.all() if heading.fullmatch(o.get_name() or '')), None)

    def check_task_list(self):
        """The task list below the review: the steps done are buttons back to them, named
        with the step and "✓ Done"; the step on screen says "▶ You are here" and the steps
        ahead "Not yet", neither of them a button."""
        _ = self.lang._
        problems = []
        done = [o for o in self.all() if (o.get_name() or '').endswith(': ' + _('✓ Done'))]
        here = [o for o in self.all() if (o.get_name() or '').endswith(': ' + _('▶ You are here'))]
        ahead = [o for o in self.all() if (o.get_name() or '').endswith(': ' + _('Not yet'))]
        if len(done) < 2:
            problems.append(f'the task list names {len(done)} steps done (What you need and '
                            'the first step are)')
        problems += [f'{describe(o)}: a step done is not a button back to it'
                     for o in done if role(o) != 'push button']
        if len(here) != 1:
            problems.append(f'the task list says "here" of {len(here)} steps')
        if not ahead:
            problems.append('the task list names no step ahead')
        problems += [f'{describe(o)}: a step not reached yet is a button'
                     for o in here + ahead if role(o) == 'push button']
        tap.note(f'task list: {len(done)} done, {len(here)} here, {len(ahead)} ahead')
        return problems

    def check_summary(self, summary):
        """The summary says how many problems, and each is a button that names its problem."""
        problems = []
        if not re.match(r'\d', summary.get_name() or ''):
            problems.append(f'{describe(summary)}: its name does not count the problems')
        # (GTK 4.8 may give the summary's heading label rather than the alert itself.)
        holder = summary.get_parent() if role(summary) == 'label' else summary
        links = [o for o in self.all() if role(o) == 'push button' and
                 self.is_inside(o, holder)]
        if not links:
            problems.append(f'{describe(summary)}: no link to a problem')
        return problems

    def is_inside(self, obj, ancestor):
        parent = obj.get_parent()
        while parent is not None:
            if parent == ancestor:
                return True
            parent = parent.get_parent()
        return False

    def confirm_warnings(self):
        for obj in self.all():
            if obj.get_name() == self.lang._('Yes, this is correct') and role(obj) in INTERACTIVE:
                self.press(obj)


def main():
    host = sys.argv[1]
    kiosk = Kiosk(host)
    try:
        for code in ('id', 'en'):
            kiosk.run(code)
        # The names follow the language: each page's names differ between the two runs.
        for page, by_lang in kiosk.names.items():
            if 'id' in by_lang and 'en' in by_lang:
                same = by_lang['id'] & by_lang['en']
                changed = by_lang['en'] - by_lang['id']
                ignore = {'Bahasa Indonesia', 'English'}
                tap.ok(len(changed - ignore) > 0 and len(changed) >= len(same - ignore) / 4,
                       f'names change language on {page}',
                       [f'the same in both: {sorted(same - ignore)}'])
    except Bail as e:
        tap.ok(False, 'the flow went on through AT-SPI', [str(e)])
    except gi.repository.GLib.Error as e:
        tap.ok(False, 'AT-SPI answered', [str(e)])
    finally:
        kiosk.close()
    pages = {}
    for code, page, n in kiosk.pages:
        pages.setdefault(code, []).append(f'{page}: {n}')
    for code, lines in pages.items():
        tap.note(f'{code}: {len(lines)} pages visited; widgets checked per page:')
        for line in lines:
            tap.note(f'  {line}')
    print(f'1..{tap.n}', flush=True)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
