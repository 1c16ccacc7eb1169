#!/usr/bin/python3
"""`mailsetup setup` in the test world: verification against real servers.

Real Dovecot, Postfix, Unbound, nginx, the world's CA and its hostile servers
(tests/world/README.md); nothing is mocked.  For each way an account can work
or fail, `mailsetup setup ADDRESS --password-file F --json` must give the
right exit status, servers, user name, send test and diagnosis, and the
servers' own logs must agree: the test message was delivered then deleted,
at most two refused logins per host, no login to a server without TLS, and
no password anywhere (logs, transcripts, output, command lines).  Every
diagnosis code must be reached.  TAP output.

Environment: top_srcdir, top_builddir (as make sets them); MAILSETUP, the
program to run (default: the build tree's); MS_VERIFY_LANGS, the languages
to check the messages in (default "en"; "en fr" needs the installed
translations, hence `make installcheck`).
"""
import ast
import base64
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TOP_SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_BUILD = os.environ.get("top_builddir", TOP_SRC)
WORLD = os.path.abspath(os.path.join(TOP_SRC, "tests", "world", "world"))
MAILSETUP = os.path.abspath(os.environ.get("MAILSETUP") or os.path.join(TOP_BUILD, "plugin", "cli", "mailsetup"))
LANGS = os.environ.get("MS_VERIFY_LANGS", "en").split() or ["en"]
SCENARIOS = ["demo", "localpart", "ovh-like", "certs", "hostile", "nothing", "verify"]

# include/mailsetup/diagnosis.h, in its order
CODES = ["no-such-domain", "no-mail-server", "host-not-found", "connection-refused", "timed-out",
         "cert-expired", "cert-not-yet-valid", "cert-wrong-name", "cert-self-signed",
         "cert-unknown-authority", "cert-invalid", "tls-too-old", "tls-failed", "starttls-missing",
         "starttls-failed", "plaintext-only", "wrong-password", "wrong-username",
         "app-password-required", "oauth2-required", "account-disabled", "auth-not-offered",
         "server-unavailable", "relay-denied", "message-rejected", "not-delivered", "server-error"]
SOCKETS = {"tls", "starttls", "plain"}
# Servers that must never see a login: the hosts of the hostile scenario
# without a valid TLS connection (stripped, refused or broken STARTTLS, TLS
# 1.0, garbage...).  The careful hostile servers (TLS with a valid
# certificate first: authfail, oauthonly, those of the verify scenario)
# may receive a password: that is what they are for.
NEVER_LOGIN = re.compile(r"^(stripped|tlsrefused|tlsbroken|tls10|garbage|longline|slowbanner|blackhole|reset|ports)"
                         r"\.hostile\.test$|\.evil\.example$")
LOGIN_COMMAND = re.compile(rb"^(?:\S+ )?(?:LOGIN|AUTHENTICATE|AUTH|USER|PASS|APOP)\b", re.I)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from tap import ok, failures, done  # noqa: E402

TMP = None
PASSWORDS = set()     # every password given to mailsetup
RUNS = []             # every run of mailsetup, for the global checks
SEEN_IN_PS = []       # (password, command line) found in /proc while running
REACHED = collections.OrderedDict()   # code -> the first case that expected it and got it


def diag(text):
    for line in str(text).splitlines():
        print("# " + line)
    sys.stdout.flush()


# ---------------------------------------------------------------- the world's logs

class Logs:
    """What the world's servers logged during one run (by file offset: runs
    are sequential).  `settle` waits until Dovecot and Postfix stop writing."""
    FILES = ("dovecot.log", "postfix.log", "hostile-transcript.log")

    def __init__(self, world):
        self.dir = os.path.join(world, "log")
        try:
            with open(os.path.join(world, "etc", "addrs.json")) as f:
                self.hosts = json.load(f)
        except (OSError, ValueError):
            self.hosts = {}

    def sizes(self):
        return {f: (os.path.getsize(os.path.join(self.dir, f)) if os.path.exists(os.path.join(self.dir, f)) else 0)
                for f in self.FILES}

    def since(self, start, settle=True):
        if settle:
            last, deadline = self.sizes(), time.monotonic() + 1.0
            while time.monotonic() < deadline:
                time.sleep(0.05)
                now = self.sizes()
                if now == last:
                    break
                last = now
        seg = {}
        for f in self.FILES:
            path = os.path.join(self.dir, f)
            if not os.path.exists(path):
                seg[f] = b""
                continue
            with open(path, "rb") as fh:
                fh.seek(start[f])
                seg[f] = fh.read()
        return Segment(seg, self.hosts)


class Segment:
    def __init__(self, seg, hosts):
        self.dovecot = seg["dovecot.log"].decode(errors="replace")
        self.postfix = seg["postfix.log"].decode(errors="replace")
        self.transcript = seg["hostile-transcript.log"]
        self.hosts = hosts

    def logins(self):
        """Login attempts seen by the servers: (result, service, host, port, user),
        from Dovecot's auth events (IMAP, POP3, and Postfix's SMTP AUTH, which
        asks Dovecot) and the hostile servers' AUTH lines (as `world logins`)."""
        out = []
        for line in self.dovecot.splitlines():
            if '"event":"auth_request_finished"' not in line:
                continue
            try:
                ev = json.loads(line[line.index("{"):])["fields"]
            except (ValueError, KeyError):
                continue
            addr = ev.get("local_ip", "-")
            out.append(("ok" if ev.get("success") == "yes" else "failed", ev.get("service", "-"),
                        self.hosts.get(addr, addr), str(ev.get("local_port", "-")),
                        ev.get("original_user") or ev.get("user") or "-"))
        for line in self.transcript.decode(errors="replace").splitlines():
            w = line.split()
            # HH:MM:SS HOST:PORT CLIENT AUTH PROTO mech=M user=<U> result=R local=A
            if len(w) >= 8 and w[3] == "AUTH":
                host, _, port = w[1].rpartition(":")
                out.append((w[7][len("result="):], w[4], host, port, w[6][len("user=<"):-1]))
        return out

    def failed_per_host(self):
        return collections.Counter(r[2] for r in self.logins() if r[0] != "ok")

    def transcript_lines(self):
        """(host, port, direction, bytes) of the hostile servers' transcript."""
        out = []
        for line in self.transcript.splitlines():
            m = re.match(rb"^\S+ (\S+):(\d+) \S+ ([<>]) (b(['\"]).*\5)$", line)
            if m:
                try:
                    data = ast.literal_eval(m.group(4).decode(errors="replace"))   # repr() of bytes
                except (ValueError, SyntaxError):
                    data = m.group(4)
                out.append((m.group(1).decode(), int(m.group(2)), m.group(3).decode(), data))
        return out


# ---------------------------------------------------------------- running mailsetup

def xml_config(domain, servers):
    """A Thunderbird autoconfig file: servers are (protocol, host, port, socketType)."""
    parts = []
    for proto, host, port, sock in servers:
        tag = "outgoingServer" if proto == "smtp" else "incomingServer"
        parts.append(f'    <{tag} type="{proto}">\n      <hostname>{host}</hostname>\n      <port>{port}</port>\n'
                     f'      <socketType>{sock}</socketType>\n      <username>%EMAILADDRESS%</username>\n'
                     f'      <authentication>password-cleartext</authentication>\n    </{tag}>\n')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">\n'
            f'  <emailProvider id="{domain}">\n    <domain>{domain}</domain>\n{"".join(parts)}'
            f'  </emailProvider>\n</clientConfig>\n')


class Run:
    pass


def setup(world, logs, name, address, password, servers=None, extra=(), lang="en", json_out=True, timeout=90):
    """Run `mailsetup setup` as a client of the world; returns a Run."""
    r = Run()
    r.name, r.address, r.password, r.lang, r.servers = name, address, password, lang, servers
    r.extra, r.json_out = tuple(extra), json_out
    PASSWORDS.add(password)
    idx = len(RUNS)
    pwfile = os.path.join(TMP, f"pw-{idx}")
    fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, (password + "\n").encode())
    os.close(fd)
    r.argv = [MAILSETUP, "setup", address, "--password-file", pwfile]
    if json_out:
        r.argv.append("--json")
    if servers:
        r.config = os.path.join(TMP, f"config-{idx}.xml")
        with open(r.config, "w") as f:
            f.write(xml_config(address.split("@")[1], servers))
        r.argv += ["--config", r.config]
    r.argv += list(extra)
    env = dict(os.environ, LANGUAGE=lang, LC_ALL="C.UTF-8")
    start = logs.sizes()
    t0 = time.monotonic()
    try:
        p = subprocess.run([WORLD, "exec", "--world", world, "--", *r.argv], capture_output=True, text=True,
                           timeout=timeout, env=env)
        r.rc, r.out, r.err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        r.rc, r.out, r.err = None, e.stdout or "", (e.stderr or "") + f"\n(killed after {timeout} s)"
        r.out = r.out.decode(errors="replace") if isinstance(r.out, bytes) else r.out
        r.err = r.err.decode(errors="replace") if isinstance(r.err, bytes) else r.err
    r.wall = time.monotonic() - t0
    r.seg = logs.since(start)
    r.doc = None
    if json_out:
        try:
            r.doc = json.loads(r.out)
        except ValueError:
            pass
    RUNS.append(r)
    return r


def diagnoses(doc):
    out = [doc["diagnosis"]] if doc.get("diagnosis") else []
    return out + [d for d in doc.get("problems") or [] if d]


def show(r):
    """The failure detail of a run: command, status, the useful part of the JSON."""
    lines = [f"$ world exec -- {' '.join(r.argv)}   (LANGUAGE={r.lang}) -> exit {r.rc}, {r.wall:.2f} s"]
    if r.servers:
        lines.append("config: " + ", ".join(f"{p} {h}:{port} {s}" for p, h, port, s in r.servers))
    if r.doc:
        d = {k: v for k, v in r.doc.items() if k not in ("config", "events")}
        lines += json.dumps(d, indent=1, ensure_ascii=False).splitlines()[:60]
        for e in r.doc.get("events") or []:
            if e.get("phase") == "verify":
                lines.append(f"  {e['ms']:5} {e['step']:8} {e['state']:8} {e['host']}:{e['port']} "
                             f"{e.get('username')} {e.get('diagnosis')} {e.get('message')}")
    else:
        lines += ("stdout: " + r.out[:500]).splitlines() + ("stderr: " + r.err[-1500:]).splitlines()
    return "\n".join(lines)


def code_of(r):
    return r.doc and r.doc.get("diagnosis") and r.doc["diagnosis"].get("code")


def login_events(r, host=None, port=None):
    return [e for e in (r.doc or {}).get("events") or [] if e.get("phase") == "verify" and e.get("step") == "login"
            and (host is None or e.get("host") == host) and (port is None or e.get("port") == port)]


# ---------------------------------------------------------------- checks common to every run

def check_shape(r):
    """The JSON document every run must give, whatever happened."""
    d = r.doc
    if not ok(d is not None and d.get("schema") == "mailsetup-setup/1" and d.get("address") == r.address,
              f"{r.name}: one JSON document (mailsetup-setup/1) on stdout", show(r)):
        return False
    problems = []
    if r.rc not in (0, 4, 5):
        problems.append(f"exit status {r.rc}")
    if d["verified"] != (r.rc == 0):
        problems.append("verified and the exit status disagree")
    if d["verified"] == bool(d["diagnosis"]):
        problems.append("a diagnosis must be given exactly when not verified")
    if not isinstance(d.get("elapsed_ms"), int) or d["elapsed_ms"] < 0:
        problems.append("elapsed_ms")
    if not isinstance(d.get("failed_logins"), int) or d["failed_logins"] < 0:
        problems.append("failed_logins")
    # At most 2 refused logins per host and run: as the program tells it, and
    # as the servers saw it.
    told = collections.Counter(e["host"] for e in d.get("events") or [] if e.get("phase") == "verify"
                               and e.get("step") == "login" and e.get("state") == "failed")
    seen = r.seg.failed_per_host()
    for host, count in list(told.items()) + list(seen.items()):
        if count > 2:
            problems.append(f"{count} refused logins on {host}")
    for key in ("incoming", "other_incoming", "outgoing"):
        s = d.get(key)
        if s is not None and (s.get("socket") not in SOCKETS or not s.get("host") or not s.get("port")):
            problems.append(f"{key}: {s}")
    for x in diagnoses(d):
        if x.get("code") not in CODES:
            problems.append(f"unknown code {x.get('code')}")
        for field in ("message", "next_step"):
            text = x.get(field)
            if not text or not text.strip() or re.search(r"%[a-z0-9.]|\(null\)|\{\w*\}", text):
                problems.append(f"{x.get('code')}: {field} = {text!r}")
    for e in d.get("events") or []:
        if e.get("phase") == "verify" and e.get("diagnosis") and e["diagnosis"] not in CODES:
            problems.append(f"event with unknown diagnosis {e['diagnosis']}")
    return ok(not problems, f"{r.name}: exit {r.rc}, consistent document, messages written, ≤ 2 refused logins a server",
              "\n".join(problems) + "\n" + "\n".join(map(str, r.seg.logins())) + "\n" + show(r))


def expect(r, code, rc=5, protocol=None, host=None, port=None, no_login_to=None):
    """A run that must end with diagnosis `code` about host:port."""
    if not check_shape(r):
        return None
    d = r.doc["diagnosis"] or {}
    where = f" on {host}:{port}" if host else ""
    good = r.rc == rc and d.get("code") == code and not r.doc["verified"]
    good = good and (host is None or (d.get("host") == host and d.get("port") == port))
    good = good and (protocol is None or d.get("protocol") == protocol)
    if ok(good, f"{r.name}: {code}{where}, exit {rc}", show(r)) and r.lang == "en":
        REACHED.setdefault(code, r.name)
    if no_login_to:
        h, p = no_login_to
        ok(not login_events(r, h, p) and not [x for x in r.seg.logins() if x[2] == h],
           f"{r.name}: no login attempted on {h}:{p}", show(r))
    return d


# ---------------------------------------------------------------- the cases

def round_trip(world, logs, address, password, login, name=None, extra=()):
    """Discovery, login, send to self, wait, delete: verified, and the
    servers' logs show the message delivered, then the mailbox without it."""
    r = setup(world, logs, name or address, address, password, extra=extra)
    if not check_shape(r):
        return r
    d = r.doc
    ok(r.rc == 0 and d["verified"] and d["username"] == login,
       f"{r.name}: verified, user name {login}", show(r))
    inc, other, out = d["incoming"], d["other_incoming"], d["outgoing"]
    ok(inc and inc["protocol"] == "imap" and inc["socket"] in ("tls", "starttls") and inc["username"] == login
       and out and out["protocol"] == "smtp" and out["socket"] in ("tls", "starttls") and out["username"] == login,
       f"{r.name}: incoming IMAP and outgoing SMTP, encrypted, as {login}", show(r))
    ok(other and other["protocol"] == "pop3" and other["username"] == login and other["socket"] in ("tls", "starttls"),
       f"{r.name}: the other incoming protocol (POP3) checked with the same name", show(r))
    st = d["send_test"]
    ok(st["state"] == "delivered" and isinstance(st["delay_ms"], int) and 0 < st["delay_ms"] <= d["elapsed_ms"],
       f"{r.name}: send test delivered, in {st['delay_ms']} ms", show(r))
    # The servers' side: Postfix took it, Dovecot's LMTP saved it, IMAP deleted it.
    domain = address.split("@")[1]
    saved = re.findall(r"lmtp\(" + re.escape(address) + r"\)\S*: Info: msgid=<([0-9a-f-]+)\.mailsetup@"
                       + re.escape(domain) + r">: saved mail to INBOX", r.seg.dovecot)
    ok(len(saved) == 1, f"{r.name}: Dovecot's log shows the test message saved to the INBOX once",
       r.seg.dovecot[-3000:])
    if saved:
        token = saved[0]
        ok(re.search(r"message-id=<" + re.escape(token) + r"\.mailsetup@", r.seg.postfix)
           and re.search(r"to=<" + re.escape(address) + r">.*status=sent", r.seg.postfix),
           f"{r.name}: Postfix's log shows it sent and delivered (token {token})", r.seg.postfix[-3000:])
        maildir = os.path.join(world, "mail", address, "Maildir")
        left = []
        for path in glob.glob(os.path.join(maildir, "cur", "*")) + glob.glob(os.path.join(maildir, "new", "*")) \
                + glob.glob(os.path.join(maildir, ".*", "cur", "*")) + glob.glob(os.path.join(maildir, ".*", "new", "*")):
            with open(path, "rb") as f:
                data = f.read()
            if token.encode() in data or b"X-Mailsetup-Test" in data:
                left.append(path)
        ok(os.path.isdir(maildir) and not left, f"{r.name}: the test message is no longer in {maildir}", left)
    return r


def wrong_password(world, logs):
    r = setup(world, logs, "wrong password", "alice@demo.test", "Wrong-Pass-Alice-3141")
    d = expect(r, "wrong-password", protocol="imap")
    if d is None:
        return r
    ok(1 <= r.doc["failed_logins"] <= 2, f"wrong password: {r.doc['failed_logins']} refused logins reported (1 or 2)",
       show(r))
    rows = r.seg.logins()
    failed_rows = [x for x in rows if x[0] != "ok"]
    per_host = collections.Counter(x[2] for x in failed_rows)
    ok(failed_rows and all(c <= 2 for c in per_host.values()),
       f"wrong password: Dovecot counted {dict(per_host)} authentication failures (≤ 2 per server)",
       "\n".join(map(str, rows)))
    ok(not [x for x in rows if x[1] == "smtp"] and not re.search(r"SASL \w+ authentication failed", r.seg.postfix),
       "wrong password: no SMTP AUTH tried (Postfix saw no login)", r.seg.postfix[-2000:])
    ok(not [e for e in login_events(r) if e["protocol"] == "smtp"], "wrong password: verification stopped before SMTP",
       show(r))
    return r


CERT_CODES = {"expired": "cert-expired", "notyet": "cert-not-yet-valid", "wrongname": "cert-wrong-name",
              "selfsigned": "cert-self-signed", "unknownca": "cert-unknown-authority",
              # signed by the world CA, the signature corrupted (GNUTLS_CERT_SIGNATURE_FAILURE)
              "badsig": "cert-invalid"}
CERT_PW = "Certs-Test-1"
VALID_IN = ("imap", "valid.certs.test", 993, "SSL")
VALID_OUT = ("smtp", "valid.certs.test", 465, "SSL")


def certificates(world, logs):
    runs = []
    # Each defect on IMAP 993 (implicit TLS), then behind STARTTLS: IMAP 143
    # for some, SMTP 587 for the others (IMAP being valid, to get that far).
    starttls = {"expired": 143, "notyet": 587, "wrongname": 143, "selfsigned": 587, "unknownca": 143,
                "badsig": 587}
    for kind, code in CERT_CODES.items():
        host = f"{kind}.certs.test"
        for port in (993, starttls[kind]):
            if port == 993:
                servers, proto = [("imap", host, 993, "SSL"), VALID_OUT], "imap"
            elif port == 143:
                servers, proto = [("imap", host, 143, "STARTTLS"), VALID_OUT], "imap"
            else:
                servers, proto = [VALID_IN, ("smtp", host, 587, "STARTTLS")], "smtp"
            r = setup(world, logs, f"{host}:{port}", "test@certs.test", CERT_PW, servers)
            d = expect(r, code, protocol=proto, host=host, port=port, no_login_to=(host, port))
            if d is not None and kind == "wrongname":
                ok(d.get("names") == ["somewhere-else.test"] and not d.get("other_host"),
                   f"{host}:{port}: the names of the certificate (somewhere-else.test), no other host",
                   show(r))
            runs.append(r)
    for servers, what in (([VALID_IN, VALID_OUT], "993/465"),
                          ([("imap", "valid.certs.test", 143, "STARTTLS"),
                            ("smtp", "valid.certs.test", 587, "STARTTLS")], "143/587 STARTTLS")):
        r = setup(world, logs, f"valid.certs.test {what}", "test@certs.test", CERT_PW, servers)
        if check_shape(r):
            ok(r.rc == 0 and r.doc["verified"] and r.doc["incoming"]["host"] == "valid.certs.test"
               and r.doc["send_test"]["state"] == "delivered" and not r.doc["problems"],
               f"valid.certs.test {what}: verified, no problem", show(r))
        runs.append(r)
    return runs


def starttls_and_tls(world, logs):
    runs = []
    for port, proto in ((143, "imap"), (110, "pop3"), (587, "smtp")):
        for host, code in (("stripped.hostile.test", "starttls-missing"),
                           ("tlsrefused.hostile.test", "starttls-failed"),
                           ("tlsbroken.hostile.test", "starttls-failed")):
            pw = f"Hostile-{host.split('.')[0]}-{port}-Secret"
            if proto == "smtp":
                # Incoming must work to get as far as SMTP: the certs user.
                servers, pw = [VALID_IN, ("smtp", host, port, "STARTTLS")], CERT_PW
            else:
                servers = [(proto, host, port, "STARTTLS"), VALID_OUT]
            r = setup(world, logs, f"{host}:{port}", "test@certs.test", pw, servers)
            expect(r, code, protocol=proto, host=host, port=port, no_login_to=(host, port))
            check_transcript(r, host, port)
            runs.append(r)
    # TLS 1.0 only: implicit TLS on each protocol, and behind STARTTLS.
    for port, proto, sock in ((993, "imap", "SSL"), (995, "pop3", "SSL"), (465, "smtp", "SSL"),
                              (143, "imap", "STARTTLS")):
        host = "tls10.hostile.test"
        if proto == "smtp":
            servers, pw = [VALID_IN, ("smtp", host, port, sock)], CERT_PW
        else:
            servers, pw = [(proto, host, port, sock), VALID_OUT], f"Hostile-tls10-{port}-Secret"
        r = setup(world, logs, f"{host}:{port} {sock}", "test@certs.test", pw, servers)
        expect(r, "tls-too-old", protocol=proto, host=host, port=port, no_login_to=(host, port))
        check_transcript(r, host, port)
        runs.append(r)
    # Implicit TLS whose handshake fails otherwise: the server answers the
    # ClientHello with junk (no TLS record), and again when asked with TLS
    # 1.0/1.1 (an old server would have answered that one).
    for port, proto in ((993, "imap"), (465, "smtp")):
        host = "garbage.hostile.test"
        if proto == "smtp":
            servers, pw = [VALID_IN, ("smtp", host, port, "SSL")], CERT_PW
        else:
            servers, pw = [(proto, host, port, "SSL"), VALID_OUT], f"Hostile-tlsgarbage-{port}-Secret"
        r = setup(world, logs, f"{host}:{port} SSL (junk for a ServerHello)", "test@certs.test", pw, servers)
        expect(r, "tls-failed", protocol=proto, host=host, port=port, no_login_to=(host, port))
        check_transcript(r, host, port)
        check_hellos(r, host, port)
        runs.append(r)
    return runs


def client_hellos(r, host, port):
    """The ClientHellos the hostile server read, as the highest version each
    offers in its legacy_version field (0x0303: TLS 1.2 or 1.3, 0x0302: 1.1)."""
    out = []
    for h, p, d, data in r.seg.transcript_lines():
        if h == host and p == port and d == ">" and len(data) >= 11 and data[0] == 0x16 and data[5] == 1:
            out.append(int.from_bytes(data[9:11], "big"))
    return out


def check_hellos(r, host, port):
    """tls-failed is concluded only once an old server is ruled out: a modern
    hello first, then one of TLS 1.0/1.1, both answered with junk."""
    hellos = client_hellos(r, host, port)
    junk = [data for h, p, d, data in r.seg.transcript_lines()
            if h == host and p == port and d == "<" and data.startswith(b"this is not a TLS server hello")]
    ok(hellos and hellos[0] == 0x0303 and any(v < 0x0303 for v in hellos[1:]) and len(junk) == len(hellos),
       f"{r.name}: a TLS 1.2+ ClientHello, then the TLS 1.0/1.1 retry, both answered with junk "
       f"({' '.join('%04x' % v for v in hellos) or 'none'})", show(r))


def check_transcript(r, host, port):
    """The hostile server was really reached, and received neither a login
    command nor the password."""
    lines = [(d, data) for h, p, d, data in r.seg.transcript_lines() if h == host and p == port]
    sent = b"".join(data for d, data in lines if d == ">")
    bad = [data for d, data in lines if d == ">" and (LOGIN_COMMAND.match(data) or holds_password(data, {r.password}))]
    ok(lines and not bad and not holds_password(sent, {r.password}),
       f"{r.name}: the transcript shows the dialogue ({len(lines)} lines), no login, no password",
       "\n".join(repr(x) for x in lines[:20]))


def ovh(world, logs):
    r = setup(world, logs, "contact@client-ovh.test (discovery)", "contact@client-ovh.test", "Ovh-Contact-2024")
    if check_shape(r):
        ok(r.rc == 0 and r.doc["verified"] and r.doc["incoming"]["host"] == "ssl0.hebergeur.test"
           and r.doc["outgoing"]["host"] == "ssl0.hebergeur.test",
           "contact@client-ovh.test (discovery): verified on ssl0.hebergeur.test", show(r))
    r2 = setup(world, logs, "contact@client-ovh.test (--config mail.client-ovh.test)", "contact@client-ovh.test",
               "Ovh-Contact-2024", [("imap", "mail.client-ovh.test", 993, "SSL"),
                                    ("smtp", "mail.client-ovh.test", 465, "SSL")])
    if check_shape(r2):
        d = r2.doc
        inc = d["incoming"] or {}
        ok(r2.rc == 0 and d["verified"] and inc.get("host") == "ssl0.hebergeur.test" and inc.get("confirmation"),
           f"{r2.name}: verified on ssl0.hebergeur.test, to be confirmed ({inc.get('confirmation')})", show(r2))
        wn = [p for p in d["problems"] if p["code"] == "cert-wrong-name" and p["host"] == "mail.client-ovh.test"]
        ok(wn and all(p["other_host"] == "ssl0.hebergeur.test" and "ssl0.hebergeur.test" in p["names"] for p in wn),
           f"{r2.name}: the mismatch is among the problems, with the right host", show(r2))
    return [r, r2]


def verify_facts():
    """The facts of scenarios/verify/expected, by address, in file order."""
    facts = collections.OrderedDict()
    path = os.path.join(TOP_SRC, "tests", "world", "scenarios", "verify", "expected")
    with open(path) as f:
        for line in f:
            w = line.split(None, 2)
            if len(w) < 3 or w[0].startswith("#") or "@" not in w[0]:
                continue
            f_ = facts.setdefault(w[0], {"answers": []})
            value = w[2].strip()
            if w[1] == "answer":
                proto, port, stage, text = value.split(None, 3)
                f_["answers"].append((proto, int(port), stage, text))
            elif w[1] in ("incoming", "outgoing"):
                f_.setdefault(w[1], []).append(value.split())
            else:
                f_.setdefault(w[1], value)
    return facts


def verify_scenario(world, logs):
    """The verify scenario: one domain per way a login or the test message
    fails, as its `expected` file says (diagnosis, and the server's answer)."""
    runs = []
    facts = verify_facts()
    ok(len([a for a, f in facts.items() if "diagnosis" in f]) >= 11,
       f"scenarios/verify/expected lists the cases ({len(facts)} addresses)")
    for address, f in facts.items():
        code, pw, login = f.get("diagnosis"), f.get("password"), f.get("login", address)
        if not code or not pw:
            continue
        if code == "ok":
            runs.append(round_trip(world, logs, address, pw, login))
            continue
        extra = ("--send-timeout", "3") if code == "not-delivered" else ()
        r = setup(world, logs, address, address, pw, extra=extra)
        runs.append(r)
        d = expect(r, code)
        if d is None:
            continue
        doc = r.doc
        domain = address.split("@")[1]
        if code in ("auth-not-offered", "relay-denied", "message-rejected", "not-delivered"):
            ok(doc["incoming"] and doc["incoming"]["host"] == f"mail.{domain}" and doc["username"] == login
               and d.get("protocol") == "smtp",
               f"{address}: incoming works, the problem is on SMTP ({code})", show(r))
        if code in ("relay-denied", "message-rejected"):
            ok(doc["send_test"]["state"] == "failed", f"{address}: send test failed", show(r))
        if code == "message-rejected" and any(stage == "data" and " 5.3.4 " in t for _, _, stage, t in f["answers"]):
            # Postfix's side: logged in, took MAIL and RCPT, refused the message
            # itself (its size), queued nothing for delivery.
            ok(re.search(r"smtpd\[\d+\]: \w+: client=\S+, sasl_method=\w+, sasl_username=" + re.escape(login),
                         r.seg.postfix)
               and "queue file size limit exceeded" in r.seg.postfix
               and not re.search(r"to=<" + re.escape(address) + r">", r.seg.postfix),
               f"{address}: Postfix's log shows the login, the message refused for its size, nothing delivered",
               r.seg.postfix[-3000:])
        if code == "not-delivered":
            ok(doc["send_test"]["state"] == "not-delivered" and 3000 <= doc["elapsed_ms"] < 3000 + 4000,
               f"{address}: send test not delivered after --send-timeout 3 ({doc['elapsed_ms']} ms in all)",
               show(r))
        # The server's own words are kept when they explain the refusal.
        if code in ("account-disabled", "app-password-required", "wrong-username", "server-unavailable",
                    "relay-denied", "message-rejected"):
            said = [t for p, port, stage, t in f["answers"]
                    if p == d.get("protocol") and port == d.get("port")
                    and stage == {"relay-denied": "rcpt", "message-rejected": "data"}.get(code, "login")]
            ok(said and said[0].split("|")[0].strip() in (d.get("detail") or ""),
               f"{address}: the server's words are in the diagnosis ({d.get('detail')})",
               f"expected: {said}\n" + show(r))
    # A wrong password for a disabled account is a wrong password.
    anna = facts.get("anna@disabled.verify.test")
    if anna:
        r = setup(world, logs, "anna@disabled.verify.test, wrong password", "anna@disabled.verify.test",
                  "Not-Anna-Password-0")
        runs.append(r)
        expect(r, "wrong-password", protocol="imap")
    return runs


def nothing_and_network(world, logs):
    runs = []
    r = setup(world, logs, "personne@rien.test", "personne@rien.test", "Rien-Secret-4")
    expect(r, "no-mail-server", rc=4)
    runs.append(r)
    r = setup(world, logs, "x@absent-domain.test", "x@absent-domain.test", "Absent-Secret-4")
    expect(r, "no-such-domain", rc=4)
    runs.append(r)
    pw = "Network-Secret-5"
    cases = [
        ("reset.hostile.test:993", [("imap", "reset.hostile.test", 993, "SSL"), VALID_OUT], "connection-refused",
         "reset.hostile.test", 993, 143, ()),
        ("ports.hostile.test:587", [VALID_IN, ("smtp", "ports.hostile.test", 587, "STARTTLS")],
         "connection-refused", "ports.hostile.test", 587, 465, ()),
        ("ports.hostile.test:143", [("imap", "ports.hostile.test", 143, "STARTTLS"), VALID_OUT], "timed-out",
         "ports.hostile.test", 143, 993, ("--step-timeout", "3000")),
        ("blackhole.hostile.test:993", [("imap", "blackhole.hostile.test", 993, "SSL"), VALID_OUT], "timed-out",
         "blackhole.hostile.test", 993, 143, ("--step-timeout", "3000")),
        ("nowhere.hostile.test:993", [("imap", "nowhere.hostile.test", 993, "SSL"), VALID_OUT], "host-not-found",
         "nowhere.hostile.test", 993, None, ()),
        ("stripped.hostile.test:143 plain", [("imap", "stripped.hostile.test", 143, "plain"), VALID_OUT],
         "plaintext-only", "stripped.hostile.test", 143, None, ()),
        ("garbage.hostile.test:143", [("imap", "garbage.hostile.test", 143, "STARTTLS"), VALID_OUT], "server-error",
         "garbage.hostile.test", 143, None, ()),
        ("closer.hostile.test:993", [("imap", "closer.hostile.test", 993, "SSL"), VALID_OUT], "server-error",
         "closer.hostile.test", 993, None, ()),
    ]
    for name, servers, code, host, port, other_port, extra in cases:
        p = CERT_PW if servers[0] == VALID_IN else pw
        r = setup(world, logs, name, "test@certs.test", p, servers, extra=extra)
        # closer.hostile.test:993 greets over valid TLS: a login may be sent.
        d = expect(r, code, host=host, port=port, no_login_to=None if "closer" in name else (host, port))
        if d is not None and other_port is not None:
            ok(d.get("other_port") == other_port, f"{name}: the other port to try is {other_port}", show(r))
        if code == "timed-out":
            ok(r.wall < 3.0 + 2.0, f"{name}: gives up after --step-timeout 3000 ({r.wall:.1f} s)", show(r))
        runs.append(r)
    return runs


# ---------------------------------------------------------------- global checks

def b64_decoded(data):
    """Every base64 token of `data`, decoded (SASL PLAIN/LOGIN hide passwords so)."""
    out = []
    for tok in re.findall(rb"[A-Za-z0-9+/]{8,}={0,2}", data):
        for t in (tok, tok + b"=" * (-len(tok) % 4)):
            try:
                out.append(base64.b64decode(t, validate=True))
                break
            except ValueError:
                continue
    return out


def holds_password(data, passwords):
    if isinstance(data, str):
        data = data.encode(errors="replace")
    found = {p for p in passwords if p.encode() in data}
    for dec in b64_decoded(data):
        found |= {p for p in passwords if p.encode() in dec}
    return found


def check_no_password(world):
    pws = set(PASSWORDS)
    leaks = []
    for r in RUNS:
        if r.password in " ".join(r.argv) or "--password-file" not in r.argv:
            leaks.append(f"{r.name}: command line {r.argv}")
        for what, text in (("stdout", r.out), ("stderr", r.err)):
            f = holds_password(text, pws)
            if f:
                leaks.append(f"{r.name} ({r.lang}): {what} holds {sorted(f)}")
    ok(not leaks, f"no password in the command line, output, JSON or progress of {len(RUNS)} runs", "\n".join(leaks))
    ok(not SEEN_IN_PS, "no password in the command line of any process of this test (/proc, polled)",
       "\n".join(f"{p}: {c}" for p, c in SEEN_IN_PS[:10]))
    leaks = []
    for path in sorted(glob.glob(os.path.join(world, "log", "*"))):
        if os.path.basename(path) == "hostile-transcript.log":
            continue
        with open(path, "rb") as f:
            f_ = holds_password(f.read(), pws)
        if f_:
            leaks.append(f"{os.path.basename(path)}: {sorted(f_)}")
    ok(not leaks, "no password in any log of the world (Dovecot, Postfix, nginx, Unbound...)", "\n".join(leaks))
    # The hostile transcript records what clients send, passwords included: a
    # password may reach only the careful servers (TLS with a valid
    # certificate first); never a server of NEVER_LOGIN, which no login
    # command may even reach.
    with open(os.path.join(world, "log", "hostile-transcript.log"), "rb") as f:
        seg = Segment({"dovecot.log": b"", "postfix.log": b"", "hostile-transcript.log": f.read()}, {})
    leaks, logins, plaintext, legit = [], [], [], set()
    for host, port, direction, data in seg.transcript_lines():
        if direction == ">" and not NEVER_LOGIN.search(host) and holds_password(data, pws):
            legit.add(f"{host}:{port}")
        if direction != ">" or not NEVER_LOGIN.search(host):
            continue
        f_ = holds_password(data, pws)
        if f_:
            leaks.append(f"{host}:{port}: {sorted(f_)} in {data[:120]!r}")
        if LOGIN_COMMAND.match(data):
            logins.append(f"{host}:{port}: {data[:120]!r}")
    for row in seg.logins():
        if row[0] == "plaintext" or NEVER_LOGIN.search(row[2]):
            plaintext.append(str(row))
    # The scan itself works: the careful servers did receive passwords, over TLS.
    ok(legit, f"hostile transcript: passwords found where they may be (TLS, valid certificate): "
       f"{' '.join(sorted(legit)) or 'none'}")
    ok(not leaks, "hostile transcript: no password ever sent to a server without valid TLS", "\n".join(leaks))
    ok(not logins and not plaintext,
       "hostile transcript: no login command to a server without valid TLS, none before STARTTLS anywhere",
       "\n".join(logins + plaintext))


def check_languages(en_runs, world, logs):
    """Each run with a diagnosis or problems, again in the other languages:
    the same outcome, every message and next step translated."""
    for lang in LANGS:
        if lang == "en":
            continue
        for r in en_runs:
            if not r.doc or not diagnoses(r.doc):
                continue
            t = setup(world, logs, f"{r.name} [{lang}]", r.address, r.password, r.servers, extra=r.extra, lang=lang)
            if not t.doc:
                ok(False, f"{t.name}: JSON document", show(t))
                continue
            same = t.rc == r.rc and code_of(t) == code_of(r)
            bad = []
            en = {x["code"]: x for x in diagnoses(r.doc)}
            for x in diagnoses(t.doc):
                e = en.get(x["code"])
                for field in ("message", "next_step"):
                    text = x.get(field) or ""
                    if not text.strip() or (e and text == e.get(field)):
                        bad.append(f"{x['code']} {field}: {text!r}")
            ok(same and not bad, f"{t.name}: same outcome ({code_of(t)}), message and next step in {lang}",
               "\n".join(bad) + "\n" + show(t))


def descendants(root):
    """The PIDs below `root` (this test's own processes: `world exec`, mailsetup)."""
    children = collections.defaultdict(list)
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat, "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            children[int(fields[1])].append(int(stat.split("/")[2]))
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out += children.get(pid, [])
        todo += children.get(pid, [])
    return out


def watch_ps(stop):
    """Poll the command line of every process this test starts for a
    password (what `ps` would show), until `stop`."""
    me = os.getpid()
    while not stop.is_set():
        pws = [p.encode() for p in list(PASSWORDS)]
        for pid in descendants(me):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    c = f.read()
            except OSError:
                continue
            for p in pws:
                if p in c and len(SEEN_IN_PS) < 50:
                    SEEN_IN_PS.append((p.decode(), c.replace(b"\0", b" ").decode(errors="replace")))
        stop.wait(0.05)


def main():
    global TMP
    t_start = time.monotonic()
    if os.geteuid() != 0:
        print("1..0 # SKIP the test world needs root (network namespaces)")
        return 0
    if not os.access(WORLD, os.X_OK):
        print("1..0 # SKIP no test world (tests/world/world)")
        return 0
    if not os.access(MAILSETUP, os.X_OK):
        print(f"1..1\nnot ok 1 - {MAILSETUP} exists")
        return 1
    up = subprocess.run([WORLD, "up", *SCENARIOS], capture_output=True, text=True, timeout=120)
    world = up.stdout.strip()
    if up.returncode == 77:
        print("1..0 # SKIP the test world cannot run here: " + up.stderr.strip().replace("\n", " "))
        return 0
    if up.returncode != 0 or not world:
        print("1..1\nnot ok 1 - the world comes up\n# " + up.stderr.replace("\n", "\n# "))
        return 1
    TMP = tempfile.mkdtemp(prefix="ms-verify.")
    stop = threading.Event()
    watcher = threading.Thread(target=watch_ps, args=(stop,), daemon=True)
    watcher.start()
    try:
        diag(f"world {world}, mailsetup {MAILSETUP}, languages {' '.join(LANGS)}")
        logs = Logs(world)
        runs = []
        t0 = time.monotonic()
        demo = round_trip(world, logs, "alice@demo.test", "Wonderland-42", "alice@demo.test")
        demo_wall = time.monotonic() - t0
        runs.append(demo)
        diag(f"demo verification (alice@demo.test, discovery + verification + send test): {demo_wall:.2f} s wall, "
             f"elapsed_ms {demo.doc and demo.doc['elapsed_ms']}, send test {demo.doc and demo.doc['send_test']['delay_ms']} ms")
        omar = round_trip(world, logs, "omar@partlocal.test", "Local-Omar-42", "omar")
        if omar.doc:
            ok(1 <= omar.doc["failed_logins"] <= 2 and [p["code"] for p in omar.doc["problems"]] == ["wrong-password"]
               * len(omar.doc["problems"]) and any(x[0] == "ok" and x[4] == "omar" for x in omar.seg.logins()),
               f"omar@partlocal.test: the full address refused ({omar.doc['failed_logins']}), the local part accepted",
               "\n".join(map(str, omar.seg.logins())) + "\n" + show(omar))
        runs.append(omar)
        # The human output (no --json) of a verified account, for the password checks too.
        h = setup(world, logs, "alice@demo.test (text)", "alice@demo.test", "Wonderland-42", json_out=False)
        ok(h.rc == 0 and "The account works." in h.out and "alice@demo.test" in h.out,
           "alice@demo.test (text): says the account works", h.out + h.err[-1000:])
        runs.append(wrong_password(world, logs))
        runs += certificates(world, logs)
        runs += starttls_and_tls(world, logs)
        runs += ovh(world, logs)
        runs += verify_scenario(world, logs)
        runs += nothing_and_network(world, logs)
        en_runs = [r for r in runs if r.lang == "en"]
        check_languages(en_runs, world, logs)

        # Every diagnosis code reached, each by a case that expected it.
        missing = [c for c in CODES if c not in REACHED]
        diag("codes reached: " + " ".join(REACHED))
        diag("codes not reached: " + (" ".join(missing) or "none"))
        ok(not missing, f"every diagnosis code is reached ({len(REACHED)} of {len(CODES)})",
           "not reached: " + " ".join(missing))

        # The servers' own count of refused logins, through `world logins`, agrees.
        p = subprocess.run([WORLD, "logins", "--world", world, "--failed"], capture_output=True, text=True, timeout=30)
        if p.returncode == 0:
            per = collections.Counter()
            for line in p.stdout.splitlines():
                w = line.split()
                if len(w) >= 8:
                    per[w[3]] += 1
            mine = collections.Counter()
            for r in RUNS:
                mine.update(r.seg.failed_per_host())
            ok(per == mine, f"`world logins --failed` counts the same refused logins per server ({sum(per.values())})",
               f"world logins: {dict(per)}\nper run: {dict(mine)}")
        else:
            ok(False, "`world logins --failed` works", p.stderr)

        stop.set()
        watcher.join(timeout=2)
        check_no_password(world)
        diag(f"{len(RUNS)} runs of mailsetup; whole test {time.monotonic() - t_start:.1f} s")
        ok(time.monotonic() - t_start < 180, f"the whole test takes under 3 minutes ({time.monotonic() - t_start:.0f} s)")
    finally:
        stop.set()
        subprocess.run([WORLD, "down", "--world", world], capture_output=True, timeout=60)
        for pw in glob.glob(os.path.join(TMP, "pw-*")):
            os.unlink(pw)
        if failures():
            diag(f"configuration files kept in {TMP}")
        else:
            shutil.rmtree(TMP, ignore_errors=True)
    return done()


if __name__ == "__main__":
    sys.exit(main())
