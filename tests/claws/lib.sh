# Shared by the Claws Mail tests (tests/claws/**/*.sh): sourced, not run.
#
# The same steps for every test of the plugin inside the real Claws:
# prerequisites, TAP output, a private D-Bus session (AT-SPI's bus lives
# and dies with it), Xvfb on a free display, Claws with a throwaway config
# seeded from tests/claws/seed, the AT-SPI driver's TAP relayed and
# numbered, Claws's clean quit, and the checks of its output.
#
#   . "$top_srcdir/tests/claws/lib.sh"
#
# Needs $top_srcdir and $top_builddir. Sets ms_claws_dir (tests/claws of
# the source tree), ms_python (Debian's python3, which has dogtail), n (the
# TAP count), world (the test world's command) and plugin (the plugin to
# load: $MS_CLAWS_PLUGIN, else the build tree's).
#
# SPDX-License-Identifier: GPL-3.0-or-later

ms_claws_dir="$top_srcdir/tests/claws"
ms_python=/usr/bin/python3	# Debian's, which has dogtail (not a pyenv one)
n=0 failed=0
world="$top_srcdir/tests/world/world"
plugin="${MS_CLAWS_PLUGIN:-$top_builddir/plugin/claws/.libs/mailsetup.so}"
ms_tap_count_file=''	# when set, tap() writes the count there (for a parent process)

skip() { echo "1..0 # SKIP $*"; exit 0; }

# ms_need_claws_tools [--gui]: skip unless $plugin is built and Claws and
# Xvfb are there; with --gui also D-Bus, xdotool and dogtail (the AT-SPI
# drivers).
ms_need_claws_tools() {
	[ -f "$plugin" ] || skip "plugin not built ($plugin)"
	tools="claws-mail Xvfb"
	[ "${1:-}" = --gui ] && tools="$tools dbus-run-session dbus-update-activation-environment xdotool"
	for tool in $tools; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (tools/install-deps --tests)"
	done
	if [ "${1:-}" = --gui ]; then
		"$ms_python" -c 'import dogtail, pyatspi' 2>/dev/null \
			|| skip "dogtail not installed for $ms_python (tools/install-deps --tests)"
	fi
	return 0
}

# --- TAP
tap() {	# tap RESULT(0=ok) DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
	[ -z "$ms_tap_count_file" ] || echo $n >"$ms_tap_count_file"
}
truth() {	# truth COMMAND…: 0 if it succeeds, else 1
	if "$@"; then echo 0; else echo 1; fi
}
check() {	# check DESCRIPTION COMMAND…
	desc=$1; shift
	if "$@" >/dev/null 2>&1; then tap 0 "$desc"; else tap 1 "$desc"; fi
}
is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then tap 0 "$3"; else tap 1 "$3 (got '$1', want '$2')"; fi
}

# --- the private D-Bus session
# ms_session COMMAND…: runs COMMAND (which ends with `dbus-run-session --
# /bin/sh "$0"`, maybe behind `world exec`) with our stdout and stderr on
# fds 5 and 6: the session's daemons inherit its own output, which must
# stay out of the TAP stream. The inner part calls ms_session_inner first.
ms_session() { "$@" 5>&1 6>&2 >/dev/null 2>&1; }
ms_session_inner() { exec 1>&5 2>&6 5>&- 6>&-; }

# --- Xvfb
# ms_xvfb_start DIR [Xvfb options…]: an X server on a free display
# (-displayfd writes the number it took); sets xvfb_pid and ms_display
# (":N"). Bails out if it does not start.
xvfb_pid=''
ms_xvfb_start() {
	dir=$1; shift
	ms_run_dir=$dir/run
	Xvfb -displayfd 3 -nolisten tcp "$@" 3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 1 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
	ms_display=:$(head -1 "$dir/display")
	if [ "$ms_display" = : ]; then
		echo "Bail out! Xvfb did not start: $(tail -3 "$dir/xvfb.log")"
		exit 1
	fi
}
ms_xvfb_stop() {
	[ -n "$xvfb_pid" ] || return 0
	kill -TERM "$xvfb_pid" 2>/dev/null
	wait "$xvfb_pid" 2>/dev/null
	xvfb_pid=''
}
# ms_atspi_display: DISPLAY for Claws and for AT-SPI's bus, which D-Bus
# activates: it must know the display (and the language) before Claws
# starts, or synthetic clicks and typing go nowhere. XDG_RUNTIME_DIR of
# our own (beside Xvfb's files): the bus launcher puts its socket there,
# else in ~/.cache/at-spi/bus_<display>, where another test's launcher
# with the same display number once removed it under our driver's feet
# (dbind-ERROR, the driver aborted with SIGTRAP).
ms_atspi_display() {
	export DISPLAY="$ms_display"
	mkdir -p "$ms_run_dir" && chmod 700 "$ms_run_dir"
	export XDG_RUNTIME_DIR="$ms_run_dir"
	unset NO_AT_BRIDGE GTK_MODULES SESSION_MANAGER
	dbus-update-activation-environment DISPLAY="$DISPLAY" LANGUAGE="${LANGUAGE:-}" \
		XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" >/dev/null 2>&1
}

# --- Claws
# ms_seed_config DIR PLUGIN [sed expression…]: Claws's config from
# tests/claws/seed (one local account, or the first-run wizard blocks; no
# modal first-run questions; offline) with PLUGIN in [Plugins_GTK3]; the
# expressions edit clawsrc further.
ms_seed_config() {
	cfgdir=$1 plugin_path=$2; shift 2
	mkdir -p "$cfgdir"
	cp "$ms_claws_dir/seed/accountrc" "$ms_claws_dir/seed/folderlist.xml" "$cfgdir/"
	set -- -e "s|@PLUGIN@|$plugin_path|" "$@"
	sed "$@" "$ms_claws_dir/seed/clawsrc.in" >"$cfgdir/clawsrc"
	chmod -R u+w "$cfgdir"	# distcheck's srcdir is read-only
}

# ms_claws_start CFG OUT: Claws in the background (pid in claws_pid).
claws_pid=''
ms_claws_start() {
	claws-mail --alternate-config-dir "$1" --debug </dev/null >"$2" 2>&1 &
	claws_pid=$!
}
# ms_claws_wait_loaded CFG OUT: waits (20 s) for the plugin's load marker
# in Claws's log; fails if Claws died or reported a plugin loading error.
ms_claws_wait_loaded() {
	for _ in $(seq 1 200); do
		grep -q 'mailsetup: plugin loaded (version ' "$1/claws.log" 2>/dev/null && return 0
		kill -0 "$claws_pid" 2>/dev/null || return 1
		grep -q 'plugin loading error' "$2" && return 1
		sleep 0.1
	done
	return 1
}
# ms_claws_up CFG OUT DESCRIPTION: ms_claws_start, ms_claws_wait_loaded,
# and a check of it described so; on failure Claws's last words as TAP
# comments, and a non-zero status (the caller stops).
ms_claws_up() {
	ms_claws_start "$1" "$2"
	ms_claws_wait_loaded "$1" "$2"
	loaded=$?
	tap $loaded "$3"
	[ $loaded = 0 ] || tail -20 "$2" | sed 's/^/#   /'
	return $loaded
}
# ms_claws_quit: SIGTERM is Claws's clean quit (plugin_done runs): taps
# that it quit within 15 s; sets ms_status to its exit status.
ms_claws_quit() {
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
	ms_status=$?
	claws_pid=''
	tap "$(truth [ "$ms_status" = 0 ])" "Claws exited with status 0 (got $ms_status)"
}
ms_claws_kill() {
	[ -n "$claws_pid" ] && kill -KILL "$claws_pid" 2>/dev/null
	claws_pid=''
}

# ms_check_claws_output OUT [KNOWN…]: no CRITICAL and no crash. Driving
# GTK menus through AT-SPI makes GTK's accessibility code assert (seen with
# Claws's own menu items too): those two known messages are not the
# plugin's; a test may name more (fixed strings) that it proved are not.
ms_check_claws_output() {
	out=$1; shift
	known="$*"
	criticals=$(grep CRITICAL "$out" \
		| grep -v -e "gdk_window_get_window_type: assertion 'GDK_IS_WINDOW (window)' failed" \
			-e "gtk_accessible_get_widget: assertion 'GTK_IS_ACCESSIBLE (accessible)' failed" \
		| while IFS= read -r line; do
			for k in "$@"; do case $line in *"$k"*) continue 2 ;; esac; done
			printf '%s\n' "$line"
		done)
	tap "$(truth [ -z "$criticals" ])" "no CRITICAL in Claws's output (apart from AT-SPI's known ones${known:+: $known})"
	[ -z "$criticals" ] || echo "$criticals" | head -5 | sed 's/^/#   /'
	tap "$(truth sh -c "! grep -qE 'Segmentation fault|Claws Mail process .* crashed|SIGSEGV|SIGABRT' '$out'")" \
		"no crash report in Claws's output"
}

# --- the AT-SPI driver
# ms_drive TMP TIMEOUT SCRIPT: runs a dogtail driver (tests/claws/lib/
# atspi.py) with the accessibility bridge on, then numbers its unnumbered
# TAP lines ("ok - …", "not ok - …", "# …") and taps that it ran to its
# end. Its output is kept in TMP/drive.out and TMP/drive.err; dogtail
# always makes /tmp/dogtail-$LOGNAME: it gets TMP's name, removed by
# ms_cleanup_tmp. Extra environment is passed by the caller.
ms_drive() {
	GTK_MODULES=gail:atk-bridge LOGNAME="${1##*/}" PYTHONDONTWRITEBYTECODE=1 \
		timeout "$2" "$ms_python" "$3" >"$1/drive.out" 2>"$1/drive.err"
	drive_rc=$?
	while IFS= read -r line; do
		case $line in
		"ok "*) tap 0 "${line#ok - }" ;;
		"not ok "*) tap 1 "${line#not ok - }" ;;
		"#"*) printf '%s\n' "$line" ;;
		*) printf '# %s\n' "$line" ;;
		esac
	done <"$1/drive.out"
	tap $drive_rc "the AT-SPI driver ran to its end (exit status $drive_rc)"
	[ $drive_rc = 0 ] || sed 's/^/# driver: /' "$1/drive.err" | tail -20
	return 0
}
ms_cleanup_tmp() { rm -rf "$1" "/tmp/dogtail-${1##*/}"; }
# ms_password_patterns EXPECTED ADDRESS: prints ADDRESS's password from a
# scenario's expected file, and the base64 forms SMTP AUTH and SASL PLAIN
# send, one a line, for grep -F -f: never on a command line.
ms_password_patterns() {
	"$ms_python" - "$1" "$2" <<'PY'
import base64, sys
for line in open(sys.argv[1]):
    w = line.split()
    if len(w) == 3 and w[0] == sys.argv[2] and w[1] == "password":
        u, p = w[0].encode(), w[2].encode()
        for x in (p, base64.b64encode(p), base64.b64encode(b"\0" + u + b"\0" + p)):
            print(x.decode())
PY
}

# ms_seed_home DIR: HOME for Claws (DIR, with its Mail folder), with
# mailsetup's own provider data (data/providers) where a user's goes
# ($XDG_DATA_HOME/mailsetup/providers): the plugin under test is not
# installed yet, and its built-in answers (Gmail's OAuth2…) must not
# depend on whether an earlier `make install` left some behind.
ms_seed_home() {
	export HOME="$1"
	unset XDG_DATA_HOME
	mkdir -p "$HOME/Mail" "$HOME/.local/share/mailsetup/providers"
	cp "$top_srcdir"/data/providers/*.xml "$HOME/.local/share/mailsetup/providers/"
}

# --- the test world (the outer part of a test that runs Claws in it)
# ms_world_up NAME SCENARIO…: root and ip checked (else SKIP), a temporary
# directory ($tmp) and a world ($W) both removed on exit, $outdir made
# (its screenshots removed). Skips when the world cannot run here.
ms_world_up() {
	name=$1; shift
	[ "$(id -u)" = 0 ] || skip "not root (the test world needs network namespaces)"
	command -v ip >/dev/null 2>&1 || skip "ip (iproute2) not installed"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-$name.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
	W=''
	trap ms_world_cleanup EXIT
	trap 'exit 1' INT TERM HUP
	W=$("$top_srcdir/tests/world/world" up "$@" 2>"$tmp/world-up.log")
	rc=$?
	[ $rc = 77 ] && { W=''; skip "the test world cannot run here: $(tail -1 "$tmp/world-up.log")"; }
	if [ $rc != 0 ] || [ -z "$W" ]; then
		echo "Bail out! world up failed ($rc): $(tail -3 "$tmp/world-up.log")"
		W=''
		exit 1
	fi
	mkdir -p "$outdir" 2>/dev/null || outdir=$tmp/out
	mkdir -p "$outdir"
	rm -f "$outdir"/*.png
}
ms_world_cleanup() {
	[ -n "$W" ] && "$top_srcdir/tests/world/world" down --world "$W" >/dev/null 2>&1
	ms_cleanup_tmp "$tmp"
}
# ms_world_session COMMAND…: the inner part, run again inside the world's
# client namespace and a private session bus (ms_session).
ms_world_session() {
	ms_session "$top_srcdir/tests/world/world" exec --world "$W" -- dbus-run-session -- "$@"
}

# --- a test run twice: outside the world, then inside it
# The outer part (after ms_world_up) runs the script again inside the
# world; PREFIX names the test's variables that tell the inner part where
# it is: PREFIX_INNER (set: the inner part), PREFIX_TMP ($tmp),
# PREFIX_OUTDIR ($outdir, which its driver reads too) and PREFIX_WORLD ($W).
#
# ms_world_inner PREFIX ARG…: "$0" ARG… again inside the world's client
# namespace and a private session bus; sets ms_inner_status to its exit
# status and n to the count of the taps it printed (from $tmp/n).
ms_world_inner() {
	prefix=$1; shift
	export "${prefix}_INNER=1" "${prefix}_TMP=$tmp" "${prefix}_OUTDIR=$outdir" "${prefix}_WORLD=$W"
	ms_world_session /bin/sh "$0" "$@"
	ms_inner_status=$?
	n=$(cat "$tmp/n" 2>/dev/null || echo 0)
}
# ms_world_done: the plan, and the inner part's exit status.
ms_world_done() {
	echo "1..$n"
	exit "$ms_inner_status"
}
# ms_world_saw_login ADDRESS: (outer part, after ms_world_inner) the
# world's record of logins in $outdir/logins.txt, and a check that ADDRESS
# logged in.
ms_world_saw_login() {
	"$world" logins --world "$W" >"$outdir/logins.txt" 2>&1
	n=$((n + 1))
	if grep -q " ok .*$1" "$outdir/logins.txt"; then
		echo "ok $n - the world's servers saw $1 log in"
	else
		echo "not ok $n - the world's servers saw $1 log in"
	fi
}
# ms_inner_begin PREFIX: the inner part's start: our output back on
# stdout (ms_session_inner), $tmp, $outdir and $W from the outer part, the
# taps counted in $tmp/n; on exit, Claws killed, Xvfb stopped, then the
# test's own ms_keep (which copies its logs to $outdir).
ms_inner_begin() {
	ms_session_inner
	eval "tmp=\$${1}_TMP outdir=\$${1}_OUTDIR W=\$${1}_WORLD"
	ms_tap_count_file=$tmp/n
	trap ms_inner_cleanup EXIT
	trap 'exit 1' INT TERM HUP
}
ms_inner_cleanup() {
	ms_claws_kill
	ms_xvfb_stop
	ms_keep
}

# --- comparing snapshots of Claws's config dir (made by the test)
# changed A B: the paths whose hash (or presence) differs between the
# snapshot files $tmp/snap-A and $tmp/snap-B ("TYPE-OR-HASH ./PATH" lines),
# on one line.
changed() {
	diff "$tmp/snap-$1" "$tmp/snap-$2" | sed -n 's|^[<>] [^ ]* \./||p' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
only_in() {	# only_in "CHANGED" "ALLOWED": every changed path is allowed
	for path in $1; do
		case " $2 " in *" $path "*) ;; *) echo "unexpected change: $path"; return 1 ;; esac
	done
}
# field ID KEY: KEY's value in account ID's block of $cfg/accountrc.
field() {
	awk -v id="$1" '/^\[Account: / { on = ($0 == "[Account: " id "]"); next } on' "$cfg/accountrc" |
		sed -n "s/^$2=//p"
}
