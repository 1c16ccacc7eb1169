#!/bin/sh
# Every symbol libmailsetup exports is ms_* and documented in a public
# header with a gtk-doc comment ("name:" opening a /** comment), so the
# API and its documentation cannot drift apart.
lib="$top_builddir/plugin/engine/.libs/libmailsetup.so"
headers="$top_srcdir/include/mailsetup"
if [ ! -e "$lib" ]; then
	echo "1..0 # SKIP no shared library built ($lib)"
	exit 0
fi
syms=$(nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "R" || $2 == "B" { print $3 }' | sort)
n=$(echo "$syms" | wc -l)
echo "1..$((n + 1))"
i=1
others=$(echo "$syms" | grep -v '^ms_' | grep -v '^_' || true)
if [ -z "$others" ]; then echo "ok $i - only ms_ symbols exported"; else echo "not ok $i - exported without ms_ prefix: $others"; fi
for s in $syms; do
	i=$((i + 1))
	if grep -Eq "^(/\*\*| \*) ${s}:" "$headers"/*.h; then
		echo "ok $i - $s documented"
	else
		echo "not ok $i - $s has no gtk-doc comment in include/mailsetup/"
	fi
done
