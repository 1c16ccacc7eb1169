#!/usr/bin/python3
"""Drives a running Claws Mail through AT-SPI (dogtail) to check the
mailsetup plugin's user interface. Run by claws-plugin.sh, which starts
Claws under Xvfb inside a private D-Bus session. Prints unnumbered TAP
lines ("ok - ...", "not ok - ...") and "# ..." comments; the caller numbers
them. Exit status: 0 when it ran to its end (whatever the results).

Environment: MS_CLAWS_PLUGIN (path of the plugin Claws loaded),
MS_CLAWS_LANG ("en" or "fr"), MS_CLAWS_OUTDIR (screenshots),
MS_CLAWS_LOG (Claws's log file), MS_CLAWS_PID, MS_VERSION (the version
the plugin logged at load).

Traps (see the a11y spike): a click that opens a dialog with a nested main
loop (the plugin manager's "Load..." runs a modal file chooser) freezes
AT-SPI when done with doAction: that one is a real click (xdotool) at the
coordinates AT-SPI reports.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import atspi  # noqa: E402
from atspi import (descendants, note, screenshot, tap, toplevel, wait_for,  # noqa: E402
                   xclick, xdo)

tree = atspi.setup(delay=0.1, outdir=os.environ.get("MS_CLAWS_OUTDIR", "."))

PLUGIN = os.environ["MS_CLAWS_PLUGIN"]
LANG = os.environ.get("MS_CLAWS_LANG", "en")
LOG = os.environ["MS_CLAWS_LOG"]
PID = int(os.environ["MS_CLAWS_PID"])
VERSION = os.environ.get("MS_VERSION", "")

# Our strings, as the user sees them.
OURS = {
    "en": {
        "item": "Set up an account automatically…",
        "name": "Mail account setup",
        "desc": "Sets up a mail account from an email address and a password",
        # GtkAssistant titles its window after the page showing.
        "wizard": "Your account",
        "prefs_page": "Mail setup",
        "probe": "Trying the usual server names and ports",
        "srv": "DNS service records (RFC 6186)",
        "locked": "Locked by the administrator (%s)",
    },
    "fr": {
        "item": "Configurer un compte automatiquement…",
        "name": "Configuration de comptes de messagerie",
        "desc": "Configure un compte de messagerie à partir d’une adresse électronique et d’un mot de passe",
        "wizard": "Votre compte",  # the French of "Your account", as po/fr.po will have it
        "prefs_page": "Configuration de messagerie",
        "probe": "Essai des noms de serveur et des ports habituels",
        "srv": "Enregistrements de service DNS (RFC 6186)",
        "locked": "Verrouillé par l’administrateur (%s)",
    },
}[LANG]
# Claws's own strings, by their msgids in Claws's sources: the names they
# have on screen come from Claws's catalogue (atspi.claws_names).
CLAWS = {key: atspi.claws_names(msgid) for key, msgid in (
    ("configuration", "_Configuration"),
    ("plugins_item", "Plu_gins..."),
    ("plugins_window", "Plugins"),
    ("create_account", "Create _new account..."),
    ("load", "_Load..."),
    ("unload", "_Unload"),
    ("close", "_Close"),
    ("cancel", "_Cancel"),
    ("preferences_item", "P_references..."),
    ("preferences_window", "Preferences"),
    ("ok", "_OK"),
)}


def claws_alive():
    return atspi.process_alive(PID)


def log_count(text):
    with open(LOG, encoding="utf-8", errors="replace") as f:
        return f.read().count(text)


class Claws:
    def __init__(self):
        self.app, self.main = atspi.claws()

    def configuration_menu(self):
        return atspi.menu(self.main, CLAWS["configuration"])

    def configuration_items(self):
        return [c.name for c in self.configuration_menu().children if c.name]

    def our_items(self):
        return [c for c in self.configuration_menu().children if c.name == OURS["item"]]

    def open_plugins_window(self):
        menu = self.configuration_menu()
        item = [c for c in menu.children if c.name in CLAWS["plugins_item"]][0]
        item.doActionNamed("click")
        return wait_for(lambda: toplevel(self.app, CLAWS["plugins_window"]))


def plugin_cells(window):
    return [c for c in descendants(window, "table cell") if c.name == OURS["name"]]


def button(window, names):
    for b in descendants(window, "push button"):
        if b.name in names:
            return b
    raise LookupError("no button %r in %r" % (names, window.name))


def check_menu_item(claws, present, when):
    """The menu item is there exactly once (present) or not at all."""
    want = 1 if present else 0
    got = wait_for(lambda: len(claws.our_items()) == want and "yes", timeout=5)
    n = len(claws.our_items())
    tap(bool(got), "%s: the menu item is %s (found %d)" %
        (when, "in the Configuration menu once" if present else "gone from the Configuration menu", n))


def wizard_window(app):
    for w in app.children:
        if w.roleName in ("frame", "dialog") and w.showing and w.name == OURS["wizard"]:
            return w
    return None


def check_notice(claws, shot):
    """The menu item opens the assistant (tests/claws/wizard tests it)."""
    item = claws.our_items()[0]
    item.doActionNamed("click")
    window = wait_for(lambda: wizard_window(claws.app))
    if not tap(window is not None, "the menu item opens the assistant (%r)" % OURS["wizard"]):
        note("windows: %r" % [(w.roleName, w.name) for w in claws.app.children])
        return
    screenshot(shot)
    [b for b in descendants(window, "push button") if b.showing and b.name in CLAWS["cancel"]][0] \
        .doActionNamed("click")
    gone = wait_for(lambda: wizard_window(claws.app) is None and "yes", timeout=5)
    tap(bool(gone), "Cancel closes it")


def check_listing(claws, window):
    cells = plugin_cells(window)
    if not tap(len(cells) == 1, "the plugin manager lists %r" % OURS["name"]):
        note("cells: %r" % [c.name for c in descendants(window, "table cell")])
        return
    cells[0].select()
    text = wait_for(lambda: [t.text for t in descendants(window, "text")
                             if OURS["desc"] in t.text], timeout=5)
    tap(bool(text), "its description is shown (%r…)" % OURS["desc"])
    tap(bool(text) and VERSION in text[0], "with the library's version %s" % VERSION)
    screenshot("plugin-manager")


def unload(claws, window, round_):
    cells = plugin_cells(window)
    if not cells:
        tap(False, "round %d: nothing to unload" % round_)
        return
    before = log_count("mailsetup: plugin unloaded")
    cells[0].select()
    time.sleep(0.2)
    button(window, CLAWS["unload"]).doActionNamed("click")
    gone = wait_for(lambda: not plugin_cells(window) and "yes", timeout=5)
    tap(bool(gone), "round %d: Unload removes it from the plugin manager's list" % round_)
    logged = wait_for(lambda: log_count("mailsetup: plugin unloaded") == before + 1 and "yes",
                      timeout=5)
    tap(bool(logged), "round %d: the plugin logged its unload" % round_)
    tap(claws_alive(), "round %d: Claws is alive after the unload" % round_)
    check_menu_item(claws, False, "round %d, after Unload" % round_)


def load(claws, window, round_):
    """Load... → file chooser → type the plugin's path → Open."""
    before = log_count("mailsetup: plugin loaded")
    xclick(button(window, CLAWS["load"]))
    chooser = wait_for(lambda: [w for w in claws.app.children
                                if w.roleName in ("file chooser", "dialog") and w.showing
                                and w.name not in CLAWS["plugins_window"]], timeout=10)
    if not tap(bool(chooser), "round %d: Load... opens a file chooser" % round_):
        return
    chooser = chooser[0]
    note("file chooser: %r" % chooser.name)
    # Keyboard focus to the chooser (there is no window manager), then
    # ctrl+L opens its location entry.
    atspi.xfocus(chooser.name)
    xdo("key", "--clearmodifiers", "ctrl+l")
    time.sleep(0.3)
    xdo("type", "--delay", "5", PLUGIN)
    time.sleep(0.3)
    entries = [e.text for e in descendants(chooser, "text") if e.showing]
    note("chooser entries: %r" % entries)
    xdo("key", "Return")
    closed = wait_for(lambda: not chooser.showing and "yes", timeout=10)
    tap(bool(closed), "round %d: the file chooser takes the typed path and closes" % round_)
    if not closed:
        xdo("key", "Escape")
    back = wait_for(lambda: len(plugin_cells(window)) == 1 and "yes", timeout=10)
    tap(bool(back), "round %d: the plugin is listed again after Load" % round_)
    logged = wait_for(lambda: log_count("mailsetup: plugin loaded") == before + 1 and "yes",
                      timeout=5)
    tap(bool(logged), "round %d: the plugin logged its load" % round_)
    check_menu_item(claws, True, "round %d, after Load" % round_)


def check_prefs_page(claws):
    """Configuration → Preferences → Plugins → our page: turning a source
    off and saving writes it into clawsrc, section [MailSetup]."""
    menu = claws.configuration_menu()
    items = [c for c in menu.children if c.name in CLAWS["preferences_item"]]
    if not tap(bool(items), "Configuration has Claws's Preferences item"):
        return
    items[0].doActionNamed("click")
    window = wait_for(lambda: toplevel(claws.app, CLAWS["preferences_window"]))
    if not tap(window is not None, "the Preferences window opens"):
        return
    cells = wait_for(lambda: [c for c in descendants(window, "table cell")
                              if c.name == OURS["prefs_page"] and c.showing] or None, timeout=5)
    if not tap(bool(cells), "our page %r is listed under Plugins" % OURS["prefs_page"]):
        note("cells: %r" % sorted({c.name for c in descendants(window, "table cell")}))
        screenshot("prefs-missing")
        return
    # The page sits under the collapsed "Plugins" row, out of view: with
    # the keyboard, as a person would: the last rows are Plugins, Other,
    # Miscellaneous; expand Plugins ("plus") and go down into it.
    visible = [c for c in descendants(window, "table cell") if c.showing and c.position[0] >= 0
               and c.position[1] >= 0]
    if visible:
        xclick(visible[0])
        for key in ("End", "Up", "Up", "plus"):
            xdo("key", key)
            time.sleep(0.2)
    # Now on screen: click it.
    cell = wait_for(lambda: [c for c in descendants(window, "table cell") if c.name == OURS["prefs_page"]
                             and c.showing and c.position[0] >= 0 and c.position[1] >= 0] or None, timeout=5)
    if cell:
        xclick(cell[0])
    box = wait_for(lambda: [b for b in descendants(window, "check box")
                            if b.name == OURS["probe"] and b.showing] or None, timeout=5)
    screenshot("prefs-page")
    if not tap(bool(box), "it shows the sources, probing among them"):
        return
    check_locked(window)
    was_on = box[0].checked
    box[0].doActionNamed("click")
    wait_for(lambda: box[0].checked != was_on and "yes", timeout=3)
    button(window, CLAWS["ok"]).doActionNamed("click")
    wait_for(lambda: toplevel(claws.app, CLAWS["preferences_window"]) is None and "yes", timeout=5)
    rc = os.path.join(os.path.dirname(LOG), "clawsrc")

    def saved():
        with open(rc, encoding="utf-8", errors="replace") as f:
            text = f.read()
        block = text.split("[MailSetup]", 1)[1].split("\n[", 1)[0] if "[MailSetup]" in text else ""
        return "use_probe=%d" % (0 if was_on else 1) in block and "use_srv" not in block and "yes"
    tap(bool(wait_for(saved, timeout=5)),
        "saving writes use_probe into clawsrc [MailSetup], and nothing for the locked use_srv")


def check_locked(window):
    """The site file (claws-plugin.sh) locks SRV lookups off: the box is
    unchecked and read-only, and a note names the file and line."""
    site = os.environ.get("MS_CLAWS_SITE_FILE")
    if not site:
        return
    srv = [b for b in descendants(window, "check box") if b.name == OURS["srv"] and b.showing]
    if not tap(bool(srv), "the page shows the SRV source"):
        return
    tap(not srv[0].checked and not srv[0].sensitive,
        "the site's locked SRV source is off and read-only (checked=%s sensitive=%s)"
        % (srv[0].checked, srv[0].sensitive))
    want = OURS["locked"] % site
    notes = [lb.name for lb in descendants(window, "label") if lb.showing and lb.name.startswith(OURS["locked"][:12])]
    tap(want in notes, "a note says %r (found %r)" % (want, notes))


def check_first_run(claws):
    """No real account (the seed has only local folders): the assistant is
    offered once, at start, and clawsrc remembers it was."""
    window = wait_for(lambda: wizard_window(claws.app), timeout=15)
    if tap(window is not None, "with no real account yet, the assistant is offered at start"):
        screenshot("first-run")
        [b for b in descendants(window, "push button") if b.showing and b.name in CLAWS["cancel"]][0] \
            .doActionNamed("click")
        wait_for(lambda: wizard_window(claws.app) is None and "yes", timeout=5)
    rc = os.path.join(os.path.dirname(LOG), "clawsrc")
    with open(rc, encoding="utf-8", errors="replace") as f:
        text = f.read()
    block = text.split("[MailSetup]", 1)[1].split("\n[", 1)[0] if "[MailSetup]" in text else ""
    tap("offered_once=1" in block, "clawsrc [MailSetup] remembers the offer (offered_once=1)")


def main():
    note("expecting %s strings, version %r" % (LANG, VERSION))
    claws = Claws()
    note("main window: %r" % claws.main.name)
    check_first_run(claws)

    items = claws.configuration_items()
    note("Configuration menu: %r" % items)
    check_menu_item(claws, True, "at start")
    anchor = [i for i, name in enumerate(items) if name in CLAWS["create_account"]]
    if anchor and OURS["item"] in items:
        tap(items.index(OURS["item"]) == anchor[0] + 1,
            "it comes right after %r" % items[anchor[0]])

    check_notice(claws, "wizard")

    window = claws.open_plugins_window()
    if not tap(window is not None, "Configuration → Plugins... opens the plugin manager"):
        return
    check_listing(claws, window)

    # Unload and load twice; the plugin stays loaded at the end, so that
    # Claws's exit runs plugin_done once more.
    for round_ in (1, 2):
        unload(claws, window, round_)
        load(claws, window, round_)

    button(window, CLAWS["close"]).doActionNamed("click")
    closed = wait_for(lambda: toplevel(claws.app, CLAWS["plugins_window"]) is None and "yes",
                      timeout=5)
    tap(bool(closed), "the plugin manager closes")

    # The reloaded plugin still works.
    if claws.our_items():
        check_notice(claws, "wizard-after-reloads")
    check_prefs_page(claws)


if __name__ == "__main__":
    atspi.run(main)
