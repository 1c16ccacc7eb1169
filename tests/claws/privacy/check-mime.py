#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a message Dovecot delivered, with gpg (run by privacy.sh).

check-mime.py signed|encrypted|smime USER EXPECTED SUBJECT BODY

Fetches the message with that Subject from USER's INBOX on the test
world's Dovecot (IMAPS, mail.<domain>:993, the password read from the
scenario's EXPECTED file; run it inside the world: world exec), then:
  signed     it is multipart/signed, protocol application/pgp-signature;
             gpg verifies the signature over the first part, bytes as sent
             (lines ending in CRLF, RFC 3156), made by alice@demo.test's
             key; the first part holds BODY.
  smime      it is multipart/signed, protocol application/pkcs7-signature;
             gpgsm verifies the signature over the first part (alice's
             certificate); the first part holds BODY.
  encrypted  it is multipart/encrypted, protocol application/pgp-encrypted;
             gpg decrypts the second part (DECRYPTION_OKAY) and what it
             gives holds BODY; the body is not readable in the raw message.
Prints what it found; exit status 0 when every check passed.
"""
import email
import imaplib
import email.policy
import os
import re
import ssl
import subprocess
import sys
import tempfile
import time


def password(expected, user):
    """The user's password, from the world scenario's expected facts
    (never on a command line)."""
    with open(expected, encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if len(w) == 3 and w[0] == user and w[1] == "password":
                return w[2]
    raise LookupError("no password for %s in %s" % (user, expected))


def fetch(user, secret, subject):
    """The message with that Subject in user's INBOX, fetched from the
    world's Dovecot over IMAPS (the world CA the only trust anchor);
    waits up to 15 s for it to arrive."""
    ctx = ssl.create_default_context(cafile=os.environ["MS_WORLD_CA"])
    end = time.time() + 15
    with imaplib.IMAP4_SSL("mail." + user.split("@")[1], 993, ssl_context=ctx, timeout=20) as imap:
        imap.login(user, secret)
        while True:
            imap.select("INBOX", readonly=True)
            typ, data = imap.search(None, "SUBJECT", '"%s"' % subject)
            ids = data[0].split() if typ == "OK" and data and data[0] else []
            if ids:
                typ, parts = imap.fetch(ids[-1], "(BODY.PEEK[])")
                raw = parts[0][1]
                return raw, email.message_from_bytes(raw, policy=email.policy.compat32)
            if time.time() > end:
                return None, None
            time.sleep(0.3)


def gpg(args, data=None):
    return subprocess.run(["gpg", "--batch", "--no-tty", "--status-fd", "2"] + args,
                          input=data, capture_output=True, timeout=30)


def first_part_bytes(raw, boundary):
    """The first part of a multipart body, exactly as sent, CRLF lines."""
    body = raw.split(b"\n\n", 1)[1] if b"\r\n\r\n" not in raw else raw.split(b"\r\n\r\n", 1)[1]
    delim = re.compile(rb"^--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*\r?$", re.M)
    marks = list(delim.finditer(body))
    if len(marks) < 2:
        raise ValueError("fewer than two boundaries")
    start = marks[0].end()
    start += 2 if body[start:start + 2] == b"\r\n" else 1
    part = body[start:marks[1].start()]
    # The line break before the boundary belongs to the boundary.
    part = part[:-2] if part.endswith(b"\r\n") else part[:-1]
    return re.sub(rb"(?<!\r)\n", b"\r\n", part)


# The signed kinds: the protocols accepted, the verifier, whose signature.
SIGNED = {
    "signed": (("application/pgp-signature",), ["gpg", "--no-tty"], "alice@demo.test"),
    "smime": (("application/pkcs7-signature", "application/x-pkcs7-signature"), ["gpgsm"], "Alice Liddell"),
}


def check(ok, what):
    print(("ok: " if ok else "FAILED: ") + what)
    return ok


def main():
    kind, user, expected, subject, body = sys.argv[1:6]
    raw, msg = fetch(user, password(expected, user), subject)
    if not check(raw is not None, "a message with Subject %r in %s's INBOX, over IMAPS" % (subject, user)):
        return 1
    ctype = msg.get_content_type()
    protocol = msg.get_param("protocol") or ""
    good = True
    if kind in SIGNED:
        protocols, verify, signer = SIGNED[kind]
        good &= check(ctype == "multipart/signed", "Content-Type %s" % ctype)
        good &= check(protocol in protocols, "protocol %s" % protocol)
        if not good:
            return 1
        parts = msg.get_payload()
        signed = first_part_bytes(raw, msg.get_boundary())
        good &= check(body.encode() in signed, "the first part holds the body sent")
        with tempfile.TemporaryDirectory() as d:
            data, sig = os.path.join(d, "data"), os.path.join(d, "sig")
            with open(data, "wb") as f:
                f.write(signed)
            with open(sig, "wb") as f:
                f.write(parts[1].get_payload(decode=True))
            r = subprocess.run(verify + ["--batch", "--status-fd", "2", "--verify", sig, data],
                               capture_output=True, timeout=30)
        status = r.stderr.decode(errors="replace")
        good &= check(r.returncode == 0 and "[GNUPG:] GOODSIG" in status and signer in status,
                      "%s --verify: good signature by %s (exit %d)" % (verify[0], signer, r.returncode))
        if not good:
            print(status)
    elif kind == "encrypted":
        good &= check(ctype == "multipart/encrypted", "Content-Type %s" % ctype)
        good &= check(protocol == "application/pgp-encrypted", "protocol %s" % protocol)
        if not good:
            return 1
        good &= check(body.encode() not in raw, "the body is not readable in the message as delivered")
        parts = msg.get_payload()
        r = gpg(["--decrypt"], parts[1].get_payload(decode=True))
        status = r.stderr.decode(errors="replace")
        good &= check(r.returncode == 0 and "[GNUPG:] DECRYPTION_OKAY" in status,
                      "gpg --decrypt succeeds (exit %d)" % r.returncode)
        good &= check(body.encode() in r.stdout, "what it decrypts to holds the body sent")
        if not good:
            print(status)
    else:
        return check(False, "unknown kind %s" % kind) and 0 or 2
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
