"""Scenario files: parse one or more scenario directories into one merged world model.

A scenario is a directory holding `scenario.conf` (one directive a line, see
tests/world/README.md), optional `www/<virtual host>/<path>` files served over
HTTP/HTTPS, and optional `ispdb/<domain>.xml` entries served as the world's
ISPDB.  Nothing here touches the system: it only reads files and checks them,
so a bad scenario fails before any namespace exists.
"""
import ipaddress
import os
import re

# service name -> (default port, protocol family, implicit TLS)
SERVICES = {
    "imap": (143, "imap", False), "imaps": (993, "imap", True),
    "pop3": (110, "pop3", False), "pop3s": (995, "pop3", True),
    "smtp": (25, "smtp", False), "submission": (587, "smtp", False),
    "submissions": (465, "smtp", True),
    "http": (80, "http", False), "https": (443, "http", True),
}
# submission variants for verification tests: real Postfix, one behaviour changed
#   -noauth   no AUTH in EHLO;  -norelay  AUTH works, every RCPT gets "Relay access
#   denied";  -discard  AUTH and DATA accepted (250), then the message is dropped;
#   -toobig  AUTH, MAIL and RCPT accepted, any message over 200 bytes refused at the
#   end of DATA ("552 5.3.4 Error: message file too big")
SUBMISSION_VARIANTS = ("noauth", "norelay", "discard", "toobig")
for _v in SUBMISSION_VARIANTS:
    SERVICES[f"submission-{_v}"] = (587, "smtp", False)
    SERVICES[f"submissions-{_v}"] = (465, "smtp", True)
CERT_KINDS = ("valid", "expired", "notyet", "selfsigned", "unknownca", "badsig", "name")
BLOCK_ACTIONS = ("drop", "reject")
DNSFAIL_MODES = ("servfail", "timeout")
HOSTILE = ("slow-banner", "garbage", "long-line", "close-after-greeting",
           "starttls-refused", "starttls-broken", "no-starttls", "tls10-only",
           "slow-auth", "accept-all", "auth-fail", "oauth-only", "tls-garbage")
HTTP_RULES = ("redirect", "type", "status", "big")
RESERVED = {"192.0.2.1", "192.0.2.53", "2001:db8::1", "2001:db8::53"}  # client, resolver
DOC_NETS = [ipaddress.ip_network(n) for n in
            ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")]


class ScenarioError(Exception):
    pass


class Host:
    def __init__(self, name, addrs, where):
        self.name, self.addrs, self.where = name, addrs, where
        self.services = {}          # service name -> port
        self.cert = ("valid", [])   # (kind, extra names)
        self.latency = 0            # one-way delay in ms (relay in front)
        self.backend = None         # 127.x address real servers bind when relayed

    def bind_addrs(self):
        """Addresses the real servers listen on (the relay owns the public ones)."""
        return [self.backend] if self.backend else self.addrs


class World:
    def __init__(self):
        self.scenarios = []         # (name, directory)
        self.zones = {}             # zone -> scenario name
        self.hosts = {}             # name -> Host
        self.records = []           # (owner, type, rdata)
        self.users = []             # dicts: login, password, address
        self.blocks = []            # (host, port or None, action)
        self.hostiles = []          # dicts: host, port, behaviour, params
        self.http = []              # (vhost, path, {rule: value})
        self.dnsfail = []           # (name, mode)
        self.www_dirs = []
        self.ispdb_dirs = []
        self.dns_latency = 0

    def zone_of(self, name):
        best = None
        for z in self.zones:
            if name == z or name.endswith("." + z):
                if best is None or len(z) > len(best):
                    best = z
        return best


def _fqdn(name):
    return name.rstrip(".").lower()


def _addr(text, where):
    try:
        a = ipaddress.ip_address(text)
    except ValueError:
        raise ScenarioError(f"{where}: not an IP address: {text}")
    if not any(a in n for n in DOC_NETS):
        raise ScenarioError(f"{where}: {a} is outside the documentation ranges")
    if str(a) in RESERVED:
        raise ScenarioError(f"{where}: {a} is reserved for the world (client/resolver)")
    return str(a)


def _params(words, where):
    """key=value words; a value may be in double quotes (spaces kept, quotes removed)."""
    out = {}
    for w in words:
        if "=" not in w:
            raise ScenarioError(f"{where}: expected key=value, got {w}")
        k, v = w.split("=", 1)
        if len(v) >= 2 and v[0] == v[-1] == '"':
            v = v[1:-1]
        elif '"' in v:
            raise ScenarioError(f'{where}: quote the whole value: {k}="..."')
        out[k] = v
    return out


_WORD = re.compile(r'(?:"[^"]*"|[^\s"])+')


def _words(line, where):
    """Split a line into words: a double-quoted part ("a b", key="a b") stays in its
    word with its quotes; '#' at the start of a word (outside quotes) ends the line."""
    words = []
    for m in _WORD.finditer(line):
        if m.group().startswith("#"):
            line = line[:m.start()]
            break
        words.append(m.group())
    if line.count('"') % 2:
        raise ScenarioError(f"{where}: unbalanced double quote")
    return words


def _host_port(text, world, where, need_port):
    host, _, port = text.partition(":")
    host = _fqdn(host)
    if host not in world.hosts:
        raise ScenarioError(f"{where}: unknown host {host} (declare it with 'host')")
    if not port:
        if need_port:
            raise ScenarioError(f"{where}: expected HOST:PORT")
        return host, None
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ScenarioError(f"{where}: bad port {port}")
    return host, int(port)


def _directive(world, scen, words, where):
    d, a = words[0], words[1:]
    if d == "zone":
        for z in map(_fqdn, a):
            if z in world.zones:
                raise ScenarioError(f"{where}: zone {z} already declared by {world.zones[z]}")
            world.zones[z] = scen
    elif d == "host":
        if len(a) < 2:
            raise ScenarioError(f"{where}: host NAME ADDRESS...")
        name = _fqdn(a[0])
        if name in world.hosts:
            raise ScenarioError(f"{where}: host {name} declared twice")
        addrs = [_addr(x, where) for x in a[1:]]
        for h in world.hosts.values():
            if set(addrs) & set(h.addrs):
                raise ScenarioError(f"{where}: {name} reuses an address of {h.name}")
        world.hosts[name] = Host(name, addrs, where)
    elif d == "serve":
        host = _host_port(a[0], world, where, False)[0]
        for s in a[1:]:
            svc, _, port = s.partition(":")
            if svc not in SERVICES:
                raise ScenarioError(f"{where}: unknown service {svc}")
            if port and (not port.isdigit() or not 0 < int(port) < 65536):
                raise ScenarioError(f"{where}: bad port {port}")
            port = int(port) if port else SERVICES[svc][0]
            other = [o for o, p in world.hosts[host].services.items() if p == port and o != svc]
            if other:
                raise ScenarioError(f"{where}: {host} port {port} is already {other[0]}")
            world.hosts[host].services[svc] = port
    elif d == "cert":
        host = _host_port(a[0], world, where, False)[0]
        kind, _, names = (a[1] if len(a) > 1 else "").partition("=")
        if kind not in CERT_KINDS or (kind == "name") != bool(names):
            raise ScenarioError(f"{where}: cert HOST valid|expired|notyet|selfsigned|unknownca|badsig|name=N[,N]")
        world.hosts[host].cert = (kind, [_fqdn(n) for n in names.split(",") if n])
    elif d == "record":
        if len(a) < 3:
            raise ScenarioError(f"{where}: record NAME TYPE DATA...")
        world.records.append((_fqdn(a[0]), a[1].upper(), " ".join(a[2:]), where))
    elif d == "user":
        usage = f'{where}: user ADDRESS PASSWORD [login=address|local] [refuse="TEXT"]'
        if len(a) < 2:
            raise ScenarioError(usage)
        p = _params(a[2:], where)
        login = p.get("login", "address")
        if login not in ("address", "local") or "@" not in a[0] or set(p) - {"login", "refuse"}:
            raise ScenarioError(usage)
        if "refuse" in p and not p["refuse"].strip():
            raise ScenarioError(f"{where}: refuse= needs a text (the reason the server gives)")
        if ":" in a[1] or '"' in a[1]:
            raise ScenarioError(f"{where}: a password may not contain ':' or '\"'")
        addr = a[0].lower()
        world.users.append({"address": addr, "password": a[1], "refuse": p.get("refuse"),
                            "login": addr if login == "address" else addr.split("@")[0]})
    elif d == "latency":
        if len(a) != 2 or not a[1].isdigit():
            raise ScenarioError(f"{where}: latency HOST|dns MILLISECONDS")
        if a[0] == "dns":
            world.dns_latency = max(world.dns_latency, int(a[1]))
        else:
            world.hosts[_host_port(a[0], world, where, False)[0]].latency = int(a[1])
    elif d == "block":
        if len(a) != 2 or a[1] not in BLOCK_ACTIONS:
            raise ScenarioError(f"{where}: block HOST[:PORT] drop|reject")
        world.blocks.append(_host_port(a[0], world, where, False) + (a[1],))
    elif d == "hostile":
        if len(a) < 2 or a[1] not in HOSTILE:
            raise ScenarioError(f"{where}: hostile HOST:PORT BEHAVIOUR [key=value...]; "
                                f"behaviours: {' '.join(HOSTILE)}")
        host, port = _host_port(a[0], world, where, True)
        world.hostiles.append({"host": host, "port": port, "behaviour": a[1],
                               "params": _params(a[2:], where), "where": where})
    elif d == "http":
        if len(a) < 3:
            raise ScenarioError(f"{where}: http VHOST PATH rule=value...")
        rules = _params(a[2:], where)
        bad = set(rules) - set(HTTP_RULES)
        if bad or not a[1].startswith("/"):
            raise ScenarioError(f"{where}: http rules are {', '.join(HTTP_RULES)}")
        world.http.append((_fqdn(a[0]), a[1], rules))
    elif d == "dnsfail":
        if len(a) != 2 or a[1] not in DNSFAIL_MODES:
            raise ScenarioError(f"{where}: dnsfail NAME servfail|timeout")
        world.dnsfail.append((_fqdn(a[0]), a[1]))
    else:
        raise ScenarioError(f"{where}: unknown directive {d}")


def load_one(world, path):
    name = os.path.basename(os.path.normpath(path))
    conf = os.path.join(path, "scenario.conf")
    if not os.path.isfile(conf):
        raise ScenarioError(f"{path}: no scenario.conf")
    if any(n == name for n, _ in world.scenarios):
        raise ScenarioError(f"scenario {name} given twice")
    world.scenarios.append((name, os.path.abspath(path)))
    with open(conf, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            # a comment starts at a '#' that begins a word (TXT data may hold "a#b")
            words = _words(line, f"{conf}:{no}")
            if words:
                _directive(world, name, words, f"{conf}:{no}")
    for sub, lst in (("www", world.www_dirs), ("ispdb", world.ispdb_dirs)):
        if os.path.isdir(os.path.join(path, sub)):
            lst.append(os.path.join(os.path.abspath(path), sub))


def check(world):
    """Cross-scenario checks once everything is loaded."""
    for owner, rtype, _, where in world.records:
        if not world.zone_of(owner):
            raise ScenarioError(f"{where}: {owner} is in no declared zone")
    for h in world.hosts.values():
        if not world.zone_of(h.name):
            raise ScenarioError(f"{h.where}: host {h.name} is in no declared zone")
    logins = {}
    for u in world.users:
        if u["login"] in logins:
            raise ScenarioError(f"login {u['login']} declared twice")
        logins[u["login"]] = u
    seen = set()
    for x in world.hostiles:
        if x["port"] in world.hosts[x["host"]].services.values():
            raise ScenarioError(f"{x['where']}: port {x['port']} is also served by a real server")
        if (x["host"], x["port"]) in seen:
            raise ScenarioError(f"{x['where']}: two hostile servers on {x['host']}:{x['port']}")
        seen.add((x["host"], x["port"]))
    n = 0
    for h in sorted(world.hosts.values(), key=lambda h: h.name):
        if h.latency:
            n += 1
            h.backend = f"127.77.0.{n}"


def load(paths):
    world = World()
    for p in paths:
        load_one(world, p)
    check(world)
    return world
