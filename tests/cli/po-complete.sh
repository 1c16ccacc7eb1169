#!/bin/sh
# Every translatable string of the sources has a French translation: the
# catalogue is made again from po/POTFILES.in (into a temporary directory:
# the source tree may be read-only), merged with po/fr.po, and must have
# no untranslated or fuzzy message; msgfmt --check finds nothing wrong in
# it (format strings, headers). Sources other than C (the AppStream
# metainfo) are read by the rules gettext has for them. TAP.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if ! command -v xgettext >/dev/null; then
	echo "1..0 # SKIP gettext tools missing"
	exit 0
fi
echo "1..4"
cd "$top_srcdir" || exit 1
files=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | grep '\.[ch]$')
others=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | grep -v '\.[ch]$')
# The same keywords as po/Makevars.
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=d_ \
	--keyword=ngettext:1,2 --language=C -o "$tmp/mailsetup.pot" $files 2>"$tmp/xgettext.err"
# XML files (*.metainfo.xml.in): xgettext picks gettext's ITS rules itself.
[ -z "$others" ] || xgettext --from-code=UTF-8 -j -o "$tmp/mailsetup.pot" $others 2>>"$tmp/xgettext.err"
if [ -s "$tmp/mailsetup.pot" ]; then echo "ok 1 - catalogue made from the sources"; else echo "not ok 1 - xgettext"; sed 's/^/# /' "$tmp/xgettext.err"; fi
msgmerge -q --no-fuzzy-matching -o "$tmp/fr.po" po/fr.po "$tmp/mailsetup.pot"
left=$(msgattrib --untranslated --no-obsolete "$tmp/fr.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/fr.po" | grep -c '^msgid ' || true)
# The header counts as one "untranslated" entry in each listing.
if [ "$left" -le 1 ]; then echo "ok 2 - no string left untranslated"; else
	echo "not ok 2 - $((left - 1)) strings untranslated in French:"
	msgattrib --untranslated --no-obsolete --no-wrap "$tmp/fr.po" | grep '^msgid ' | tail -n +2 | sed 's/^/# /'
fi
if [ "$fuzzy" -eq 0 ]; then echo "ok 3 - no fuzzy translation"; else echo "not ok 3 - $fuzzy fuzzy translations"; fi
# msgfmt --check: format strings that match their msgid, a sane header.
if msgfmt --check -o /dev/null po/fr.po 2>"$tmp/msgfmt.err" && [ ! -s "$tmp/msgfmt.err" ]; then
	echo "ok 4 - msgfmt --check po/fr.po"
else
	echo "not ok 4 - msgfmt --check po/fr.po"; sed 's/^/# /' "$tmp/msgfmt.err"
fi
