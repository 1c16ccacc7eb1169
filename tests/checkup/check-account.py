#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mailsetup check-account` in the test world (TAP).

A Claws Mail configuration directory is built the way users following the
hosting guides of ../shared/seeds end up with one, against the world's real
servers (tests/world/README.md):

 1. contact@client-ovh.test (ovh-like scenario): IMAP at mail.client-ovh.test
    993 and SMTP there on 587 with STARTTLS; that name is a CNAME to the
    provider's ssl0.hebergeur.test, whose certificate names only itself, so
    the user accepted it in Claws: the certificates the servers present are
    stored in certs/ as Claws stores them (DER for one, PEM for the other);
 2. bob@demo.test: IMAP 143 and SMTP 25 in plain text, no SMTP login, on a
    server that offers 993 and 465;
 3. alice@demo.test: IMAP 993 and SMTP 465, with the valid certificate Claws
    keeps for mail.demo.test:993 (not an exception);
 4. a local mbox account (not a mail server account: not checked);
 5. bob@demo.test by POP3 on 995, with an old exception kept for it (an
    expired self-signed certificate, tests/data/checkup): the server's
    certificate is valid now, so only the exception is to be removed;
 6. jean@autre-client.test (ovh-like) at mail.autre-client.test:993 with no
    exception kept (Claws would ask each time): the certificate's name.

The findings must be exactly those expected, with the secure settings; the
directory must not change; a password verifies the proposal (and a wrong
one withdraws it); bad directories give the documented exit status.

Environment: top_srcdir, top_builddir (as make sets them); MAILSETUP.
Skips without root or the world's servers.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

TOP_SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_BUILD = os.environ.get("top_builddir", TOP_SRC)
WORLD = os.path.abspath(os.path.join(TOP_SRC, "tests", "world", "world"))
MAILSETUP = os.path.abspath(os.environ.get("MAILSETUP") or os.path.join(TOP_BUILD, "plugin", "cli", "mailsetup"))

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from tap import ok, is_, skip_all, done  # noqa: E402


# The accounts, as users following the guides have them; also the
# configuration of tests/claws/checkup/checkup.sh (--print-accountrc), with
# the passwords the old way (password=, which Claws moves into its password
# store when it starts; the check-up never reads them).
ACCOUNTRC = """[Account: 1]
account_name=contact@client-ovh.test
is_default=1
name=Contact
address=contact@client-ovh.test
protocol=1
receive_server=mail.client-ovh.test
user_id=contact@client-ovh.test
password=@contact@client-ovh.test@
ssl_imap=1
set_imapport=1
imap_port=993
smtp_server=mail.client-ovh.test
ssl_smtp=2
set_smtpport=1
smtp_port=587
use_smtp_auth=1
smtp_user_id=
ssl_certs_auto_accept=1
config_version=4

[Account: 2]
account_name=bob@demo.test
name=Bob
address=bob@demo.test
protocol=1
receive_server=mail.demo.test
user_id=bob@demo.test
password=@bob@demo.test@
ssl_imap=0
set_imapport=0
imap_port=143
smtp_server=mail.demo.test
ssl_smtp=0
set_smtpport=0
smtp_port=25
use_smtp_auth=0
config_version=4

[Account: 3]
account_name=Alice at home
name=Alice
address=alice@demo.test
protocol=1
receive_server=mail.demo.test
user_id=alice@demo.test
password=@alice@demo.test@
ssl_imap=1
set_imapport=1
imap_port=993
smtp_server=mail.demo.test
ssl_smtp=1
set_smtpport=1
smtp_port=465
use_smtp_auth=1
ssl_certs_auto_accept=1
config_version=4
"""
LOCAL_ACCOUNT = """
[Account: 4]
account_name=local
address=me@localhost
protocol=3
local_mbox=/var/mail/me
smtp_server=localhost

[Account: 5]
account_name=bob by POP3
address=bob@demo.test
protocol=0
receive_server=mail.demo.test
user_id=bob@demo.test
ssl_pop=1
smtp_server=mail.demo.test
ssl_smtp=1
set_smtpport=1
smtp_port=465
use_smtp_auth=1

[Account: 6]
account_name=jean@autre-client.test
address=jean@autre-client.test
protocol=1
receive_server=mail.autre-client.test
user_id=jean@autre-client.test
ssl_imap=1
smtp_server=ssl0.hebergeur.test
ssl_smtp=1
set_smtpport=1
smtp_port=465
use_smtp_auth=1
"""


def password(address, scenario):
    with open(os.path.join(TOP_SRC, "tests", "world", "scenarios", scenario, "expected"), encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if len(w) == 3 and w[0] == address and w[1] == "password":
                return w[2]
    raise LookupError(f"no password for {address} in the {scenario} scenario")


PASSWORDS = {"contact@client-ovh.test": "ovh-like", "bob@demo.test": "demo", "alice@demo.test": "demo"}


def accountrc():
    text = ACCOUNTRC
    for address, scenario in PASSWORDS.items():
        text = text.replace(f"@{address}@", password(address, scenario))
    return text


def snapshot(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def main():
    if os.geteuid() != 0:
        skip_all("needs root (the test world's network namespaces)")
    if not os.access(MAILSETUP, os.X_OK):
        skip_all(f"{MAILSETUP} not built")
    tmp = tempfile.mkdtemp(prefix="ms-checkup.")
    up = subprocess.run([WORLD, "up", "demo", "ovh-like"], capture_output=True, text=True)
    if up.returncode == 77:
        skip_all("test world unavailable: " + (up.stderr.strip().splitlines() or [""])[-1])
    if up.returncode != 0:
        print("Bail out! the test world did not start: " + up.stderr[-500:])
        sys.exit(1)
    world = up.stdout.strip()
    try:
        run_tests(world, tmp)
    finally:
        subprocess.run([WORLD, "down", "--world", world], capture_output=True)
        subprocess.run(["rm", "-rf", tmp])
    return done()


def wexec(world, *argv, stdin=None):
    return subprocess.run([WORLD, "exec", "--world", world, "--", *argv], capture_output=True, text=True,
                          input=stdin)


def server_cert(world, hostport, starttls=None, der=False):
    """The certificate the server presents, as Claws stores it when the user accepts it."""
    cmd = f"openssl s_client -connect {hostport} </dev/null 2>/dev/null | openssl x509 -outform {'DER' if der else 'PEM'}"
    if starttls:
        cmd = cmd.replace("s_client", f"s_client -starttls {starttls}")
    r = subprocess.run([WORLD, "exec", "--world", world, "--", "sh", "-c", cmd], capture_output=True)
    return r.stdout


def check_account(world, cfg, *args, stdin=None):
    r = wexec(world, MAILSETUP, "check-account", "--claws-dir", cfg, *args, stdin=stdin)
    doc = None
    if "--json" in args:
        try:
            doc = json.loads(r.stdout)
        except ValueError:
            doc = None
    return r, doc


def kinds(acc, member="findings"):
    return sorted((f["protocol"], f["kind"]) for f in acc[member])


def server(s):
    return s and (s["protocol"], s["host"], s["port"], s["socket"], s["username"])


def run_tests(world, tmp):
    cfg = os.path.join(tmp, "claws")
    certs = os.path.join(cfg, "certs")
    os.makedirs(certs)
    with open(os.path.join(cfg, "accountrc"), "w") as f:
        f.write(accountrc() + LOCAL_ACCOUNT)
    os.chmod(os.path.join(cfg, "accountrc"), 0o600)
    stored = {
        "mail.client-ovh.test.993.cert": server_cert(world, "mail.client-ovh.test:993", der=True),
        "mail.client-ovh.test.587.cert": server_cert(world, "mail.client-ovh.test:587", starttls="smtp"),
        "mail.demo.test.993.cert": server_cert(world, "mail.demo.test:993", der=True),
    }
    with open(os.path.join(TOP_SRC, "tests", "data", "checkup", "certs", "old.example.test.110.cert"), "rb") as f:
        stored["mail.demo.test.995.cert"] = f.read()
    for name, data in stored.items():
        if not data:
            print(f"Bail out! could not get the certificate for {name}")
            sys.exit(1)
        with open(os.path.join(certs, name), "wb") as f:
            f.write(data)
    before = snapshot(cfg)

    r, doc = check_account(world, cfg, "--json")
    is_(r.returncode, 6, "check-account --json: exit 6 (weaknesses found)")
    ok(not any(password(a, s) in r.stdout + r.stderr for a, s in PASSWORDS.items()),
       "no password of accountrc in the output")
    if not ok(doc is not None and doc.get("schema") == "mailsetup-check-account/1", "JSON output, schema 1", r.stdout + r.stderr):
        return
    accounts = {a["id"]: a for a in doc["accounts"]}
    is_(sorted(accounts), [1, 2, 3, 4, 5, 6], "every account of accountrc is listed")

    ovh = accounts[1]
    is_(server(ovh["incoming"]), ("imap", "mail.client-ovh.test", 993, "tls", "contact@client-ovh.test"),
        "OVH-like: incoming read from accountrc")
    is_(server(ovh["outgoing"]), ("smtp", "mail.client-ovh.test", 587, "starttls", "contact@client-ovh.test"),
        "OVH-like: outgoing read (empty smtp_user_id: the incoming user)")
    exc = {e["port"]: e for e in ovh["exceptions"]}
    is_(sorted(exc), [587, 993], "OVH-like: both stored certificates found (DER and PEM)")
    for port, e in sorted(exc.items()):
        is_((e["names"], e["trusted"], e["valid_for_host"], e["expired"], e["self_signed"]),
            (["ssl0.hebergeur.test"], True, False, False, False),
            f"OVH-like: the exception for port {port} is ssl0.hebergeur.test's valid certificate, not valid for mail.client-ovh.test")
    is_(kinds(ovh), [("imap", "cert-other-name"), ("smtp", "cert-other-name"), ("smtp", "starttls")],
        "OVH-like: findings: certificate for another name (IMAP, SMTP), STARTTLS where 465 exists")
    is_(kinds(ovh, "unfixed"), [], "OVH-like: every finding has a fix")
    is_(server(ovh["proposed"]["incoming"]), ("imap", "ssl0.hebergeur.test", 993, "tls", "contact@client-ovh.test"),
        "OVH-like: proposed incoming ssl0.hebergeur.test:993, TLS")
    is_(server(ovh["proposed"]["outgoing"]), ("smtp", "ssl0.hebergeur.test", 465, "tls", "contact@client-ovh.test"),
        "OVH-like: proposed outgoing ssl0.hebergeur.test:465, TLS")
    is_(sorted(os.path.basename(p) for p in ovh["proposed"]["remove"]),
        ["mail.client-ovh.test.587.cert", "mail.client-ovh.test.993.cert"],
        "OVH-like: both exceptions are to be removed")
    msg = " ".join(f["message"] for f in ovh["findings"])
    ok("ssl0.hebergeur.test" in msg and "mail.client-ovh.test" in msg,
       "OVH-like: the explanation names the host used and the certificate's name", msg)

    bob = accounts[2]
    is_(server(bob["incoming"]), ("imap", "mail.demo.test", 143, "plain", "bob@demo.test"),
        "plain text: incoming read (default port 143)")
    is_(server(bob["outgoing"]), ("smtp", "mail.demo.test", 25, "plain", None),
        "plain text: outgoing read (default port 25, no login)")
    is_(kinds(bob), [("imap", "plain-text"), ("smtp", "smtp-no-auth"), ("smtp", "smtp-plain")],
        "plain text: findings: IMAP in plain text, SMTP in plain text, SMTP without login")
    is_(server(bob["proposed"]["incoming"]), ("imap", "mail.demo.test", 993, "tls", "bob@demo.test"),
        "plain text: proposed incoming mail.demo.test:993, TLS")
    is_(server(bob["proposed"]["outgoing"]), ("smtp", "mail.demo.test", 465, "tls", "bob@demo.test"),
        "plain text: proposed outgoing mail.demo.test:465, TLS, signing in as bob@demo.test")
    is_(bob["proposed"]["remove"], [], "plain text: no exception to remove")

    alice = accounts[3]
    is_((kinds(alice), kinds(alice, "unfixed")), ([], []), "clean account: no finding")
    is_((alice["proposed"]["incoming"], alice["proposed"]["outgoing"], alice["proposed"]["remove"]),
        (None, None, []), "clean account: nothing proposed")
    is_([(e["port"], e["valid_for_host"]) for e in alice["exceptions"]], [(993, True)],
        "clean account: the valid certificate Claws keeps is read, and is not an exception")
    is_(alice["name"], "Alice at home", "clean account: its name in Claws read")

    local = accounts[4]
    is_((local["incoming"], kinds(local)), (None, []), "local account: not checked, no finding")

    pop = accounts[5]
    is_(server(pop["incoming"]), ("pop3", "mail.demo.test", 995, "tls", "bob@demo.test"),
        "old exception: POP3 read (default port 995 with TLS)")
    is_([(e["port"], e["expired"], e["self_signed"], e["trusted"]) for e in pop["exceptions"]],
        [(995, True, True, False)], "old exception: the stored certificate is expired and self-signed")
    is_(kinds(pop), [("pop3", "cert-untrusted")], "old exception: one finding, an untrusted certificate accepted")
    is_((pop["proposed"]["incoming"], [os.path.basename(p) for p in pop["proposed"]["remove"]]),
        (None, ["mail.demo.test.995.cert"]),
        "old exception: the settings stay (the server's certificate is valid now); the exception is to be removed")
    msg = pop["findings"][0]["message"] if pop["findings"] else ""
    ok("expired on 2002-01-01" in msg and "no longer needed" in msg, "old exception: explained", msg)

    jean = accounts[6]
    is_((kinds(jean), jean["exceptions"]), ([("imap", "cert-other-name")], []),
        "no exception kept: the certificate made for another name is still found")
    is_((server(jean["proposed"]["incoming"]), jean["proposed"]["outgoing"], jean["proposed"]["remove"]),
        (("imap", "ssl0.hebergeur.test", 993, "tls", "jean@autre-client.test"), None, []),
        "no exception kept: the certificate's name proposed, sending kept as it is")

    r, _ = check_account(world, cfg)
    is_(r.returncode, 6, "check-account (text): exit 6")
    ok("Secure: nothing to change." in r.stdout and "Remove the certificate exception:" in r.stdout
       and "ssl0.hebergeur.test, port 465, encrypted (TLS)" in r.stdout,
       "text output: the clean account, the exception to remove, the proposed server", r.stdout)

    r, doc = check_account(world, cfg, "--json", "alice@demo.test")
    is_((r.returncode, [a["id"] for a in doc["accounts"]] if doc else None), (0, [3]),
        "check-account alice@demo.test: only that account, exit 0")
    r, _ = check_account(world, cfg, "nobody@demo.test")
    is_(r.returncode, 4, "an address of no account: exit 4")

    # With the password, the proposal is verified (login, no test message).
    pw = os.path.join(tmp, "pw")
    ovh_pw = password("contact@client-ovh.test", "ovh-like")
    with open(pw, "w") as f:
        f.write(ovh_pw + "\n")
    os.chmod(pw, 0o600)
    r, doc = check_account(world, cfg, "--json", "--password-file", pw, "contact@client-ovh.test")
    acc = doc["accounts"][0] if doc and doc["accounts"] else {}
    is_((r.returncode, acc.get("verified"), server(acc.get("proposed", {}).get("incoming"))),
        (6, True, ("imap", "ssl0.hebergeur.test", 993, "tls", "contact@client-ovh.test")),
        "with the right password: the proposal is verified")
    ok(ovh_pw not in r.stdout + r.stderr, "the password is not in the output")
    with open(pw, "w") as f:
        f.write("wrong-password\n")
    r, doc = check_account(world, cfg, "--json", "--password-file", pw, "contact@client-ovh.test")
    acc = doc["accounts"][0] if doc and doc["accounts"] else {}
    is_((acc.get("verified"), acc.get("proposed", {}).get("incoming"), bool(acc.get("diagnosis")),
         len(acc.get("unfixed", []))), (False, None, True, 3),
        "with a wrong password: nothing proposed, a diagnosis, the findings kept as unfixed")
    r, _ = check_account(world, cfg, "--password-file", pw)
    is_(r.returncode, 2, "a password with several accounts: usage error (exit 2)")

    is_(snapshot(cfg), before, "the configuration directory is byte for byte as before")

    # Bad directories.
    r, _ = check_account(world, os.path.join(tmp, "nowhere"))
    is_(r.returncode, 1, "no accountrc: exit 1")
    bad = os.path.join(tmp, "bad")
    os.makedirs(bad)
    with open(os.path.join(bad, "accountrc"), "w") as f:
        f.write("[Account: x]\naddress=a@b.test\n")
    r, _ = check_account(world, bad)
    is_((r.returncode, "line 1" in r.stderr), (3, True), "a broken accountrc: exit 3, the line named")


if __name__ == "__main__":
    if sys.argv[1:] == ["--print-accountrc"]:
        sys.stdout.write(accountrc())
    else:
        sys.exit(main())
