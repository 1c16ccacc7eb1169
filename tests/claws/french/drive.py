#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Walks the assistant's pages in Claws Mail, in the language of
MS_CLAWS_LANG (en or fr), through AT-SPI: the account page, the search, the
result (alice@demo.test verified), the expert page, the end, a failure
(personne@rien.test), the OAuth2 page (a Gmail address). On every page it
takes a screenshot (<lang>-<page>.png) and reads every text a person or a
screen reader gets: labels, buttons, radio and check boxes, accessible
names and descriptions, window titles.

Then, in French, no text may be one of our English messages: each text is
matched against every msgid of po/fr.po whose translation differs (as is,
without mnemonics, and printf formats as patterns). In English the same
matching must find our messages (or the check could not fail).

Run by french.sh; prints unnumbered TAP (tests/claws/lib.sh numbers it).
Environment: MS_CLAWS_LANG, MS_CLAWS_OUTDIR, MS_FR_PO (po/fr.po),
MS_WORLD_SCENARIOS, MS_CLAWS_CFG.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import atspi  # noqa: E402
from atspi import find_all, note, screenshot, tap, wait_for  # noqa: E402

tree = atspi.setup(delay=0.05, outdir=os.environ.get("MS_CLAWS_OUTDIR", "."))

LANG = os.environ.get("MS_CLAWS_LANG", "en")
SCENARIOS = os.environ["MS_WORLD_SCENARIOS"]


def read_po(path):
    """[(msgid, msgstr)] of a PO file (no plurals in ours)."""
    entries, cur, key = [], {}, None

    def unquote(s):
        return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s[1:-1])
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("msgid "):
                if "msgid" in cur and "msgstr" in cur:
                    entries.append((cur["msgid"], cur["msgstr"]))
                cur, key = {"msgid": unquote(line[6:])}, "msgid"
            elif line.startswith("msgstr "):
                cur["msgstr"], key = unquote(line[7:]), "msgstr"
            elif line.startswith('"') and key:
                cur[key] += unquote(line)
            elif not line:
                key = None
    if "msgid" in cur and "msgstr" in cur:
        entries.append((cur["msgid"], cur["msgstr"]))
    return [(i, s) for i, s in entries if i]


PO = read_po(os.environ["MS_FR_PO"])
FR = dict(PO)


def plain(s):
    """A message as shown: mnemonics gone."""
    return re.sub(r"_(.)", r"\1", s)


def tr(msgid):
    """Our message in the language of the run, as shown."""
    return plain(FR.get(msgid, msgid) if LANG == "fr" else msgid)


def pattern(msgid):
    """A regular expression matching the message's shown forms, or None
    when it is too little text to say anything (e.g. "%s", "• %s")."""
    text = plain(msgid)
    if len(re.sub(r"%[-.\d]*[sdufl]|[^A-Za-z]", "", text)) < 4:
        return None
    out, i = "", 0
    for m in re.finditer(r"%%|%[-.\d]*l?[sduf]", text):
        out += re.escape(text[i:m.start()])
        out += "%" if m.group() == "%%" else (r"\d+" if m.group()[-1] in "du" else
                                              r"[\d.,]+" if m.group()[-1] == "f" else ".+?")
        i = m.end()
    return re.compile(out + re.escape(text[i:]), re.S)


# English messages whose French differs: those must not show in French.
ENGLISH = [(msgid, pattern(msgid)) for msgid, msgstr in PO
           if msgstr and plain(msgstr) != plain(msgid) and pattern(msgid) is not None]

SEEN = []  # (page, text)


def collect(page, window):
    """Every text of the window a person or a screen reader gets."""
    if window is None:  # between two pages
        note("%s: gone before it could be read" % page)
        return
    texts = {window.name}
    for n in find_all(window, None):
        for t in (n.name, n.description):
            if t:
                texts.add(t)
        if n.roleName == "label":
            try:
                texts.add(n.text)
            except Exception:  # no Text interface
                pass
    for t in texts:
        for line in t.split("\n"):
            if line.strip():
                SEEN.append((page, line.strip()))
        SEEN.append((page, t))
    screenshot("%s-%s" % (LANG, page))
    note("%s: %d texts" % (page, len(texts)))


def english_found():
    found = []
    for page, text in SEEN:
        for msgid, rx in ENGLISH:
            if rx.fullmatch(text) or (len(msgid) > 20 and rx.search(text)):
                found.append((page, text, msgid))
                break
    return found


def facts(scenario):
    out = {}
    with open(os.path.join(SCENARIOS, scenario, "expected"), encoding="utf-8") as f:
        for line in f:
            w = line.split(None, 2)
            if len(w) == 3 and "@" in w[0]:
                out.setdefault(w[0], {}).setdefault(w[1], []).append(w[2].strip())
    return out


class Wizard:
    PAGES = ("Your account", "Finding your servers", "Result", "Done", "Edit settings", "Sign in")

    def __init__(self):
        self.app, self.main = atspi.claws()
        self.titles = {tr(p): p for p in self.PAGES}

    def window(self):
        for w in self.app.children:
            if w.name in self.titles and w.showing:
                return w
        return None

    def page(self):
        w = self.window()
        return self.titles.get(w.name) if w else None

    def at(self, page, timeout=20.0):
        return wait_for(lambda: self.page() == page and "yes", timeout=timeout)

    def open(self):
        # (Patient: under ASan, Claws answers AT-SPI slowly.)
        item = wait_for(lambda: [c for c in atspi.menu(self.main, ("Configuration",)).children
                                 if c.name == tr("Set up an account automatically…")], timeout=20)
        item[0].doActionNamed("click")
        return self.at("Your account", timeout=10)

    def entry(self, msgid):
        found = wait_for(lambda: [n for n in find_all(self.window(), None, tr(msgid))
                                  if n.roleName in ("text", "password text")], timeout=10)
        if not found:
            raise LookupError("no entry %r" % tr(msgid))
        return found[0]

    def click(self, name):
        # GtkAssistant's own buttons ("_Next", "_Close") in GTK's words,
        # from GTK's catalogue: French when Claws is (GLib translates GTK
        # only when the program has the language).
        names = {name} | set(atspi.claws_names("_" + name, ("gtk30",), [LANG]))
        found = wait_for(lambda: [b for b in find_all(self.window(), "push button")
                                  if b.name in names and b.sensitive], timeout=10)
        if not found:
            raise LookupError("no button %r" % name)
        found[0].doActionNamed("click")


def main():
    demo = facts("demo")
    alice = "alice@demo.test"
    wz = Wizard()
    items = [c.name for c in atspi.menu(wz.main, ("Configuration",)).children]
    if LANG == "fr" and tr("Set up an account automatically…") not in items \
            and "Set up an account automatically…" in items:
        # The plugin finds its translations where they are installed.
        print("ok - [fr] the French pages # SKIP the plugin's translations are not installed "
              "(make installcheck runs this test with them)", flush=True)
        return
    if not tap(bool(wz.open()), "[%s] the menu item opens the assistant" % LANG):
        return
    wz.entry("Your name").text = "Alice Liddell"
    wz.entry("Email address").text = "alice@"
    wait_for(lambda: len(find_all(wz.window(), "label")) > 0, timeout=2)
    collect("1-account", wz.window())
    wz.entry("Email address").text = alice
    wz.entry("Password").text = demo[alice]["password"][0]
    wz.click("Next")
    if wz.at("Finding your servers", timeout=5):
        collect("2-progress", wz.window())
    if not tap(bool(wz.at("Result", timeout=30)), "[%s] %s: the result page" % (LANG, alice)):
        return
    collect("3-result", wz.window())
    wz.click(tr("_Edit Settings"))
    if tap(bool(wz.at("Edit settings", timeout=5)), "[%s] the expert page" % LANG):
        collect("5-edit", wz.window())
        wz.click("Next")  # verifies the same settings again
        wz.at("Result", timeout=30)
    wz.click(tr("_Apply"))
    if tap(bool(wz.at("Done", timeout=40)), "[%s] Apply: the last page" % LANG):
        collect("4-done", wz.window())
        wz.click("Close")  # GtkAssistant's own
    wait_for(lambda: wz.window() is None and "yes", timeout=20)

    if wz.open():
        wz.entry("Email address").text = "personne@rien.test"
        wz.entry("Password").text = "Rien-Secret-4"
        wz.click("Next")
        if tap(bool(wz.at("Result", timeout=30)), "[%s] personne@rien.test: the diagnosis" % LANG):
            collect("3-result-failure", wz.window())
            wz.click(tr("_Back"))
            wz.at("Your account", timeout=5)
        wz.entry("Email address").text = "carla.test@gmail.com"
        wz.click("Next")
        t0 = time.time()
        if tap(bool(wz.at("Sign in", timeout=90)), "[%s] carla.test@gmail.com: the OAuth2 page (%.1f s)" % (LANG, time.time() - t0)):
            collect("7-oauth2", wz.window())
        wz.click(tr("_Cancel"))

    found = english_found()
    matched = sum(1 for page, text in SEEN if any(rx.fullmatch(text) for _, rx in ENGLISH))
    pages = sorted({p for p, _ in SEEN})
    note("%d texts read on %d pages; %d English messages to look for" % (len(SEEN), len(pages), len(ENGLISH)))
    if LANG == "fr":
        tap(not found, "[fr] no page shows one of our English messages (%d texts on %d pages)"
            % (len(SEEN), len(pages)), ["%s: %r (msgid %r)" % f for f in found])
    else:
        # The same check finds our messages in English: it can fail.
        tap(matched >= 20, "[en] the check recognises our English messages (%d texts matched)" % matched)


if __name__ == "__main__":
    atspi.run(main)
