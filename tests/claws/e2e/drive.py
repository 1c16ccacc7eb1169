#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the mailsetup assistant once, the way a user does, inside a
running Claws Mail through AT-SPI (dogtail): Configuration → "Set up an
account automatically…", name, address and password typed, Next, the
result page (the account verified against the world's servers), Apply,
the last page, Close. Run by e2e.sh, which then checks the files written
and has Claws use the account. Prints unnumbered TAP lines; the caller
numbers them. Exit status 0 when it ran to its end.

The password is read from the scenario's `expected` file, never taken from
a command line or the environment, and typed through AT-SPI.

Environment: MS_E2E_OUTDIR (screenshots), MS_WORLD_SCENARIOS
(tests/world/scenarios), MS_E2E_ADDRESS (the address of the demo scenario
to set up), MS_E2E_NAME (the name typed).
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import atspi  # noqa: E402
from atspi import find_all, labels, note, screenshot, tap, wait_for  # noqa: E402

atspi.setup(delay=0.05, outdir=os.environ.get("MS_E2E_OUTDIR", "."))

SCENARIOS = os.environ["MS_WORLD_SCENARIOS"]
ADDRESS = os.environ.get("MS_E2E_ADDRESS", "alice@demo.test")
NAME = os.environ.get("MS_E2E_NAME", "Alice Liddell")
ITEM = "Set up an account automatically…"
# GtkAssistant titles its window after the page showing.
PAGES = ("Your account", "Finding your servers", "Result", "Done", "Edit settings", "Sign in")


def expected(scenario, address, key):
    """The values of key for address in a scenario's expected file."""
    out = []
    with open(os.path.join(SCENARIOS, scenario, "expected"), encoding="utf-8") as f:
        for line in f:
            w = line.split(None, 2)
            if len(w) == 3 and w[0] == address and w[1] == key:
                out.append(w[2].strip())
    return out


def wizard_window(app):
    for w in app.children:
        if w.name in PAGES and w.showing:
            return w
    return None


def button(win, name):
    found = [b for b in find_all(win, "push button", name) if b.sensitive]
    return found[0] if found else None


def entry(win, name):
    found = [n for n in find_all(win, None, name) if n.roleName in ("text", "password text")]
    if not found:
        raise LookupError("no entry %r showing" % name)
    return found[0]


def main():
    password = expected("demo", ADDRESS, "password")
    if not tap(len(password) == 1, "the demo scenario gives %s's password" % ADDRESS):
        return
    password = password[0]
    host = expected("demo", ADDRESS, "incoming")[0].split()[1]

    app, main_ = atspi.claws()
    menu = [m for m in main_.findChildren(lambda n: n.roleName == "menu") if m.name == "Configuration"]
    items = [c for c in menu[0].children if c.name == ITEM] if menu else []
    if not tap(bool(items), "the Configuration menu has %r" % ITEM):
        return
    items[0].doActionNamed("click")
    win = wait_for(lambda: wizard_window(app))
    if not tap(win is not None and win.name == "Your account",
               "the menu item opens the assistant on its first page"):
        return
    entry(win, "Your name").text = NAME
    entry(win, "Email address").text = ADDRESS
    entry(win, "Password").text = password
    if not tap(bool(wait_for(lambda: button(win, "Next"), timeout=5)), "Next is available once all is typed"):
        return
    screenshot("1-account")
    t = time.time()
    button(win, "Next").doActionNamed("click")
    win = wait_for(lambda: (lambda w: w if w is not None and w.name == "Result" else None)(wizard_window(app)),
                   timeout=60)
    if not tap(win is not None, "the result page is reached (%.1f s)" % (time.time() - t)):
        w = wizard_window(app)
        note("page: %r, labels: %r" % (w.name if w else None, labels(w) if w else None))
        return
    text = "\n".join(labels(win))
    for line in text.splitlines():  # one comment a line (the caller's echo would expand "\n")
        note("result: %s" % line)
    want = ["Your account works.",
            "Incoming mail: IMAP at %s, port 993, encrypted." % host,
            "Outgoing mail: SMTP at %s, port 465, encrypted." % host]
    missing = [w for w in want if w not in text]
    tap(not missing, "the account is verified: IMAP 993 and SMTP 465 at %s, encrypted" % host,
        "missing: %r\n%s" % (missing, text))
    screenshot("2-result")
    apply_ = wait_for(lambda: button(win, "Apply"), timeout=5)
    if not tap(apply_ is not None and not find_all(win, "check box"), "nothing to confirm, Apply available"):
        return
    apply_.doActionNamed("click")
    win = wait_for(lambda: (lambda w: w if w is not None and w.name == "Done" else None)(wizard_window(app)),
                   timeout=20)
    if not tap(win is not None, "Apply ends on the last page"):
        return
    done = labels(win)
    tap(any("The account %s was created" % ADDRESS in t for t in done), "it says the account was created", done)
    screenshot("3-done")
    close = button(win, "Close")
    if not tap(close is not None, "the last page has Close"):
        return
    close.doActionNamed("click")
    tap(bool(wait_for(lambda: wizard_window(app) is None and "yes", timeout=5)), "Close closes the assistant")


if __name__ == "__main__":
    atspi.run(main)
