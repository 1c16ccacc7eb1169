#!/usr/bin/python3
"""Discovery in the test world: real DNS, HTTPS, IMAP, POP3 and SMTP servers.

For every address of the realistic scenarios, `mailsetup discover --json`
must rank first the servers the scenario's `expected` file lists, from the
source it names; every hostile behaviour of the catalogue that concerns
discovery must be survived within the time bounds, with the right finding.
TAP output.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

TOP_SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_BUILD = os.environ.get("top_builddir", TOP_SRC)
WORLD = os.path.join(TOP_SRC, "tests", "world", "world")
MAILSETUP = os.path.join(TOP_BUILD, "plugin", "cli", "mailsetup")
SCENARIOS = ["demo", "autoconfig-https", "ispdb-known", "ovh-like", "srv-only", "autodiscover",
             "probe-only", "localpart", "cpanel-like", "nothing", "hostile"]
# Scenarios of this test's own (files only), by path.
OWN = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios", "desaccord")]
# The user's SOURCE word in expected files → the JSON source of the top server
SOURCES = {"autoconfig": "autoconfig", "ispdb": "ispdb", "ispdb-by-mx": "mx", "srv": "srv",
           "autodiscover": "autodiscover", "probe": "probe"}

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from tap import ok, done  # noqa: E402


def discover(world, address, *extra, timeout=30):
    t0 = time.monotonic()
    p = subprocess.run([WORLD, "exec", "--world", world, "--", MAILSETUP, "discover", "--json", "-q",
                        *extra, address], capture_output=True, text=True, timeout=timeout)
    wall = time.monotonic() - t0
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        doc = None
    return p.returncode, doc, wall, p.stderr


def expected_facts():
    facts = {}
    for s in SCENARIOS:
        path = os.path.join(TOP_SRC, "tests", "world", "scenarios", s, "expected")
        if not os.path.exists(path):
            continue
        for line in open(path):
            words = line.split()
            if not words or words[0].startswith("#") or "@" not in words[0]:
                continue
            f = facts.setdefault(words[0], {"incoming": [], "outgoing": [], "source": None, "none": False})
            if words[1] in ("incoming", "outgoing"):
                f[words[1]].append((words[2], words[3], int(words[4]), {"ssl": "tls"}.get(words[5], words[5])))
            elif words[1] == "source" and f["source"] is None:
                f["source"] = words[2]
                f["via_certificate"] = "taken from the certificate" in line
                # "probe (any of mail./imap./smtp./pop.sonde.test; …)": equal hosts
                if "any of " in line:
                    f["any_of"] = line.split("any of ", 1)[1].split(";")[0].split()[0]
            elif words[1] == "none" and len(words) > 2 and words[2] == "nothing":
                f["none"] = True
    return facts


def key(s):
    return (s["protocol"], s["hostname"], s["port"], s["socket"])


def check_address(world, address, f):
    code, doc, wall, err = discover(world, address)
    if f["none"]:
        ok(code == 4 and doc and doc["error"]["code"] == "no-usable-server",
           f"{address}: nothing found, exit 4", err)
        ok(wall < 8.5, f"{address}: a domain with nothing ends in {wall:.1f} s (≤ 8 s)")
        return
    if not ok(code == 0 and doc and doc["config"], f"{address}: discovery succeeds ({wall:.2f} s)", err):
        return
    c = doc["config"]
    for direction in ("incoming", "outgoing"):
        want = f[direction]
        got = [key(s) for s in c[direction]]
        if not want:
            continue
        best = want[0]
        if got and f.get("any_of"):
            prefixes, domain = f["any_of"].rsplit(".", 2)[0], ".".join(f["any_of"].rsplit(".", 2)[1:])
            equal = [p.rstrip(".") + "." + domain for p in prefixes.split("/")]
            if got[0][1] in equal and got[0][0::2] == best[0::2] and got[0][3] == best[3]:
                best = got[0]
        ok(got and got[0] == best, f"{address}: best {direction} is {best}", f"got {got[:4]}")
        # Sources that list every server (a provider's own file, SRV,
        # probing) must find them all; a provider found through the MX
        # speaks for what its own file lists.
        if f["source"] != "ispdb-by-mx":
            missing = [w for w in want if w not in got]
            ok(not missing, f"{address}: every expected {direction} server found", f"missing {missing}; got {got}")
        top = c[direction][0]
        if f.get("via_certificate"):
            ok(top["secure"] and top["confirm"] and "certificate" in top["confirm"],
               f"{address}: best {direction}, named by a certificate, is proposed with its reason", json.dumps(top))
        else:
            ok(top["secure"] and top["confirm"] is None,
               f"{address}: best {direction} is secure and needs no confirmation", json.dumps(top))
    src = SOURCES.get(f["source"])
    if src:
        ok(src in c["incoming"][0]["evidence"], f"{address}: found by {src}", json.dumps(c["incoming"][0]))
    # Only documents (autoconfig, ISPDB, Autodiscover) say the user name form;
    # SRV and probing leave it to verification.
    user = c["incoming"][0]["expanded_username"]
    if src not in ("probe", "srv"):
        ok(user == address, f"{address}: user name form known ({user})")
    else:
        ok(user is None, f"{address}: user name form left to verification")


def event_errors(doc, source):
    return [e.get("error") for e in doc["events"] if e["source"] == source and e["state"] == "failed"]


def hostile(world):
    # Autoconfig hostility: each must fail cleanly, within the bounds.
    for domain, source, code in [("redirloop.hostile.test", "autoconfig", "http-redirect"),
                                 ("huge.hostile.test", "autoconfig", "http-too-large"),
                                 ("bomb.hostile.test", "autoconfig", "xml-malformed")]:
        rc, doc, wall, err = discover(world, "x@" + domain)
        ok(doc is not None and code in event_errors(doc, source), f"{domain}: autoconfig refused ({code})",
           json.dumps(doc["events"] if doc else err)[:2000])
        ok(wall < 8.5, f"{domain}: discovery ends in {wall:.1f} s")

    rc, doc, wall, err = discover(world, "x@offsite.hostile.test")
    servers = (doc or {}).get("config") and doc["config"]["incoming"] or []
    offsite = [s for s in servers if "autoconfig" in s["evidence"]]
    ok(offsite and all(s["confirm"] and "evil.example" in s["confirm"] and s["trust"] == "none" for s in offsite),
       "offsite.hostile.test: a redirect to another domain needs the user's confirmation", json.dumps(servers)[:1500])

    rc, doc, wall, err = discover(world, "x@plainhttp.hostile.test")
    servers = (doc or {}).get("config") and doc["config"]["incoming"] or []
    ok(servers and all(s["confirm"] and s["trust"] == "none" for s in servers if "autoconfig" in s["evidence"])
       and any("autoconfig" in s["evidence"] for s in servers),
       "plainhttp.hostile.test: autoconfig over plain HTTP is kept only with confirmation", json.dumps(servers)[:1500])

    rc, doc, wall, err = discover(world, "x@ctype.hostile.test")
    notes = (doc or {}).get("config") and [x["message"] for x in doc["config"]["notes"]] or []
    ok(any("text/html" in m for m in notes), "ctype.hostile.test: a wrong Content-Type is noted", notes)

    # DNS failures and loops end within the bound, with nothing found.
    for domain in ("servfail.hostile.test", "timeout.hostile.test", "loop.hostile.test"):
        rc, doc, wall, err = discover(world, "x@" + domain)
        ok(rc == 4 and wall < 8.5, f"{domain}: nothing found, ends in {wall:.1f} s (≤ 8 s)", err)
    rc, doc, wall, err = discover(world, "x@servfail.hostile.test")
    ok(doc and "dns-failed" in event_errors(doc, "srv"), "servfail.hostile.test: SERVFAIL reported as a DNS failure")

    # Probing hostile servers: bounded, and a server without STARTTLS is
    # kept only as insecure, never first.
    for host, what in [("slowbanner", "a 30 s banner"), ("garbage", "a garbage greeting"),
                       ("longline", "a 1 MiB line"), ("closer", "a close after the greeting"),
                       ("tls10", "TLS 1.0 only"), ("blackhole", "a black hole"), ("reset", "resets")]:
        rc, doc, wall, err = discover(world, f"x@{host}.hostile.test", "--sources", "probe")
        found = doc and doc["config"] and [key(s) for s in doc["config"]["incoming"] + doc["config"]["outgoing"]
                                           if s["hostname"] == f"{host}.hostile.test"] or []
        ok(not found and wall < 8.5, f"{host}.hostile.test: {what} is not offered, probe ends in {wall:.1f} s",
           json.dumps(doc)[:1500] if doc else err)
    rc, doc, wall, err = discover(world, "x@stripped.hostile.test", "--sources", "probe")
    c = doc and doc["config"]
    ok(c and all(not s["secure"] for s in c["incoming"] if s["hostname"] == "stripped.hostile.test")
       and any(s["hostname"] == "stripped.hostile.test" for s in c["incoming"]),
       "stripped.hostile.test: IMAP without STARTTLS is kept as insecure", json.dumps(c)[:1500] if c else err)


def disagree(world):
    """Sources that disagree: the higher trust ranks first, the other is
    kept after it; an SRV target outside the domain needs confirmation."""
    rc, doc, wall, err = discover(world, "ines@desaccord.test", "--sources", "ispdb,srv")
    c = doc and doc["config"]
    if not ok(c, "desaccord.test: discovery succeeds", err):
        return
    inc = [(s["hostname"], s["source"], s["trust"]) for s in c["incoming"]]
    ok(inc[:2] == [("imap.desaccord.test", "ispdb", "high"), ("courrier.desaccord.test", "srv", "medium")],
       "desaccord.test: ISPDB's server ranks above SRV's, which is kept second", inc)
    out = {s["hostname"]: s for s in c["outgoing"]}
    relay = out.get("relais.ailleurs.test")
    ok(relay and relay["trust"] == "none" and relay["confirm"] and "DNSSEC" in relay["confirm"],
       "desaccord.test: an SRV target outside the domain needs confirmation (no DNSSEC)", json.dumps(relay))
    ok(c["outgoing"][0]["hostname"] == "imap.desaccord.test", "desaccord.test: the trusted SMTP server ranks first",
       [s["hostname"] for s in c["outgoing"]])


def cancel(world):
    # Cancelling (SIGINT to the tool) stops everything at once.
    p = subprocess.Popen([WORLD, "exec", "--world", world, "--", MAILSETUP, "discover", "-q", "--json",
                          "x@blackhole.hostile.test"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True, text=True)
    time.sleep(1.0)
    # `world exec` runs the tool through ip netns exec: signal the tool itself.
    pids = subprocess.run(["pgrep", "-f", "mailsetup discover -q --json x@blackhole"], capture_output=True,
                          text=True).stdout.split()
    t0 = time.monotonic()
    for pid in pids:
        os.kill(int(pid), signal.SIGINT)
    out, err = p.communicate(timeout=10)
    dt = (time.monotonic() - t0) * 1000
    doc = json.loads(out) if out.strip().startswith("{") else None
    ok(doc and doc["error"] and doc["error"]["code"] == "cancelled", "cancel: discovery reports cancelled", err)
    ok(dt < 250, f"cancel: the tool exits {dt:.0f} ms after the signal (sockets and transfers stopped)")


def data_dirs():
    """XDG_DATA_DIRS with the source tree's built-in provider data first, as
    an installed copy would be found (the standard XDG lookup)."""
    d = tempfile.mkdtemp(prefix="ms-data.")
    os.mkdir(os.path.join(d, "mailsetup"))
    os.symlink(os.path.join(os.path.abspath(TOP_SRC), "data", "providers"), os.path.join(d, "mailsetup", "providers"))
    os.environ["XDG_DATA_DIRS"] = d + ":" + os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    return d


def main():
    data_dirs()
    if os.geteuid() != 0:
        print("1..0 # SKIP the test world needs root (network namespaces)")
        return 0
    up = subprocess.run([WORLD, "up", *SCENARIOS, *OWN], capture_output=True, text=True, timeout=120)
    world = up.stdout.strip()
    if up.returncode != 0 or not world:
        print("1..1\nnot ok 1 - the world comes up\n# " + up.stderr.replace("\n", "\n# "))
        return 1
    try:
        facts = expected_facts()
        for address in sorted(facts):
            check_address(world, address, facts[address])
        hostile(world)
        disagree(world)
        cancel(world)
    finally:
        subprocess.run([WORLD, "down", "--world", world], capture_output=True, timeout=60)
    return done()


if __name__ == "__main__":
    sys.exit(main())
