#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives Claws Mail's compose windows through AT-SPI (dogtail) and the X
keyboard (xdotool) for tests/claws/privacy/privacy.sh: the account's policy
in the Options menu, a refused sending, a message signed only with a
notice, a message encrypted on its own. Prints unnumbered TAP lines ("ok -
...", "not ok - ...") and "# ..." comments; the caller numbers them.
Writes the subjects and bodies sent to MS_PRIVACY_TMP (subject-signed,
body-signed, subject-encrypted, body-encrypted) for the checks with gpg.

Environment: MS_PRIVACY_TMP, MS_PRIVACY_OUTDIR (screenshots), MS_CLAWS_CFG
(Claws's configuration directory, for its log and remote commands),
MS_SITE_FILE (the site defaults file that locks signing).
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import atspi  # noqa: E402
from atspi import note, screenshot, tap, wait_for, xclick, xdo  # noqa: E402

tree = atspi.setup(delay=0.1, outdir=os.environ.get("MS_PRIVACY_OUTDIR", "."))

TMP = os.environ["MS_PRIVACY_TMP"]
CFG = os.environ["MS_CLAWS_CFG"]
LOG = os.path.join(CFG, "claws.log")
SITE = os.environ["MS_SITE_FILE"]
RUN = str(os.getpid())


def log_text():
    with open(LOG, encoding="utf-8", errors="replace") as f:
        return f.read()


def save(name, text):
    with open(os.path.join(TMP, name), "w", encoding="utf-8") as f:
        f.write(text)


APP = None


def app():
    global APP
    if APP is None:
        APP = tree.root.application("claws-mail")
    return APP


def compose(to, subject, body):
    """A compose window from a mailto: URL (Claws's remote command)."""
    url = "mailto:%s?subject=%s&body=%s" % (to, subject, body.replace(" ", "%20"))
    subprocess.run(["claws-mail", "--alternate-config-dir", CFG, "--compose", url],
                   capture_output=True, timeout=30)
    return wait_for(lambda: [w for w in app().children
                             if w.roleName == "frame" and subject in w.name and w.showing][0], timeout=15)


def closed(subject, timeout=20.0):
    """The compose window of that subject is gone (the message was sent)."""
    return wait_for(lambda: not [w for w in app().children
                                 if w.roleName == "frame" and subject in w.name and w.showing] and "yes",
                    timeout=timeout)


def item(window, role, name):
    return [n for n in window.findChildren(lambda n: n.roleName == role and n.name == name)][0]


def toggles(window):
    sign = item(window, "check menu item", "Sign")
    encrypt = item(window, "check menu item", "Encrypt")
    return sign, encrypt


def privacy_system(window, *labels):
    """Options → Privacy System → the first item named one of labels."""
    sub = atspi.menu(window, ("Privacy System",))
    found = [n for n in sub.children if n.name in labels]
    if not found:
        raise LookupError("no privacy system %r in %r" % (labels, [n.name for n in sub.children]))
    found[0].doActionNamed("click")


def send(window, subject):
    """Ctrl+Return in the window (Claws's Send), through X."""
    wid = xdo("search", "--name", subject).split()
    if wid:
        xdo("windowfocus", "--sync", wid[0])
    time.sleep(0.3)
    xdo("key", "--clearmodifiers", "ctrl+Return")


def dialog_with(text, timeout=10.0):
    """A showing dialog or alert one of whose labels holds text."""
    def find():
        for w in app().children:
            if not w.showing or w.roleName not in ("dialog", "alert", "frame", "window"):
                continue
            labels = [n.name for n in w.findChildren(lambda n: n.roleName == "label")]
            if any(text in (t or "") for t in labels):
                return w, "\n".join(t for t in labels if t)
        return None
    return wait_for(find, timeout=timeout)


def main_window():
    return atspi.claws()[1]


def check_account_page():
    """Configuration → Preferences for current account → Privacy →
    Signing and encryption: the site's lock shows, read-only."""
    # Real clicks: the preferences window runs a nested main loop, which a
    # doAction would wait for (and AT-SPI time out).
    m = atspi.menu(main_window(), ("Configuration",))
    xclick(m)
    entry = [c for c in m.children if c.name.startswith("Preferences for current account")][0]
    wait_for(lambda: entry.showing and "yes", timeout=5)
    time.sleep(0.3)
    xclick(entry)
    prefs = wait_for(lambda: [w for w in app().children if w.showing and w.roleName in ("frame", "dialog")
                              and "account preferences" in w.name.lower()][0])
    if not tap(prefs is not None, "the account's preferences open"):
        note("windows: %r" % [(w.roleName, w.name) for w in app().children])
        return
    cell = wait_for(lambda: [c for c in prefs.findChildren(lambda n: n.roleName == "table cell")
                             if c.name == "Signing and encryption"][0], timeout=5)
    if not tap(cell is not None, "our page “Signing and encryption” is in the account's preferences"):
        note("pages: %r" % [c.name for c in prefs.findChildren(lambda n: n.roleName == "table cell")])
    else:
        cell.select()
        sign = wait_for(lambda: [b for b in prefs.findChildren(lambda n: n.roleName == "check box")
                                 if b.name == "Sign messages by default" and b.showing][0], timeout=5)
        labels = [n.name for n in prefs.findChildren(lambda n: n.roleName == "label" and n.showing)]
        locked = [t for t in labels if "is locked by" in t]
        tap(bool(sign) and sign.checked and not sign.sensitive,
            "“Sign messages by default” is on and read-only (locked by the site)")
        tap(any(SITE in t for t in locked), "it says who locked it: %r" % (locked[:1],))
        auto = [b for b in prefs.findChildren(lambda n: n.roleName == "check box")
                if b.name.startswith("Encrypt automatically") or b.name.startswith("Encrypt when")]
        note("check boxes: %r" % [(b.name, b.checked, b.sensitive) for b in
                                  prefs.findChildren(lambda n: n.roleName == "check box" and n.showing)])
        tap(any(b.checked and b.sensitive for b in auto),
            "automatic encryption (the plugin's own file) is on and can be changed")
        keys = wait_for(lambda: [i.name for c in prefs.findChildren(lambda n: n.roleName == "combo box")
                                 for i in c.findChildren(lambda n: n.roleName == "menu item")
                                 if "alice@demo.test" in (i.name or "") and ", key " in i.name], timeout=10)
        tap(bool(keys), "“Sign with” offers alice's key, listed through gpgme (%r)" % (keys[:1] if keys else None,))
        screenshot("0-account-page")
        # Changes saved with OK: one of Claws's own keys (encrypt replies,
        # accountrc) and one only the plugin has (automatic encryption's
        # per-message switch, mailsetuprc); privacy.sh checks the files.
        boxes = prefs.findChildren(lambda n: n.roleName == "check box" and n.showing)
        for i, b in enumerate(boxes):
            if b.name == "Encrypt replies to encrypted messages" and b.checked:
                b.doActionNamed("click")
            if b.name == "Encrypt when every recipient has a key" and i > 0 \
                    and boxes[i - 1].name == "switchable per message" and boxes[i - 1].checked:
                boxes[i - 1].doActionNamed("click")
        note("after the changes: %r" % [(b.name, b.checked) for b in boxes])
    before = log_text().count("signing and encryption settings of account 1 saved")
    ok = [b for b in prefs.findChildren(lambda n: n.roleName == "push button")
          if b.name in ("OK", "_OK") and b.showing]
    if ok:
        ok[0].doActionNamed("click")
    tap(bool(wait_for(lambda: not prefs.showing and "yes", timeout=5)), "the preferences close (OK)")
    tap(bool(wait_for(lambda: log_text().count("signing and encryption settings of account 1 saved") > before
                      and "yes", timeout=5)), "the plugin saved the page (claws.log)")


def switch_account(win, name):
    """The From combo box: its item for the account."""
    combo = [c for c in win.findChildren(lambda n: n.roleName == "combo box")
             if any(i.name == name for i in c.findChildren(lambda n: n.roleName == "menu item"))][0]
    [i for i in combo.findChildren(lambda n: n.roleName == "menu item") if i.name == name][0] \
        .doActionNamed("click")


def main():
    # --- 1. a compose window to bob: signing on and locked
    subject = "privacy-signed-%s" % RUN
    body = "Signed only because bob has no key %s" % RUN
    win = compose("bob@demo.test", subject, body)
    if not tap(win is not None, "a compose window opens (mailto: bob@demo.test)"):
        note("windows: %r" % [(w.roleName, w.name) for w in app().children])
        return 1
    applied = wait_for(lambda: "mailsetup: compose window, account 1" in log_text() and "yes", timeout=10)
    tap(bool(applied), "the plugin applied the account's policy to the window (claws.log)")
    sign, encrypt = toggles(win)
    tap(sign.checked, "Options → Sign is on (the site signs every message)")
    tap(not sign.sensitive, "Options → Sign cannot be switched (insensitive: locked, no per-message switch)")
    tap(not encrypt.checked and encrypt.sensitive, "Options → Encrypt is off and can be switched")
    tap(SITE in (sign.description or ""), "Sign's tooltip says who requires it (%r)" % sign.description)
    screenshot("1-compose-bob")

    # --- From: bob's account (S/MIME, no automatic encryption), then alice's
    before = log_text().count("mailsetup: compose window, account 2")
    switch_account(win, "bob@demo.test")
    tap(bool(wait_for(lambda: log_text().count("mailsetup: compose window, account 2") > before
                      and "yes", timeout=5)),
        "From set to bob's account: the plugin applied that account's policy (claws.log)")
    sign, encrypt = toggles(win)
    tap(sign.checked and not sign.sensitive, "with bob's account, Sign is still on and fixed (the site's lock)")
    line = [l for l in log_text().splitlines() if "mailsetup: compose window, account 2" in l][-1:]
    tap(bool(line) and "privacy system smime" in line[0], "with bob's account, the system is S/MIME (%s)"
        % (line[0].split("mailsetup: ")[-1] if line else "no log line"))
    before = log_text().count("mailsetup: compose window, account 1")
    switch_account(win, "alice@demo.test")
    tap(bool(wait_for(lambda: log_text().count("mailsetup: compose window, account 1") > before
                      and "yes", timeout=5)),
        "From set back to alice's account: her policy applies again")
    line = [l for l in log_text().splitlines() if "mailsetup: compose window, account 1" in l][-1:]
    tap(bool(line) and "privacy system pgpmime" in line[0] and "automatic encryption on" in line[0],
        "alice's: PGP/MIME and automatic encryption (%s)" % (line[0].split("mailsetup: ")[-1] if line else "-"))
    sign, encrypt = toggles(win)
    tap(sign.checked and not sign.sensitive, "with alice's account, Sign on and fixed")

    # --- 2. the privacy system set to None: the message would go unsigned
    privacy_system(win, "None")
    time.sleep(0.5)
    send(win, subject)
    found = dialog_with("Locked", timeout=2) or dialog_with(os.path.basename(SITE), timeout=8) \
        or dialog_with("sign", timeout=2)
    if tap(found is not None, "with the privacy system set to None, sending is refused with a dialog"):
        dlg, text = found
        note("dialog %r: %s" % (dlg.name, text.replace("\n", " | ")))
        tap(SITE in text or os.path.basename(SITE) in text,
            "the dialog says who locked signing (the site file)")
        screenshot("2-refused")
        close = [b for b in dlg.findChildren(lambda n: n.roleName == "push button") if b.showing]
        if close:
            xclick(close[0])
        tap(bool(wait_for(lambda: not dlg.showing and "yes", timeout=5)), "the dialog closes")
    else:
        note("windows: %r" % [(w.roleName, w.name) for w in app().children])
    tap("sending refused" in log_text(), "the refusal is in Claws's log")
    time.sleep(0.5)
    still = [w for w in app().children if w.roleName == "frame" and subject in w.name and w.showing]
    tap(bool(still), "the compose window is still open (nothing was sent)")

    # --- 3. PGP MIME again: sent signed only (bob has no key), and told
    privacy_system(win, "PGP MIME")
    time.sleep(0.5)
    save("subject-signed", subject)
    save("body-signed", body)
    send(win, subject)
    notice = dialog_with("bob@demo.test", timeout=15)
    if tap(notice is not None, "a notice says the message went without encryption"):
        dlg, text = notice
        note("notice %r: %s" % (dlg.name, text.replace("\n", " | ")))
        tap("bob@demo.test" in text, "the notice names bob@demo.test, who has no key")
        screenshot("3-notice")
        close = [b for b in dlg.findChildren(lambda n: n.roleName == "push button") if b.showing]
        if close:
            close[0].doActionNamed("click")
    tap(bool(wait_for(lambda: "not encrypted, no usable key for: bob@demo.test" in log_text() and "yes",
                      timeout=5)), "Claws's log names bob@demo.test as lacking a key")
    tap(bool(closed(subject)), "the compose window closed (the message was sent)")

    # --- 4. to alice, who has a key: encrypted on its own
    subject = "privacy-encrypted-%s" % RUN
    body = "Encrypted because alice has a key %s" % RUN
    win = compose("alice@demo.test", subject, body)
    if not tap(win is not None, "a compose window opens (mailto: alice@demo.test)"):
        return 1
    sign, encrypt = toggles(win)
    tap(sign.checked and not encrypt.checked, "Sign on, Encrypt off before sending")
    save("subject-encrypted", subject)
    save("body-encrypted", body)
    send(win, subject)
    tap(bool(wait_for(lambda: "(every recipient has a key)" in log_text() and "yes", timeout=15)),
        "Claws's log: encrypted because every recipient has a key")
    tap(bool(closed(subject)), "the compose window closed (the message was sent)")
    screenshot("4-after-sending")

    # --- 5. S/MIME chosen in the window (the system is not locked): to
    # bob, who has no certificate: signed with alice's certificate
    subject = "privacy-smime-%s" % RUN
    body = "Signed with S/MIME %s" % RUN
    win = compose("bob@demo.test", subject, body)
    if not tap(win is not None, "a compose window opens (mailto: bob@demo.test, for S/MIME)"):
        return 1
    privacy_system(win, "S/MIME", "S-MIME")
    time.sleep(0.5)
    save("subject-smime", subject)
    save("body-smime", body)
    send(win, subject)
    notice = dialog_with("bob@demo.test", timeout=15)
    if notice is not None:
        close = [b for b in notice[0].findChildren(lambda n: n.roleName == "push button") if b.showing]
        if close:
            close[0].doActionNamed("click")
    tap(bool(wait_for(lambda: "mailsetup: sending with smime" in log_text() and "yes", timeout=10)),
        "Claws's log: sent with S/MIME, signed")
    tap(bool(closed(subject)), "the compose window closed (the S/MIME message was sent)")

    check_account_page()
    return 0


if __name__ == "__main__":
    atspi.run(main)
