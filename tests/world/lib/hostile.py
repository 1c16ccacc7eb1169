#!/usr/bin/python3
"""Hostile servers: the misbehaviours real Dovecot/Postfix/Unbound cannot be made to show.

usage: hostile.py CONFIG.json TRANSCRIPT.log   (started by the world's supervisor)

Each TCP listener speaks a minimal IMAP, POP3 or SMTP (from the port: 143/993
IMAP, 110/995 POP3, 25/465/587 SMTP; `proto=` overrides; 993/995/465 or `tls=implicit`
mean TLS first) and misbehaves as its `behaviour` says:

  slow-banner           accept, greet only after `delay` s (default 30)
  garbage               greet with binary junk
  long-line             greet with `size` bytes (default 1 MiB) and no newline, then hang
  close-after-greeting  greet, then close
  starttls-refused      advertise STARTTLS, answer it with an error (454 / NO / -ERR)
  starttls-broken       advertise STARTTLS, say yes, then send junk instead of TLS
  no-starttls           no STARTTLS capability (stripped); accepts any login in clear
  tls10-only            TLS 1.0 and nothing newer (implicit or STARTTLS)
  slow-auth             answer LOGIN/AUTH/PASS only after `delay` s (default 20)
  accept-all            a well-behaved server that accepts any login
  auth-fail             a careful server (TLS before any login, AUTH PLAIN LOGIN) that
                        answers every login with `reply` (IMAP: the text after the
                        tag; `|` separates lines, e.g. a multi-line SMTP reply),
                        after `delay` s (default 0)
  oauth-only            a careful server that offers only XOAUTH2 and OAUTHBEARER:
                        IMAP LOGINDISABLED, no USER in POP3 CAPA; a password login
                        gets `reply` (or a default), a token is refused as Gmail does
  tls-garbage           implicit TLS (993/995/465) whose handshake fails: the
                        ClientHello is read (and logged) and answered with junk
                        that is not a TLS record, then the connection closes; on
                        another port, STARTTLS accepted then junk (starttls-broken)

Every line a client sends is appended to TRANSCRIPT (so a test can see whether
a password was sent in clear), and every login attempt, whatever the behaviour,
adds one line `HH:MM:SS HOST:PORT CLIENT AUTH imap|pop3|smtp mech=M user=<U>
result=ok|failed|plaintext local=ADDRESS` (`world logins` reads them).  The DNS
part answers names under its zones with SERVFAIL, or never answers (timeout);
Unbound forwards those zones here.
"""
import asyncio
import base64
import json
import os
import re
import ssl
import struct
import sys
import time

PROTO_BY_PORT = {143: "imap", 993: "imap", 110: "pop3", 995: "pop3",
                 25: "smtp", 465: "smtp", 587: "smtp"}
IMPLICIT = {993, 995, 465}
# behaviours that act like a careful real server: no login before TLS, real answers
CAREFUL = {"auth-fail", "oauth-only"}
OAUTH = ("XOAUTH2", "OAUTHBEARER")
TRANSCRIPT = None

DEFAULT_REPLY = {
    "auth-fail": {"imap": "NO [AUTHENTICATIONFAILED] Authentication failed.",
                  "pop3": "-ERR [AUTH] Authentication failed.",
                  "smtp": "535 5.7.8 Error: authentication failed: authentication failure"},
    # a password (LOGIN, PLAIN, USER/PASS) offered to a server that wants a token
    "oauth-only": {"imap": "NO [CANNOT] Password logins are disabled, sign in with OAuth2",
                   "pop3": "-ERR [AUTH] Password logins are disabled, sign in with OAuth2",
                   "smtp": "504 5.7.4 Unrecognized authentication type"},
}
# a token that is refused, the way Gmail does it (RFC 7628 error, then a failure)
OAUTH_ERROR = base64.b64encode(json.dumps(
    {"status": "invalid_token", "schemes": "bearer",
     "scope": "https://mail.example/"}).encode()).decode()
OAUTH_FAIL = {"imap": "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
              "pop3": "-ERR [AUTH] Invalid credentials",
              "smtp": "535 5.7.8 Username and Password not accepted (OAuth2 token refused)"}
# what tls-garbage answers a ClientHello with: fixed, so that every client fails
# the same way ('t' = 0x74 is no TLS content type, 20-24)
TLS_JUNK = b"this is not a TLS server hello\r\n" + bytes(range(0xc0, 0x100))
PLAINTEXT = {"imap": "NO [PRIVACYREQUIRED] Plaintext authentication disallowed on "
                     "non-secure (SSL/TLS) connections.",
             "pop3": "-ERR [AUTH] Plaintext authentication disallowed on non-secure "
                     "(SSL/TLS) connections.",
             "smtp": "530 5.7.0 Must issue a STARTTLS command first"}


def log(conn, direction, data):
    TRANSCRIPT.write(f"{time.strftime('%T')} {conn} {direction} {data!r}\n")
    TRANSCRIPT.flush()


def log_auth(session, mech, user, result):
    user = "".join(c if c.isprintable() and c not in "<> " else "?" for c in user or "")
    TRANSCRIPT.write(f"{time.strftime('%T')} {session.id} AUTH {session.proto} mech={mech} "
                     f"user=<{user}> result={result} local={session.local}\n")
    TRANSCRIPT.flush()


def b64(text):
    try:
        return base64.b64decode(text.strip(), validate=True).decode(errors="replace")
    except ValueError:
        return ""


def sasl_user(mech, data):
    """The login name in a decoded SASL client response."""
    if mech == "PLAIN":
        parts = data.split("\0")
        return parts[1] if len(parts) == 3 else ""
    if mech == "XOAUTH2":
        m = re.match(r"user=([^\x01]*)", data)
        return m.group(1) if m else ""
    if mech == "OAUTHBEARER":
        m = re.search(r"(?:^|,)a=([^,]*)", data.split("\x01")[0])
        return m.group(1).replace("=2C", ",").replace("=3D", "=") if m else ""
    return data


def tls_context(cfg, tls10):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cfg["cert"], cfg["key"])
    if tls10:
        # OpenSSL 3 refuses TLS 1.0 at the default security level (SHA-1 MACs and
        # signatures): level 0 is the only way to offer it at all.
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1
    return ctx


class Aborted(Exception):
    """The client cancelled a SASL exchange with '*'."""


class Session:
    def __init__(self, cfg, reader, writer, ctx):
        self.cfg, self.r, self.w, self.ctx = cfg, reader, writer, ctx
        self.b = cfg["behaviour"]
        self.p = cfg["params"]
        self.proto = self.p.get("proto") or PROTO_BY_PORT.get(cfg["port"], "imap")
        self.tls = cfg["port"] in IMPLICIT or self.p.get("tls") == "implicit"
        peer = writer.get_extra_info("peername")
        self.id = f"{cfg['host']}:{cfg['port']} {peer[0] if peer else '?'}"
        sock = writer.get_extra_info("sockname")
        self.local = sock[0] if sock else cfg["addr"]
        self.name = cfg["host"]
        self.careful = self.b in CAREFUL

    async def send(self, text):
        data = text.encode() if isinstance(text, str) else text
        log(self.id, "<", data[:200])
        self.w.write(data)
        await self.w.drain()

    async def line(self):
        data = await self.r.readline()
        if not data:
            raise ConnectionError("closed")
        log(self.id, ">", data)
        return data.decode(errors="replace").rstrip("\r\n")

    def greeting(self):
        return {"imap": f"* OK [CAPABILITY {self.caps_imap()}] {self.name} ready\r\n",
                "pop3": f"+OK {self.name} POP3 ready\r\n",
                "smtp": f"220 {self.name} ESMTP ready\r\n"}[self.proto]

    def offers_starttls(self):
        return not self.tls and self.b != "no-starttls"

    def mechs(self):
        """SASL mechanisms offered now (a careful server: only once under TLS)."""
        if self.careful and not self.tls:
            return []
        return list(OAUTH) if self.b == "oauth-only" else ["PLAIN", "LOGIN"]

    def caps_imap(self):
        if not self.careful:
            return "IMAP4rev1" + (" STARTTLS" if self.offers_starttls() else "") + \
                " AUTH=PLAIN AUTH=LOGIN"
        caps = ["IMAP4rev1", "SASL-IR", "ID"] + (["STARTTLS"] if self.offers_starttls() else [])
        if not self.tls or self.b == "oauth-only":
            caps.append("LOGINDISABLED")
        return " ".join(caps + [f"AUTH={m}" for m in self.mechs()])

    def reply(self, tag=None):
        """The configured answer to a failed login, as lines (IMAP: last one tagged)."""
        lines = self.p.get("reply", DEFAULT_REPLY[self.b][self.proto]).split("|")
        if tag is not None:
            lines[-1] = f"{tag} {lines[-1]}"
        return "".join(l + "\r\n" for l in lines)

    async def run(self):
        b = self.b
        if b == "tls-garbage" and self.tls:
            await self.tls_garbage()
            return
        if b == "slow-banner":
            await asyncio.sleep(float(self.p.get("delay", 30)))
        if b == "garbage":
            await self.send(os.urandom(48) + b"\x00\xff\xfe garbage \r\n")
            await asyncio.sleep(30)
            return
        if b == "long-line":
            prefix = {"imap": b"* OK ", "pop3": b"+OK ", "smtp": b"220 "}[self.proto]
            await self.send(prefix + b"A" * (int(self.p.get("size", 1 << 20)) - len(prefix)))
            await asyncio.sleep(60)
            return
        await self.send(self.greeting())
        if b == "close-after-greeting":
            return
        while True:
            cmd = await self.line()
            if not await getattr(self, self.proto)(cmd):
                return

    async def tls_garbage(self):
        """Implicit TLS that fails: read the ClientHello (one TLS record: 5 bytes of
        header, then its length), log it, answer junk that is no TLS record (its
        first byte is no content type), stay a moment so that the client reads it."""
        try:
            head = await asyncio.wait_for(self.r.readexactly(5), 10)
            body = b""
            if head[0] == 0x16 and int.from_bytes(head[3:5], "big") <= 16384:
                body = await asyncio.wait_for(
                    self.r.readexactly(int.from_bytes(head[3:5], "big")), 10)
            log(self.id, ">", head + body)
        except asyncio.TimeoutError:
            pass
        await self.send(TLS_JUNK)
        await asyncio.sleep(2)

    async def starttls(self, ok_reply, err_reply):
        """Returns False when the connection is over."""
        if self.b == "starttls-refused" or not self.offers_starttls():
            await self.send(err_reply)
            return True
        await self.send(ok_reply)
        if self.b in ("starttls-broken", "tls-garbage"):
            # answer the ClientHello with junk, and stay a moment so that the client
            # reads it (rather than a reset) whatever the timing
            try:
                await asyncio.wait_for(self.r.read(4096), 10)
            except asyncio.TimeoutError:
                pass
            await self.send(b"this is not a TLS server hello\r\n" + os.urandom(64))
            await asyncio.sleep(2)
            return False
        await self.w.start_tls(self.ctx)
        self.tls = True
        return True

    async def auth_wait(self):
        if self.b == "slow-auth":
            await asyncio.sleep(float(self.p.get("delay", 20)))
        elif self.b == "auth-fail":
            await asyncio.sleep(float(self.p.get("delay", 0)))

    async def sasl(self, mech, ir, cont):
        """Run a SASL exchange for a password mechanism; returns the login name.
        `ir` is the initial response (None: absent), `cont` the continuation prefix."""
        async def step(challenge):
            await self.send(f"{cont}{challenge}\r\n")
            answer = await self.line()
            if answer.strip() == "*":
                raise Aborted()
            return answer
        if mech == "LOGIN":
            user = b64(ir) if ir is not None else b64(await step("VXNlcm5hbWU6"))
            await step("UGFzc3dvcmQ6")
            return user
        if ir is None:
            ir = await step("")
        return sasl_user(mech, b64("" if ir == "=" else ir))

    async def login(self, mech, user, tag=None):
        """A complete login attempt (credentials received): the answer to send."""
        if self.b in ("auth-fail", "oauth-only"):
            await self.auth_wait()
            log_auth(self, mech, user, "failed")
            return self.reply(tag)
        await self.auth_wait()
        log_auth(self, mech, user, "ok")
        return {"imap": f"{tag} OK Logged in\r\n", "pop3": "+OK Logged in\r\n",
                "smtp": "235 2.7.0 Authentication successful\r\n"}[self.proto]

    async def token(self, mech, ir, cont, tag=None):
        """oauth-only: a bearer token is read, then refused as Gmail does."""
        user = await self.sasl(mech, ir, cont)
        await self.send(f"{cont}{OAUTH_ERROR}\r\n")
        await self.line()   # the client's empty (or dummy) response
        log_auth(self, mech, user, "failed")
        fail = OAUTH_FAIL[self.proto]
        return f"{tag} {fail}\r\n" if tag else fail + "\r\n"

    async def authenticate(self, mech, ir, tag=None):
        """IMAP AUTHENTICATE, POP3 AUTH, SMTP AUTH: the final answer to send."""
        cont = "334 " if self.proto == "smtp" else "+ "
        pre = f"{tag} " if tag else ""
        mech = mech.upper()
        if self.careful and not self.tls:
            user = sasl_user(mech, b64(ir)) if ir else ""
            log_auth(self, mech, user, "plaintext")
            return pre + PLAINTEXT[self.proto] + "\r\n"
        if self.careful and mech not in self.mechs():
            if self.b == "oauth-only" and mech in ("PLAIN", "LOGIN"):
                user = sasl_user(mech, b64(ir)) if ir else ""
                log_auth(self, mech, user, "failed")
                return self.reply(tag)
            return pre + {"imap": "NO Unsupported authentication mechanism.",
                          "pop3": "-ERR Unsupported authentication mechanism.",
                          "smtp": "504 5.5.4 Unsupported authentication mechanism"}[self.proto] \
                + "\r\n"
        try:
            if mech in OAUTH:
                return await self.token(mech, ir, cont, tag)
            user = await self.sasl(mech, ir, cont)
        except Aborted:
            return pre + {"imap": "BAD Authentication aborted by client.",
                          "pop3": "-ERR Authentication aborted by client.",
                          "smtp": "501 5.7.0 Authentication aborted"}[self.proto] + "\r\n"
        return await self.login(mech, user, tag)

    # ---- IMAP ----------------------------------------------------------------------
    async def imap_literals(self, cmd):
        """A command with literals ({n} / {n+}): each one becomes a quoted string."""
        while True:
            m = re.search(r"\{(\d+)(\+?)\}$", cmd)
            if not m or int(m.group(1)) > 65536:
                return cmd
            if not m.group(2):
                await self.send("+ Ready for literal data\r\n")
            data = (await self.r.readexactly(int(m.group(1)))).decode(errors="replace")
            log(self.id, ">", data)
            quoted = '"' + data.replace("\\", "\\\\").replace('"', '\\"') + '"'
            cmd = cmd[:m.start()] + quoted + await self.line()

    @staticmethod
    def imap_args(text):
        """Atoms and quoted strings (unescaped) of an IMAP command's arguments."""
        return [a if a else re.sub(r"\\(.)", r"\1", q)
                for q, a in re.findall(r'"((?:[^"\\]|\\.)*)"|(\S+)', text)]

    async def imap(self, cmd):
        cmd = await self.imap_literals(cmd)
        tag, _, rest = cmd.partition(" ")
        verb, _, arg = rest.partition(" ")
        verb = verb.upper()
        if verb == "CAPABILITY":
            await self.send(f"* CAPABILITY {self.caps_imap()}\r\n{tag} OK done\r\n")
        elif verb == "STARTTLS":
            return await self.starttls(f"{tag} OK Begin TLS now\r\n",
                                       f"{tag} NO [UNAVAILABLE] STARTTLS failed\r\n")
        elif verb == "LOGIN":
            args = self.imap_args(arg)
            user = args[0] if args else ""
            if self.careful and not self.tls:
                log_auth(self, "LOGIN", user, "plaintext")
                await self.send(f"{tag} {PLAINTEXT['imap']}\r\n")
            elif self.b == "oauth-only":
                log_auth(self, "LOGIN", user, "failed")
                await self.send(self.reply(tag))
            else:
                await self.send(await self.login("LOGIN", user, tag))
        elif verb == "AUTHENTICATE":
            args = arg.split()
            if not args:
                await self.send(f"{tag} BAD Missing mechanism\r\n")
            else:
                await self.send(await self.authenticate(args[0], args[1] if len(args) > 1
                                                        else None, tag))
        elif verb == "LOGOUT":
            await self.send(f"* BYE bye\r\n{tag} OK done\r\n")
            return False
        elif verb == "ID":
            await self.send(f"* ID NIL\r\n{tag} OK done\r\n")
        elif verb in ("NOOP", "SELECT", "EXAMINE", "LIST", "ENABLE") and not self.careful:
            await self.send(f"{tag} OK done\r\n")
        elif verb == "NOOP":
            await self.send(f"{tag} OK done\r\n")
        else:
            await self.send(f"{tag} BAD unknown command\r\n")
        return True

    # ---- POP3 ----------------------------------------------------------------------
    async def pop3(self, cmd):
        verb, _, arg = cmd.partition(" ")
        verb = verb.upper()
        if verb == "CAPA":
            if self.careful:
                caps = ["TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE"]
                if self.tls and self.b != "oauth-only":
                    caps.append("USER")
                if self.mechs():
                    caps.append("SASL " + " ".join(self.mechs()))
            else:
                caps = ["USER", "SASL PLAIN LOGIN"]
            caps += ["STLS"] if self.offers_starttls() else []
            await self.send("+OK\r\n" + "".join(c + "\r\n" for c in caps) + ".\r\n")
        elif verb == "STLS":
            return await self.starttls("+OK Begin TLS\r\n", "-ERR TLS unavailable\r\n")
        elif verb == "USER":
            self.pop_user = arg
            if self.careful and not self.tls:
                await self.send(f"{PLAINTEXT['pop3']}\r\n")
            else:
                await self.send("+OK\r\n")
        elif verb == "PASS":
            user = getattr(self, "pop_user", "")
            if self.careful and not self.tls:
                log_auth(self, "USER", user, "plaintext")
                await self.send(f"{PLAINTEXT['pop3']}\r\n")
            elif self.b == "oauth-only":
                log_auth(self, "USER", user, "failed")
                await self.send(self.reply())
            else:
                await self.send(await self.login("USER", user))
        elif verb == "AUTH":
            args = arg.split()
            if not args:
                await self.send("+OK\r\n" + "".join(m + "\r\n" for m in self.mechs()) + ".\r\n")
            else:
                await self.send(await self.authenticate(args[0], args[1] if len(args) > 1
                                                        else None))
        elif verb == "QUIT":
            await self.send("+OK bye\r\n")
            return False
        elif verb in ("STAT", "NOOP", "UIDL", "LIST") and not self.careful:
            await self.send("+OK\r\n" + (".\r\n" if verb in ("UIDL", "LIST") else ""))
        else:
            await self.send("-ERR unknown command\r\n")
        return True

    # ---- SMTP ----------------------------------------------------------------------
    async def smtp(self, cmd):
        verb, _, arg = cmd.partition(" ")
        verb = verb.upper()
        if verb == "EHLO":
            if self.careful:
                exts = ["PIPELINING", "SIZE 36700160"] + \
                    (["STARTTLS"] if self.offers_starttls() else []) + \
                    (["AUTH " + " ".join(self.mechs())] if self.mechs() else []) + \
                    ["ENHANCEDSTATUSCODES", "8BITMIME"]
            else:
                exts = (["STARTTLS"] if self.offers_starttls() else []) + \
                    ["AUTH PLAIN LOGIN", "8BITMIME"]
            await self.send(f"250-{self.name}\r\n" + "".join(
                f"250{' ' if i == len(exts) - 1 else '-'}{e}\r\n" for i, e in enumerate(exts)))
        elif verb == "STARTTLS":
            return await self.starttls("220 2.0.0 Ready to start TLS\r\n",
                                       "454 4.7.0 TLS not available due to local problem\r\n")
        elif verb == "AUTH":
            mech, _, ir = arg.partition(" ")
            await self.send(await self.authenticate(mech, ir.strip() or None))
        elif verb == "DATA" and not self.careful:
            await self.send("354 End data with <CR><LF>.<CR><LF>\r\n")
            while await self.line() != ".":
                pass
            await self.send("250 2.0.0 Ok: discarded\r\n")
        elif verb == "QUIT":
            await self.send("221 2.0.0 Bye\r\n")
            return False
        elif verb in ("HELO", "RSET", "NOOP") or (verb in ("MAIL", "RCPT") and not self.careful):
            await self.send("250 2.0.0 Ok\r\n")
        elif verb == "MAIL":
            await self.send("530 5.7.0 Authentication required\r\n")
        elif verb in ("RCPT", "DATA"):
            await self.send("503 5.5.1 Error: need MAIL command\r\n")
        else:
            await self.send("502 5.5.2 Error: command not recognized\r\n")
        return True


async def serve_tcp(cfg):
    tls10 = cfg["behaviour"] == "tls10-only"
    ctx = tls_context(cfg, tls10)
    # tls-garbage reads the ClientHello itself: no TLS at the listener
    implicit = (cfg["port"] in IMPLICIT or cfg["params"].get("tls") == "implicit") and \
        cfg["behaviour"] != "tls-garbage"

    async def handle(reader, writer):
        try:
            await Session(cfg, reader, writer, ctx).run()
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            writer.close()

    await asyncio.start_server(handle, cfg["addr"], cfg["port"], ssl=ctx if implicit else None,
                               reuse_address=True)


class HostileDNS(asyncio.DatagramProtocol):
    """SERVFAIL for names under a `servfail` zone; silence under a `timeout` zone."""

    def __init__(self, zones):
        self.zones = zones

    def connection_made(self, transport):
        self.t = transport

    def datagram_received(self, data, addr):
        if len(data) < 12:
            return
        labels, i = [], 12
        while i < len(data) and data[i]:
            labels.append(data[i + 1:i + 1 + data[i]].decode(errors="replace").lower())
            i += 1 + data[i]
        qname, end = ".".join(labels), i + 5
        mode = next((m for z, m in self.zones if qname == z or qname.endswith("." + z)), None)
        log("dns", ">", f"{qname} -> {mode}")
        if mode == "servfail":
            qid, flags = struct.unpack("!HH", data[:4])
            flags = 0x8000 | (flags & 0x7900) | 2      # QR, opcode+RD kept, RCODE=2
            self.t.sendto(struct.pack("!HHHHHH", qid, flags, 1, 0, 0, 0) + data[12:end], addr)


async def main():
    global TRANSCRIPT
    with open(sys.argv[1]) as f:
        conf = json.load(f)
    TRANSCRIPT = open(sys.argv[2], "a", buffering=1)
    for cfg in conf["tcp"]:
        await serve_tcp(cfg)
    if conf["dns"]:
        zones = [(d["name"], d["mode"]) for d in conf["dns"]]
        await asyncio.get_running_loop().create_datagram_endpoint(
            lambda: HostileDNS(zones), local_addr=(conf["dns_addr"], 53))
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
