# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP output for the Python tests of the test world (the Python side of
tests/cli/tap.sh): a numbered line a check, a failure's detail as comments,
the plan at the end. Import it with tests/cli on sys.path."""
import sys

_count = 0
_failed = 0


def ok(cond, desc, detail=""):
    """One check: "ok N - DESC", or "not ok" and up to 40 lines of DETAIL."""
    global _count, _failed
    _count += 1
    print(("ok" if cond else "not ok") + f" {_count} - {desc}")
    if not cond:
        _failed += 1
        for line in str(detail).splitlines()[:40]:
            print("#   " + line)
    sys.stdout.flush()
    return bool(cond)


def is_(got, want, desc):
    return ok(got == want, desc, f"got:  {got!r}\nwant: {want!r}")


def skip(desc, why):
    """One check that cannot run here."""
    global _count
    _count += 1
    print(f"ok {_count} - {desc} # SKIP {why}")
    sys.stdout.flush()


def skip_all(why):
    """Nothing can run here: the whole test is skipped."""
    print(f"1..0 # SKIP {why}")
    sys.exit(0)


def failures():
    """How many checks failed so far."""
    return _failed


def done():
    """Prints the plan; the exit status: 1 when a check failed."""
    print(f"1..{_count}")
    sys.stdout.flush()
    return 1 if _failed else 0
