# Sourced by the shell tests of the mailsetup tool: TAP helpers over a
# scratch directory $tmp (made here, removed at exit) and $py.
# SPDX-License-Identifier: GPL-3.0-or-later
py=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else notok "$desc"; fi; }
not() { ! "$@"; }
# expect_exit CODE DESC CMD…: runs CMD, output in $tmp/out and $tmp/err
expect_exit() {
	want=$1 desc=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	if [ "$got" = "$want" ]; then ok "$desc (exit $got)"; else notok "$desc: exit $got, expected $want"; sed 's/^/# /' "$tmp/err"; fi
}
# json_get FILE EXPR: a Python expression over the document d
json_get() { $py -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
