#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sends one message from Claws's own compose window through AT-SPI, with
the account the assistant wrote chosen in From: the window e2e.sh opened
with `claws-mail --compose mailto:...`, the account picked, Send. Prints
unnumbered TAP lines; the caller numbers them (tests/claws/lib.sh's
ms_drive). Exit status 0 when it ran to its end.

Environment: MS_E2E_OUTDIR (screenshots), MS_E2E_ADDRESS (the account's
address), MS_E2E_SUBJECT (the subject of the message e2e.sh opened).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import atspi  # noqa: E402
from atspi import find_all, note, screenshot, tap, wait_for  # noqa: E402

atspi.setup(delay=0.05, outdir=os.environ.get("MS_E2E_OUTDIR", "."))

ADDRESS = os.environ.get("MS_E2E_ADDRESS", "alice@demo.test")
SUBJECT = os.environ["MS_E2E_SUBJECT"]


def compose_window(app):
    for w in app.children:
        if w.roleName == "frame" and "Compose message" in w.name and w.showing:
            return w
    return None


def main():
    app = atspi.tree.root.application("claws-mail")
    win = wait_for(lambda: compose_window(app), timeout=15)
    if not tap(win is not None, "claws-mail --compose opens Claws's compose window"):
        return
    note("compose window: %r" % win.name)
    subject = [e for e in find_all(win, "text") if e.text == SUBJECT]
    tap(bool(subject), "with the subject given")
    # From: a combo box of Claws's accounts ("Name <address> (account name)").
    combo = None
    for c in find_all(win, "combo box"):
        items = [i.name for i in c.findChildren(lambda n: n.roleName == "menu item")]
        if any(ADDRESS in i for i in items):
            combo, names = c, items
            break
    if not tap(combo is not None, "From offers the account the assistant wrote"):
        return
    note("From: %r" % names)
    combo.querySelection().selectChild([i for i, n in enumerate(names) if ADDRESS in n][0])
    chosen = wait_for(lambda: ADDRESS in (combo.name or "") and "yes", timeout=5)
    tap(bool(chosen), "%s chosen in From (%r)" % (ADDRESS, combo.name))
    screenshot("4-compose")
    send = [b for b in find_all(win, "push button", "Send") if b.sensitive]
    if not tap(bool(send), "the compose window has Send"):
        return
    send[0].doActionNamed("click")
    tap(bool(wait_for(lambda: compose_window(app) is None and "yes", timeout=30)),
        "Send: the compose window closes (the message went out)")


if __name__ == "__main__":
    atspi.run(main)
