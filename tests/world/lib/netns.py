"""Network namespaces of one world: a server side and a client side joined by a veth pair.

    msw-<id>-cli  eth0 192.0.2.1, 2001:db8::1          (the program under test)
         |  veth, default routes on the link (no gateway: every address is one hop away)
    msw-<id>-srv  eth0 192.0.2.53, 2001:db8::53 (resolver) + every scenario host address

Both veth ends are created directly inside their namespaces, so the name eth0
never touches the root namespace and two worlds never collide.
"""
import os
import shutil
import subprocess

from render import RESOLVER

CLIENT = ("192.0.2.1", "2001:db8::1")


def names(wid):
    return f"msw-{wid}-srv", f"msw-{wid}-cli"


def _ip(args, batch=None):
    r = subprocess.run(["ip"] + args, input=batch, text=True, capture_output=True)
    if r.returncode:
        raise RuntimeError(f"ip {' '.join(args)}: {r.stderr.strip()}")


def _addr_lines(addrs):
    for a in addrs:
        yield (f"addr add {a}/128 dev eth0 nodad" if ":" in a
               else f"addr add {a}/32 dev eth0")


def create(wid, world, nft_conf):
    srv, cli = names(wid)
    _ip(["netns", "add", srv])
    _ip(["netns", "add", cli])
    _ip(["link", "add", "eth0", "netns", cli, "type", "veth", "peer", "name", "eth0",
         "netns", srv])
    addrs = list(RESOLVER) + [a for h in world.hosts.values() for a in h.addrs]
    common = ["link set lo up", "link set eth0 up"]
    routes = ["route add default dev eth0", "route add ::/0 dev eth0"]
    _ip(["-n", srv, "-batch", "-"], "\n".join(common + list(_addr_lines(addrs)) + routes) + "\n")
    _ip(["-n", cli, "-batch", "-"], "\n".join(common + list(_addr_lines(CLIENT)) + routes) + "\n")
    r = subprocess.run(["ip", "netns", "exec", srv, "nft", "-f", nft_conf],
                       capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f"nft: {r.stderr.strip()}")
    # `ip netns exec` bind-mounts /etc/netns/<ns>/* over /etc/*: world DNS for
    # glibc, GResolver and dig without any switch in the program under test.
    for ns in (srv, cli):
        d = os.path.join("/etc/netns", ns)
        for _ in range(3):   # a concurrent `down` may rmdir an empty /etc/netns meanwhile
            try:
                os.makedirs(d, exist_ok=True)
                break
            except FileNotFoundError:
                pass
        with open(os.path.join(d, "resolv.conf"), "w") as f:
            f.write(f"nameserver {RESOLVER[0]}\noptions timeout:2 attempts:2\n")
        with open(os.path.join(d, "hosts"), "w") as f:
            f.write("127.0.0.1 localhost\n::1 localhost ip6-localhost\n")


def exists(ns):
    return os.path.exists(os.path.join("/run/netns", ns))


def pids(ns):
    if not exists(ns):
        return []
    r = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
    return [int(p) for p in r.stdout.split()]


def delete(wid):
    for ns in names(wid):
        if exists(ns):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(os.path.join("/etc/netns", ns), ignore_errors=True)
    try:
        os.rmdir("/etc/netns")      # only when no other namespace uses it
    except OSError:
        pass


def abandoned(wid, age=30):
    """No process left in the namespaces, and made more than `age` seconds ago."""
    import time
    for ns in names(wid):
        if pids(ns):
            return False
        try:
            if time.time() - os.stat(os.path.join("/run/netns", ns)).st_mtime < age:
                return False
        except OSError:
            pass
    return True


def all_ids():
    try:
        entries = os.listdir("/run/netns")
    except FileNotFoundError:
        entries = []
    entries += os.listdir("/etc/netns") if os.path.isdir("/etc/netns") else []
    return sorted({e[4:-4] for e in entries
                   if e.startswith("msw-") and e[-4:] in ("-srv", "-cli")})
