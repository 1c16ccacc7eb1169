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
here="$top_srcdir/tests/claws"
plugin="${MS_CLAWS_PLUGIN:-$top_builddir/plugin/claws/.libs/mailsetup.so}"
lang="${MS_CLAWS_LANG:-en}"
outdir="${MS_CLAWS_OUTDIR:-$top_builddir/tests/claws/claws-plugin.out}"
python=/usr/bin/python3	# Debian's, which has dogtail (not a pyenv one)

skip() { echo "1..0 # SKIP $*"; exit 0; }

# --- outside the private session bus: prerequisites, then re-run inside it
if [ -z "${MS_CLAWS_IN_SESSION:-}" ]; then
	[ -f "$plugin" ] || skip "plugin not built ($plugin)"
	for tool in claws-mail Xvfb dbus-run-session dbus-update-activation-environment xdotool; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
	done
	"$python" -c 'import dogtail, pyatspi' 2>/dev/null \
		|| skip "dogtail not installed for $python (tools/install-deps --tests)"
	# A private D-Bus session: AT-SPI's bus and registry live and die with
	# it. Daemons it starts inherit its output: keep that out of the TAP
	# stream (fd 5 carries it to the inner part, fd 6 our stderr).
	MS_CLAWS_IN_SESSION=1 exec dbus-run-session -- /bin/sh "$0" "$@" \
		5>&1 6>&2 >/dev/null 2>&1
fi

# --- inside the session bus
exec 1>&5 2>&6 5>&- 6>&-
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-claws.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
xvfb_pid='' claws_pid=''
# dogtail always makes /tmp/dogtail-$LOGNAME: give it a name of ours.
dogtail_name=${tmp##*/}
cleanup() {
	[ -n "$claws_pid" ] && kill -KILL "$claws_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && wait "$xvfb_pid" 2>/dev/null
	rm -rf "$tmp" "/tmp/dogtail-$dogtail_name"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

n=0
tap() {	# tap RESULT(0=ok) DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
truth() {	# truth COMMAND…: 0 if it succeeds, else 1
	if "$@"; then echo 0; else echo 1; fi
}
check() {	# check DESCRIPTION COMMAND…
	desc=$1; shift
	if "$@" >/dev/null 2>&1; then tap 0 "$desc"; else tap 1 "$desc"; fi
}
finish() {
	echo "1..$n"
	mkdir -p "$outdir" 2>/dev/null && cp "$tmp/claws.out" "$tmp/cfg/claws.log" \
		"$tmp/drive.out" "$outdir/" 2>/dev/null
	exit 0
}

mkdir -p "$outdir" 2>/dev/null || outdir=$tmp/out
mkdir -p "$outdir" "$tmp/cfg" "$tmp/home/Mail"
rm -f "$outdir"/*.png
echo "# plugin: $plugin"
echo "# logs and screenshots: $outdir"

# Claws's config: one local account (or the first-run wizard blocks), no
# modal first-run questions, offline, and our plugin in [Plugins_GTK3].
cp "$here/seed/accountrc" "$here/seed/folderlist.xml" "$tmp/cfg/"
# Without the seed's [MailSetup] block (the last one): the seed has no
# real account, so the plugin offers its assistant once, at start.
sed -e "s|@PLUGIN@|$plugin|" -e '/^\[MailSetup\]/,$d' "$here/seed/clawsrc.in" >"$tmp/cfg/clawsrc"
chmod -R u+w "$tmp/cfg"	# distcheck's srcdir is read-only
export HOME="$tmp/home"
# A site-wide defaults file (mailsetup.conf(5)) that locks SRV lookups off:
# the preferences page must show it read-only, naming the file.
mkdir -p "$tmp/xdg/mailsetup"
printf '# test site\n[Discovery]\nsrv=false\nlocked=srv\n' >"$tmp/xdg/mailsetup/50-test-site.conf"
export XDG_CONFIG_DIRS="$tmp/xdg" MS_CLAWS_SITE_FILE="$tmp/xdg/mailsetup/50-test-site.conf:3"
unset NO_AT_BRIDGE GTK_MODULES SESSION_MANAGER
if [ "$lang" = fr ]; then
	export LANGUAGE=fr LC_ALL=C.UTF-8 LANG=C.UTF-8
fi

# X server on a free display (-displayfd writes the number it took).
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp \
	3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
display=$(head -1 "$tmp/display")
if [ -z "$display" ]; then
	echo "Bail out! Xvfb did not start: $(tail -3 "$tmp/xvfb.log")"
	exit 1
fi
export DISPLAY=":$display"
# AT-SPI's bus is activated by D-Bus: it must know the display before
# Claws starts, or synthetic clicks and typing go nowhere.
dbus-update-activation-environment DISPLAY="$DISPLAY" LANGUAGE="${LANGUAGE:-}" \
	>/dev/null 2>&1

start=$(date +%s)
claws-mail --alternate-config-dir "$tmp/cfg" --debug </dev/null >"$tmp/claws.out" 2>&1 &
claws_pid=$!

# 1. Claws loaded the plugin: its marker, written through Claws's log.
loaded=1
for _ in $(seq 1 200); do
	grep -q 'mailsetup: plugin loaded (version ' "$tmp/cfg/claws.log" 2>/dev/null && { loaded=0; break; }
	kill -0 "$claws_pid" 2>/dev/null || break
	grep -q 'plugin loading error' "$tmp/claws.out" && break
	sleep 0.1
done
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
GTK_MODULES=gail:atk-bridge LOGNAME="$dogtail_name" \
	timeout 120 "$python" "$here/drive.py" >"$tmp/drive.out" 2>"$tmp/drive.err"
drive_rc=$?
while IFS= read -r line; do
	case $line in
	"ok "*) tap 0 "${line#ok - }" ;;
	"not ok "*) tap 1 "${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	*) echo "# $line" ;;
	esac
done <"$tmp/drive.out"
tap $drive_rc "the AT-SPI driver ran to its end (exit status $drive_rc)"
[ $drive_rc = 0 ] || sed 's/^/# driver: /' "$tmp/drive.err" | tail -20

# 3. Clean exit: SIGTERM is Claws's "quit" path (plugin_done runs).
alive=1; kill -0 "$claws_pid" 2>/dev/null && alive=0
tap $alive "Claws is still running after the driver"
kill -TERM "$claws_pid" 2>/dev/null
for _ in $(seq 1 150); do kill -0 "$claws_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$claws_pid" 2>/dev/null; then
	tap 1 "Claws quit within 15 s of SIGTERM"
	kill -KILL "$claws_pid"
else
	tap 0 "Claws quit within 15 s of SIGTERM"
fi
wait "$claws_pid"
status=$?
claws_pid=
tap "$(truth [ "$status" = 0 ])" "Claws exited with status 0 (got $status)"

# Loaded at start, then unloaded and loaded twice by the driver, so plugin_done
# ran three times: twice from the plugin manager, once at Claws's exit. (At
# exit Claws's log file is already closed: the marker is on its stderr.)
loads=$(grep -c 'Message.*mailsetup: plugin loaded (version ' "$tmp/claws.out")
unloads=$(grep -c 'Message.*mailsetup: plugin unloaded' "$tmp/claws.out")
tap "$(truth [ "$loads" = 3 ])" "plugin_init ran 3 times (got $loads)"
tap "$(truth [ "$unloads" = 3 ])" "plugin_done ran 3 times, the last at exit (got $unloads)"
# Driving GTK menus through AT-SPI makes GTK's accessibility code assert
# (seen with Claws's own menu items too, e.g. Configuration → Plugins...):
# those two known messages are not the plugin's. Any other critical is.
criticals=$(grep CRITICAL "$tmp/claws.out" \
	| grep -v -e "gdk_window_get_window_type: assertion 'GDK_IS_WINDOW (window)' failed" \
		-e "gtk_accessible_get_widget: assertion 'GTK_IS_ACCESSIBLE (accessible)' failed")
tap "$(truth [ -z "$criticals" ])" "no CRITICAL in Claws's output (apart from AT-SPI's known two)"
[ -z "$criticals" ] || echo "$criticals" | head -5 | sed 's/^/#   /'
check "no crash report in Claws's output" \
	sh -c "! grep -qE 'Segmentation fault|Claws Mail process .* crashed|SIGSEGV|SIGABRT' '$tmp/claws.out'"
echo "# whole run: $(($(date +%s) - start)) s"
finish
