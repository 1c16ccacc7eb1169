#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `make install DESTDIR=…` (what every distribution's recipe runs) puts each
# file where it belongs under DESTDIR, and nothing elsewhere: the tool, the
# library and its headers and mailsetup.pc, the man pages, the translations,
# the provider data, the AppStream metainfo, the plugin in Claws's plugin
# directory. No installed file names the build directory, and `make
# uninstall DESTDIR=…` removes every file again. TAP.
#
# Environment (set by `make installcheck`, from the Makefile's own
# variables): MAKE top_srcdir top_builddir prefix bindir libdir includedir
# datadir mandir localedir pkgdatadir clawsplugindir (empty: no plugin)
# headers mans providers metainfo (lists of source paths).
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-destdir.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
d="$tmp/root"
n=0
tap() {	# tap RESULT(0=ok) DESCRIPTION [DETAILS]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -z "${3:-}" ] || echo "$3" | sed 's/^/# /'; fi
}
missing=''
need() {	# need PATH…: note the paths not installed
	for p in "$@"; do [ -e "$d$p" ] || [ -L "$d$p" ] || missing="$missing $p"; done
}
group() {	# group DESCRIPTION: one result for the need calls since the last group
	if [ -z "$missing" ]; then tap 0 "$1"; else tap 1 "$1" "missing:$missing"; fi
	missing=''
}

if ${MAKE:-make} -C "$top_builddir" install DESTDIR="$d" >"$tmp/install.log" 2>&1; then
	tap 0 "make install DESTDIR=…"
else
	tap 1 "make install DESTDIR=…" "$(tail -20 "$tmp/install.log")"
	echo "1..$n"; exit 0
fi

# Everything lands under DESTDIR + prefix, or in Claws's plugin directory.
stray=$(cd "$d" && find . -type f -o -type l | sed 's|^\.||' | while read -r f; do
	case $f in "$prefix"/*) ;; "${clawsplugindir:-$prefix}"/*) ;; *) echo "$f" ;; esac
done)
tap "$([ -z "$stray" ] && echo 0 || echo 1)" "every file under the prefix or Claws's plugin directory" "$stray"

need "$bindir/mailsetup"
[ -x "$d$bindir/mailsetup" ] || missing="$missing (not executable)"
group "the mailsetup tool in $bindir"

need "$libdir/libmailsetup.so" "$libdir/libmailsetup.so.0"
group "libmailsetup.so and its soname link in $libdir"

for h in $headers; do need "$includedir/mailsetup/${h##*/}"; done
group "$(echo $headers | wc -w) headers in $includedir/mailsetup"

pc="$d$libdir/pkgconfig/mailsetup.pc"
need "$libdir/pkgconfig/mailsetup.pc"
group "mailsetup.pc in $libdir/pkgconfig"
# The .pc names the real libdir, never DESTDIR.
pclibdir=$(PKG_CONFIG_PATH="$d$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR='' pkg-config --variable=libdir mailsetup 2>&1)
tap "$([ "$pclibdir" = "$libdir" ] && ! grep -q "$d" "$pc" && echo 0 || echo 1)" \
	"mailsetup.pc says libdir=$libdir" "libdir=$pclibdir"

for m in $mans; do s=${m##*.}; need "$mandir/man$s/${m##*/}"; done
group "man pages: $(for m in $mans; do printf '%s ' "${m##*/}"; done)"

for l in $(grep -v '^#' "$top_srcdir/po/LINGUAS"); do need "$localedir/$l/LC_MESSAGES/mailsetup.mo"; done
group "translations: $(grep -v '^#' "$top_srcdir/po/LINGUAS" | tr '\n' ' ')"

for p in $providers; do need "$pkgdatadir/providers/${p##*/}"; done
group "$(echo $providers | wc -w) provider data files (with their MPL-2.0 LICENSE) in $pkgdatadir/providers"

if [ -n "$clawsplugindir" ]; then
	need "$clawsplugindir/mailsetup.so"
	group "the Claws plugin in $clawsplugindir"
	for m in $metainfo; do need "$datadir/metainfo/${m##*/}"; done
	group "AppStream metainfo in $datadir/metainfo"
fi

# A path of the build or source tree in an installed file (an RPATH, a
# data path) breaks the installed program once the tree is gone. (The
# prefix itself may lie inside them, as in distcheck: those paths are fine;
# so is the compilation directory in debugging information.)
re() { printf '%s' "$1" | sed 's/[].[*^$\\/+?(){}|]/\\&/g'; }
tree="($(re "$top_builddir")|$(re "$(cd "$top_srcdir" && pwd)"))"
leaks=$(find "$d" -type f | while read -r f; do
	if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then
		readelf -d "$f" 2>/dev/null | grep -E 'R(UN)?PATH' | grep -oE "$tree[^]:]*"
	else
		grep -aoE "$tree[^[:space:][:cntrl:]:\"';]*" "$f"
	fi | grep -v "^$prefix\(/\|\$\)" | sed "s|^|${f#"$d"}: |"
done)
tap "$([ -z "$leaks" ] && echo 0 || echo 1)" "no installed file names the build directory" "$leaks"

if ${MAKE:-make} -C "$top_builddir" uninstall DESTDIR="$d" >"$tmp/uninstall.log" 2>&1; then
	left=$(cd "$d" && find . -type f -o -type l)
	tap "$([ -z "$left" ] && echo 0 || echo 1)" "make uninstall DESTDIR=… removes every file" "$left"
else
	tap 1 "make uninstall DESTDIR=…" "$(tail -20 "$tmp/uninstall.log")"
fi
echo "1..$n"
