#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mailsetup(1) covers the tool as built: every command of `mailsetup
# --help`, every long option of each `mailsetup COMMAND --help`, every exit
# status --help lists, and has EXAMPLES; every man page of the tree
# formats without a groff warning (what lintian checks too). A command or an
# option added without its man-page entry fails here. TAP.
set -u
ms="$top_builddir/plugin/cli/mailsetup"
man="$top_srcdir/plugin/cli/mailsetup.1"
[ -x "$ms" ] || { echo "1..1"; echo "not ok 1 - $ms not built"; exit 0; }
n=0
tap() {	# tap RESULT(0=ok) DESCRIPTION [DETAILS]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -z "${3:-}" ] || echo "$3" | sed 's/^/# /'; fi
}
# In roff, a "-" in an option is written "\-".
roff() { printf '%s' "$1" | sed 's/-/\\-/g'; }
# The same as a regular expression (the backslash itself matched).
roff_re() { printf '%s' "$1" | sed 's/-/\\\\-/g'; }

help=$(LANGUAGE=en "$ms" --help)
commands=$(echo "$help" | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || tap 1 "mailsetup --help lists commands" "$help"
for c in $commands; do
	# A command is an entry of COMMANDS: ".B cmd", ".BI \"cmd …\"", ".BR cmd".
	if grep -Eq "^\.B[IR]? \"?$(roff_re "$c")( |\"|$)" "$man"; then missing=''; else missing="the command itself"; fi
	for o in $(LANGUAGE=en "$ms" "$c" --help 2>&1 | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		[ "$o" = --help ] && continue
		grep -qF -- "$(roff "$o")" "$man" || missing="$missing $o"
	done
	tap "$([ -z "$missing" ] && echo 0 || echo 1)" "mailsetup.1 documents $c and its options" "missing:$missing"
done
missing=''
for o in $(echo "$help" | sed -n '/^Options:/,/^$/p' | grep -oE -- '--[a-z][a-z0-9-]*'); do
	grep -qF -- "$(roff "$o")" "$man" || missing="$missing $o"
done
tap "$([ -z "$missing" ] && echo 0 || echo 1)" "mailsetup.1 documents the general options" "missing:$missing"
codes=$(echo "$help" | sed -n '/^Exit status:/,/^$/p' | sed -n 's/^  \([0-9][0-9]*\) .*/\1/p')
section=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$man")
missing=''
for c in $codes; do echo "$section" | grep -qx "\.B $c" || missing="$missing $c"; done
tap "$([ -n "$codes" ] && [ -z "$missing" ] && echo 0 || echo 1)" "EXIT STATUS lists every code of --help ($(echo $codes))" "missing:$missing"
tap "$(grep -q '^\.SH EXAMPLES' "$man" && echo 0 || echo 1)" "mailsetup.1 has EXAMPLES"

# The man pages of the tree (files whose first request is .TH), formatted
# as lintian does; line-breaking warnings depend on the width: ignored, as
# lintian ignores them.
if command -v man >/dev/null; then
	for page in $(cd "$top_srcdir" && find . \( -name '_build*' -o -name .git -o -name autom4te.cache \) -prune \
		-o -type f -name '*.[1-8]' -print | sort); do
		grep -q '^\.TH ' "$top_srcdir/$page" || continue
		warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$top_srcdir/$page" 2>&1 >/dev/null \
			| grep -vE "warning \[[^]]*\]: (can't break|cannot adjust) line")
		tap "$([ -z "$warnings" ] && echo 0 || echo 1)" "${page#./} formats without warnings" "$warnings"
	done
fi
echo "1..$n"
