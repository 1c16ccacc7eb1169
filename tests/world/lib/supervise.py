#!/usr/bin/python3
"""The world's supervisor: parent of every server of one world.

usage: supervise.py WORLD_DIR   (started by `world up` inside the server namespace)

Starts each daemon of etc/procs.json in the foreground, its stdin from /dev/null
and its output in log/<name>.out (an inherited pipe would hang a CI job), and
records the PIDs in run/pids.json.  It is a child subreaper, so daemons that fork
(postfix's wrapper script, Dovecot and nginx workers) stay its descendants and
are reaped here: no zombie is left to PID 1.  On SIGTERM it sends SIGTERM to all
its servers, waits up to 0.3 s, SIGKILLs every descendant left, reaps, and exits.
"""
import ctypes
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def descendants(root):
    kids = {}
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(p))
    out, todo = [], [root]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out


def reap():
    """Reap every dead child; return False once there is no child at all."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        if pid == 0:
            return True


def signal_all(sig):
    for p in descendants(os.getpid()):
        try:
            os.kill(p, sig)
        except ProcessLookupError:
            pass


class Stop(Exception):
    pass


def _stop(*_):
    raise Stop


def main():
    wdir = sys.argv[1]
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    # SIGTERM is held until every server is started, then ends the wait below
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with open(os.path.join(wdir, "etc", "procs.json")) as f:
        procs = json.load(f)
    pids = {}
    for name, argv in procs:
        with open(os.path.join(wdir, "log", name + ".out"), "ab") as out:
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=subprocess.STDOUT, cwd=os.path.join(wdir, "run"))
        pids[name] = p.pid
    tmp = os.path.join(wdir, "run", "pids.json.tmp")
    with open(tmp, "w") as f:
        json.dump(pids, f)
    os.rename(tmp, os.path.join(wdir, "run", "pids.json"))
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        while True:
            # servers that die are reaped and logged; `world status` reports them
            try:
                pid, status = os.waitpid(-1, 0)
            except ChildProcessError:
                time.sleep(0.2)
                continue
            for name, p in pids.items():
                if p == pid:
                    with open(os.path.join(wdir, "log", "supervisor.log"), "a") as f:
                        f.write(f"{time.strftime('%T')} {name} (pid {pid}) exited, status {status}\n")
    except Stop:
        pass
    # a polite SIGTERM to the servers, then SIGKILL for all that is left (Dovecot's
    # master alone takes 2 s to finish politely; a test world keeps no data)
    for pid in pids.values():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 0.3
    while reap() and time.monotonic() < deadline:
        time.sleep(0.02)
    signal_all(signal.SIGKILL)
    while reap():
        time.sleep(0.01)


if __name__ == "__main__":
    main()
