#!/usr/bin/python3
"""Drives "Import a mail profile…" inside a running Claws Mail through
AT-SPI (dogtail), then the assistant it opens (the wizard test's own
driver, tests/claws/wizard/drive.py, is reused for its pages). Run by
import.sh. Prints unnumbered TAP lines; exit status 0 when it ran to its
end. The password is read from the demo scenario's `expected` file.

Environment: as tests/claws/wizard/drive.py, plus MS_IMPORT_UNSIGNED and
MS_IMPORT_SIGNED, the two profiles.
"""
import os
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


def button(dialog, name):
    found = [b for b in find_all(dialog, "push button", name) if b.sensitive]
    return found[0] if found else None


def main():
    alice = "alice@demo.test"
    alice_pw = wd.facts("demo")[alice]["password"][0]
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
    ok = button(dialog, "Continue")
    if not tap(ok is not None, "signed: Continue"):
        return
    searches = wd.claws_trace().count("search for %s started" % alice)
    ok.doActionNamed("click")
    wz.win = wait_for(wz.window, timeout=10)
    if not tap(wz.win is not None and wz.page() == "Your account", "Continue opens the assistant"):
        return
    tap(wz.entry("Email address").text == alice and wz.entry("Your name").text == wd.NAME,
        "with the profile's address and name filled in")
    screenshot("3-assistant")
    wz.set("Password", alice_pw)
    wz.click("Next")
    if not tap(bool(wz.at("Result", timeout=30)), "Next verifies the imported settings"):
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
    wz.click("Close")
    tap(bool(wz.closed()), "Close closes the assistant")


if __name__ == "__main__":
    atspi.run(main)
