#!/bin/sh
# Every symbol libmailsetup exports is ms_* and documented in a public
# header with a gtk-doc comment ("name:" opening a /** comment), so the
# API and its documentation cannot drift apart. So is every public type,
# callback type and macro (Ms*, MS_*), every enum value has its @NAME: line,
# and every gtk-doc comment says Since:.
lib="$top_builddir/plugin/engine/.libs/libmailsetup.so"
headers="$top_srcdir/include/mailsetup"
if [ ! -e "$lib" ]; then
	echo "1..0 # SKIP no shared library built ($lib)"
	exit 0
fi
syms=$(nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "R" || $2 == "B" { print $3 }' | sort)
n=$(echo "$syms" | wc -l)
# Public types: typedef'd structs, enums, callbacks; and macros.
types=$( (grep -ohE '^typedef struct _Ms[A-Za-z0-9]+ Ms[A-Za-z0-9]+;' "$headers"/*.h | sed -E 's/.* (Ms[A-Za-z0-9]+);/\1/'
	grep -ohE '^\} Ms[A-Za-z0-9]+;' "$headers"/*.h | sed -E 's/\} (Ms[A-Za-z0-9]+);/\1/'
	grep -ohE '^typedef [^;]*\(\*Ms[A-Za-z0-9]+\)' "$headers"/*.h | sed -E 's/.*\(\*(Ms[A-Za-z0-9]+)\)/\1/'
	grep -ohE '^#define MS_[A-Z0-9_]+' "$headers"/*.h | sed 's/#define //') | sort -u)
t=$(echo "$types" | wc -l)
echo "1..$((n + t + 3))"
i=1
others=$(echo "$syms" | grep -v '^ms_' | grep -v '^_' || true)
if [ -z "$others" ]; then echo "ok $i - only ms_ symbols exported"; else echo "not ok $i - exported without ms_ prefix: $others"; fi
for s in $syms $types; do
	i=$((i + 1))
	if grep -Eq "^(/\*\*| \*) ${s}:" "$headers"/*.h; then
		echo "ok $i - $s documented"
	else
		echo "not ok $i - $s has no gtk-doc comment in include/mailsetup/"
	fi
done
# Enum values: the lines between "typedef enum {" and its "}".
values=$(awk '/^typedef enum/ { e = 1; next } e && /^}/ { e = 0 } e' "$headers"/*.h \
	| grep -oE '^[[:space:]]*MS_[A-Z0-9_]+' | tr -d ' \t' | sort -u)
undoc=$(for v in $values; do grep -q "@$v:" "$headers"/*.h || echo "$v"; done)
i=$((i + 1))
if [ -z "$undoc" ]; then echo "ok $i - $(echo "$values" | wc -l) enum values documented"; else echo "not ok $i - enum values without @NAME: line:" $undoc; fi
# Since: in every gtk-doc comment (one-line or block).
nosince=$(awk '
/^\/\*\*/ {
	inblock = 1; name = ""; since = 0
	line = $0; sub(/^\/\*\* ?/, "", line)
	if (match(line, /^[A-Za-z_][A-Za-z0-9_]*:/)) name = substr(line, 1, RLENGTH - 1)
}
inblock && name == "" && /^ \* [A-Za-z_][A-Za-z0-9_]*:/ {
	line = $0; sub(/^ \* /, "", line); match(line, /^[A-Za-z_][A-Za-z0-9_]*:/); name = substr(line, 1, RLENGTH - 1)
}
inblock && /Since:/ { since = 1 }
inblock && /\*\// { inblock = 0; if (name != "" && !since) print name }' "$headers"/*.h)
i=$((i + 1))
if [ -z "$nosince" ]; then echo "ok $i - every gtk-doc comment says Since:"; else echo "not ok $i - no Since: in" $nosince; fi
