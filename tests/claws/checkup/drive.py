#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives "Check my accounts…" inside a running Claws Mail through AT-SPI
(dogtail). Run by checkup.sh, which starts Claws under Xvfb, inside the test
world's client namespace, with three accounts: an OVH-like one with two
certificate exceptions (contact@client-ovh.test), a plain-text one
(bob@demo.test) and a clean one (alice@demo.test). Prints unnumbered TAP
lines; the caller numbers them. Exit status 0 when it ran to its end.

Steps: the window lists each account's findings in plain words; "Make
secure…" asks first (Cancel changes nothing); yes writes the fix (only
accountrc, the two certificate files and the plugin's undo file change;
the password store does not); Undo puts everything back byte for byte;
yes again, then the plain-text account too; the check-up then finds
nothing more.

Environment: MS_CLAWS_CFG (Claws's configuration directory),
MS_CHECKUP_OUTDIR (screenshots). Helpers: tests/claws/lib/atspi.py.
"""
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import atspi  # noqa: E402
from atspi import find_all, labels, note, screenshot, tap, wait_for  # noqa: E402

atspi.setup(delay=0.05, outdir=os.environ.get("MS_CHECKUP_OUTDIR", "."))
CFG = os.environ["MS_CLAWS_CFG"]
ITEM = "Check my accounts…"
TITLE = "Check my accounts"
OVH = "contact@client-ovh.test (contact@client-ovh.test)"
BOB = "bob@demo.test (bob@demo.test)"
ALICE = "Alice at home (alice@demo.test)"
# Files that must exist in every snapshot (None when absent).
WATCHED = ("accountrc", "passwordstorerc", "clawsrc", "folderlist.xml", "mailsetup-undo.ini",
           "certs/mail.client-ovh.test.993.cert", "certs/mail.client-ovh.test.587.cert",
           "certs/mail.demo.test.993.cert")


def snapshot():
    """Every file of Claws's directory (but its own log) with its hash."""
    out = {name: None for name in WATCHED}
    for root, _, files in os.walk(CFG):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, CFG)
            if rel == "claws.log":
                continue
            try:
                with open(path, "rb") as f:
                    out[rel] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                out[rel] = None
    return out


def changed(a, b):
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def account(address):
    found = [a for a in atspi.accountrc(CFG) if a.get("address") == address]
    return found[0] if found else {}


class Checkup:
    def __init__(self, app, main):
        self.app = app
        self.main = main
        self.win = None

    def window(self):
        for w in self.app.children:
            if w.name == TITLE and w.showing:
                return w
        return None

    def open(self):
        menu = atspi.menu(self.main, ("Configuration",))
        items = [c for c in menu.children if c.name == ITEM]
        tap(len(items) == 1, "Configuration has “%s” once" % ITEM)
        names = [c.name for c in menu.children]
        if "Set up an account automatically…" in names and ITEM in names:
            # The plugin's items stay together: after the assistant's, with
            # only the plugin's own items ("Import a mail profile…") between.
            between = names[names.index("Set up an account automatically…") + 1:names.index(ITEM)]
            tap(names.index(ITEM) > names.index("Set up an account automatically…")
                and all(n in ("Import a mail profile…",) for n in between),
                "it comes after the assistant's item, in the plugin's group", names)
        items[0].doActionNamed("click")
        self.win = wait_for(self.window)
        return self.win

    def status(self):
        found = [t for t in labels(self.win) if t.startswith(("Every account", "Checking", "“", "The last"))]
        return found[-1] if found else ""

    def checked(self, timeout=40):
        return wait_for(lambda: "Every account was checked." in labels(self.win) and "yes", timeout=timeout)

    # A row may be scrolled out of view: rows are looked up showing or not.
    def frame(self, name):
        found = find_all(self.win, None, name, showing=False)
        return found[0] if found else None

    def text(self, name):
        f = self.frame(name)
        return "\n".join(n.name for n in find_all(f, "label", showing=False) if n.name) if f else ""

    def buttons(self, name):
        f = self.frame(name)
        return [b for b in find_all(f, "push button", "Make secure…", showing=False) if b.showing] if f else []

    def make_secure(self, name):
        buttons = [b for b in self.buttons(name) if b.sensitive]
        if not buttons:
            return False
        buttons[0].doActionNamed("click")
        return True

    def question(self):
        for w in self.app.children:
            if w.showing and any(t.startswith("Change “") for t in labels(w)):
                return w
        return None

    def answer(self, button):
        q = wait_for(self.question, timeout=5)
        if q is None:
            return None
        text = "\n".join(labels(q))
        boxes = [(b.name, b.checked) for b in find_all(q, "check box")]
        [b for b in find_all(q, "push button", button)][0].doActionNamed("click")
        wait_for(lambda: self.question() is None and "yes", timeout=5)
        return text, boxes

    def click(self, name):
        [b for b in find_all(self.win, "push button", name) if b.sensitive][0].doActionNamed("click")


def main():
    ck = Checkup(*atspi.claws())
    if not tap(ck.open() is not None, "Configuration → %s opens the check-up window" % ITEM):
        return
    tap(bool(ck.checked()), "every account is checked (status: %r)" % ck.status())
    screenshot("checkup-1-findings")
    ovh, bob, alice = ck.text(OVH), ck.text(BOB), ck.text(ALICE)
    note("OVH-like: " + ovh.replace("\n", " | "))
    note("bob: " + bob.replace("\n", " | "))
    tap("made for another name: ssl0.hebergeur.test" in ovh and "Claws Mail was told to accept" in ovh
        and "Incoming: ssl0.hebergeur.test, port 993, encrypted (TLS)" in ovh
        and "Outgoing: ssl0.hebergeur.test, port 465, encrypted (TLS)" in ovh
        and "STARTTLS" in ovh and "verified with your password" in ovh,
        "OVH-like: the exceptions for another name and STARTTLS explained, the fix verified with the stored password",
        ovh)
    tap("without encryption" in bob and "does not sign in to send" in bob
        and "Incoming: mail.demo.test, port 993, encrypted (TLS)" in bob
        and "Outgoing: mail.demo.test, port 465, encrypted (TLS)" in bob,
        "plain text: receiving and sending in plain text, no login to send, the fix", bob)
    if ck.frame(ALICE) is None:
        note("frames: %r" % [n.name for n in find_all(ck.win, "panel", showing=False)])
    tap("Secure: nothing to change." in alice, "the clean account: nothing to change", alice)
    tap(ck.frame(ALICE) is not None and not ck.buttons(ALICE),
        "the clean account has no “Make secure…” button")

    # Cancel changes nothing.
    before = snapshot()
    tap(ck.make_secure(OVH), "“Make secure…” for the OVH-like account")
    got = ck.answer("Cancel")
    tap(got is not None and "Incoming: ssl0.hebergeur.test, port 993" in got[0]
        and "Undo" in got[0], "it asks first, showing the new settings and that Undo exists",
        got and got[0])
    tap(got is not None and got[1] == [
        ("Also remove the certificate exceptions Claws Mail keeps for the old server (2)", True)],
        "it offers to remove the two certificate exceptions (ticked)", got and got[1])
    is_same = wait_for(lambda: snapshot() == before and "yes", timeout=2)
    tap(bool(is_same), "Cancel: nothing changed")

    # Yes.
    ck.make_secure(OVH)
    screenshot("checkup-2-question")
    ck.answer("Yes, make it secure")
    tap(bool(wait_for(lambda: "“contact@client-ovh.test” was made secure." in labels(ck.win) and "yes", timeout=5)),
        "yes: the window says the account was made secure", labels(ck.win))
    fixed = snapshot()
    # Claws's account_write_config_all() also rewrites the password store,
    # unchanged (its .bak appears): its contents must be the same.
    tap(changed(before, fixed) == ["accountrc", "accountrc.bak", "certs/mail.client-ovh.test.587.cert",
                                   "certs/mail.client-ovh.test.993.cert", "mailsetup-undo.ini",
                                   "passwordstorerc.bak"] and fixed["passwordstorerc"] == before["passwordstorerc"],
        "in Claws's whole directory only accountrc, the two exceptions (removed) and the undo file changed "
        "(and Claws's .bak files); the password store's contents did not", changed(before, fixed))
    tap(fixed["certs/mail.client-ovh.test.993.cert"] is None and fixed["certs/mail.demo.test.993.cert"] is not None,
        "the stale exceptions are gone, the other account's certificate stays")
    a = account("contact@client-ovh.test")
    want = {"receive_server": "ssl0.hebergeur.test", "ssl_imap": "1", "set_imapport": "1", "imap_port": "993",
            "smtp_server": "ssl0.hebergeur.test", "ssl_smtp": "1", "set_smtpport": "1", "smtp_port": "465",
            "use_smtp_auth": "1", "ssl_certs_auto_accept": "1", "account_name": "contact@client-ovh.test"}
    tap(all(a.get(k) == v for k, v in want.items()), "accountrc: the OVH-like account has the secure settings",
        {k: a.get(k) for k in want})
    tap(bool(ck.checked()) and "Secure: nothing to change." in ck.text(OVH),
        "checked again: nothing more to change", ck.text(OVH))

    # Undo: everything back, byte for byte.
    ck.click("Undo the last change")
    tap(bool(wait_for(lambda: any(t.startswith("The last change was undone") for t in labels(ck.win)) and "yes",
                      timeout=5)), "Undo says the account has its old settings again", labels(ck.win))
    undone = snapshot()
    tap(changed(before, undone) == ["accountrc", "accountrc.bak", "passwordstorerc.bak"]
        and account("contact@client-ovh.test").get("receive_server")
        == "mail.client-ovh.test", "after Undo: the certificates are back byte for byte, the undo file gone, "
        "the old settings in accountrc", changed(before, undone))
    tap(bool(ck.checked()) and "ssl0.hebergeur.test" in ck.text(OVH), "checked again: the findings are back")

    # Yes again, and the plain-text account.
    ck.make_secure(OVH)
    ck.answer("Yes, make it secure")
    wait_for(lambda: "“contact@client-ovh.test” was made secure." in labels(ck.win) and "yes", timeout=5)
    ck.checked()
    # A write that fails (a directory where Claws writes accountrc.tmp):
    # an error in the row, and Claws's directory as it was, byte for byte.
    blocker = os.path.join(CFG, "accountrc.tmp")
    os.mkdir(blocker)
    before_failure = snapshot()
    ck.make_secure(BOB)
    ck.answer("Yes, make it secure")
    failed = wait_for(lambda: "could not save" in ck.text(BOB) and ck.text(BOB), timeout=5)
    tap(bool(failed), "a write that fails is reported in the account's row", ck.text(BOB))
    tap(changed(before_failure, snapshot()) == [], "after the failed write, Claws's directory is as before",
        changed(before_failure, snapshot()))
    tap(account("bob@demo.test").get("ssl_imap") == "0", "and accountrc still has the old settings")
    os.rmdir(blocker)
    tap(ck.make_secure(BOB), "“Make secure…” for the plain-text account")
    got = ck.answer("Yes, make it secure")
    tap(got is not None and got[1] == [] and "(signing in)" in got[0],
        "no exception to remove; it says Claws will sign in to send", got)
    ck.checked()
    screenshot("checkup-3-fixed")
    b = account("bob@demo.test")
    want = {"receive_server": "mail.demo.test", "ssl_imap": "1", "imap_port": "993", "smtp_server": "mail.demo.test",
            "ssl_smtp": "1", "smtp_port": "465", "use_smtp_auth": "1", "smtp_user_id": ""}
    tap(all(b.get(k, "") == v for k, v in want.items()),
        "accountrc: the plain-text account has the secure settings (signing in to send as the receiving user)",
        {k: b.get(k) for k in want})
    tap(all("Secure: nothing to change." in ck.text(n) for n in (OVH, BOB, ALICE)),
        "checked again: all three accounts are secure")
    tap(snapshot()["passwordstorerc"] == before["passwordstorerc"], "the password store was never touched")
    ck.click("Close")
    tap(bool(wait_for(lambda: ck.window() is None and "yes", timeout=5)), "Close closes the window")


if __name__ == "__main__":
    atspi.run(main)
