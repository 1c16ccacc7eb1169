#!/usr/bin/python3
"""Drives "Import a mail profile…" inside a running Claws Mail through
AT-SPI (dogtail), then the assistant it opens (the wizard test's own
driver, tests/claws/wizard/drive.py, is reused for its pages). Run by
import.sh. Prints unnumbered TAP lines; exit status 0 when it ran to its
end. The password comes from the profile (import.sh puts the demo
scenario's in it): the assistant must not ask for it.

Environment: as tests/claws/wizard/drive.py, plus MS_IMPORT_UNSIGNED and
MS_IMPORT_SIGNED, the two profiles.
"""
import configparser
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wizard"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import drive as wd  # noqa: E402  (sets AT-SPI up)
import atspi  # noqa: E402
from atspi import find_all, labels, note, screenshot, tap, wait_for, xdo  # noqa: E402

ITEM = "Import a mail profile…"
TITLE = "Import a mail profile"


def window(app, role):
    return wait_for(lambda: [w for w in app.children if w.name == TITLE and w.roleName == role and w.showing]
                    or None, timeout=10)


def import_file(wz, path):
    """Configuration → Import a mail profile…, the path typed in the file
    chooser: the summary dialog, or None."""
    items = [c for c in atspi.menu(wz.main, ("Configuration",)).children if c.name == ITEM]
    if not tap(len(items) == 1, "Configuration has “%s” once" % ITEM):
        return None
    items[0].doActionNamed("click")
    chooser = window(wz.app, "file chooser")
    if not tap(bool(chooser), "it opens a file chooser"):
        return None
    atspi.xfocus(TITLE)
    xdo("key", "--clearmodifiers", "ctrl+l")
    time.sleep(0.3)
    # The path set through AT-SPI rather than typed: typed keys pop GTK's
    # completion up, and the chooser gone, their last events reach its
    # unrealized popup (a CRITICAL of GTK's own).
    entries = wait_for(lambda: [e for e in atspi.descendants(chooser[0], "text") if e.showing], timeout=5)
    if entries:
        entries[0].text = path
    else:
        xdo("type", "--delay", "5", path)
    time.sleep(0.3)
    # Open through AT-SPI (a key or a pointer click sent with xdotool makes
    # GTK deliver the event's other half to the destroyed chooser: a
    # CRITICAL that is GTK's, not ours).
    opened = [b for b in find_all(chooser[0], "push button", "Open") if b.sensitive]
    if opened:
        opened[0].doActionNamed("click")
    else:
        xdo("key", "Return")
    summary = window(wz.app, "dialog")
    tap(bool(summary), "the file read, its summary is shown (%s)" % os.path.basename(path))
    return summary[0] if summary else None


def mailsetuprc():
    """The plugin's key file (privacy-account.h), as a ConfigParser."""
    rc = configparser.RawConfigParser(strict=False, interpolation=None)
    rc.optionxform = str
    try:
        rc.read(os.path.join(wd.CFG, "mailsetuprc"), encoding="utf-8")
    except configparser.Error as e:
        note("mailsetuprc: %s" % e)
    return rc


def account_id(address):
    """The number of accountrc's "[Account: N]" block for @address."""
    with open(os.path.join(wd.CFG, "accountrc"), encoding="utf-8", errors="replace") as f:
        text = f.read()
    for m in re.finditer(r"^\[Account: (\d+)\]\s*$((?:\n(?!\[).*)*)", text, flags=re.M):
        if re.search(r"^address=%s$" % re.escape(address), m.group(2), flags=re.M):
            return m.group(1)
    return None


def check_policy(account):
    """The profile's S/MIME settings stored for the account written: its
    layer in mailsetuprc (locks, source: the profile), Claws's own fields
    in accountrc."""
    group = "Account %s Profile" % account_id(account.get("address"))
    rc = wait_for(lambda: group in mailsetuprc() and mailsetuprc(), timeout=5)
    if not tap(bool(rc), "mailsetuprc has the profile's layer for the account [%s]" % group):
        return
    layer = dict(rc[group])
    note("[%s] %r" % (group, layer))
    tap(layer.get("privacy-system") == "smime" and layer.get("privacy-system-locked") == "true",
        "the profile's privacy system, S/MIME, locked (SMIMEEnabled)", layer)
    tap(layer.get("sign") == "true" and layer.get("sign-locked") == "true",
        "signing on and locked (SMIMESigningUserOverrideable false)", layer)
    tap(layer.get("encrypt") == "true" and "encrypt-locked" not in layer,
        "encryption by default, not locked (SMIMEEncryptByDefaultUserOverrideable true)", layer)
    tap(layer.get("source", "").startswith("configuration profile “Demo mail profile")
        and "signed by CN=Demo profile signer" in layer.get("source", ""),
        "the profile, with its signer, is the source of the locks (%r)" % layer.get("source"))
    tap(account.get("default_privacy_system") == "smime" and account.get("default_sign") == "1"
        and account.get("default_encrypt") == "1",
        "accountrc: Claws's own fields follow (smime, sign, encrypt)",
        {k: account.get(k) for k in ("default_privacy_system", "default_sign", "default_encrypt")})


def check_account_page(wz):
    """The done page's “Signing and encryption…”: our page of the account's
    preferences shows signing locked by the profile."""
    prefs = wd.open_privacy_offer(wz)
    if prefs is None:
        return
    cell = wait_for(lambda: [c for c in prefs.findChildren(lambda n: n.roleName == "table cell")
                             if c.name == "Signing and encryption"][0], timeout=5)
    if tap(cell is not None, "with our page “Signing and encryption”"):
        cell.select()
        sign = wait_for(lambda: [b for b in prefs.findChildren(lambda n: n.roleName == "check box")
                                 if b.name == "Sign messages by default" and b.showing][0], timeout=5)
        texts = [n.name for n in prefs.findChildren(lambda n: n.roleName == "label" and n.showing)]
        locked = [t for t in texts if "is locked by" in t]
        note("locks: %r" % locked)
        tap(bool(sign) and sign.checked and not sign.sensitive,
            "“Sign messages by default” is on and read-only (the profile locks it)")
        tap(any("configuration profile “Demo mail profile" in t for t in locked),
            "it says the profile locked it: %r" % (locked[:1],))
        screenshot("5-account-page")
    wd.close_prefs(prefs)


def button(dialog, name):
    found = [b for b in find_all(dialog, "push button", name) if b.sensitive]
    return found[0] if found else None


def main():
    alice = "alice@demo.test"
    app, main_ = atspi.claws()
    wz = wd.Wizard(app, main_)

    # Unsigned: said so, consent is explicit, Cancel opens nothing.
    dialog = import_file(wz, os.environ["MS_IMPORT_UNSIGNED"])
    if dialog is not None:
        text = "\n".join(labels(dialog))
        note("summary: %r" % text)
        screenshot("1-unsigned")
        tap("Signature: none. Anyone could have written this profile" in text, "unsigned: the warning", text)
        tap("Account: alice@demo.test" in text and "IMAP imap.demo.test, port 993, tls" in text
            and "SMTP smtp.demo.test, port 587, starttls" in text,
            "unsigned: the account and its servers", text)
        tap("Not applicable: com.apple.security.pkcs12" in text and "Not applied: PreventAppSheet" in text,
            "unsigned: what does not apply, and why", text)
        tap(button(dialog, "Use this profile anyway") is not None
            and button(dialog, "Continue") is None,
            "unsigned: only an explicit “Use this profile anyway”")
        button(dialog, "Cancel").doActionNamed("click")
        gone = wait_for(lambda: not dialog.showing and "yes", timeout=5)
        time.sleep(0.5)
        tap(bool(gone) and wz.window() is None, "Cancel: nothing opens")

    # Signed by the test CA (trusted through SSL_CERT_FILE): Continue, then
    # the assistant verifies the imported settings and writes the account.
    dialog = import_file(wz, os.environ["MS_IMPORT_SIGNED"])
    if dialog is None:
        return
    text = "\n".join(labels(dialog))
    note("summary: %r" % text)
    screenshot("2-signed")
    tap("Signature: valid, signed by CN=Demo profile signer,O=Demo and Co" in text, "signed: valid, the signer named",
        text)
    tap("Profile: Demo mail profile" in text and "Organisation: Demo & Co" in text, "signed: the profile's name",
        text)
    tap("The profile includes the password: it is used to check the account" in text,
        "signed: it says the profile's password is used", text)
    ok = button(dialog, "Continue")
    if not tap(ok is not None, "signed: Continue"):
        return
    searches = wd.claws_trace().count("search for %s started" % alice)
    ok.doActionNamed("click")
    wz.win = wait_for(wz.window, timeout=10)
    if not tap(wz.win is not None, "Continue opens the assistant"):
        return
    # The profile holds the password: nothing is asked, the check starts.
    screenshot("3-assistant")
    if not tap(bool(wz.at("Result", timeout=30)),
               "with the profile's password, it verifies the settings at once (no password asked)"):
        note("page: %r" % wz.page())
        return
    result = wz.result_text()
    note("result: %r" % result)
    trace = wd.claws_trace()
    tap("verification of given settings for %s started" % alice in trace
        and trace.count("search for %s started" % alice) == searches,
        "the profile's settings were verified, without discovery")
    tap("Your account works." in result and "Incoming mail: IMAP at imap.demo.test, port 993, encrypted." in result
        and "Outgoing mail: SMTP at smtp.demo.test, port 587, encrypted (STARTTLS)." in result,
        "they work: IMAP 993 TLS, SMTP 587 STARTTLS, as the profile says", result)
    screenshot("4-result")
    wz.click("Apply")
    if not tap(bool(wz.at("Done", timeout=10)), "Apply writes the account"):
        return
    acc = wait_for(lambda: [a for a in wd.accountrc() if a.get("address") == alice], timeout=5) or []
    note("accountrc: %r" % acc)
    tap(len(acc) == 1 and acc[0].get("smtp_server") == "smtp.demo.test" and acc[0].get("smtp_port") == "587"
        and acc[0].get("name") == wd.NAME,
        "accountrc: alice@demo.test with the profile's servers and name", acc)
    if acc:
        check_policy(acc[0])
    check_account_page(wz)
    wz.click("Close")
    tap(bool(wz.closed()), "Close closes the assistant")


if __name__ == "__main__":
    atspi.run(main)
