# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared by the AT-SPI drivers of the Claws Mail tests (tests/claws/**/
drive.py): dogtail's settings, unnumbered TAP ("ok - ...", "not ok - ...",
"# ..."; the shell side, tests/claws/lib.sh's ms_drive, numbers them),
waiting, screenshots, real clicks and keys (xdotool), finding things.

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
    import atspi
    atspi.setup()
    ...
    atspi.run(main)

Traps (see the a11y spike): a button whose handler runs a nested main loop
(a modal file chooser, a modal dialog) freezes AT-SPI when pressed with
doAction: press it with xclick(), a real click where AT-SPI says it is.
"""
import os
import re
import subprocess
import sys
import time

T0 = time.time()
tree = None  # dogtail.tree, once setup() ran
OUTDIR = "."


def setup(delay=0.05, outdir=None):
    """Configures dogtail (before its tree module is imported) and imports it."""
    global tree, OUTDIR
    from dogtail import config
    config.searchCutoffCount = 20
    config.searchBackoffDuration = 0.25
    config.defaultDelay = delay
    config.actionDelay = delay
    config.typingDelay = 0.01
    config.logDebugToStdOut = False
    config.logDebugToFile = False
    config.checkForA11y = False
    from dogtail import tree as tree_
    tree = tree_
    if outdir is not None:
        OUTDIR = outdir
    return tree


def note(msg):
    print("# [%5.1fs] %s" % (time.time() - T0, msg), flush=True)


def tap(ok, desc, detail=None):
    """One unnumbered TAP line; on failure, detail (text or list) as comments."""
    print("%s - %s" % ("ok" if ok else "not ok", desc), flush=True)
    if not ok and detail:
        if not isinstance(detail, str):
            detail = "\n".join(str(d) for d in detail)
        for line in detail.splitlines()[:15]:
            note("  " + line)
    return ok


def wait_for(func, timeout=10.0, step=0.1):
    """Calls func until it returns something true; returns that or None."""
    end = time.time() + timeout
    while True:
        try:
            value = func()
        except Exception:  # the tree changes under our feet: retry
            value = None
        if value or time.time() > end:
            return value
        time.sleep(step)


def screenshot(name):
    """Saves the whole screen as OUTDIR/name.png (GDK, no ImageMagick)."""
    try:
        import gi
        gi.require_version("Gdk", "3.0")
        from gi.repository import Gdk
        time.sleep(0.3)  # let it draw
        root = Gdk.get_default_root_window()
        pixbuf = Gdk.pixbuf_get_from_window(root, 0, 0, root.get_width(), root.get_height())
        path = os.path.join(OUTDIR, name + ".png")
        pixbuf.savev(path, "png", [], [])
        note("screenshot: " + path)
        return path
    except Exception as ex:  # not a check of the tests
        note("no screenshot %s: %s" % (name, ex))
        return None


def xdo(*args):
    """xdotool ARGS; returns its output."""
    return subprocess.run(["xdotool"] + [str(a) for a in args], capture_output=True,
                          text=True, timeout=15).stdout.strip()


def xclick(node):
    """A real pointer click in the middle of node (see the module's doc)."""
    (x, y), (w, h) = node.position, node.size
    subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"],
                   check=True, timeout=10)


def xfocus(title):
    """Gives the keyboard to the window titled title (there is no window
    manager under Xvfb); returns whether one was found."""
    wid = xdo("search", "--sync", "--limit", "1", "--name", "^%s$" % title).split()
    if wid:
        xdo("windowfocus", "--sync", wid[0])
    return bool(wid)


def find_all(node, role=None, name=None, showing=True):
    """Descendants of node by role and name (None: any), showing ones only
    unless showing is False."""
    def match(n):
        return ((role is None or n.roleName == role) and (name is None or n.name == name)
                and (not showing or n.showing))
    return node.findChildren(match)


def descendants(node, role):
    """Every descendant of node with role, showing or not."""
    return node.findChildren(lambda n: n.roleName == role)


def labels(node):
    return [n.name for n in find_all(node, "label") if n.name]


def toplevel(app, names, roles=("frame", "dialog", "alert", "file chooser")):
    """The application's window named one of names, or None."""
    for w in app.children:
        if w.roleName in roles and w.name in names:
            return w
    return None


def claws_names(msgid, domains=("claws-mail", "gtk30"), languages=None):
    """The names a widget labelled msgid can have on screen: its msgstr in
    Claws's own catalogue (and GTK's, for GTK's stock buttons and dialogs)
    in the language the environment asks for, as Claws looks it up, then
    msgid itself; mnemonics taken out ("Plu_gins..." is "Plugins...", in
    French "Modules.."). Read from the .mo files, not guessed: right
    whether claws-mail-i18n is installed or not, in any language.
    languages: Claws's, when the driver's environment does not have it."""
    import gettext
    names = []
    for text in [gettext.translation(d, "/usr/share/locale", languages, fallback=True).gettext(msgid) for d in domains] \
            + [msgid]:
        name = re.sub(r"_(.)", r"\1", text)
        if name not in names:
            names.append(name)
    return tuple(names)


def claws():
    """(the claws-mail application, its main window)."""
    app = tree.root.application("claws-mail")
    main = [f for f in app.children if f.roleName == "frame" and "Claws Mail" in f.name][0]
    return app, main


def menu(main, names):
    """The main window's menu named one of names."""
    for m in main.findChildren(lambda n: n.roleName == "menu"):
        if m.name in names:
            return m
    raise LookupError("no menu %r" % (names,))


def accountrc(cfg):
    """Claws's accounts in cfg/accountrc, one {key: value} each, in order."""
    try:
        with open(os.path.join(cfg, "accountrc"), encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return []
    return [dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
            for block in re.split(r"^\[Account: \d+\]\s*$", text, flags=re.M)[1:]]


def process_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def run(main):
    """Runs main(); a failure is reported, and the exit status says it (as
    does a non-zero number main returns: it stopped short)."""
    try:
        status = main()
    except Exception as ex:  # report, and let the caller see a failed run
        import traceback
        traceback.print_exc()
        tap(False, "the driver failed: %s: %s" % (type(ex).__name__, ex))
        sys.exit(1)
    if status:
        sys.exit(status)
