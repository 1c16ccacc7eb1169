"""Write every server's configuration for one world from the merged scenario model.

Model: a certificate belongs to a host, i.e. to its addresses.  Dovecot
(`local <ip>`), Postfix (one master.cf entry per address and port) and nginx
(one default server per address) all pick the certificate by the address the
client reached, like a shared hosting box does; so a customer name that is a
CNAME to the provider's host gets the provider's certificate (the OVH case)
without any special rule.  One Dovecot, one Postfix and one nginx serve all
hosts of the world.
"""
import json
import os
import time

from scenario import SERVICES

RESOLVER = ("192.0.2.53", "2001:db8::53")
RESOLVER_BACKEND = "127.77.0.53"   # unbound's address when the relay delays DNS
HOSTILE_DNS = "127.77.1.53"        # the hostile DNS server (dnsfail names)
LMTP = ("127.0.0.1", 24)
SASL = ("127.0.0.1", 12345)


def _w(path, text):
    with open(path, "w") as f:
        f.write(text)


def _ep(addr, port):
    return f"[{addr}]:{port}" if ":" in addr else f"{addr}:{port}"


def _hosts_with(world, family):
    """(host, service, port) for every real server of a protocol family."""
    for h in sorted(world.hosts.values(), key=lambda h: h.name):
        for svc, port in sorted(h.services.items()):
            if SERVICES[svc][1] == family:
                yield h, svc, port


class Renderer:
    def __init__(self, world, wdir, ispdb_dir):
        self.world, self.d, self.ispdb_dir = world, wdir, ispdb_dir
        self.etc = os.path.join(wdir, "etc")
        self.log = os.path.join(wdir, "log")
        self.run = os.path.join(wdir, "run")
        self.pki = os.path.join(wdir, "pki")
        self.listeners = []   # (proto, addr, port) that must answer before `up` returns
        self.procs = []       # (name, argv): what the supervisor starts

    def cert(self, host):
        return os.path.join(self.pki, host.name + ".pem")

    def key(self):
        return os.path.join(self.pki, "leaf.key")

    def all(self):
        for d in (self.etc, self.log, self.run, os.path.join(self.etc, "zones")):
            os.makedirs(d, exist_ok=True)
        self.unbound()
        if any(True for f in ("imap", "pop3", "smtp") for _ in _hosts_with(self.world, f)):
            self.dovecot()
        if any(True for _ in _hosts_with(self.world, "smtp")):
            self.postfix()
        self.www()
        if any(True for _ in _hosts_with(self.world, "http")):
            self.nginx()
        self.nft()
        self.hostile()
        self.relay()
        addrs = {a: h.name for h in self.world.hosts.values() for a in h.addrs + h.bind_addrs()}
        _w(os.path.join(self.etc, "addrs.json"), json.dumps(addrs, indent=1))
        _w(os.path.join(self.etc, "procs.json"), json.dumps(self.procs, indent=1))
        _w(os.path.join(self.etc, "listeners.json"), json.dumps(self.listeners))

    # ---- DNS -------------------------------------------------------------------------
    def unbound(self):
        w = self.world
        ifaces = [RESOLVER_BACKEND] if w.dns_latency else list(RESOLVER)
        for a in ifaces:
            self.listeners += [("udp", a, 53), ("tcp", a, 53)]
        out = ["server:", "  verbosity: 1", "  port: 53", '  username: ""', '  chroot: ""',
               f'  directory: "{self.run}"', f'  pidfile: "{self.run}/unbound.pid"',
               f'  logfile: "{self.log}/unbound.log"', "  use-syslog: no",
               "  num-threads: 1", "  so-reuseport: no", "  do-ip6: yes",
               "  access-control: 0.0.0.0/0 allow", "  access-control: ::/0 allow",
               '  module-config: "iterator"',
               # the hostile DNS server listens on loopback; nothing else is queried
               "  do-not-query-localhost: no",
               # everything outside the world's zones is NXDOMAIN: never recurse out
               '  local-zone: "." static',
               "  cache-max-ttl: 0", "  cache-max-negative-ttl: 0"]
        out += [f"  interface: {a}" for a in ifaces]
        zones = {z: [] for z in w.zones}
        for h in w.hosts.values():
            for a in h.addrs:
                zones[w.zone_of(h.name)].append((h.name, "AAAA" if ":" in a else "A", a))
        for owner, rtype, data, _ in w.records:
            zones[w.zone_of(owner)].append((owner, rtype, data))
        tail = []
        for z, recs in sorted(zones.items()):
            out.append(f'  local-zone: "{z}." transparent')
            path = os.path.join(self.etc, "zones", z + ".zone")
            lines = ["$TTL 60", f"{z}. IN SOA ns.{z}. hostmaster.{z}. 1 3600 600 86400 60",
                     f"{z}. IN NS ns.{z}."]
            lines += [f"{o}. IN {t} {d}" for o, t, d in recs]
            _w(path, "\n".join(lines) + "\n")
            # auth-zone (not local-data) so that in-zone CNAMEs are chased
            tail += ["auth-zone:", f'  name: "{z}."', f'  zonefile: "{path}"',
                     "  for-downstream: no", "  for-upstream: yes", "  fallback-enabled: no"]
        for name, _ in w.dnsfail:
            out.append(f'  local-zone: "{name}." transparent')
            tail += ["stub-zone:", f'  name: "{name}."', f"  stub-addr: {HOSTILE_DNS}"]
        out += tail + ["remote-control:", "  control-enable: no"]
        conf = os.path.join(self.etc, "unbound.conf")
        _w(conf, "\n".join(out) + "\n")
        self.procs.append(("unbound", ["unbound", "-d", "-c", conf]))

    # ---- IMAP/POP3/LMTP/SASL -------------------------------------------------------------
    def dovecot(self):
        w, etc = self.world, self.etc
        mail = os.path.join(self.d, "mail")
        os.makedirs(mail)
        os.chown(mail, 65534, 65534)
        passdb, userdb, refused = [], [], []
        for u in w.users:
            home = os.path.join(mail, u["address"])
            passdb.append(f"{u['login']}:{{PLAIN}}{u['password']}")
            for key in {u["login"], u["address"]}:   # LMTP looks up the full address
                userdb.append(f"{key}::65534:65534::{home}::")
            if u.get("refuse"):
                refused.append(u)
        _w(os.path.join(etc, "passdb"), "\n".join(passdb) + "\n")
        _w(os.path.join(etc, "userdb"), "\n".join(userdb) + "\n")
        refuse_passdb = self.dovecot_refuse(refused)
        # listeners: one per (service, port); the default names must be overridden
        # (port = 0) when unused or Dovecot listens on them everywhere.
        lst = {}
        hosts = []
        for fam in ("imap", "pop3", "smtp"):
            for h, svc, port in _hosts_with(w, fam):
                if h not in hosts:
                    hosts.append(h)
                if fam != "smtp":
                    lst.setdefault((svc, port), []).extend(h.bind_addrs())
                    self.listeners += [("tcp", a, port) for a in h.bind_addrs()]
        blocks = []
        for login, svcs in (("imap-login", ("imap", "imaps")), ("pop3-login", ("pop3", "pop3s"))):
            b = [f"service {login} {{"]
            for svc in svcs:
                std = SERVICES[svc][0]
                keys = [(s, p) for s, p in lst if s == svc] or [(svc, std)]
                for s, p in sorted(keys):
                    name = svc if p == std else f"{svc}_{p}"
                    addrs = lst.get((s, p))
                    b += [f"  inet_listener {name} {{",
                          f"    address = {', '.join(addrs)}" if addrs else "",
                          f"    port = {p if addrs else 0}",
                          "    ssl = yes" if SERVICES[svc][2] else "", "  }"]
            blocks += b + ["}"]
        locs = []
        for h in hosts:
            for a in h.bind_addrs():
                locs += [f"local {a} {{", f"  ssl_cert = <{self.cert(h)}",
                         f"  ssl_key = <{self.key()}", "}"]
        self.listeners += [("tcp",) + LMTP, ("tcp",) + SASL]
        conf = f"""# generated by tests/world: one Dovecot for every host of the world
instance_name = msw-dovecot-{os.path.basename(self.d)}
base_dir = {self.run}/dovecot
state_dir = {self.run}/dovecot-state
log_path = {self.log}/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.cert(hosts[0])}
ssl_key = <{self.key()}
ssl_min_protocol = TLSv1.2
# as real providers: no password before TLS on 143/110
disable_plaintext_auth = yes
auth_mechanisms = plain login
# one log line per authentication (see README, "Counting logins"); never a password
auth_verbose = yes
auth_verbose_passwords = no
auth_debug_passwords = no
{refuse_passdb}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu {etc}/passdb
}}
userdb {{
  driver = passwd-file
  args = username_format=%Lu {etc}/userdb
}}
mail_location = maildir:~/Maildir
first_valid_uid = 1
{chr(10).join(l for l in blocks if l)}
service lmtp {{
  inet_listener lmtp {{
    address = {LMTP[0]}
    port = {LMTP[1]}
  }}
}}
service auth {{
  inet_listener {{
    address = {SASL[0]}
    port = {SASL[1]}
  }}
}}
protocol lmtp {{
  postmaster_address = postmaster@world.invalid
}}
# Every client of the world comes from 192.0.2.1: Dovecot's growing penalty for
# failed logins by address (up to 15 s) would make tests depend on their order.
# The fixed delay of a failed login (auth_failure_delay, 2 s) stays.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
# one JSON line per authentication (IMAP, POP3, and Postfix's SMTP AUTH through
# the SASL socket) in dovecot.log: user, service, local_ip (= which host),
# remote_ip, and "success":"yes" when it succeeded.  `world logins` reads them.
event_exporter authlog {{
  format = json
  format_args = time-rfc3339
  transport = log
}}
metric auth_attempts {{
  exporter = authlog
  exporter_include = name timestamps fields
  filter = event=auth_request_finished
}}
{chr(10).join(locs)}
"""
        path = os.path.join(etc, "dovecot.conf")
        _w(path, conf)
        self.procs.append(("dovecot", ["dovecot", "-F", "-c", path]))

    def dovecot_refuse(self, users):
        """Users whose correct password is refused with a reason (`user ... refuse=`).

        A first passdb that knows only them, with their password: when it matches,
        `result_success = return-fail` fails the login and keeps the passdb's extra
        fields, so the failure carries `reason`; Dovecot's imap-login answers
        `NO [ALERT] <reason>`, pop3-login `-ERR [AUTH] <reason>`, and Postfix (SASL)
        `535 5.7.8 Error: authentication failed: <reason>`.  (`nologin` would not do:
        Postfix ignores it and accepts the login.)  A wrong password falls through to
        the normal passdb.  A dict passdb on a JSON file, because passwd-file extra
        fields cannot hold spaces."""
        if not users:
            return ""
        etc = self.etc
        lines = []
        for u in users:
            lines += [f"shared/passdb/{u['login']}",
                      json.dumps({"password": "{PLAIN}" + u["password"], "reason": u["refuse"]})]
        _w(os.path.join(etc, "refuse.dict"), "\n".join(lines) + "\n")
        _w(os.path.join(etc, "refuse-dict.conf"),
           f"uri = file:{etc}/refuse.dict\npassword_key = passdb/%u\n"
           "iterate_disable = yes\ndefault_pass_scheme = PLAIN\n")
        return f"""passdb {{
  driver = dict
  args = {etc}/refuse-dict.conf
  # only these logins ever reach it (no lookup, no log line for anyone else)
  username_filter = {' '.join(u['login'] for u in users)}
  result_success = return-fail
  result_failure = continue
  result_internalfail = continue
}}
"""

    # ---- SMTP -------------------------------------------------------------------------
    def postfix(self):
        w = self.world
        pdir = os.path.join(self.etc, "postfix")
        os.makedirs(pdir)
        spool, data = os.path.join(self.run, "postfix-spool"), os.path.join(self.run, "postfix-data")
        os.makedirs(spool)
        os.makedirs(data)
        os.chown(data, _uid("postfix"), -1)
        # The queue made by hand plus `quick-start` skips postfix-script's integrity
        # check (post-install), which alone takes ~2 s.  Owners as post-install sets them.
        pf, pd = _uid("postfix"), _gid("postdrop")
        for sub, mode, gid in [("pid", 0o755, 0), ("public", 0o710, pd), ("maildrop", 0o1730, pd)] + \
                [(q, 0o700, 0) for q in ("active", "bounce", "corrupt", "defer", "deferred",
                                         "flush", "hold", "incoming", "private", "saved", "trace")]:
            p = os.path.join(spool, sub)
            os.mkdir(p, mode)
            os.chmod(p, mode)
            if sub != "pid":
                os.chown(p, pf, gid)
        open(os.path.join(spool, "quick-start"), "w").close()
        domains = sorted({u["address"].split("@")[1] for u in w.users}) or ["world.invalid"]
        main = f"""# generated by tests/world
compatibility_level = 3.6
queue_directory = {spool}
data_directory = {data}
maillog_file = {self.log}/postfix.log
maillog_file_prefixes = {self.log}
mail_owner = postfix
setgid_group = postdrop
myhostname = smtp.world.invalid
mydestination =
mynetworks = 127.0.0.0/8
inet_interfaces = all
inet_protocols = all
alias_maps =
alias_database =
biff = no
# hermetic: no DNS lookups, never any outbound delivery
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
default_transport = error:outbound mail disabled in the test world
relay_transport = error:outbound mail disabled in the test world
# the world's users get their mail through Dovecot LMTP (send-to-self works)
virtual_mailbox_domains = {', '.join(domains)}
virtual_transport = lmtp:inet:{LMTP[0]}:{LMTP[1]}
smtpd_reject_unlisted_recipient = no
smtpd_tls_security_level = may
smtpd_tls_chain_files = {self.key()}, {self.cert(next(_hosts_with(w, 'smtp'))[0])}
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:{SASL[0]}:{SASL[1]}
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
"""
        master, variants = [], set()
        for h, svc, port in _hosts_with(w, "smtp"):
            # the log names the host: postfix/<host>/<service>/smtpd[pid]
            opts = [f"myhostname={h.name}", f"smtpd_tls_chain_files={self.key()},{self.cert(h)}",
                    f"syslog_name=postfix/{h.name}/{svc}"]
            base, _, variant = svc.partition("-")
            variants.add(variant)
            if base == "submission":
                opts += ["smtpd_tls_security_level=encrypt", "smtpd_tls_auth_only=yes"]
            if base == "submissions":
                opts += ["smtpd_tls_wrappermode=yes"]
            if base != "smtp":
                opts += [f"smtpd_sasl_auth_enable={'no' if variant == 'noauth' else 'yes'}",
                         "smtpd_client_restrictions=permit_sasl_authenticated,reject"]
            if variant == "norelay":
                # a trivial-rewrite that knows no local domain: every recipient,
                # the user's own address too, is "554 5.7.1 <rcpt>: Relay access denied"
                opts += ["rewrite_service_name=rewrite-nodomain",
                         "smtpd_relay_restrictions=reject_unauth_destination"]
            if variant == "discard":
                # 250 after DATA ("queued as ..."), then the discard transport drops it
                opts += ["content_filter=discard:"]
            if variant == "toobig":
                # EHLO says "SIZE 200"; AUTH, MAIL, RCPT accepted; any real message
                # is refused at the end of DATA: "552 5.3.4 Error: message file too
                # big" (smtpd's own count, the queue file limit; a MAIL FROM with
                # SIZE= over 200 would get "552 5.3.4 Message size exceeds fixed
                # limit" at once)
                opts += ["message_size_limit=200"]
            for a in h.bind_addrs():
                master.append(f"{_ep(a, port)} inet n - n - - smtpd")
                master += [f"  -o {o}" for o in opts]
                self.listeners.append(("tcp", a, port))
        master += [l.strip() for l in MASTER_TAIL.strip().splitlines()]
        if "norelay" in variants:
            master += ["rewrite-nodomain unix - - n - - trivial-rewrite",
                       "  -o virtual_mailbox_domains=", "  -o syslog_name=postfix/nodomain"]
        _w(os.path.join(pdir, "main.cf"), main)
        _w(os.path.join(pdir, "master.cf"), "\n".join(master) + "\n")
        # Postfix re-reads a main.cf younger than a second until it is a second old
        # (0.3 s naps, to avoid reading a file being written): date them back.
        for f in ("main.cf", "master.cf"):
            os.utime(os.path.join(pdir, f), (time.time() - 60,) * 2)
        # master itself, not `postfix start-fg`: its wrapper script first waits ~1 s
        # for a postlogd that is not running yet, and checks what render() just made
        self.procs.append(("postfix", [_postfix_master(), "-c", pdir, "-s"]))

    # ---- HTTP(S) ------------------------------------------------------------------------
    def www(self):
        """www/<vhost>: a link to a scenario's www/<vhost>, plus the ISPDB tree."""
        www = os.path.join(self.d, "www")
        os.makedirs(www)
        for src in self.world.www_dirs:
            for vhost in sorted(os.listdir(src)):
                dst = os.path.join(www, vhost.lower())
                if os.path.lexists(dst):
                    raise ValueError(f"two scenarios serve files for {vhost}")
                os.symlink(os.path.join(src, vhost), dst)
        # the ISPDB (autoconfig.thunderbird.net/v1.1/<domain>): each provider file
        # is served under every <domain> it lists, as the real service does.  An
        # nginx map, not one symlink per domain: a thousand symlinks cost 0.5 s.
        self.ispdb = {}
        dirs = ([self.ispdb_dir] if self.ispdb_dir else []) + self.world.ispdb_dirs
        for src in dirs:   # later directories (the scenarios') win
            for f in sorted(os.listdir(src)):
                if not f.endswith(".xml"):
                    continue
                path = os.path.join(src, f)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                for n in {f[:-4]} | {d.strip().lower() for d in
                                     _between(text, "<domain>", "</domain>")}:
                    if n and not set(n) & set('/"; \t\n{}$\\'):
                        self.ispdb[n] = path

    def nginx(self):
        w, www = self.world, os.path.join(self.d, "www")
        gen = os.path.join(self.d, "www-gen")
        out = ["# generated by tests/world", "daemon off;", "master_process on;",
               "worker_processes 1;",
               # workers as root: scenario files may sit under a 0700 directory
               # (a clone in /root, a mktemp -d), unreadable to nobody/www-data
               "user root root;",
               f"pid {self.run}/nginx.pid;", f"error_log {self.log}/nginx-error.log;",
               "events { worker_connections 256; }", "http {",
               f"  access_log {self.log}/nginx-access.log;",
               "  types { text/xml xml; application/json json; text/html html; text/plain txt; }",
               "  default_type application/octet-stream;", "  server_tokens off;",
               # nginx 1.22 leaves TLS 1.3 off unless asked; real providers
               # speak it, and a TLS 1.2 handshake costs a round trip more
               "  ssl_protocols TLSv1.2 TLSv1.3;",
               # Autodiscover clients POST to what is a static file here
               "  error_page 405 =200 $uri;",
               "  map_hash_max_size 8192;", "  map_hash_bucket_size 128;",
               "  map $uri $ispdb_file {", '    default "";']
        out += [f'    "/v1.1/{d}" "{p}";' for d, p in sorted(self.ispdb.items())]
        out += ["  }"]
        out += [f"  {k}_temp_path {self.run}/nginx-{k};"
                for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")]
        rules = {}
        for vhost, path, r in w.http:
            rules.setdefault(vhost, []).append((path, r))
        for h, svc, port in _hosts_with(w, "http"):
            for a in h.bind_addrs():
                self.listeners.append(("tcp", a, port))
        for h in sorted(w.hosts.values(), key=lambda h: h.name):
            ports = [(svc, p) for svc, p in h.services.items() if SERVICES[svc][1] == "http"]
            if not ports:
                continue
            for vhost in [None] + sorted(rules):
                listen = [f"    listen {_ep(a, p)}{' ssl' if SERVICES[s][2] else ''}"
                          f"{' default_server' if vhost is None else ''};"
                          for a in h.bind_addrs() for s, p in ports]
                out += ["  server {"] + listen + [
                    f"    server_name {vhost or '_'};",
                    f"    ssl_certificate {self.cert(h)};",
                    f"    ssl_certificate_key {self.key()};",
                    f"    root {www}/$host;"]
                if h.name == "autoconfig.thunderbird.net":
                    out.append("    location /v1.1/ { default_type text/xml; root /;"
                               " try_files $ispdb_file =404; }")
                for path, r in rules.get(vhost, []):
                    out += ["    location = " + path + " {"] + _rule(r, vhost, path, gen) + ["    }"]
                out.append("  }")
        out.append("}")
        conf = os.path.join(self.etc, "nginx.conf")
        _w(conf, "\n".join(out) + "\n")
        self.procs.append(("nginx", ["nginx", "-e", f"{self.log}/nginx-error.log", "-c", conf]))

    # ---- firewall: black holes and resets ---------------------------------------------------
    def nft(self):
        rules = []
        for host, port, action in self.world.blocks:
            for a in self.world.hosts[host].addrs:
                fam = "ip6" if ":" in a else "ip"
                match = f"{fam} daddr {a}"
                if action == "drop":
                    rules.append(f"{match} {'tcp dport %d ' % port if port else ''}drop")
                elif port:
                    rules.append(f"{match} tcp dport {port} reject with tcp reset")
                else:
                    rules += [f"{match} meta l4proto tcp reject with tcp reset",
                              f"{match} reject"]
        text = ("table inet msworld {\n  chain input {\n"
                "    type filter hook input priority 0; policy accept;\n"
                + "".join(f"    {r}\n" for r in rules) + "  }\n}\n")
        _w(os.path.join(self.etc, "nft.conf"), text)

    # ---- our own small servers -------------------------------------------------------------
    def hostile(self):
        w = self.world
        conf = {"tcp": [], "dns": [], "dns_addr": HOSTILE_DNS, "pki": self.pki}
        for x in w.hostiles:
            h = w.hosts[x["host"]]
            for a in h.bind_addrs():
                conf["tcp"].append({"addr": a, "port": x["port"], "behaviour": x["behaviour"],
                                    "params": x["params"], "host": h.name,
                                    "cert": self.cert(h), "key": self.key()})
                self.listeners.append(("tcp", a, x["port"]))
        conf["dns"] = [{"name": n, "mode": m} for n, m in w.dnsfail]
        if w.dnsfail:
            self.listeners.append(("udp", HOSTILE_DNS, 53))
        if conf["tcp"] or conf["dns"]:
            path = os.path.join(self.etc, "hostile.json")
            _w(path, json.dumps(conf, indent=1))
            self.procs.append(("hostile", [_py(), os.path.join(_here(), "hostile.py"), path,
                                           os.path.join(self.log, "hostile-transcript.log")]))

    def relay(self):
        w, routes = self.world, []
        for h in w.hosts.values():
            if not h.latency:
                continue
            ports = set(h.services.values()) | {x["port"] for x in w.hostiles
                                                if x["host"] == h.name}
            for a in h.addrs:
                routes += [{"proto": "tcp", "listen": a, "port": p, "target": h.backend,
                            "delay_ms": h.latency} for p in sorted(ports)]
        if w.dns_latency:
            for a in RESOLVER:
                routes += [{"proto": pr, "listen": a, "port": 53, "target": RESOLVER_BACKEND,
                            "delay_ms": w.dns_latency} for pr in ("udp", "tcp")]
        if routes:
            path = os.path.join(self.etc, "relay.json")
            _w(path, json.dumps(routes, indent=1))
            self.listeners += [(r["proto"], r["listen"], r["port"]) for r in routes]
            self.procs.append(("relay", [_py(), os.path.join(_here(), "relay.py"), path]))


def _rule(r, vhost, path, gen):
    out = []
    if "type" in r:
        out += ["      types { }", f"      default_type {r['type']};"]
    if "big" in r:   # a generated body of the given size (no 10 MiB files in git)
        size = int(r["big"])
        dst = os.path.join(gen, vhost, path.lstrip("/").replace("/", "_"))
        out.append(f"      alias {dst};")
        if os.path.exists(dst):   # one file, however many server blocks use it
            return out + _redirect(r)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        head = b'<?xml version="1.0"?>\n<clientConfig version="1.1"><!-- '
        tail = b' --></clientConfig>\n'
        with open(dst, "wb") as f:
            f.write(head + b"x" * max(0, size - len(head) - len(tail)) + tail)
    return out + _redirect(r)


def _redirect(r):
    out = []
    if "redirect" in r:
        code, _, url = r["redirect"].partition(":")
        if not code.isdigit():
            code, url = "302", r["redirect"]
        out.append(f"      return {code} {url};")
    elif "status" in r:
        out.append(f"      return {int(r['status'])};")
    return out


def _between(text, a, b):
    parts = text.split(a)[1:]
    return [p.split(b, 1)[0] for p in parts if b in p]


def _uid(user):
    import pwd
    return pwd.getpwnam(user).pw_uid


def _postfix_master():
    # not `postconf -h daemon_directory`: without /etc/postfix/main.cf (a machine
    # where postfix was installed with "No configuration") it sleeps 1 s and fails
    for d in ("/usr/lib/postfix/sbin", "/usr/libexec/postfix", "/usr/lib/postfix"):
        if os.access(os.path.join(d, "master"), os.X_OK):
            return os.path.join(d, "master")
    raise RuntimeError("postfix's master program not found")


def _gid(group):
    import grp
    return grp.getgrnam(group).gr_gid


def _here():
    return os.path.dirname(os.path.abspath(__file__))


def _py():
    return "/usr/bin/python3"


MASTER_TAIL = """
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""
