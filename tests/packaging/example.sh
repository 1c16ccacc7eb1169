#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The example of docs/engine.md (docs/examples/discover.c) builds with
# nothing but `pkg-config mailsetup` against the installed library and
# runs: it finds Gmail's servers in the installed provider data (no
# network), and refuses a bad address with a sentence. TAP.
#
# Environment: top_srcdir, CC (default cc), and PKG_CONFIG_PATH,
# LD_LIBRARY_PATH… pointing at the installation when it is not the system's.
set -u
src="$top_srcdir/docs/examples/discover.c"
command -v pkg-config >/dev/null || { echo "1..0 # SKIP pkg-config missing"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-example.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$tmp"' EXIT
echo "1..5"
n=0
tap() {	# tap RESULT(0=ok) DESCRIPTION [DETAILS]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -z "${3:-}" ] || echo "$3" | sed 's/^/# /'; fi
}
if pkg-config --exists mailsetup; then
	tap 0 "pkg-config finds mailsetup $(pkg-config --modversion mailsetup)"
else
	tap 1 "pkg-config finds mailsetup" "$(pkg-config --print-errors --exists mailsetup 2>&1)"
fi
# shellcheck disable=SC2046
if ${CC:-cc} -Wall -Wextra -Wno-unused-parameter -Werror -o "$tmp/discover" "$src" $(pkg-config --cflags --libs mailsetup) 2>"$tmp/cc.err"; then
	tap 0 "docs/examples/discover.c builds with pkg-config --cflags --libs mailsetup"
else
	tap 1 "docs/examples/discover.c builds with pkg-config --cflags --libs mailsetup" "$(cat "$tmp/cc.err")"
fi
"$tmp/discover" --builtin-only someone@gmail.com >"$tmp/out" 2>"$tmp/err"
rc=$?
tap "$rc" "the example runs (exit $rc)" "$(cat "$tmp/err")"
tap "$(grep -q '^incoming: imap imap.gmail.com:993 ' "$tmp/out" && grep -q '^outgoing: smtp smtp.gmail.com:' "$tmp/out" && echo 0 || echo 1)" \
	"it finds Gmail's servers in the installed provider data" "$(cat "$tmp/out")"
"$tmp/discover" 'not an address' >/dev/null 2>"$tmp/err"
rc=$?
tap "$([ "$rc" = 2 ] && [ -s "$tmp/err" ] && echo 0 || echo 1)" "a bad address is refused with a sentence (exit $rc)" "$(cat "$tmp/err")"
