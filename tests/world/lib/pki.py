"""A fresh private CA and one certificate per host, with the openssl command line.

EC P-256 keys keep this fast (~10 ms a certificate); one leaf key serves every
host (what matters to a client is the certificate, not the key).  Certificates
needing dates in the past or the future go through `openssl ca`, the only
openssl 3.0 command that takes explicit start and end dates.  A `badsig`
certificate is a valid one whose signature is then corrupted (one bit): the
world CA still is its issuer, but its signature does not verify.  (A SHA-1
signed certificate would be the realistic "weak" one, but OpenSSL 3 servers
refuse to load it at their default security level: "ca md too weak".)
"""
import base64
import os
import subprocess

CNF = """[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
default_ca = world_ca
[world_ca]
dir = {d}
database = {d}/index.txt
serial = {d}/serial
new_certs_dir = {d}/issued
certificate = {d}/ca.pem
private_key = {d}/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
"""
DATES = {"expired": ("20200101000000Z", "20210101000000Z"),
         "notyet": ("20400101000000Z", "20410101000000Z")}


def _run(args, cwd):
    return subprocess.Popen(["openssl"] + args, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait(procs):
    for what, p in procs:
        err = p.communicate()[1]
        if p.returncode:
            raise RuntimeError(f"openssl failed for {what}: {err.decode(errors='replace')}")


def _ext_args(names):
    san = ",".join("DNS:" + n for n in names)
    return ["-addext", "subjectAltName=" + san,
            "-addext", "basicConstraints=critical,CA:FALSE",
            "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
            "-addext", "extendedKeyUsage=serverAuth"]


def corrupt_signature(path):
    """Flip one bit of the certificate's signature (its last DER byte, inside the
    signature's last INTEGER or bit string): still well-formed, no longer valid.
    Servers load it as it is (they never check their own certificate's signature);
    clients see a signature failure (GnuTLS GNUTLS_CERT_SIGNATURE_FAILURE, OpenSSL
    error 7)."""
    with open(path) as f:
        body = "".join(l for l in f.read().splitlines() if l and not l.startswith("-----"))
    der = bytearray(base64.b64decode(body))
    der[-1] ^= 0x01
    b64 = base64.b64encode(bytes(der)).decode()
    with open(path, "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\n" +
                "".join(b64[i:i + 64] + "\n" for i in range(0, len(b64), 64)) +
                "-----END CERTIFICATE-----\n")


def build(d, world):
    """Create d/ca.pem (the world's trust anchor) and d/<host>.pem for every host."""
    os.makedirs(os.path.join(d, "issued"))
    with open(os.path.join(d, "openssl.cnf"), "w") as f:
        f.write(CNF.format(d=d))
    open(os.path.join(d, "index.txt"), "w").close()
    with open(os.path.join(d, "serial"), "w") as f:
        f.write("1000\n")
    cnf = ["-config", "openssl.cnf"]
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    ca_ext = ["-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign"]
    _wait([(n, _run(["req"] + cnf + ["-x509"] + ec + ["-days", "3650", "-subj", subj,
                     "-keyout", n + ".key", "-out", n + ".pem"] + ca_ext, d))
           for n, subj in (("ca", "/O=mailsetup test world/CN=World Test CA"),
                           ("otherca", "/O=Nobody You Trust/CN=Unknown CA"))]
          + [("leaf key", _run(["genpkey", "-algorithm", "EC", "-pkeyopt",
                                "ec_paramgen_curve:P-256", "-out", "leaf.key"], d))])
    _wait([("csr", _run(["req"] + cnf + ["-new", "-key", "leaf.key", "-out", "leaf.csr"], d))])
    procs, dated = [], []
    for h in world.hosts.values():
        kind, extra = h.cert
        names = extra if kind == "name" else [h.name]
        out = h.name + ".pem"
        subj = ["-subj", "/CN=" + names[0]]
        if kind in DATES:
            dated.append((h, names, out))
            continue
        args = ["req"] + cnf + ["-new", "-x509", "-key", "leaf.key", "-days", "825",
                                "-out", out] + subj + _ext_args(names)
        if kind != "selfsigned":
            issuer = "otherca" if kind == "unknownca" else "ca"
            args += ["-CA", issuer + ".pem", "-CAkey", issuer + ".key"]
        procs.append((h.name, _run(args, d)))
    _wait(procs)
    for h in world.hosts.values():
        if h.cert[0] == "badsig":
            corrupt_signature(os.path.join(d, h.name + ".pem"))
    for h, names, out in dated:   # `openssl ca` keeps a database: one at a time
        ext = os.path.join(d, h.name + ".ext")
        with open(ext, "w") as f:
            f.write(f"subjectAltName={','.join('DNS:' + n for n in names)}\n"
                    "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n")
        start, end = DATES[h.cert[0]]
        _wait([(h.name, _run(["ca", "-batch", "-notext"] + cnf + ["-in", "leaf.csr",
                              "-subj", "/CN=" + names[0], "-startdate", start,
                              "-enddate", end, "-extfile", ext, "-out", out], d))])
    for f in os.listdir(d):
        os.chmod(os.path.join(d, f), 0o600 if f.endswith(".key") else 0o644)
    # the keys are read by nginx/dovecot/postfix running as root, the hostile
    # server too; a world is a throwaway test fixture, so 0600 root is enough.
