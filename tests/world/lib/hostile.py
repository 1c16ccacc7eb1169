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

Every line a client sends is appended to TRANSCRIPT (so a test can see whether
a password was sent in clear).  The DNS part answers names under its zones with
SERVFAIL, or never answers (timeout); Unbound forwards those zones here.
"""
import asyncio
import json
import os
import ssl
import struct
import sys
import time

PROTO_BY_PORT = {143: "imap", 993: "imap", 110: "pop3", 995: "pop3",
                 25: "smtp", 465: "smtp", 587: "smtp"}
IMPLICIT = {993, 995, 465}
TRANSCRIPT = None


def log(conn, direction, data):
    TRANSCRIPT.write(f"{time.strftime('%T')} {conn} {direction} {data!r}\n")
    TRANSCRIPT.flush()


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


class Session:
    def __init__(self, cfg, reader, writer, ctx):
        self.cfg, self.r, self.w, self.ctx = cfg, reader, writer, ctx
        self.b = cfg["behaviour"]
        self.p = cfg["params"]
        self.proto = self.p.get("proto") or PROTO_BY_PORT.get(cfg["port"], "imap")
        self.tls = cfg["port"] in IMPLICIT or self.p.get("tls") == "implicit"
        peer = writer.get_extra_info("peername")
        self.id = f"{cfg['host']}:{cfg['port']} {peer[0] if peer else '?'}"
        self.name = cfg["host"]

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

    def caps_imap(self):
        return "IMAP4rev1" + (" STARTTLS" if self.offers_starttls() else "") + \
            " AUTH=PLAIN AUTH=LOGIN"

    async def run(self):
        b = self.b
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

    async def starttls(self, ok_reply, err_reply):
        """Returns False when the connection is over."""
        if self.b == "starttls-refused" or not self.offers_starttls():
            await self.send(err_reply)
            return True
        await self.send(ok_reply)
        if self.b == "starttls-broken":
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

    async def imap(self, cmd):
        tag, _, rest = cmd.partition(" ")
        verb, _, arg = rest.partition(" ")
        verb = verb.upper()
        if verb == "CAPABILITY":
            await self.send(f"* CAPABILITY {self.caps_imap()}\r\n{tag} OK done\r\n")
        elif verb == "STARTTLS":
            return await self.starttls(f"{tag} OK Begin TLS now\r\n",
                                       f"{tag} NO [UNAVAILABLE] STARTTLS failed\r\n")
        elif verb in ("LOGIN", "AUTHENTICATE"):
            if verb == "AUTHENTICATE" and len(arg.split()) < 2:
                await self.send("+ \r\n")
                await self.line()
            await self.auth_wait()
            await self.send(f"{tag} OK Logged in\r\n")
        elif verb == "LOGOUT":
            await self.send(f"* BYE bye\r\n{tag} OK done\r\n")
            return False
        elif verb in ("NOOP", "SELECT", "EXAMINE", "LIST", "ID", "ENABLE"):
            await self.send(f"{tag} OK done\r\n")
        else:
            await self.send(f"{tag} BAD unknown command\r\n")
        return True

    async def pop3(self, cmd):
        verb, _, arg = cmd.partition(" ")
        verb = verb.upper()
        if verb == "CAPA":
            caps = ["USER", "SASL PLAIN LOGIN"] + (["STLS"] if self.offers_starttls() else [])
            await self.send("+OK\r\n" + "".join(c + "\r\n" for c in caps) + ".\r\n")
        elif verb == "STLS":
            return await self.starttls("+OK Begin TLS\r\n", "-ERR TLS unavailable\r\n")
        elif verb in ("PASS", "AUTH"):
            if verb == "AUTH" and len(arg.split()) < 2:
                await self.send("+ \r\n")
                await self.line()
            await self.auth_wait()
            await self.send("+OK Logged in\r\n")
        elif verb == "QUIT":
            await self.send("+OK bye\r\n")
            return False
        elif verb in ("USER", "STAT", "NOOP", "UIDL", "LIST"):
            await self.send("+OK\r\n" + (".\r\n" if verb in ("UIDL", "LIST") else ""))
        else:
            await self.send("-ERR unknown command\r\n")
        return True

    async def smtp(self, cmd):
        verb, _, arg = cmd.partition(" ")
        verb = verb.upper()
        if verb == "EHLO":
            exts = (["STARTTLS"] if self.offers_starttls() else []) + ["AUTH PLAIN LOGIN", "8BITMIME"]
            await self.send(f"250-{self.name}\r\n" + "".join(
                f"250{' ' if i == len(exts) - 1 else '-'}{e}\r\n" for i, e in enumerate(exts)))
        elif verb == "STARTTLS":
            return await self.starttls("220 2.0.0 Ready to start TLS\r\n",
                                       "454 4.7.0 TLS not available due to local problem\r\n")
        elif verb == "AUTH":
            mech, _, ir = arg.partition(" ")
            if mech.upper() == "LOGIN":
                await self.send("334 VXNlcm5hbWU6\r\n")
                await self.line()
                await self.send("334 UGFzc3dvcmQ6\r\n")
                await self.line()
            elif not ir:
                await self.send("334 \r\n")
                await self.line()
            await self.auth_wait()
            await self.send("235 2.7.0 Authentication successful\r\n")
        elif verb == "DATA":
            await self.send("354 End data with <CR><LF>.<CR><LF>\r\n")
            while await self.line() != ".":
                pass
            await self.send("250 2.0.0 Ok: discarded\r\n")
        elif verb == "QUIT":
            await self.send("221 2.0.0 Bye\r\n")
            return False
        elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
            await self.send("250 2.0.0 Ok\r\n")
        else:
            await self.send("502 5.5.2 Error: command not recognized\r\n")
        return True


async def serve_tcp(cfg):
    tls10 = cfg["behaviour"] == "tls10-only"
    ctx = tls_context(cfg, tls10)
    implicit = cfg["port"] in IMPLICIT or cfg["params"].get("tls") == "implicit"

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
