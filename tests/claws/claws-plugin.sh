#!/bin/sh
# The mailsetup plugin inside the real Claws Mail, under Xvfb (TAP).
#
# Starts Claws with a throwaway --alternate-config-dir whose plugin list
# holds the freshly built plugin, checks through Claws's own log that it
# loaded, then drives Claws's user interface through AT-SPI (dogtail,
# tests/claws/drive.py): the menu item and its "not yet available" dialog,
# the plugin manager's listing, Unload and Load twice. Finally quits Claws
# with SIGTERM (its clean exit path) and checks the unload marker, the
# absence of criticals and Claws's exit status.
#
# Environment:
#   top_srcdir, top_builddir  absolute, as set by make check
#   MS_CLAWS_PLUGIN   the plugin to load (default: the build tree's
#                     plugin/claws/.libs/mailsetup.so)
#   MS_CLAWS_LANG     "fr": run Claws in French and expect the French
#                     strings (needs an installed plugin: translations are
#                     looked up under the installed LOCALEDIR)
#   MS_CLAWS_OUTDIR   where logs and screenshots go (default:
#                     $top_builddir/tests/claws/claws-plugin.out)
# Everything else is written in a temporary directory removed on exit.
# The uninstalled plugin finds libmailsetup.so.0 through the RUNPATH libtool
# gives it (the build tree's plugin/engine/.libs): no LD_LIBRARY_PATH.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/claws/lib.sh"
lang="${MS_CLAWS_LANG:-en}"
outdir="${MS_CLAWS_OUTDIR:-$top_builddir/tests/claws/claws-plugin.out}"

# --- outside the private session bus: prerequisites, then re-run inside it
if [ -z "${MS_CLAWS_IN_SESSION:-}" ]; then
	ms_need_claws_tools --gui
	export MS_CLAWS_IN_SESSION=1
	ms_session exec dbus-run-session -- /bin/sh "$0" "$@"
fi

# --- inside the session bus
ms_session_inner
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-claws.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
cleanup() {
	ms_claws_kill
	ms_xvfb_stop
	ms_cleanup_tmp "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

finish() {
	echo "1..$n"
	mkdir -p "$outdir" 2>/dev/null && cp "$tmp/claws.out" "$tmp/cfg/claws.log" \
		"$tmp/drive.out" "$outdir/" 2>/dev/null
	exit 0
}

mkdir -p "$outdir" 2>/dev/null || outdir=$tmp/out
mkdir -p "$outdir" "$tmp/home/Mail"
rm -f "$outdir"/*.png
echo "# plugin: $plugin"
echo "# logs and screenshots: $outdir"

# Without the seed's [MailSetup] block (the last one): the seed has no
# real account, so the plugin offers its assistant once, at start.
ms_seed_config "$tmp/cfg" "$plugin" -e '/^\[MailSetup\]/,$d'
export HOME="$tmp/home"
# A site-wide defaults file (mailsetup.conf(5)) that locks SRV lookups off:
# the preferences page must show it read-only, naming the file.
mkdir -p "$tmp/xdg/mailsetup"
printf '# test site\n[Discovery]\nsrv=false\nlocked=srv\n' >"$tmp/xdg/mailsetup/50-test-site.conf"
export XDG_CONFIG_DIRS="$tmp/xdg" MS_CLAWS_SITE_FILE="$tmp/xdg/mailsetup/50-test-site.conf:3"
if [ "$lang" = fr ]; then
	export LANGUAGE=fr LC_ALL=C.UTF-8 LANG=C.UTF-8
fi
ms_xvfb_start "$tmp" -screen 0 1280x900x24
ms_atspi_display

start=$(date +%s)
ms_claws_start "$tmp/cfg" "$tmp/claws.out"

# 1. Claws loaded the plugin: its marker, written through Claws's log.
ms_claws_wait_loaded "$tmp/cfg" "$tmp/claws.out"
loaded=$?
tap $loaded "Claws loaded the plugin (marker in Claws's log)"
check "Claws reported no error loading it" \
	sh -c "! grep -E 'plugin.*(error|failed)|mailsetup.*(CRITICAL|WARNING)' '$tmp/claws.out'"
# Claws checks the licence before it calls plugin_init (GPL-compatible only).
licence_ok() {
	grep -A3 -F "trying to load \`$plugin'" "$tmp/claws.out" | grep -q 'licence check passed: GPL3+'
}
check "Claws accepted its licence (GPL3+)" licence_ok
if [ $loaded != 0 ]; then
	echo "# Claws output:"; tail -20 "$tmp/claws.out" | sed 's/^/#   /'
	finish
fi
echo "# Claws up in $(($(date +%s) - start)) s"
version=$(sed -n 's/.*mailsetup: plugin loaded (version \([^)]*\)).*/\1/p' "$tmp/cfg/claws.log" | head -1)

# 2. The user interface, through AT-SPI. The driver prints TAP lines
# without numbers; they are numbered here.
MS_CLAWS_PLUGIN="$plugin" MS_CLAWS_LANG="$lang" MS_CLAWS_OUTDIR="$outdir" \
MS_CLAWS_LOG="$tmp/cfg/claws.log" MS_CLAWS_PID="$claws_pid" MS_VERSION="$version" \
	ms_drive "$tmp" 120 "$ms_claws_dir/drive.py"

# 3. Clean exit: SIGTERM is Claws's "quit" path (plugin_done runs).
ms_claws_quit

# Loaded at start, then unloaded and loaded twice by the driver, so plugin_done
# ran three times: twice from the plugin manager, once at Claws's exit. (At
# exit Claws's log file is already closed: the marker is on its stderr.)
loads=$(grep -c 'Message.*mailsetup: plugin loaded (version ' "$tmp/claws.out")
unloads=$(grep -c 'Message.*mailsetup: plugin unloaded' "$tmp/claws.out")
tap "$(truth [ "$loads" = 3 ])" "plugin_init ran 3 times (got $loads)"
tap "$(truth [ "$unloads" = 3 ])" "plugin_done ran 3 times, the last at exit (got $unloads)"
ms_check_claws_output "$tmp/claws.out"
echo "# whole run: $(($(date +%s) - start)) s"
finish
