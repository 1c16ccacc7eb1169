#!/bin/sh
# The assistant in French and in English, inside the real Claws Mail, in
# the test world (TAP). See drive.py: every page's screenshot, then no
# English message of ours on any French page.
#
# Two Claws sessions (English, then French) in one world (demo, nothing),
# each with a fresh configuration. French needs the plugin's translations
# where the plugin looks for them (LOCALEDIR): installed, as `make
# installcheck` has them (it runs this test with the installed plugin);
# under `make check` without them installed, the French pages are
# skipped (a SKIP line) and the English half runs.
#
# Environment: top_srcdir, top_builddir; MS_CLAWS_PLUGIN (the plugin);
# MS_FRENCH_OUTDIR (screenshots and logs; default
# $top_builddir/tests/claws/french/french.out).
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/claws/lib.sh"
here="$ms_claws_dir/french"
outdir="${MS_FRENCH_OUTDIR:-$top_builddir/tests/claws/french/french.out}"
scenarios="demo nothing"

if [ -z "${MS_FRENCH_INNER:-}" ]; then
	ms_need_claws_tools --gui
	ms_world_up french $scenarios
	# One private session bus (and X server) per language: a second
	# Claws in the same AT-SPI session made dogtail abort at start.
	# (The driver skips the French pages when the plugin finds no French.)
	export MS_FRENCH_INNER=1 MS_FRENCH_TMP="$tmp" MS_FRENCH_OUTDIR="$outdir"
	ms_tap_count_file=$tmp/n
	for lang in en fr; do
		MS_FRENCH_LANG=$lang MS_FRENCH_N=$n \
			ms_world_session /bin/sh "$0" "$@"
		n=$(cat "$tmp/n" 2>/dev/null || echo "$n")
	done
	echo "1..$n"
	exit 0
fi

ms_session_inner
tmp=$MS_FRENCH_TMP
outdir=$MS_FRENCH_OUTDIR
n=$MS_FRENCH_N
ms_tap_count_file=$tmp/n
cleanup() {
	ms_claws_kill
	ms_xvfb_stop
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
echo "# plugin: $plugin"
echo "# screenshots: $outdir"
ms_xvfb_start "$tmp" -screen 0 1280x900x24
ms_atspi_display
ms_seed_home "$tmp/home"

session() {	# session LANG
	lang=$1 cfg=$tmp/cfg-$1
	ms_seed_config "$cfg" "$plugin"
	if [ "$lang" = fr ]; then
		LANGUAGE=fr LC_ALL=C.UTF-8 LANG=C.UTF-8 ms_claws_start "$cfg" "$tmp/claws-$lang.out"
	else
		LANGUAGE= LC_ALL=C.UTF-8 LANG=C.UTF-8 ms_claws_start "$cfg" "$tmp/claws-$lang.out"
	fi
	ms_claws_wait_loaded "$cfg" "$tmp/claws-$lang.out"
	loaded=$?
	tap $loaded "[$lang] Claws loaded the plugin"
	if [ $loaded != 0 ]; then
		tail -20 "$tmp/claws-$lang.out" | sed 's/^/#   /'
		return
	fi
	MS_CLAWS_LANG=$lang MS_CLAWS_OUTDIR="$outdir" MS_FR_PO="$top_srcdir/po/fr.po" MS_CLAWS_CFG="$cfg" \
	MS_WORLD_SCENARIOS="$top_srcdir/tests/world/scenarios" \
		ms_drive "$tmp" 150 "$here/drive.py"
	cp "$tmp/drive.out" "$outdir/drive-$lang.out" 2>/dev/null
	ms_claws_quit
	ms_check_claws_output "$tmp/claws-$lang.out"
	cp "$tmp/claws-$lang.out" "$outdir/" 2>/dev/null
}

session "$MS_FRENCH_LANG"
