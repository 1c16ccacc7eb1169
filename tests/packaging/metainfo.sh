#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The plugin's AppStream metainfo (data/metainfo/, built with its
# translations merged in) is valid for appstreamcli, extends Claws Mail's
# component, carries the French text, and its newest release is the
# package's version (a release without its entry is caught here). TAP.
set -u
xml="$top_builddir/data/metainfo/org.claws_mail.Claws_Mail.mailsetup.metainfo.xml"
command -v appstreamcli >/dev/null || { echo "1..0 # SKIP appstreamcli missing (tools/install-deps --tests)"; exit 0; }
[ -f "$xml" ] || { echo "1..1"; echo "not ok 1 - $xml not built"; exit 0; }
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
echo "1..5"
n=0
check() {	# check DESCRIPTION COMMAND…
	desc=$1; shift
	n=$((n + 1))
	if out=$("$@" 2>&1); then echo "ok $n - $desc"; else echo "not ok $n - $desc"; echo "$out" | sed 's/^/# /'; fi
}
# --no-net: no URL is fetched (the tests never reach the internet).
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$xml"
check "an add-on component" grep -q '<component type="addon">' "$xml"
# Debian 12's claws-mail has no metainfo: its id is its desktop file's.
check "extends Claws Mail (claws-mail.desktop)" grep -q '<extends>claws-mail.desktop</extends>' "$xml"
check "French name and summary merged from po/fr.po" sh -c "grep -q '<name xml:lang=\"fr\">' '$xml' && grep -q '<summary xml:lang=\"fr\">' '$xml'"
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$xml" | head -1)
check "newest release ($newest) is the package version ($version)" test "$newest" = "$version"
