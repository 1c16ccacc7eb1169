#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The administrator's tools in the test world: `mailsetup check-domain` and
`mailsetup publish`, against real DNS, HTTPS, IMAP, POP3 and SMTP servers.

check-domain: for each domain of the scenarios, every expected finding is
there (code, subject, the names or records it must quote), nothing spurious
where the domain is clean, and the exit status says whether there is an
error. publish: what it prints for demo.test round-trips: the autoconfig
file through the engine's own parser, the profile through xmllint and
Python's plistlib, and, served from a fresh world (the same servers, only
the published files and SRV records), `mailsetup discover` finds exactly
the published servers through autoconfig alone and through SRV alone, and
check-domain then finds nothing to say. TAP output.
"""
import json
import os
import plistlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

TOP_SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_BUILD = os.environ.get("top_builddir", TOP_SRC)
WORLD = os.path.join(TOP_SRC, "tests", "world", "world")
MAILSETUP = os.path.join(TOP_BUILD, "plugin", "cli", "mailsetup")
HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = ["demo", "autoconfig-https", "ovh-like", "cpanel-like", "srv-only", "probe-only", "nothing", "certs",
             "hostile", os.path.join(HERE, "scenarios", "admin-faults")]
EXIT_OK, EXIT_NOTHING, EXIT_NOT_VERIFIED, EXIT_ERRORS = 0, 4, 5, 7

# domain: (exit status, findings that must be there as (code, severity or
# None, subject substring, text the explanation/fix/evidence must quote),
# codes that must not appear; None: exactly the findings listed).
EXPECT = {
    # The clean domain: only the information that SRV records could be added.
    "demo.test": (EXIT_OK, [("srv-missing", "info", "demo.test", "_imaps._tcp.demo.test. 3600 IN SRV 0 1 993 mail.demo.test.")],
                  None),
    "maison.test": (EXIT_OK, [("starttls-only", "warning", "SMTP", "smtp.maison.test:587"),
                              ("srv-missing", "info", "maison.test", "_submissions._tcp.maison.test. 3600 IN SRV 0 0 0 .")],
                    None),
    "srvonly.test": (EXIT_OK, [("autoconfig-missing", "warning", "srvonly.test",
                                "https://autoconfig.srvonly.test/mail/config-v1.1.xml")], None),
    "sonde.test": (EXIT_OK, [("autoconfig-missing", "warning", "sonde.test", "/.well-known/autoconfig/mail/config-v1.1.xml"),
                             ("srv-missing", "warning", "sonde.test", "SRV 0 1 993")], None),
    "client-ovh.test": (EXIT_ERRORS, [("cert-wrong-name", "warning", "mail.client-ovh.test", "ssl0.hebergeur.test"),
                                      ("mx-provider-known", "info", "hebergeur.test", "Hebergeur"),
                                      ("autoconfig-missing", "warning", "client-ovh.test", "autoconfig.client-ovh.test"),
                                      ("srv-missing", "warning", "client-ovh.test", "SRV 0 1 993 ssl0.hebergeur.test."),
                                      ("autoconfig-bad-certificate", "error", "client-ovh.test/.well-known", "client-ovh.test")],
                        ["plaintext-only", "starttls-only", "sources-disagree", "nothing-found"]),
    "boutique-cpanel.test": (EXIT_ERRORS, [("cert-wrong-name", "warning", "mail.boutique-cpanel.test", "server42.cpanelhost.test"),
                                           ("srv-missing", "warning", "boutique-cpanel.test", "server42.cpanelhost.test.")],
                             ["plaintext-only", "starttls-only", "nothing-found"]),
    "rien.test": (EXIT_NOTHING, [("nothing-found", "error", "rien.test", "rien.test")], None),
    "expired.certs.test": (EXIT_ERRORS, [("cert-expired", "error", "expired.certs.test", "expired")], ["nothing-found"]),
    "notyet.certs.test": (EXIT_ERRORS, [("cert-expired", "error", "notyet.certs.test", "not yet valid")], ["nothing-found"]),
    "selfsigned.certs.test": (EXIT_ERRORS, [("cert-self-signed", "error", "selfsigned.certs.test", "selfsigned.certs.test")],
                              ["cert-untrusted"]),
    "unknownca.certs.test": (EXIT_ERRORS, [("cert-untrusted", "error", "unknownca.certs.test", "issuer is unknown")],
                             ["cert-self-signed"]),
    "badsig.certs.test": (EXIT_ERRORS, [("cert-untrusted", "error", "badsig.certs.test", "signature")], []),
    "wrongname.certs.test": (EXIT_ERRORS, [("cert-wrong-name", "warning", "wrongname.certs.test", "somewhere-else.test")], []),
    "tls10.hostile.test": (EXIT_ERRORS, [("tls-too-old", "error", "tls10.hostile.test", "TLS 1.2")], ["nothing-found"]),
    "stripped.hostile.test": (EXIT_ERRORS, [("plaintext-only", "error", "IMAP", "stripped.hostile.test:143"),
                                            ("plaintext-only", "error", "POP3", "stripped.hostile.test:110"),
                                            ("plaintext-only", "error", "SMTP", "stripped.hostile.test:587")], []),
    "httponly.test": (EXIT_OK, [("autoconfig-http-only", "warning", "http://autoconfig.httponly.test/",
                                 "https://autoconfig.httponly.test/mail/config-v1.1.xml")],
                      ["autoconfig-missing", "autoconfig-bad-certificate"]),
    "badcert.test": (EXIT_ERRORS, [("autoconfig-bad-certificate", "error", "https://autoconfig.badcert.test/",
                                    "certificate for autoconfig.badcert.test")], ["autoconfig-http-only"]),
    "srvfaux.test": (EXIT_ERRORS, [("srv-certificate-mismatch", "error", "courrier.srvfaux.test", "mx.autre-hebergeur.test"),
                                   ("srv-outside-domain", "warning", "_submissions._tcp.srvfaux.test", "relais.dehors.test"),
                                   ("sources-disagree", "warning", "IMAP", "imap.srvfaux.test:993"),
                                   ("sources-disagree", "warning", "SMTP", "relais.dehors.test:465")],
                     ["cert-wrong-name", "autoconfig-missing", "srv-missing"]),
    "starttls.test": (EXIT_OK, [("starttls-only", "warning", "IMAP", "port 993"), ("starttls-only", "warning", "POP3", "port 995"),
                                ("starttls-only", "warning", "SMTP", "SRV 0 1 465 mail.starttls.test.")],
                      ["plaintext-only"]),
}

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from tap import ok, skip, done  # noqa: E402


def run(world, *args, stdin=None, env=None, timeout=90):
    return subprocess.run([WORLD, "exec", "--world", world, "--", *( ["env", *env] if env else []), MAILSETUP, *args],
                          capture_output=True, text=True, input=stdin, timeout=timeout)


def check_domain(world, domain):
    p = run(world, "check-domain", "--json", domain)
    try:
        return p.returncode, json.loads(p.stdout), p.stderr
    except ValueError:
        return p.returncode, None, p.stderr + p.stdout[:2000]


def summary(doc):
    return "\n".join(f"{f['severity']} {f['code']} {f['subject']}: {f['evidence']}" for f in doc["findings"])


def check_expectations(world):
    for domain, (status, wanted, forbidden) in sorted(EXPECT.items()):
        rc, doc, err = check_domain(world, domain)
        if not ok(doc and doc["schema"] == "mailsetup-check-domain/1" and doc["domain"] == domain,
                  f"{domain}: check-domain --json answers", err):
            continue
        ok(rc == status, f"{domain}: exit status {status}", f"got {rc}\n{summary(doc)}")
        findings = doc["findings"]
        for code, severity, subject, quote in wanted:
            match = [f for f in findings if f["code"] == code and subject in f["subject"]
                     and (severity is None or f["severity"] == severity)]
            text = " ".join(" ".join((f["explanation"], f["fix"], f["evidence"] or "")) for f in match)
            ok(match and quote in text, f"{domain}: {severity} {code} about {subject}, quoting “{quote}”", summary(doc))
        if forbidden is None:
            ok(len(findings) == len(wanted), f"{domain}: nothing else found", summary(doc))
        else:
            extra = [f["code"] for f in findings if f["code"] in forbidden]
            ok(not extra, f"{domain}: none of {', '.join(forbidden) or 'nothing'} found", summary(doc))
        sev = ["info", "warning", "error"]
        ok(all(f["severity"] in sev and f["explanation"] and f["fix"] for f in findings)
           and [sev.index(f["severity"]) for f in findings] == sorted((sev.index(f["severity"]) for f in findings), reverse=True)
           and doc["worst"] == (findings[0]["severity"] if findings else None),
           f"{domain}: every finding has a severity, an explanation and a fix, errors first", summary(doc))


def check_facts(world):
    """The facts behind the findings: each source's own answer, the SRV
    records as published, each server's state."""
    rc, doc, err = check_domain(world, "srvonly.test")
    if not ok(doc, "srvonly.test: check-domain --json answers", err):
        return
    srv = [(s["name"], s["exists"], s["priority"], s["port"], s["target"]) for s in doc["srv"]]
    ok(("_imaps._tcp.srvonly.test", True, 0, 993, "courrier.srvonly.test") in srv
       and ("_imap._tcp.srvonly.test", True, 0, 0, "") in srv
       and [s[0].split(".")[0] for s in srv] == ["_imaps", "_imap", "_pop3s", "_pop3", "_submissions", "_submission"],
       "srvonly.test: the SRV records as published, \".\" included, in RFC 6186's order", srv)
    servers = {(s["protocol"], s["host"], s["port"]): s for s in doc["servers"]}
    imaps = servers.get(("imap", "courrier.srvonly.test", 993))
    ok(imaps and imaps["ok"] and imaps["socket"] == "tls" and "srv" in imaps["found_by"],
       "srvonly.test: the SRV target was connected to: IMAP 993 over TLS, found by srv", json.dumps(imaps))
    answers = [(a["source"], a["code"], a["state"]) for a in doc["answers"]]
    ok(("srv", "srv-imaps", "found") in answers and ("autoconfig", "autoconfig-https", "failed") in answers
       and any(a[0] == "ispdb" for a in answers) and any(a[0] == "probe" for a in answers),
       "srvonly.test: every source's own answer is kept (none stopped early)", answers)
    rc, doc, err = check_domain(world, "client-ovh.test")
    wrong = [s for s in doc["servers"] if s["host"] == "mail.client-ovh.test"] if doc else []
    ok(wrong and all(s["diagnosis"] == "cert-wrong-name" and s["names"] == ["ssl0.hebergeur.test"] for s in wrong),
       "client-ovh.test: mail.client-ovh.test answers with the certificate of ssl0.hebergeur.test (names kept)",
       json.dumps(wrong)[:1500])
    config = doc and doc["config"]
    ok(config and {s["hostname"] for s in config["incoming"] + config["outgoing"]} == {"ssl0.hebergeur.test"},
       "client-ovh.test: what proved secure is ssl0.hebergeur.test only", json.dumps(config)[:1500])
    p = run(world, "check-domain", "demo.test")
    ok(p.returncode == 0 and "srv-missing" in p.stdout and "mail.demo.test:993" in p.stdout
       and "_imaps._tcp.demo.test. 3600 IN SRV 0 1 993 mail.demo.test." in p.stdout,
       "demo.test: the text report lists the servers and the records to add", p.stdout[-2000:] + p.stderr)
    # Translations are found only where they are installed (as in
    # tests/cli/french.sh): in a build tree, say so rather than pass.
    french = subprocess.run([MAILSETUP, "--help"], capture_output=True, text=True,
                            env=dict(os.environ, LANGUAGE="fr", LC_ALL="C.UTF-8"))
    if "Commandes" not in french.stdout:
        skip("starttls.test: the report is in French with LANGUAGE=fr", "translations not installed")
    else:
        p = run(world, "check-domain", "starttls.test", env=["LANGUAGE=fr", "LC_ALL=C.UTF-8"])
        ok("Correction :" in p.stdout and "Ouvrez le port 993" in p.stdout and "Constats : erreurs 0" in p.stdout,
           "starttls.test: the report is in French with LANGUAGE=fr", p.stdout[-1500:])
    p = run(world, "check-domain", "exa mple.test")
    ok(p.returncode == 3 and "mailsetup:" in p.stderr, "a malformed domain is refused (exit 3)", p.stderr)


def cancel(world):
    """Ctrl-C stops the check at once, even while servers do not answer."""
    p = subprocess.Popen([WORLD, "exec", "--world", world, "--", MAILSETUP, "check-domain", "--json",
                          "blackhole.hostile.test"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True, text=True)
    time.sleep(1.5)
    # `world exec` runs the tool through ip netns exec: signal the tool itself.
    pids = [pid for pid in subprocess.run(["pgrep", "-f", "check-domain --json blackhole.hostile.test"],
                                          capture_output=True, text=True).stdout.split()
            if "mailsetup" in open(f"/proc/{pid}/comm").read()]
    t0 = time.monotonic()
    for pid in pids:
        os.kill(int(pid), signal.SIGINT)
    out, err = p.communicate(timeout=30)
    dt = (time.monotonic() - t0) * 1000
    ok(pids and p.returncode == 1 and out == "" and dt < 1000,
       f"check-domain stops {dt:.0f} ms after Ctrl-C (exit {p.returncode}), printing no report", err)


def served_scenario(demo_conf, out_dir, zone_lines, target):
    """A fresh scenario: demo.test's servers, its web hosts serving only
    the published files, and the published SRV records."""
    os.makedirs(target)
    with open(demo_conf) as f, open(os.path.join(target, "scenario.conf"), "w") as conf:
        conf.write("# written by tests/admin/check-domain.py: demo.test as published by mailsetup publish\n")
        conf.write(f.read())
        for line in zone_lines:
            m = re.match(r"^(\S+)\.\s+\d+\s+IN\s+SRV\s+(\d+ \d+ \d+ \S+)$", line)
            if m:
                conf.write(f"record {m.group(1)} SRV {m.group(2)}\n")
    shutil.copytree(out_dir, os.path.join(target, "www"), ignore=shutil.ignore_patterns("*.zone"))


def published_set(config):
    return sorted((s["protocol"], s["hostname"], s["port"], s["socket"]) for s in config["incoming"] + config["outgoing"])


def check_publish(world, tmp):
    out = os.path.join(tmp, "out")
    p = run(world, "publish", "demo.test", "--output-dir", out)
    if not ok(p.returncode == 0, "publish demo.test --output-dir (exit 0)", p.stderr):
        return
    xml = os.path.join(out, "autoconfig.demo.test", "mail", "config-v1.1.xml")
    wellknown = os.path.join(out, "demo.test", ".well-known", "autoconfig", "mail", "config-v1.1.xml")
    profile = os.path.join(out, "demo.test", "mail.mobileconfig")
    zone = os.path.join(out, "demo.test.srv.zone")
    ok(all(os.path.exists(f) for f in (xml, wellknown, profile, zone)) and open(xml).read() == open(wellknown).read(),
       "publish: the same autoconfig file for both URLs, the zone lines and the profile", os.listdir(out))
    parsed = subprocess.run([MAILSETUP, "parse", "--json", xml], capture_output=True, text=True)
    config = json.loads(parsed.stdout) if parsed.returncode == 0 else None
    expected = [("imap", "mail.demo.test", 993, "tls"), ("pop3", "mail.demo.test", 995, "tls"),
                ("smtp", "mail.demo.test", 465, "tls"), ("smtp", "mail.demo.test", 587, "starttls")]
    ok(config and published_set(config) == sorted(expected)
       and all(s["username"] == "%EMAILADDRESS%" for s in config["incoming"] + config["outgoing"]),
       "publish: the autoconfig file parses back (mailsetup parse) to demo.test's servers, %EMAILADDRESS% as login",
       parsed.stdout[:2000] + parsed.stderr)
    lint = subprocess.run(["xmllint", "--noout", profile], capture_output=True, text=True)
    ok(lint.returncode == 0, "publish: the .mobileconfig is well-formed XML (xmllint)", lint.stderr)
    with open(profile, "rb") as f:
        plist = plistlib.load(f)
    mail = plist["PayloadContent"][0]
    uuids = [plist["PayloadUUID"], mail["PayloadUUID"]]
    ok(plist["PayloadType"] == "Configuration" and plist["PayloadVersion"] == 1
       and mail["PayloadType"] == "com.apple.mail.managed" and mail["EmailAccountType"] == "EmailTypeIMAP"
       and (mail["IncomingMailServerHostName"], mail["IncomingMailServerPortNumber"]) == ("mail.demo.test", 993)
       and (mail["OutgoingMailServerHostName"], mail["OutgoingMailServerPortNumber"]) == ("mail.demo.test", 465)
       and mail["IncomingMailServerUseSSL"] is True and mail["OutgoingMailServerUseSSL"] is True
       and "EmailAddress" not in mail and "IncomingPassword" not in mail,
       "publish: the profile is a property list (plistlib) with one mail payload for mail.demo.test 993/465",
       json.dumps(plist, default=str)[:2000])
    again = run(world, "publish", "demo.test", "--format", "mobileconfig")
    other = plistlib.loads(again.stdout.encode()) if again.returncode == 0 else None
    ok(all(str(uuid.UUID(u)) == u.lower() for u in uuids) and len(set(uuids)) == 2 and other
       and not set(uuids) & {other["PayloadUUID"], other["PayloadContent"][0]["PayloadUUID"]},
       "publish: every PayloadUUID is a fresh UUID", uuids)
    # The profile through mailsetup's own reader (branch import), once merged.
    if subprocess.run([MAILSETUP, "import", "--help"], capture_output=True).returncode != 0:
        skip("publish: the profile reads back through mailsetup import", "mailsetup import (the profile reader) not merged")
    else:
        imp = subprocess.run([MAILSETUP, "import", "--json", "--accept-unsigned", profile], capture_output=True, text=True)
        doc = json.loads(imp.stdout) if imp.stdout.startswith("{") else None
        accounts = doc["accounts"] if doc else []
        got = published_set(accounts[0]["config"]) if len(accounts) == 1 and accounts[0]["config"] else None
        ok(doc and doc["format"] == "mobileconfig" and doc["signature"]["status"] == "unsigned" and got
           and ("imap", "mail.demo.test", 993, "tls") in got and ("smtp", "mail.demo.test", 465, "tls") in got,
           "publish: the profile reads back through mailsetup import (unsigned, mail.demo.test 993 and 465)",
           imp.stdout[:2000] + imp.stderr)
    zone_lines = open(zone).read().splitlines()
    ok(zone_lines == ["_imaps._tcp.demo.test. 3600 IN SRV 0 1 993 mail.demo.test.",
                      "_imap._tcp.demo.test. 3600 IN SRV 0 0 0 .",
                      "_pop3s._tcp.demo.test. 3600 IN SRV 0 1 995 mail.demo.test.",
                      "_pop3._tcp.demo.test. 3600 IN SRV 0 0 0 .",
                      "_submissions._tcp.demo.test. 3600 IN SRV 0 1 465 mail.demo.test.",
                      "_submission._tcp.demo.test. 3600 IN SRV 0 1 587 mail.demo.test."],
       "publish: the six SRV lines, \"0 0 0 .\" for the services demo.test does not publish", "\n".join(zone_lines))

    # Served from a fresh world: the same servers, only what was published.
    scenario = os.path.join(tmp, "publie")
    served_scenario(os.path.join(TOP_SRC, "tests", "world", "scenarios", "demo", "scenario.conf"), out, zone_lines, scenario)
    up = subprocess.run([WORLD, "up", scenario], capture_output=True, text=True, timeout=120)
    fresh = up.stdout.strip()
    if not ok(up.returncode == 0 and fresh, "a fresh world serves what was published", up.stderr):
        return
    try:
        dig = subprocess.run([WORLD, "exec", "--world", fresh, "--", "dig", "+short", "SRV", "_submission._tcp.demo.test"],
                             capture_output=True, text=True)
        ok(dig.stdout.strip() == "0 1 587 mail.demo.test.", "the SRV lines load into Unbound and answer as written",
           dig.stdout + dig.stderr)
        for source in ("autoconfig", "srv"):
            p = run(fresh, "discover", "--json", "-q", "--sources", source, "alice@demo.test")
            doc = json.loads(p.stdout) if p.stdout.startswith("{") else None
            got = published_set(doc["config"]) if doc and doc["config"] else None
            ok(got == sorted(expected) and all(s["source"] == source for s in doc["config"]["incoming"]),
               f"discover through {source} alone finds exactly the published servers", f"{got}\n{p.stderr}")
        rc, doc, err = check_domain(fresh, "demo.test")
        ok(rc == 0 and doc and doc["findings"] == [], "check-domain of the published domain finds nothing to say",
           summary(doc) if doc else err)
    finally:
        subprocess.run([WORLD, "down", "--world", fresh], capture_output=True, timeout=60)


def check_publish_inputs(world, tmp):
    # --config: the domain's own file, verified by connecting.
    own = os.path.join(TOP_SRC, "tests", "world", "scenarios", "demo", "www", "autoconfig.demo.test", "mail", "config-v1.1.xml")
    p = run(world, "publish", "demo.test", "--config", own, "--format", "srv")
    ok(p.returncode == 0 and "_imaps._tcp.demo.test. 3600 IN SRV 0 1 993 mail.demo.test." in p.stdout,
       "publish --config: the file's servers, proven, as SRV lines", p.stdout + p.stderr)
    faux = os.path.join(HERE, "scenarios", "admin-faults", "www", "autoconfig.srvfaux.test", "mail", "config-v1.1.xml")
    broken = os.path.join(tmp, "broken.xml")
    with open(faux) as f, open(broken, "w") as b:
        b.write(f.read().replace("<hostname>imap.srvfaux.test</hostname>\n      <port>993</port>",
                                 "<hostname>courrier.srvfaux.test</hostname>\n      <port>993</port>"))
    p = run(world, "publish", "srvfaux.test", "--config", broken, "--format", "autoconfig")
    ok(p.returncode == 0 and "courrier.srvfaux.test" not in p.stdout and "imap.srvfaux.test" in p.stdout
       and "left out: IMAP courrier.srvfaux.test:993 (cert-wrong-name)" in p.stderr,
       "publish --config: a server whose certificate is for another name is left out, and said so",
       p.stdout[-1500:] + p.stderr)
    p = run(world, "publish", "rien.test")
    ok(p.returncode == EXIT_NOT_VERIFIED and "nothing to publish" in p.stderr,
       "publish of a domain with nothing proven: exit 5", p.stderr)
    # --from-json: a verified setup result is taken as proof.
    setup = run(world, "setup", "--json", "--password-stdin", "alice@demo.test", stdin="Wonderland-42\n", timeout=120)
    result = os.path.join(tmp, "setup.json")
    with open(result, "w") as f:
        f.write(setup.stdout)
    doc = json.loads(setup.stdout) if setup.stdout.startswith("{") else None
    if not ok(doc and doc["verified"], "setup alice@demo.test --json is verified", setup.stderr[-1500:]):
        return
    p = run(world, "publish", "demo.test", "--from-json", result, "--format", "autoconfig")
    parsed = subprocess.run([MAILSETUP, "parse", "--json", "-"], input=p.stdout, capture_output=True, text=True)
    config = json.loads(parsed.stdout) if parsed.returncode == 0 else None
    proven = sorted((s["protocol"], s["host"], s["port"], s["socket"]) for s in (doc["incoming"], doc["other_incoming"], doc["outgoing"]) if s)
    ok(p.returncode == 0 and config and published_set(config) == proven
       and all(s["username"] == "%EMAILADDRESS%" for s in config["incoming"]),
       "publish --from-json: exactly the servers the setup proved", f"{proven}\n{p.stdout}{p.stderr}")
    doc["verified"] = False
    unverified = os.path.join(tmp, "unverified.json")
    with open(unverified, "w") as f:
        json.dump(doc, f)
    p = run(world, "publish", "demo.test", "--from-json", unverified)
    ok(p.returncode == EXIT_NOT_VERIFIED and "not verified" in p.stderr and p.stdout == "",
       "publish --from-json of an unverified setup: refused (exit 5), nothing printed", p.stderr)
    with open(unverified, "w") as f:
        f.write('{"schema": "mailsetup-setup/1", "verified": true, "address": 7}')
    p = run(world, "publish", "demo.test", "--from-json", unverified)
    ok(p.returncode == 3 and "Not a mailsetup setup result" in p.stderr, "publish --from-json of a malformed file: exit 3",
       p.stderr)


def main():
    if os.geteuid() != 0:
        print("1..0 # SKIP the test world needs root (network namespaces)")
        return 0
    if shutil.which("xmllint") is None:
        print("1..0 # SKIP xmllint is missing (libxml2-utils)")
        return 0
    up = subprocess.run([WORLD, "up", *SCENARIOS], capture_output=True, text=True, timeout=120)
    world = up.stdout.strip()
    if up.returncode != 0 or not world:
        print("1..1\nnot ok 1 - the world comes up\n# " + up.stderr.replace("\n", "\n# "))
        return 1
    tmp = tempfile.mkdtemp(prefix="ms-admin.")
    try:
        check_expectations(world)
        check_facts(world)
        cancel(world)
        check_publish(world, tmp)
        check_publish_inputs(world, tmp)
    finally:
        subprocess.run([WORLD, "down", "--world", world], capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)
    return done()


if __name__ == "__main__":
    sys.exit(main())
