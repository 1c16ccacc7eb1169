# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the plugin meets the rest of Claws, for wizard/drive.py: the
"Set up automatically…" entry points of Claws's account list and account
preferences, and unloading the plugin from Claws's plugin manager with the
assistant open or searching. The driver's own helpers come in `d` (the
driver module), so that this file has no state of its own."""
import os
import time

import atspi
from atspi import find_all, labels, note, screenshot, tap, wait_for, xdo


def claws_window(app, name, timeout=5.0):
    return wait_for(lambda: [w for w in app.children if w.name == name and w.showing] or None,
                    timeout=timeout)


def open_account_list(wz):
    item = [c for c in atspi.menu(wz.main, ("Configuration",)).children if c.name == "Edit accounts..."]
    if not item:
        return None
    item[0].doActionNamed("click")
    found = claws_window(wz.app, "Edit accounts")
    return found[0] if found else None


def check_account_entries(d, wz, address, password):
    """"Set up automatically…" in Claws's account list (Configuration →
    Edit accounts…) and on a page of the account preferences: each closes
    Claws's modal window and opens the assistant; from the preferences, on
    the account's address, and Apply then offers to update that account."""
    item = "Set up automatically…"
    window = open_account_list(wz)
    if not tap(window is not None, "Configuration → Edit accounts… opens Claws's account list"):
        return
    buttons = [b.name for b in find_all(window, "push button") if b.name]
    note("account list buttons: %r" % buttons)
    tap(item in buttons and buttons.index(item) == buttons.index("New") + 1,
        "the account list has %r, right after New" % item, buttons)
    screenshot("6-account-list")
    if item not in buttons:
        return
    wz.win = None
    find_all(window, "push button", item)[0].doActionNamed("click")
    wz.win = wait_for(wz.window)
    tap(wz.win is not None and wz.page() == "Your account", "it opens the assistant on its first page")
    tap(bool(wait_for(lambda: not window.showing and "yes", timeout=5)),
        "and closes the account list (Claws saves it as with Close)")
    if wz.win is not None:
        wz.click("Cancel")
        wz.closed()

    # The account preferences of the account: its page, its button.
    window = open_account_list(wz)
    cells = [c for c in find_all(window, "table cell") if c.name == address] if window else []
    if not tap(bool(cells), "the account list shows %s" % address):
        return
    atspi.xclick(cells[0])  # selects its row
    time.sleep(0.3)
    # Edit runs the preferences in a nested main loop: a real click.
    atspi.xclick(find_all(window, "push button", "Edit")[0])
    prefs = claws_window(wz.app, "%s - Account preferences" % address, timeout=10)
    if not tap(bool(prefs), "Edit opens the account's preferences"):
        note("windows: %r" % [(w.roleName, w.name) for w in wz.app.children])
        return
    prefs = prefs[0]
    page = wait_for(lambda: [c for c in find_all(prefs, "table cell") if c.name == "Mail setup"], timeout=5)
    if not tap(bool(page), "the account preferences have a page %r" % "Mail setup",
               sorted({c.name for c in find_all(prefs, "table cell")})):
        return
    # Claws's own Cancel first: closing its preferences under AT-SPI makes
    # GTK's notebook accessibles assert; our button must add nothing else.
    before = d.claws_trace().count("gtk_notebook_get_tab_label")
    find_all(prefs, "push button", "Cancel")[0].doActionNamed("click")
    wait_for(lambda: not prefs.showing and "yes", timeout=5)
    time.sleep(0.5)
    by_claws = d.claws_trace().count("gtk_notebook_get_tab_label") - before
    note("Claws's Cancel: %d gtk_notebook_get_tab_label criticals" % by_claws)
    window = claws_window(wz.app, "Edit accounts")
    if not window:
        return
    atspi.xclick(find_all(window[0], "push button", "Edit")[0])
    prefs = claws_window(wz.app, "%s - Account preferences" % address, timeout=10)
    if not prefs:
        return
    prefs = prefs[0]
    page = wait_for(lambda: [c for c in find_all(prefs, "table cell") if c.name == "Mail setup"], timeout=5)
    atspi.xclick(page[0])
    button = wait_for(lambda: find_all(prefs, "push button", item), timeout=5)
    texts = labels(prefs)
    tap(bool(button) and any(address in t for t in texts),
        "the page offers %r for %s" % (item, address), texts)
    screenshot("6-account-prefs-page")
    if not button:
        return
    button[0].doActionNamed("click")
    wz.win = wait_for(wz.window, timeout=10)
    tap(bool(wait_for(lambda: not prefs.showing and "yes", timeout=5)),
        "the button closes the account preferences")
    time.sleep(0.5)
    ours = d.claws_trace().count("gtk_notebook_get_tab_label") - before - by_claws
    tap(ours == by_claws, "closing them so raises what Claws's own Cancel does under AT-SPI, "
        "nothing more (%d and %d notebook criticals)" % (ours, by_claws))
    if not tap(wz.win is not None and wz.page() == "Your account"
               and wz.entry("Email address").text == address and wz.entry("Your name").text == d.NAME,
               "the assistant opens with the account's address and name filled in"):
        return
    tap(not [w for w in wz.app.children if w.name == "Edit accounts" and w.showing],
        "no modal Claws window left in front of it")
    tap(bool(wait_for(lambda: wz.entry("Password").focused and "yes", timeout=3)),
        "the password field has the focus")
    wz.set("Password", password)
    wz.click("Next")
    if tap(bool(wz.at("Result", timeout=20)) and "Your account works." in wz.result_text(),
           "%s verified again from its preferences" % address):
        d.apply(wz, address, update=True)


def live_connections(ip):
    """This network namespace's TCP connections to ip that are live
    (SYN_SENT or ESTABLISHED): the client namespace holds only Claws's."""
    want = "".join("%02X" % int(b) for b in reversed(ip.split(".")))
    n = 0
    for path in ("/proc/net/tcp",):
        with open(path) as f:
            for line in f.readlines()[1:]:
                w = line.split()
                if w[2].split(":")[0] == want and w[3] in ("01", "02"):
                    n += 1
    return n


def plugin_manager(wz):
    item = [c for c in atspi.menu(wz.main, ("Configuration",)).children if c.name == "Plugins..."]
    item[0].doActionNamed("click")
    return wait_for(lambda: atspi.toplevel(wz.app, ("Plugins",)))


def our_cell(window):
    return [c for c in atspi.descendants(window, "table cell") if c.name == "Mail account setup"]


def load_again(wz, window):
    """Load... (a modal file chooser: a real click), the path typed."""
    atspi.xclick([b for b in atspi.descendants(window, "push button") if b.name == "Load..."][0])
    chooser = wait_for(lambda: [w for w in wz.app.children if w.roleName in ("file chooser", "dialog")
                                and w.showing and w.name != "Plugins"], timeout=10)
    if not chooser:
        return False
    atspi.xfocus(chooser[0].name)
    xdo("key", "--clearmodifiers", "ctrl+l")
    time.sleep(0.3)
    xdo("type", "--delay", "5", os.environ["MS_CLAWS_PLUGIN"])
    time.sleep(0.3)
    xdo("key", "Return")
    return wait_for(lambda: len(our_cell(window)) == 1 and "yes", timeout=10)


def check_unload(d, wz):
    """The plugin unloaded from Claws's plugin manager while the assistant
    is open, then while it searches (a black-holed host: its connections
    hang): the assistant closes, the search stops (no connection of Claws's
    left to the host), nothing of the plugin runs after, Claws lives on."""
    blackhole_ip = "203.0.113.10"
    for searching in (False, True):
        what = "while it searches" if searching else "with the assistant open"
        if not wz.open():
            tap(False, "unload %s: the assistant opens" % what)
            return
        if searching:
            wz.search(d.BLACKHOLE, "Blackhole-Secret-1", page="Finding your servers", timeout=5)
            live = wait_for(lambda: live_connections(blackhole_ip), timeout=8)
            tap(bool(live), "unload %s: Claws is connecting to the black-holed host (%s live)" % (what, live))
        window = plugin_manager(wz)
        if not tap(window is not None and bool(our_cell(window)), "unload %s: the plugin manager lists it" % what):
            return
        mark = len(d.claws_trace())
        our_cell(window)[0].select()
        time.sleep(0.2)
        [b for b in atspi.descendants(window, "push button") if b.name == "Unload"][0].doActionNamed("click")
        gone = wait_for(lambda: wz.window() is None and not our_cell(window) and "yes", timeout=5)
        tap(bool(gone), "unload %s: the assistant closes and the plugin is gone from the list" % what)
        after = d.claws_trace()[mark:]
        lines = [ln for ln in after.splitlines() if ln.startswith("mailsetup: ")]
        note("trace after Unload: %r" % lines)
        want = (["search for %s stopped" % d.BLACKHOLE] if searching else []) + ["wizard closed", "plugin unloaded"]
        tap([ln[len("mailsetup: "):] for ln in lines][:len(want)] == want,
            "unload %s: %s, in that order" % (what, ", then ".join(want)), lines)
        if searching:
            none = wait_for(lambda: live_connections(blackhole_ip) == 0 and "yes", timeout=3)
            tap(bool(none), "unload while it searches: no connection of Claws's to the host is left")
            time.sleep(3)
            late = [ln for ln in d.claws_trace()[mark:].splitlines() if ln.startswith("mailsetup: ")][len(lines):]
            tap(not late and live_connections(blackhole_ip) == 0,
                "3 s later: still no connection, and nothing of the plugin ran", late)
        tap(atspi.process_alive(d.CLAWS_PID), "unload %s: Claws is alive" % what)
        tap(bool(load_again(wz, window)), "the plugin loads again (Load..., its path)")
        [b for b in atspi.descendants(window, "push button") if b.name == "Close"][0].doActionNamed("click")
        wait_for(lambda: atspi.toplevel(wz.app, ("Plugins",)) is None and "yes", timeout=5)
