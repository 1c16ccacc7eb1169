#!/usr/bin/python3
"""chat.py HOST PORT ssl|plain LINE...: a scripted IMAP/POP3/SMTP client for tests.

  tests/world/world exec --world "$W" -- tests/world/lib/chat.py mail.demo.test 993 ssl \
      'a LOGIN alice@demo.test Wonderland-42' 'b LOGOUT'

Reads the greeting, then sends each LINE and prints the server's complete answer
("C: ..." then "S: ..." lines).  After an accepted STARTTLS/STLS it goes on over
TLS (trusting $MS_WORLD_CA).  The protocol comes from the port: 143/993 IMAP,
110/995 POP3, anything else SMTP."""
import os
import re
import socket
import ssl
import sys

host, port, mode, script = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
proto = {143: "imap", 993: "imap", 110: "pop3", 995: "pop3"}.get(port, "smtp")
ctx = ssl.create_default_context(cafile=os.environ["MS_WORLD_CA"])
sock = socket.create_connection((host, port), timeout=10)
if mode == "ssl":
    sock = ctx.wrap_socket(sock, server_hostname=host)
rf = sock.makefile("rb")


def answer(tag=None, multi=False):
    """Print the answer's lines; return the last one (None at EOF)."""
    while True:
        raw = rf.readline()
        if not raw:
            print("S: <EOF>")
            return None
        line = raw.decode(errors="replace").rstrip("\r\n")
        print("S: " + line)
        if proto == "smtp":
            done = re.match(r"\d{3}(?: |$)", line)
        elif proto == "pop3":   # CAPA, AUTH...: +OK, lines, "."
            if multi is True and line.startswith("+OK"):
                multi = "body"
                continue
            done = multi != "body" or line == "."
        else:
            done = tag is None or line.startswith("+") or line.startswith(tag + " ")
        if done:
            return line


answer()
tag, cont = None, False
for cmd in script:
    print("C: " + cmd)
    sock.sendall(cmd.encode() + b"\r\n")
    if proto == "imap" and not cont:
        tag = cmd.split(" ", 1)[0]
    verb = (cmd.split(" ")[1:2] if proto == "imap" else cmd.split(" ")[:1]) or [""]
    multi = proto == "pop3" and not cont and \
        (cmd.upper() in ("CAPA", "LIST", "UIDL", "AUTH"))
    last = answer(tag, multi)
    if last is None:
        break
    cont = last.startswith("+ ") or last == "+" or (proto == "smtp" and last.startswith("334"))
    if verb[0].upper() in ("STARTTLS", "STLS") and re.match(r"(\S+ OK|\+OK|220)", last):
        sock = ctx.wrap_socket(sock, server_hostname=host)
        rf = sock.makefile("rb")
